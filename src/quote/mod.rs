//! Quotes checked against the texts they come from: is the party's quoted
//! wording really in the article, and if not, which passage is closest?
//!
//! Texts and quotes are compared folded (`normal`): typography, case and
//! damaged characters do not count. A quote may leave words out with `...`
//! or `…`: each fragment between them must be found, in order. A fragment
//! starts and ends on the edges of words (`cease` is not found in
//! `ceasefire`), and the punctuation at its ends does not count (a quote
//! ending `peace.` is found where the text says `peace,`).
//!
//! The search for the exact wording looks each fragment up in a suffix
//! table of the text (`m log n` for a fragment of `m` bytes in a text of
//! `n`), so a thousand quotes from one transcript cost a thousand look-ups,
//! not a thousand reads of it. The closest passage to a quote that is not
//! there is found by `near`. Both spend from a `Budget`, so that no input
//! makes them run long (docs/limits.md, "Bounded work").

mod near;
mod normal;

use normal::{Folded, fold, is_word_char};
use std::sync::Arc;
use suffix::SuffixTable;

/// Work a search may still do, in units of one byte of text read, one
/// occurrence of a fragment looked at, or one cell of an alignment.
#[derive(Debug)]
pub struct Budget {
    left: u64,
}

/// The budget ran out before the search could say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spent;

impl Budget {
    /// A budget of `units`.
    pub fn new(units: u64) -> Self {
        Budget { left: units }
    }

    /// Takes `units`, or fails (taking nothing) when fewer are left.
    pub fn spend(&mut self, units: u64) -> Result<(), Spent> {
        self.left = self.left.checked_sub(units).ok_or(Spent)?;
        Ok(())
    }
}

/// A quote, folded and cut at its elisions.
#[derive(Clone, Debug)]
pub struct Quote {
    fragments: Vec<String>,
}

impl Quote {
    /// The quote as written; `None` when nothing is left of it to find
    /// (only quote marks, dots, punctuation).
    pub fn new(written: &str) -> Option<Quote> {
        let folded = fold(written).text;
        let fragments: Vec<String> = split_at_elisions(&folded)
            .map(|f| f.trim_matches(|c: char| c == ' ' || EDGE_PUNCTUATION.contains(c)))
            .filter(|f| !f.is_empty())
            .map(str::to_owned)
            .collect();
        (!fragments.is_empty()).then_some(Quote { fragments })
    }

    /// The fragments between elisions, folded, in order.
    pub fn fragments(&self) -> &[String] {
        &self.fragments
    }

    /// Its length in folded bytes, for the budget.
    pub fn folded_len(&self) -> usize {
        self.fragments.iter().map(String::len).sum()
    }
}

/// Punctuation that does not count at either end of a fragment.
const EDGE_PUNCTUATION: &str = ".,;:!?-";

/// Pieces of `folded` between runs of three dots or more.
fn split_at_elisions(folded: &str) -> impl Iterator<Item = &str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let bytes = folded.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'.' {
            let run = bytes[at..].iter().take_while(|&&b| b == b'.').count();
            if run >= 3 {
                pieces.push(&folded[start..at]);
                start = at + run;
            }
            at += run;
        } else {
            at += 1;
        }
    }
    pieces.push(&folded[start..]);
    pieces.into_iter()
}

/// What a search of one text for one quote found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// The quote, from the start of its first fragment to the end of its
    /// last, in bytes of the text as written.
    At {
        /// The first byte.
        start: usize,
        /// The byte after the last.
        end: usize,
    },
    /// Not in the text.
    Missing {
        /// The first fragment (0-based) not found after the ones before it.
        fragment: usize,
        /// It is in the text, but only before the fragment that precedes
        /// it in the quote.
        earlier: bool,
    },
    /// The budget ran out first.
    Unchecked,
}

/// A passage of a text, in bytes of the text as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Passage {
    /// The first byte.
    pub start: usize,
    /// The byte after the last.
    pub end: usize,
    /// Edits between the passage and the fragment it is near, folded;
    /// `None` for a fragment too long to align (`ALIGN_MAX`).
    pub edits: Option<usize>,
}

/// One source text, made ready to be searched.
pub struct Index {
    original: Arc<str>,
    folded: Folded,
    /// Over the folded text, which it holds.
    table: SuffixTable<'static, 'static>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("bytes", &self.original.len())
            .finish_non_exhaustive()
    }
}

impl Index {
    /// Folds `original` and builds its suffix table (linear time; four
    /// bytes of table per byte of folded text).
    pub fn new(original: Arc<str>) -> Index {
        let mut folded = fold(&original);
        let text = std::mem::take(&mut folded.text);
        Index {
            original,
            folded,
            table: SuffixTable::new(text),
        }
    }

    fn text(&self) -> &str {
        self.table.text()
    }

    /// Where `quote` is in the text: each fragment at the earliest place
    /// after the one before it, on the edges of words.
    ///
    /// A fragment found at few places is placed by looking at each of
    /// them; one found at many (`a`, in a quote elided a thousand times)
    /// by reading the text on from where the fragment before it ended,
    /// so that the fragments of one quote read the text once between them
    /// rather than each looking at all of its places.
    pub fn find(&self, quote: &Quote, budget: &mut Budget) -> Found {
        let text = self.text();
        let mut from = 0;
        let mut first = None;
        for (k, fragment) in quote.fragments.iter().enumerate() {
            let at = self.table.positions(fragment);
            let found = if at.len() <= PLACES_LOOKED_AT {
                if budget.spend(at.len() as u64 + 1).is_err() {
                    return Found::Unchecked;
                }
                earliest_of(text, at, fragment.len(), from)
            } else {
                match read_on(text, fragment, from, budget) {
                    Ok(Some(p)) => Ok(p),
                    Ok(None) => {
                        if budget.spend(at.len() as u64).is_err() {
                            return Found::Unchecked;
                        }
                        earliest_of(text, at, fragment.len(), from)
                    }
                    Err(Spent) => return Found::Unchecked,
                }
            };
            let p = match found {
                Ok(p) => p,
                Err(earlier) => {
                    return Found::Missing {
                        fragment: k,
                        earlier,
                    };
                }
            };
            first.get_or_insert(p);
            from = p + fragment.len();
        }
        let start = first.expect("a quote has a fragment");
        Found::At {
            start: self.folded.start_in_original(start),
            end: self.folded.end_in_original(from),
        }
    }

    /// The passage nearest `fragment` (one of a quote's), widened to whole
    /// words of the text as written; `None` when nothing is near or the
    /// budget ran out.
    pub fn nearest(&self, fragment: &str, budget: &mut Budget) -> Option<Passage> {
        let near = near::nearest(self.text().as_bytes(), fragment.as_bytes(), budget)?;
        let text = self.text();
        let (start, end) = widen(text, near.start, near.end);
        if start >= end {
            return None;
        }
        let original = &*self.original;
        let (start, end) = widen(
            original,
            self.folded.start_in_original(start),
            self.folded.end_in_original(end),
        );
        Some(Passage {
            start,
            end,
            edits: near.edits,
        })
    }
}

/// The most places of a fragment `find` looks at one by one; past it, it
/// reads the text on instead (`read_on`).
const PLACES_LOOKED_AT: usize = 1024;

/// The earliest of `at` (places of a fragment of `len` bytes) from `from`
/// on, on the edges of words; else whether there is one before `from`.
fn earliest_of(text: &str, at: &[u32], len: usize, from: usize) -> Result<usize, bool> {
    let mut best: Option<usize> = None;
    let mut earlier = false;
    for &p in at {
        let p = p as usize;
        if !on_word_edges(text, p, p + len) {
            continue;
        }
        if p < from {
            earlier = true;
        } else if best.is_none_or(|b| p < b) {
            best = Some(p);
        }
    }
    best.ok_or(earlier)
}

/// The first place of `fragment` from `from` on, on the edges of words,
/// found by reading the text on; each byte read and each place tried is
/// paid for.
fn read_on(
    text: &str,
    fragment: &str,
    from: usize,
    budget: &mut Budget,
) -> Result<Option<usize>, Spent> {
    let mut at = from;
    while let Some(rest) = text.get(at..) {
        // Each try costs its setup (the fragment) and what it reads.
        budget.spend(fragment.len() as u64 + 1)?;
        let Some(k) = rest.find(fragment) else {
            budget.spend(rest.len() as u64)?;
            return Ok(None);
        };
        budget.spend(k as u64)?;
        let p = at + k;
        if on_word_edges(text, p, p + fragment.len()) {
            return Ok(Some(p));
        }
        // On to the next character.
        at = p + text[p..].chars().next().map_or(1, char::len_utf8);
    }
    Ok(None)
}

/// Whether `text[start..end]` starts and ends on the edges of words.
fn on_word_edges(text: &str, start: usize, end: usize) -> bool {
    let (Some(before), Some(after)) = (text.get(..start), text.get(end..)) else {
        // Inside a character: a fragment that ends inside one cannot be
        // the quote.
        return false;
    };
    let inside = &text[start..end];
    let joined = |a: Option<char>, b: Option<char>| {
        a.is_some_and(is_word_char) && b.is_some_and(is_word_char)
    };
    !joined(before.chars().next_back(), inside.chars().next())
        && !joined(inside.chars().next_back(), after.chars().next())
}

/// `start..end` moved out to character boundaries and then to the edges of
/// the words it cuts.
fn widen(text: &str, start: usize, end: usize) -> (usize, usize) {
    let mut start = start.min(text.len());
    let mut end = end.min(text.len()).max(start);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    while let Some(c) = text[..start].chars().next_back()
        && is_word_char(c)
    {
        start -= c.len_utf8();
    }
    while let Some(c) = text[end..].chars().next()
        && is_word_char(c)
    {
        end += c.len_utf8();
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = "Putin also emphasized that the โcomplete cessation of foreign military assistance and the provision of intelligence information to Kyivโ is a condition for any permanent peace deal.\nThe two countries plan to begin negotiations โimmediatelyโ in the Middle East.";

    fn index(text: &str) -> Index {
        Index::new(Arc::from(text))
    }

    fn find(text: &str, quote: &str) -> Found {
        index(text).find(&Quote::new(quote).unwrap(), &mut Budget::new(u64::MAX))
    }

    fn found<'t>(text: &'t str, quote: &str) -> Option<&'t str> {
        match find(text, quote) {
            Found::At { start, end } => Some(&text[start..end]),
            _ => None,
        }
    }

    /// The seed's damaged quotes are found by the quotes as an analyst
    /// types them, and the passage is the text's own bytes.
    #[test]
    fn quotes_are_found_through_typography_and_damage() {
        assert_eq!(
            found(
                SEED,
                "“Complete cessation of foreign military assistance and the provision of intelligence information to Kyiv”"
            ),
            Some(
                "complete cessation of foreign military assistance and the provision of intelligence information to Kyiv"
            )
        );
        assert_eq!(found(SEED, "immediately"), Some("immediately"));
        assert_eq!(found(SEED, "IMMEDIATELY."), Some("immediately"));
    }

    /// Fragments joined by an elision are found in order, and only so.
    #[test]
    fn elisions_join_fragments_in_order() {
        assert_eq!(
            found(SEED, "complete cessation … to Kyiv"),
            Some(
                "complete cessation of foreign military assistance and the provision of intelligence information to Kyiv"
            )
        );
        assert_eq!(
            found(
                SEED,
                "cessation of foreign military assistance ... negotiations"
            ),
            Some(
                "cessation of foreign military assistance and the provision of intelligence information to Kyivโ is a condition for any permanent peace deal.\nThe two countries plan to begin negotiations"
            )
        );
        assert_eq!(
            find(SEED, "negotiations ... cessation"),
            Found::Missing {
                fragment: 1,
                earlier: true
            }
        );
    }

    /// A quote is whole words: a piece of a word is not found.
    #[test]
    fn a_piece_of_a_word_is_not_a_quote() {
        assert_eq!(
            find(SEED, "mediately"),
            Found::Missing {
                fragment: 0,
                earlier: false
            }
        );
        assert_eq!(found(SEED, "peace"), Some("peace"));
    }

    /// A fabricated quote is missing; the nearest passage of an altered
    /// one is the passage it was altered from, in whole words.
    #[test]
    fn an_altered_quote_points_at_its_passage() {
        let i = index(SEED);
        let altered = Quote::new("complete cessation of all foreign military aid to Kyiv").unwrap();
        let mut budget = Budget::new(u64::MAX);
        assert!(matches!(
            i.find(&altered, &mut budget),
            Found::Missing { .. }
        ));
        let p = i.nearest(&altered.fragments()[0], &mut budget).unwrap();
        let passage = &SEED[p.start..p.end];
        assert!(
            passage.starts_with("complete cessation of foreign military"),
            "{passage}"
        );
    }

    /// Nothing to find in a quote of marks and dots.
    #[test]
    fn a_quote_of_marks_alone_is_nothing() {
        assert!(Quote::new("“...”").is_none());
        assert!(Quote::new(" . ").is_none());
    }

    /// A fragment found at many places is placed after the one before
    /// it by reading on, with the same answers as looking at each place:
    /// the earliest on word edges, or missing, and `earlier` when it is
    /// only before.
    #[test]
    fn a_fragment_found_at_many_places_is_read_on_to() {
        let text = "b ".to_owned() + &"a ".repeat(3 * PLACES_LOOKED_AT) + "ab c";
        let many = ["a"; 2000].join(" ... ");
        assert!(matches!(find(&text, &many), Found::At { .. }));
        assert!(matches!(
            find(&text, &(many.clone() + " ... c")),
            Found::At { .. }
        ));
        assert_eq!(
            find(&text, &(many.clone() + " ... b")),
            Found::Missing {
                fragment: 2000,
                earlier: true
            }
        );
        // After `c`, no `a` stands on word edges (`ab` is one word).
        assert_eq!(
            find(&text, "c ... a"),
            Found::Missing {
                fragment: 1,
                earlier: true
            }
        );
        assert_eq!(found(&text, "b ... a a"), Some(&text[..5]));
    }

    /// An exhausted budget says so, rather than guessing.
    #[test]
    fn an_exhausted_budget_leaves_the_quote_unchecked() {
        let i = index(SEED);
        let q = Quote::new("immediately").unwrap();
        assert_eq!(i.find(&q, &mut Budget::new(0)), Found::Unchecked);
    }
}
