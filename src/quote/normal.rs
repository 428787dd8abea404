//! Text as a quote is compared: typography and damage folded away, with a
//! map back to the bytes of the text as written.
//!
//! One rule for the quote and for the source's text, so that each is
//! found in the other whatever the typist's keyboard or the web page's
//! encoding did to it:
//!
//! - compatibility forms decomposed (NFKD, character by character: `ﬁ` is
//!   `fi`, `…` is `...`, a no-break space a space) and case folded;
//! - quotes and apostrophes of every kind (straight, curly, primes,
//!   guillemets, backticks) dropped, with the damage that such characters
//!   suffer in transit: `โ` (U+0E42 before anything but Thai, the seed's
//!   `“`, `”` and `’` read as Thai), `â€œ`, `â€™` and their kin (UTF-8 read
//!   as Windows-1252 or Latin-1), and the replacement character U+FFFD. So
//!   `Europe's`, `Europe’s` and `Europeโs` are all `europes`;
//! - dashes of every kind (hyphen, en and em dash, minus, a damaged `â€”`)
//!   are one `-`, runs of them too, with no space on either side: `peace —
//!   now`, `peace--now` and `peace-now` are one;
//! - whitespace of every kind, line breaks included, one space; none at
//!   either end;
//! - hidden characters (zero-width spaces, soft hyphens, bidirectional
//!   controls: `visible::is_hidden`) dropped.

use crate::visible;
use unicode_normalization::char::decompose_compatible;

/// A text folded for comparison, with where each of its bytes came from.
#[derive(Debug)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// `(folded byte, original byte)` wherever the distance between the two
    /// changes: a byte between two checkpoints came from the byte as far
    /// past the first one in the original.
    marks: Vec<(u32, u32)>,
    /// The original's length, for the end of the last run.
    original_len: u32,
}

/// What one original character becomes.
enum Fold {
    /// Dropped: a quote mark, an apostrophe, a hidden character.
    Nothing,
    Dash,
    Space,
    /// Characters to keep, folded.
    Keep,
}

/// The length in characters of the damaged forms of a quote mark or dash
/// that start at `rest`, and what they stand for. A form that may stand
/// for either (the seed's `โ`, a lone `â€`) is read as a dash between
/// spaces (`peace โ now`) and as a quote mark or an apostrophe elsewhere
/// (`Europeโs`, `โimmediatelyโ`): see `fold`.
fn damaged(rest: &str) -> Option<(usize, Fold)> {
    let mut chars = rest.chars();
    let first = chars.next()?;
    let second = chars.next();
    let third = chars.next();
    match (first, second, third) {
        // UTF-8's E2 80 xx (quotes, dashes) read as Windows-1252 or
        // Latin-1: `â€œ`, `â€™`, `â€”`; a lone `â€` where the third byte was
        // lost.
        ('â', Some('€' | '\u{80}'), third) => Some(match third {
            Some('“' | '”' | '\u{93}' | '\u{94}') => (3, Fold::Dash),
            Some('œ' | '˜' | '™' | '\u{9c}' | '\u{9d}' | '\u{98}' | '\u{99}') => {
                (3, Fold::Nothing)
            }
            _ => (2, Fold::Nothing),
        }),
        // The same bytes read as Thai (TIS-620, Windows-874): `โ`, kept
        // where Thai follows it, as it does in Thai.
        ('โ', Some('€'), _) => Some((2, Fold::Nothing)),
        ('โ', next, _) if !next.is_some_and(is_thai) => Some((1, Fold::Nothing)),
        _ => None,
    }
}

fn is_thai(c: char) -> bool {
    ('\u{e00}'..='\u{e7f}').contains(&c)
}

fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '`'
            | '´'
            | '«'
            | '»'
            | '\u{2018}'..='\u{201f}'
            | '\u{2032}'..='\u{2037}'
            | '‹'
            | '›'
            | '\u{fffd}'
    )
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{2043}' | '\u{fe58}' | '\u{fe63}'
    )
}

fn fold_of(c: char) -> Fold {
    if c.is_whitespace() {
        Fold::Space
    } else if is_quote_mark(c) || visible::is_hidden(c) {
        Fold::Nothing
    } else if is_dash(c) {
        Fold::Dash
    } else {
        Fold::Keep
    }
}

/// Folds `text` (see the module's rules).
pub fn fold(text: &str) -> Folded {
    let mut out = Folded {
        text: String::with_capacity(text.len()),
        marks: vec![(0, 0)],
        original_len: text.len() as u32,
    };
    // A space is written only once a character follows it, and never
    // beside a dash: where it was, until then.
    let mut space = None;
    let mut after_whitespace = false;
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        let (consumed, fold) = match damaged(rest) {
            Some((chars, fold)) => {
                let consumed: usize = rest.chars().take(chars).map(char::len_utf8).sum();
                let between_spaces = after_whitespace
                    && rest[consumed..]
                        .chars()
                        .next()
                        .is_some_and(char::is_whitespace);
                match fold {
                    Fold::Nothing if between_spaces => (consumed, Fold::Dash),
                    fold => (consumed, fold),
                }
            }
            None => {
                let c = rest.chars().next().expect("not at the end");
                (c.len_utf8(), fold_of(c))
            }
        };
        after_whitespace = matches!(fold, Fold::Space);
        match fold {
            Fold::Nothing => {}
            Fold::Space => {
                if !out.text.is_empty() && !out.text.ends_with('-') {
                    space = Some(at);
                }
            }
            Fold::Dash => {
                space = None;
                if !out.text.ends_with('-') {
                    out.mark(at);
                    out.text.push('-');
                }
            }
            Fold::Keep => {
                if let Some(whitespace) = space.take() {
                    // The space stands for the last whitespace character.
                    out.mark(whitespace);
                    out.text.push(' ');
                }
                out.mark(at);
                let c = rest.chars().next().expect("not at the end");
                decompose_compatible(c, |d| {
                    if visible::is_hidden(d) || is_quote_mark(d) {
                        return;
                    }
                    for lower in d.to_lowercase() {
                        if is_dash(lower) {
                            out.text.push('-');
                        } else if lower.is_whitespace() {
                            out.text.push(' ');
                        } else {
                            out.text.push(lower);
                        }
                    }
                });
            }
        }
        at += consumed;
    }
    out
}

impl Folded {
    /// Notes that the next folded byte comes from `original`.
    fn mark(&mut self, original: usize) {
        let folded = self.text.len() as u32;
        let original = original as u32;
        let &(f, o) = self.marks.last().expect("marks start at 0");
        if original.wrapping_sub(o) != folded.wrapping_sub(f) {
            if f == folded {
                self.marks.pop();
            }
            self.marks.push((folded, original));
        }
    }

    /// The original byte the folded byte `at` came from (or, at the end,
    /// the original's end).
    pub fn start_in_original(&self, at: usize) -> usize {
        let k = self.marks.partition_point(|&(f, _)| f as usize <= at) - 1;
        self.original_at(k, at)
    }

    /// The original byte just past the one the folded byte `at - 1` came
    /// from: where a passage that ends before folded byte `at` ends.
    pub fn end_in_original(&self, at: usize) -> usize {
        if at == 0 {
            return 0;
        }
        let k = self.marks.partition_point(|&(f, _)| (f as usize) < at) - 1;
        self.original_at(k, at)
    }

    fn original_at(&self, k: usize, at: usize) -> usize {
        let (f, o) = self.marks[k];
        let next = self.marks.get(k + 1).map_or(self.original_len, |&(_, o)| o);
        (o as usize + (at - f as usize)).min(next as usize)
    }
}

/// Whether `c` belongs to a word of a script written with spaces between
/// words, where a quote must start and end on a word's edge. (Chinese,
/// Japanese, Thai and their neighbours have no such edges to hold to.)
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        && !matches!(c,
            '\u{e00}'..='\u{eff}'      // Thai, Lao
            | '\u{1000}'..='\u{109f}'  // Myanmar
            | '\u{1780}'..='\u{17ff}'  // Khmer
            | '\u{2e80}'..='\u{10ffff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every typographic variant the issue names folds to one text.
    #[test]
    fn typography_folds_away() {
        let same = [
            "Europe's \"biggest\" conflict - ever",
            "Europe’s “biggest” conflict — ever",
            "EUROPE'S  BIGGEST\n\tconflict–ever",
            "Europeโs โbiggestโ conflict--ever",
            "Europeโs โbiggestโ conflict โ ever",
            "Europeâ€™s â€œbiggestâ€\u{9d} conflict â€” ever",
            "Europe\u{200b}’s «biggest» conflict −  ever",
        ];
        for text in same {
            assert_eq!(fold(text).text, "europes biggest conflict-ever", "{text:?}");
        }
        assert_eq!(fold("ﬁnal…").text, "final...");
        assert_eq!(fold("  ").text, "");
    }

    /// Thai keeps its `โ`: only one before something that is not Thai is
    /// damage.
    #[test]
    fn thai_is_not_damage() {
        assert_eq!(fold("โดย").text, "โดย");
        assert_eq!(fold("โhello").text, "hello");
    }

    /// Each folded byte maps back to the original character it came from,
    /// across dropped, widened and collapsed characters.
    #[test]
    fn folded_bytes_map_back() {
        let text = "Say โHello,โ  World’s ﬁne";
        let f = fold(text);
        assert_eq!(f.text, "say hello, worlds fine");
        let find = |s: &str| {
            let at = f.text.find(s).unwrap();
            &text[f.start_in_original(at)..f.end_in_original(at + s.len())]
        };
        assert_eq!(find("hello,"), "Hello,");
        assert_eq!(find("worlds"), "World’s");
        assert_eq!(find("say"), "Say");
        assert_eq!(find("fine"), "ﬁne");
        assert_eq!(find("hello, worlds"), "Hello,โ  World’s");
    }
}
