//! "Did you mean": the valid name nearest to a misspelt one.
//!
//! Finding it compares the name with every valid one, so its cost is the
//! product of the two: 500,000 unknown issues against a 10,000-issue
//! agenda, or one 100,000-character id against others as long, ran for
//! hours. The comparisons are therefore counted against a budget of
//! work: for a file, set by `within_budget` around its reading, in
//! proportion to its size; for any other call, `CALL_BUDGET` per call.
//! Once a budget is spent, names get no suggestion (their errors still
//! show). The count depends only on the input, never on time, so the
//! same files always get the same suggestions.

use std::cell::Cell;

/// Work units for one call made outside any file's budget (a `--parties`
/// or `--issues` name on the command line). A unit is one pair of bytes
/// the similarity measure may compare.
pub const CALL_BUDGET: u64 = 16_000_000;

/// Work units for the suggestions of one file: this many, plus
/// `FILE_BUDGET_PER_BYTE` for each of its bytes.
pub const FILE_BUDGET: u64 = 16_000_000;
/// Work units a file's suggestions get for each byte of the file: a
/// larger file may hold more misspelt names worth a suggestion.
pub const FILE_BUDGET_PER_BYTE: u64 = 32;

thread_local! {
    /// What is left of the budget of the file being read on this thread.
    /// A file is read start to end on one thread (the files of a folder
    /// are read in parallel, each on its own), so what a file's names get
    /// never depends on the others.
    static LEFT: Cell<Option<u64>> = const { Cell::new(None) };
}

/// Runs `read` with a budget of suggestion work for a file of `bytes`
/// bytes: every suggestion made while it runs, on this thread, draws on it.
pub fn within_budget<T>(bytes: usize, read: impl FnOnce() -> T) -> T {
    /// Puts back the budget that was there before, even on a panic.
    struct Restore(Option<u64>);
    impl Drop for Restore {
        fn drop(&mut self) {
            LEFT.set(self.0);
        }
    }
    let budget = FILE_BUDGET.saturating_add(FILE_BUDGET_PER_BYTE.saturating_mul(bytes as u64));
    let _restore = Restore(LEFT.replace(Some(budget)));
    read()
}

/// "did you mean `x`?" when one of `candidates` is close to `word`.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    nearest(word, candidates).map(|name| format!("did you mean `{name}`?"))
}

/// The candidate nearest to `word`, if near enough to be a likely typo. A
/// difference of case alone (`No` for `no`) is always near enough. `None`
/// too when the budget runs out before every candidate was compared.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let scoped = LEFT.get();
    let mut left = scoped.unwrap_or(CALL_BUDGET);
    let found = nearest_within(word, candidates, &mut left);
    if scoped.is_some() {
        LEFT.set(Some(left));
    }
    found
}

fn nearest_within<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    left: &mut u64,
) -> Option<&'a str> {
    let mut same_but_case = None;
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        // Jaro-Winkler compares each byte of one with a window of the
        // other: at most the product of the lengths. One unit at least,
        // for looking at the candidate at all.
        let cost = (word.len() as u64 * candidate.len() as u64).max(1);
        if cost > *left {
            *left = 0;
            return None;
        }
        *left -= cost;
        if same_but_case.is_none() && candidate.eq_ignore_ascii_case(word) {
            same_but_case = Some(candidate);
        }
        let score = strsim::jaro_winkler(word, candidate);
        // The highest score; among equals, the first in alphabetical order.
        if score >= 0.8 && best.is_none_or(|(s, c)| score > s || (score == s && candidate < c)) {
            best = Some((score, candidate));
        }
    }
    same_but_case.or(best.map(|(_, c)| c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_and_case_slips_only() {
        assert_eq!(nearest("ful", ["energy", "full"]), Some("full"));
        assert_eq!(nearest("No", ["yes", "no"]), Some("no"));
        assert_eq!(nearest("NATO", ["nato", "sanctions"]), Some("nato"));
        assert_eq!(nearest("maybe", ["yes", "no"]), None);
        // Equal scores: the first in alphabetical order, whatever the
        // order of the candidates.
        assert_eq!(nearest("abcd", ["abcf", "abce"]), Some("abce"));
        assert_eq!(nearest("abcd", ["abce", "abcf"]), Some("abce"));
    }

    /// A file's budget is shared by its names and spent in order: once it
    /// runs out, later names get nothing, and the budget of the next file
    /// (or of a call outside any file) is whole again.
    #[test]
    fn a_file_budget_runs_out_and_is_restored() {
        let agenda: Vec<String> = (0..1000).map(|i| format!("issue-{i:04}")).collect();
        let ids = || agenda.iter().map(String::as_str);
        // 1,000 candidates of 10 bytes against a 10-byte name: 100,000
        // units per name; the budget of an empty file holds 160 names.
        let per_name = 1000 * 10 * 10;
        let found = within_budget(0, || {
            (0..200)
                .map(|_| nearest("issue-0l23", ids()).is_some())
                .collect::<Vec<_>>()
        });
        let lasted = (FILE_BUDGET / per_name) as usize;
        assert!(found[..lasted].iter().all(|&f| f));
        assert!(found[lasted..].iter().all(|&f| !f));
        // Tied with `issue-0123` and others, first in alphabetical order.
        assert_eq!(nearest("issue-0l23", ids()), Some("issue-0023"));
        assert_eq!(LEFT.get(), None);
    }

    /// One comparison past the budget is not started: two names of
    /// 100,000 characters would be 10^10 steps.
    #[test]
    fn a_comparison_too_long_for_the_budget_is_not_started() {
        let long = "a".repeat(100_000);
        let other = format!("{}b", "a".repeat(99_999));
        assert_eq!(nearest(&long, [other.as_str()]), None);
        assert_eq!(nearest("abc", ["abd", other.as_str()]), Some("abd"));
    }
}
