//! Markdown mechanics: user text made safe to inline, and links to the
//! anchors (`export::anchor`) that stances and blocks point to.

use crate::export::anchor::issue_anchor;
use crate::visible;

/// User text as one line of inline Markdown that renders as written: runs
/// of whitespace (YAML folds, line breaks) become one space, and characters
/// that would start formatting, a link, HTML, math or a table cell are
/// escaped. Characters that only matter at the start of a line are left
/// alone: this text never starts one. A hidden character (a control, a
/// bidirectional control, a zero-width character: `visible::is_hidden`)
/// is written as the text report writes it, `\u{202e}`: a backslash
/// before a letter is no escape in Markdown, so it renders as written.
pub(super) fn inline(text: &str) -> String {
    if is_plain(text) {
        text.to_owned()
    } else {
        escape(text)
    }
}

fn escape(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        if visible::is_hidden(c) {
            out.push_str(&visible::line(c.encode_utf8(&mut [0; 4])));
            continue;
        }
        let escape = match c {
            c if ALWAYS.contains(&c) => true,
            // Inside a word, as in `not_applicable`, `_` is plain text.
            '_' => {
                !(prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric))
            }
            // Only `&name;` and `&#1;` are entities.
            '&' => next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escaped wherever they stand; `_` and `&` only where they would mean
/// something (`escape`).
const ALWAYS: [char; 8] = ['\\', '`', '*', '[', '<', '|', '~', '$'];

/// Nothing to fold or escape, as with most ids and many quotes: checked
/// in one pass, since a large report inlines hundreds of thousands.
fn is_plain(text: &str) -> bool {
    let mut after_space = true;
    for c in text.chars() {
        match c {
            ' ' if after_space => return false,
            ' ' => after_space = true,
            c if ALWAYS.contains(&c) || c == '_' || c == '&' => return false,
            c if c.is_whitespace() || visible::is_hidden(c) => return false,
            _ => after_space = false,
        }
    }
    !after_space || text.is_empty()
}

/// User text as a code span, for a path: shown as written but for its
/// hidden characters (`visible::line`), between more backticks than any
/// run of them inside, so that none can end the span early.
pub(super) fn code(text: &str) -> String {
    let text = visible::line(text);
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    // A span that starts or ends with a backtick needs a space to part it
    // from the fence; Markdown takes one off each end.
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// A trailing `#` would be taken for the closing sequence of an ATX heading.
pub(super) fn heading_text(text: &str) -> String {
    match text.strip_suffix('#') {
        Some(rest) => format!("{rest}\\#"),
        None => text.to_owned(),
    }
}

/// A source's url: a link when it is an absolute http, https or mailto
/// URL (`url::is_link`), written so that nothing in it can end the link
/// early (`url::href`); anything else is text, escaped like all text, and
/// said to be no link (`stance check` warns of it).
pub(super) fn autolink(url: &str) -> String {
    if crate::url::is_link(url) {
        format!("<{}>", crate::url::href(url))
    } else {
        format!("(not linked: {})", inline(url))
    }
}

pub(super) fn issue_link(issue: &str) -> String {
    format!("[{}](#{})", inline(issue), issue_anchor(issue))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A path shows as written; no backtick in it ends its span.
    #[test]
    fn code_spans_hold_any_path() {
        assert_eq!(code("positions/x"), "`positions/x`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`a``"), "``` `a`` ```");
        assert_eq!(code("a\u{1b}]0;x\u{7}"), "`a\\u{1b}]0;x\\u{7}`");
        assert_eq!(code("a\u{1b}b\n"), "`a\\u{1b}b\\n`");
    }

    #[test]
    fn ids_and_ordinary_sentences_take_the_shortcut() {
        assert!(is_plain("issue-0"));
        assert!(is_plain("Nous tenons à un accord, dit-il."));
        assert!(!is_plain("a  b") && !is_plain(" a") && !is_plain("a_b"));
    }

    proptest! {
        /// The shortcut for plain text changes nothing the full escape would.
        #[test]
        fn plain_text_needs_no_escape(text in "[ a-z_&*\\\\|$`\\[<~\t\n\u{a0}é#\u{1b}\u{202e}\u{200b}-]{0,12}") {
            if is_plain(&text) {
                prop_assert_eq!(escape(&text), text);
            }
        }
    }
}
