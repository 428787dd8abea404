//! The passage of a text closest to a quote that is not in it: found
//! without comparing the quote with every substring of the text.
//!
//! 1. Every 4-byte piece of the quote (a gram) is noted with where it
//!    stands in the quote (at most `GRAM_PLACES` places per gram).
//! 2. One pass over the text: wherever a gram of the quote occurs, a vote
//!    for the diagonal it implies (the text position less the quote
//!    position: where the quote would start), counted in bands of
//!    diagonals so that a few characters inserted or dropped still vote
//!    together. A bitmap of the quote's grams spares the pass a lookup at
//!    most bytes.
//! 3. The `CANDIDATES` best-voted bands, each a window of the text a little
//!    wider than the quote, are aligned with the quote (edit distance, the
//!    quote whole against any stretch of the window): the window with the
//!    fewest edits gives the passage.
//!
//! Step 2 is linear in the text, step 3 quadratic in the quote only, and
//! bounded (`ALIGN_MAX`): near-linear in the text's size whatever it holds
//! (`benches/hostile.sh`, the `quotes-*` cases; `docs/limits.md`).

use super::Budget;
use std::collections::HashMap;

/// Bytes in a gram.
const GRAM: usize = 4;
/// Places of one gram in the quote that vote: a quote that repeats a gram
/// more often votes with its first ones.
const GRAM_PLACES: usize = 4;
/// Windows aligned with the quote.
const CANDIDATES: usize = 3;
/// The longest quote aligned byte by byte (an alignment costs the quote's
/// length times the window's); a longer one is placed by its votes alone.
pub const ALIGN_MAX: usize = 2048;

/// Where in the text, in its bytes, the passage nearest the quote lies, and
/// how many edits apart the two are (`None` when it was placed by votes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Near {
    pub start: usize,
    pub end: usize,
    pub edits: Option<usize>,
}

/// The passage of `text` nearest `quote` (both folded), or `None` when no
/// gram of the quote is in the text, or the budget ran out.
pub fn nearest(text: &[u8], quote: &[u8], budget: &mut Budget) -> Option<Near> {
    if quote.is_empty() || text.is_empty() {
        return None;
    }
    if quote.len() < GRAM || text.len() < GRAM {
        // Too short to vote: aligned against the whole text, which costs
        // at most `GRAM` times its length.
        budget.spend((text.len() * quote.len()) as u64).ok()?;
        return Some(align(text, quote, 0, text.len()));
    }
    budget.spend(text.len() as u64).ok()?;
    let m = quote.len();
    let band = (m / 2).max(16);
    let votes = vote(text, quote, band);
    let windows = best_bands(&votes);
    if windows.is_empty() {
        return None;
    }
    let slack = m / 4 + GRAM;
    let mut best: Option<Near> = None;
    for b in windows {
        // The diagonals of bands `b` and `b + 1`: where the quote would
        // start, give or take `slack`.
        let first = (b * band).saturating_sub(m);
        let start = first.saturating_sub(slack).min(text.len());
        let end = (first + 2 * band + m + slack).min(text.len());
        let near = if m <= ALIGN_MAX {
            budget.spend((m * (end - start)) as u64).ok()?;
            align(text, quote, start, end)
        } else {
            let start = (first + band / 2).min(text.len());
            Near {
                start,
                end: (start + m).min(text.len()),
                edits: None,
            }
        };
        if best.is_none_or(|b| near.edits < b.edits) {
            best = Some(near);
        }
    }
    best
}

/// Votes per band of diagonals: band `k` holds the diagonals
/// `k * band - m .. (k + 1) * band - m`.
fn vote(text: &[u8], quote: &[u8], band: usize) -> Vec<u32> {
    let m = quote.len();
    let gram = |s: &[u8], at: usize| u32::from_le_bytes([s[at], s[at + 1], s[at + 2], s[at + 3]]);
    let bit = |g: u32| (g.wrapping_mul(0x9E37_79B1) >> 16) as usize;
    let mut places: HashMap<u32, Vec<u32>> = HashMap::new();
    let mut bitmap = vec![0u64; 1 << 10];
    for at in 0..=m - GRAM {
        let g = gram(quote, at);
        let list = places.entry(g).or_default();
        if list.len() < GRAM_PLACES {
            list.push(at as u32);
        }
        let b = bit(g);
        bitmap[b >> 6] |= 1 << (b & 63);
    }
    let mut votes = vec![0u32; (text.len() + m) / band + 2];
    for at in 0..=text.len() - GRAM {
        let g = gram(text, at);
        let b = bit(g);
        if bitmap[b >> 6] & (1 << (b & 63)) == 0 {
            continue;
        }
        if let Some(list) = places.get(&g) {
            for &p in list {
                votes[(at + m - p as usize) / band] += 1;
            }
        }
    }
    votes
}

/// The best-voted bands (each with the next one, so that a passage on the
/// edge of two bands counts whole), best first, apart from each other;
/// ties go to the earlier band.
fn best_bands(votes: &[u32]) -> Vec<usize> {
    let score = |b: usize| votes[b] + votes.get(b + 1).copied().unwrap_or(0);
    let mut order: Vec<usize> = (0..votes.len()).filter(|&b| score(b) > 0).collect();
    order.sort_by_key(|&b| (std::cmp::Reverse(score(b)), b));
    let mut chosen: Vec<usize> = Vec::new();
    for b in order {
        if chosen.iter().all(|&c| c.abs_diff(b) > 2) {
            chosen.push(b);
            if chosen.len() == CANDIDATES {
                break;
            }
        }
    }
    chosen
}

/// The stretch of `text[start..end]` with the fewest edits from `quote`
/// (the quote whole, the stretch anywhere): a row of the edit-distance
/// table at a time, each cell carrying where its stretch starts. Ties go to
/// the earliest end, then the longest match.
fn align(text: &[u8], quote: &[u8], start: usize, end: usize) -> Near {
    let window = &text[start..end];
    // (edits, start of the stretch) for the previous and this row.
    let mut above: Vec<(usize, usize)> = (0..=window.len()).map(|j| (0, j)).collect();
    let mut row = above.clone();
    for (i, &q) in quote.iter().enumerate() {
        row[0] = (i + 1, 0);
        for j in 1..=window.len() {
            let diagonal = (
                above[j - 1].0 + usize::from(window[j - 1] != q),
                above[j - 1].1,
            );
            let up = (above[j].0 + 1, above[j].1);
            let left = (row[j - 1].0 + 1, row[j - 1].1);
            row[j] = [diagonal, up, left]
                .into_iter()
                .min_by_key(|&(edits, from)| (edits, from))
                .expect("three ways");
        }
        std::mem::swap(&mut above, &mut row);
    }
    let (j, &(edits, from)) = above
        .iter()
        .enumerate()
        .min_by_key(|&(j, &(edits, from))| (edits, j, from))
        .expect("a window has one column at least");
    Near {
        start: start + from,
        end: start + j,
        edits: Some(edits),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(text: &str, quote: &str) -> Option<String> {
        let mut budget = Budget::new(u64::MAX);
        let n = nearest(text.as_bytes(), quote.as_bytes(), &mut budget)?;
        Some(text[n.start..n.end].to_owned())
    }

    /// An altered quote finds the passage it was altered from, in a text
    /// long enough that a scan of every substring would be noticed.
    #[test]
    fn an_altered_quote_finds_its_passage() {
        let filler = "the talks went on in the capital for many hours. ".repeat(200);
        let text = format!(
            "{filler}putin emphasized the complete cessation of foreign military assistance to kyiv. {filler}"
        );
        let found = near(&text, "complete cessation of all foreign military aid").unwrap();
        assert!(
            found.starts_with("complete cessation of") && found.contains("military"),
            "{found}"
        );
    }

    /// Nothing in common: no passage.
    #[test]
    fn a_quote_with_nothing_in_common_has_no_passage() {
        assert_eq!(near("abcdefgh ijkl", "zzzz yyyy"), None);
    }

    /// A quote shorter than a gram is aligned directly.
    #[test]
    fn a_short_quote_is_aligned_directly() {
        assert_eq!(near("the yes and no", "ye").as_deref(), Some("ye"));
    }

    /// The budget stops the search: no passage, rather than a slow one.
    #[test]
    fn the_budget_stops_the_search() {
        let mut budget = Budget::new(10);
        assert_eq!(
            nearest(b"some text long enough", b"text", &mut budget),
            None
        );
    }
}
