//! Which source `url`s a Markdown report makes into links, and how. A url
//! is a stranger's text like any other: as a link, `javascript:alert(1)`
//! runs code where a viewer follows it, and `<script>` written inside
//! `<...>` is raw HTML. `stance check` warns of every url that is not a
//! link by this rule, and the reports show it as text.

use crate::visible;
use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `url` is an absolute `http`, `https` or `mailto` URL (the
/// scheme in any case) with something after the scheme, and no hidden
/// character (`visible::is_hidden`), which would make the address other
/// than it looks.
pub fn is_link(url: &str) -> bool {
    if url.chars().any(visible::is_hidden) {
        return false;
    }
    let after = |scheme: &str| {
        url.get(..scheme.len())
            .filter(|s| s.eq_ignore_ascii_case(scheme))
            .map(|_| &url[scheme.len()..])
    };
    if let Some(rest) = after("http://").or_else(|| after("https://")) {
        // A host: `https:///x` and `https://?q` have none.
        return rest
            .chars()
            .next()
            .is_some_and(|c| !matches!(c, '/' | '?' | '#' | ' '));
    }
    after("mailto:").is_some_and(|rest| !rest.trim().is_empty())
}

/// A link's address as it goes between `<` and `>` in Markdown: spaces,
/// angle brackets, quotes, backticks, backslashes and the other characters
/// a URL may not hold raw are percent-encoded, so that none of them can
/// close the link, open HTML or an attribute, or start a code span, in
/// any Markdown renderer. An address already encoded is left as it is.
pub fn href(url: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| {
        matches!(
            c,
            ' ' | '"' | '\'' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}' | '(' | ')'
        ) || c.is_whitespace()
            || visible::is_hidden(c)
    };
    if !url.chars().any(unsafe_char) {
        return Cow::Borrowed(url);
    }
    let mut out = String::with_capacity(url.len() + 8);
    for c in url.chars() {
        if unsafe_char(c) {
            for b in c.encode_utf8(&mut [0; 4]).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Only absolute http, https and mailto addresses are links.
    #[test]
    fn links_and_not_links() {
        for url in [
            "https://example.org/...",
            "http://example.org",
            "HTTPS://EXAMPLE.ORG/a b",
            "mailto:press@example.org",
            "https://fr.wikipedia.org/wiki/Négociation",
        ] {
            assert!(is_link(url), "{url}");
        }
        for url in [
            "javascript:alert(1)",
            "JavaScript://example.org/%0aalert(1)",
            "data:text/html,<script>alert(1)</script>",
            "script",
            "<script>alert(1)</script>",
            "www.example.org",
            "example.org/page",
            "/relative/path",
            "//example.org",
            "https://",
            "https:///path",
            "https:example.org",
            "ftp://example.org",
            "mailto:",
            "https://exa\u{202e}gro.elpm",
            "https://example.org/\u{1b}[31m",
            "",
        ] {
            assert!(!is_link(url), "{url}");
        }
    }

    /// Nothing in an address can end `<...>` or open HTML or code.
    #[test]
    fn an_address_cannot_break_out_of_its_link() {
        assert_eq!(
            href("https://e.org/a b>c<d\"e'f`g\\h)i|j{k}^"),
            "https://e.org/a%20b%3Ec%3Cd%22e%27f%60g%5Ch%29i%7Cj%7Bk%7D%5E"
        );
        assert_eq!(
            href("https://e.org/a%20b?q=1&r=2#x"),
            "https://e.org/a%20b?q=1&r=2#x"
        );
        assert!(matches!(href("https://example.org/"), Cow::Borrowed(_)));
    }
}
