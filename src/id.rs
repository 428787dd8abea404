//! Ids (of parties, issues, options and sources, and the party file
//! stems) as `stance` reads and compares them. An id decides what matches
//! what, and may come from a stranger's pull request: two ids that look
//! the same must be the same id, or be refused.
//!
//! - An id may hold no hidden character (`visible::is_hidden`: controls,
//!   bidirectional controls, zero-width and other invisible characters):
//!   `russia` and `rus\u{200b}sia` read the same and would be two parties.
//! - Ids are compared in Unicode NFC: `café` typed with `é` (U+00E9) and
//!   with `e` and a combining accent (U+0065 U+0301) is one id, as it
//!   reads. Editors and file systems pick either form without asking
//!   (macOS has long stored file names decomposed), so refusing one would
//!   refuse a party's own file name. Reports show the NFC form.

use crate::visible;
use std::borrow::Cow;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// `id` in Unicode NFC, the one form ids are compared and reported in.
pub fn normal(id: &str) -> Cow<'_, str> {
    if id.is_ascii() || is_nfc_quick(id.chars()) == IsNormalized::Yes {
        Cow::Borrowed(id)
    } else {
        Cow::Owned(id.nfc().collect())
    }
}

/// The first character `id` may not hold, if any.
pub fn refused(id: &str) -> Option<char> {
    // Most ids are ASCII, and are checked byte by byte.
    if id.is_ascii() {
        return id.bytes().find(u8::is_ascii_control).map(char::from);
    }
    id.chars().find(|&c| visible::is_hidden(c))
}

/// What is wrong with an id that holds `c`, after the id itself in a
/// message: `holds U+200B, an invisible character`.
pub fn refusal(c: char) -> String {
    format!("holds {}, {}", visible::code_point(c), visible::kind(c))
}

/// Why: for the help line of every refusal.
pub const WHY_REFUSED: &str = "an id may hold no control, bidirectional or invisible character: \
     two ids that differ by one look the same; retype the id";

/// `text` as its code points, to show how two spellings that look alike
/// differ: `U+0063 U+0061 U+0066 U+00E9`.
pub fn code_points(text: &str) -> String {
    text.chars()
        .map(visible::code_point)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The two spellings of `café` are one id; plain ids are not copied.
    #[test]
    fn ids_are_compared_in_nfc() {
        assert_eq!(normal("cafe\u{301}"), "caf\u{e9}");
        assert_eq!(normal("caf\u{e9}"), normal("cafe\u{301}"));
        assert!(matches!(normal("russia"), Cow::Borrowed(_)));
        assert!(matches!(normal("caf\u{e9}"), Cow::Borrowed(_)));
        // Compatibility forms are other characters, not other spellings.
        assert_ne!(normal("\u{fb01}x"), "fix");
    }

    #[test]
    fn hidden_characters_are_refused_and_named() {
        assert_eq!(refused("rus\u{200b}sia"), Some('\u{200b}'));
        assert_eq!(refused("caf\u{e9}"), None);
        assert_eq!(refusal('\u{200b}'), "holds U+200B, an invisible character");
        assert_eq!(refusal('\u{202e}'), "holds U+202E, a bidirectional control");
        assert_eq!(refusal('\u{1b}'), "holds U+001B, a control character");
        assert_eq!(code_points("e\u{301}"), "U+0065 U+0301");
    }
}
