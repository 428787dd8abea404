//! A verified quote in its context: the passage of the source's text that
//! holds it, with a few words either side, for a reader to see that the
//! words are there and what surrounds them. The texts are already in the
//! report (each party's sources, read by the loader); this cuts them, and
//! reads nothing.

use super::{QuotePassage, Report};

/// Words shown either side of a passage.
const CONTEXT_WORDS: usize = 12;
/// At most this many bytes either side, whatever the words: a text with
/// no spaces (a stranger's file) gives a bounded context all the same.
const CONTEXT_BYTES: usize = 160;

/// A passage and the words around it, as the text has them (a renderer
/// folds their whitespace and escapes them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InContext<'a> {
    /// The source, by id.
    pub source: &'a str,
    /// The words before the passage.
    pub before: &'a str,
    /// Whether the text goes on before them.
    pub cut_before: bool,
    /// The passage the quote was found in.
    pub passage: &'a str,
    /// The words after it.
    pub after: &'a str,
    /// Whether the text goes on after them.
    pub cut_after: bool,
}

impl<'n> Report<'n> {
    /// Where the party of id `party` was quoted, in context: `None` when
    /// the source or its text is not in the report, or the range does not
    /// fall on the text's characters (a report built from another round).
    pub fn in_context(&self, party: &str, at: &QuotePassage) -> Option<InContext<'_>> {
        let source = self
            .party(party)?
            .sources
            .iter()
            .find(|s| s.id == at.source)?;
        let text: &str = &source.text.as_ref()?.content;
        let (start, end) = (at.start as usize, at.end as usize);
        let passage = text.get(start..end)?;
        let before = words_before(&text[..start]);
        let after = words_after(&text[end..]);
        Some(InContext {
            source: &source.id,
            before,
            cut_before: before.len() < start,
            passage,
            after,
            cut_after: end + after.len() < text.len(),
        })
    }
}

/// The end of `text`: its last `CONTEXT_WORDS` words, within
/// `CONTEXT_BYTES`, starting on a character (and a word, where one starts
/// in reach).
fn words_before(text: &str) -> &str {
    let mut floor = text.len().saturating_sub(CONTEXT_BYTES);
    while !text.is_char_boundary(floor) {
        floor += 1;
    }
    let reach = &text[floor..];
    let mut words = 0;
    let mut in_word = false;
    for (k, c) in reach.char_indices().rev() {
        if c.is_whitespace() {
            if in_word {
                words += 1;
                if words == CONTEXT_WORDS {
                    return &reach[k + c.len_utf8()..];
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    // Reached the floor: start after the first break, unless the floor is
    // the text's start.
    match reach.find(char::is_whitespace) {
        Some(k) if floor > 0 => &reach[k..],
        _ => reach,
    }
}

/// The start of `text`: its first `CONTEXT_WORDS` words, within
/// `CONTEXT_BYTES`.
fn words_after(text: &str) -> &str {
    let mut ceiling = text.len().min(CONTEXT_BYTES);
    while !text.is_char_boundary(ceiling) {
        ceiling -= 1;
    }
    let reach = &text[..ceiling];
    let mut words = 0;
    let mut in_word = false;
    for (k, c) in reach.char_indices() {
        if c.is_whitespace() {
            if in_word {
                words += 1;
                if words == CONTEXT_WORDS {
                    return &reach[..k];
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    match reach.rfind(char::is_whitespace) {
        Some(k) if ceiling < text.len() => &reach[..k],
        _ => reach,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A few words either side, whole words, and the whole text where it
    /// is short.
    #[test]
    fn words_around() {
        let long = (1..=30)
            .map(|k| format!("w{k}"))
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(
            words_before(&format!("{long} ")),
            format!("{} ", &long[long.find("w19").unwrap()..])
        );
        assert_eq!(
            words_after(&format!(" {long}")),
            format!(" {}", &long[..long.find(" w13").unwrap()])
        );
        assert_eq!(words_before("a b"), "a b");
        assert_eq!(words_after("a b"), "a b");
        assert_eq!(words_before(""), "");
    }

    /// A text without spaces, or of many-byte characters, is cut within
    /// the bound and on a character.
    #[test]
    fn bounded_and_on_characters() {
        let wide = "é".repeat(500);
        let before = words_before(&wide);
        assert!(before.len() <= CONTEXT_BYTES && !before.is_empty());
        let after = words_after(&wide);
        assert!(after.len() <= CONTEXT_BYTES && !after.is_empty());
        // Cut mid-run, at the bound, then back to a word where there is one.
        let spaced = format!("{} tail", "x".repeat(400));
        assert_eq!(words_after(&spaced).len(), CONTEXT_BYTES);
        let spaced = format!("head {}", "x".repeat(100));
        assert_eq!(
            words_before(&format!("{} {spaced}", "y".repeat(400))),
            format!(" {spaced}")
        );
    }
}
