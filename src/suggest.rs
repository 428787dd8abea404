//! "Did you mean": the valid name nearest to a misspelt one.

/// "did you mean `x`?" when one of `candidates` is close to `word`.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    nearest(word, candidates).map(|name| format!("did you mean `{name}`?"))
}

/// The candidate nearest to `word`, if near enough to be a likely typo. A
/// difference of case alone (`No` for `no`) is always near enough.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    if let Some(same) = candidates.iter().find(|c| c.eq_ignore_ascii_case(word)) {
        return Some(same);
    }
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
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
    }
}
