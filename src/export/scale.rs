//! Conference scale: where a report has too many party-issue cells for
//! every one of them to be read in a review. Above it the Markdown is a
//! digest (counts, the worst items, and pointers to the HTML and JSON for
//! the rest), and the HTML keeps each stance's evidence for the issues a
//! mediator works on (conflicts and blocks) and lays the rest out lazily
//! (docs/limits.md, "Reports at conference scale").

use crate::report::Report;

/// The most parties × issues a report shows in full: 20 parties on 500
/// issues, or 4 on 2,500. The full Markdown runs to about 370 bytes a
/// cell (a stance with its evidence), so this is a report of about 4 MB;
/// a 200-party, 2,000-issue conference (400,000 cells) was 150 MB.
pub const FULL_CELLS: usize = 10_000;

/// How many party-issue cells `r` has.
pub fn cells(r: &Report) -> usize {
    r.parties.len().saturating_mul(r.issues.len())
}

/// Whether `r` is past `FULL_CELLS`.
pub fn is_conference(r: &Report) -> bool {
    cells(r) > FULL_CELLS
}
