//! Text from a position file made safe to show: every byte of a folder may
//! come from a stranger's pull request, and a title holding `\e]0;...\a`
//! would retitle the reader's terminal, a `\r` overwrite a line, and a
//! right-to-left override reorder what a reviewer reads. Such characters
//! are shown as escapes (`\u{1b}`), never passed through raw.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` must never reach a reader raw: C0 and C1 controls and DEL,
/// the bidirectional controls (which reorder text, as in "Trojan Source"),
/// and the invisible characters that make two different names look alike
/// (zero-width spaces and joiners, the word joiner, a byte order mark).
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// `text` on one line, with every hidden character (line breaks and tabs
/// included) written as an escape: `\n`, `\t`, `\r`, else `\u{..}`.
pub fn line(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// `text` as a block: line breaks kept as they are, every other hidden
/// character escaped as `line` does.
pub fn block(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

fn escape(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let shown = |c: char| !is_hidden(c) || (keep_newlines && c == '\n');
    if text.chars().all(shown) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if shown(c) => out.push(c),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The terminal attacks of issue 12 come out as inert text.
    #[test]
    fn escapes_terminal_controls_and_bidi() {
        assert_eq!(
            line("\u{1b}]0;PWNED\u{7}\u{1b}[31m"),
            "\\u{1b}]0;PWNED\\u{7}\\u{1b}[31m"
        );
        assert_eq!(
            line("days\u{1b}[2K\rALL CLEAR"),
            "days\\u{1b}[2K\\rALL CLEAR"
        );
        assert_eq!(line("a\u{202e}b\u{2066}"), "a\\u{202e}b\\u{2066}");
        assert_eq!(line("caf\u{200b}e\u{85}"), "caf\\u{200b}e\\u{85}");
        assert_eq!(line("two\nlines\t"), "two\\nlines\\t");
        assert_eq!(block("two\nlines\t"), "two\nlines\\t");
    }

    /// Ordinary text, accents, CJK and emoji included, is not copied.
    #[test]
    fn plain_text_is_borrowed() {
        for text in ["Russia", "café — “quoted”", "北京", "👍 ok", ""] {
            assert!(matches!(line(text), Cow::Borrowed(_)), "{text}");
        }
    }
}
