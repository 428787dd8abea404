//! Who stands together: groups built from the pairs' agreement indices.

use crate::report::{Ordered, PairReport, Partners};
use std::collections::HashMap;

/// Parties group when every pair among them agrees on more than half of
/// what they both address (agreement above this).
pub const THRESHOLD: f64 = 0.5;

/// The agreement of every two parties (by index in `ids`), from the pair
/// table, looked up once: the clustering asks for each many times.
#[derive(Clone)]
struct Matrix(Vec<Vec<Option<f64>>>);

impl Matrix {
    /// A pair compared on fewer than `min_shared` issues has no agreement
    /// here: it joins no group and is no one's partner.
    fn new(pairs: &[PairReport], ids: &[String], min_shared: usize) -> Self {
        // Found by id through a map: a search of `ids` per pair made this
        // cubic in the number of parties (20 s at 1,000).
        let at: HashMap<&str, usize> = ids
            .iter()
            .enumerate()
            .map(|(k, id)| (id.as_str(), k))
            .collect();
        let index = |id: &String| at.get(id.as_str()).copied();
        let mut m = vec![vec![None; ids.len()]; ids.len()];
        for pair in pairs {
            if let (Some(a), Some(b)) = (index(&pair.parties[0]), index(&pair.parties[1])) {
                let agreement = pair.agreement_over(min_shared);
                m[a][b] = agreement;
                m[b][a] = agreement;
            }
        }
        Matrix(m)
    }

    fn get(&self, a: usize, b: usize) -> Option<f64> {
        self.0[a][b]
    }
}

/// Complete-linkage clustering: start from each party alone and keep
/// merging the two groups whose least-agreeing cross pair agrees most, as
/// long as that pair is above the threshold. Deterministic: ties go to the
/// groups that come first in report order. Only groups of two or more.
///
/// The linkage of every two groups is kept in a matrix, updated on each
/// merge (the least of the two merged rows), and each group keeps its
/// best partner among the groups after it: a merge then re-reads only
/// the rows it changed, not every pair of members of every two groups.
pub fn coalitions(pairs: &[PairReport], ids: &[String], min_shared: usize) -> Vec<Vec<String>> {
    let Matrix(mut link) = Matrix::new(pairs, ids, min_shared);
    let n = ids.len();
    // A group is known by its first member; `members[g]` is empty once
    // merged into another.
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let best_after = |link: &Vec<Vec<Option<f64>>>, members: &Vec<Vec<usize>>, g: usize| {
        let mut best: Option<(f64, usize)> = None;
        for h in g + 1..n {
            if members[h].is_empty() {
                continue;
            }
            if let Some(l) = link[g][h]
                && l > THRESHOLD
                && best.is_none_or(|(b, _)| l > b)
            {
                best = Some((l, h));
            }
        }
        best
    };
    let mut best: Vec<Option<(f64, usize)>> =
        (0..n).map(|g| best_after(&link, &members, g)).collect();
    loop {
        // The first group holding the strongest link, to its first best.
        let mut pick: Option<(f64, usize, usize)> = None;
        for (g, b) in best.iter().enumerate() {
            if let Some((l, h)) = *b
                && pick.is_none_or(|(p, _, _)| l > p)
            {
                pick = Some((l, g, h));
            }
        }
        let Some((_, g, h)) = pick else { break };
        let merged = std::mem::take(&mut members[h]);
        members[g].extend(merged);
        members[g].sort_unstable();
        // Complete linkage: the merged group's least agreement with each
        // other group is the lesser of its two parts'; none if either has
        // none.
        let row_h = std::mem::take(&mut link[h]);
        for (k, from_h) in row_h.iter().enumerate() {
            let joined = match (link[g][k], *from_h) {
                (Some(a), Some(b)) => Some(a.min(b)),
                _ => None,
            };
            link[g][k] = joined;
            if k != h {
                link[k][g] = joined;
            }
        }
        link[h] = row_h;
        best[h] = None;
        // Links only weaken on a merge, so only a group whose best was one
        // of the two merged, and the merged group itself, need another look.
        for k in 0..n {
            let stale = k == g || best[k].is_some_and(|(_, b)| b == g || b == h);
            if stale && !members[k].is_empty() {
                best[k] = best_after(&link, &members, k);
            }
        }
    }
    members
        .into_iter()
        .filter(|g| g.len() > 1)
        .map(|g| g.into_iter().map(|i| ids[i].clone()).collect())
        .collect()
}

/// Each party's closest and furthest partners by agreement: every tied
/// one, in party order.
pub fn partners(pairs: &[PairReport], ids: &[String], min_shared: usize) -> Ordered<Partners> {
    let matrix = Matrix::new(pairs, ids, min_shared);
    Ordered(
        (0..ids.len())
            .map(|a| {
                let scored: Vec<(usize, f64)> = (0..ids.len())
                    .filter(|&b| b != a)
                    .filter_map(|b| Some((b, matrix.get(a, b)?)))
                    .collect();
                let tied = |best: Option<f64>| -> Vec<String> {
                    let Some(best) = best else {
                        return Vec::new();
                    };
                    scored
                        .iter()
                        .filter(|&&(_, s)| s == best)
                        .map(|&(b, _)| ids[b].clone())
                        .collect()
                };
                let most = scored.iter().map(|&(_, s)| s).reduce(f64::max);
                let least = scored.iter().map(|&(_, s)| s).reduce(f64::min);
                let partners = Partners {
                    closest: tied(most),
                    furthest: tied(least),
                };
                (ids[a].clone(), partners)
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Summary;

    /// The clustering as first written: every pair of members of every
    /// two groups, on every merge. Cubic, and plainly right.
    fn plain(matrix: &Matrix, n: usize) -> Vec<Vec<usize>> {
        let linkage = |g: &[usize], h: &[usize]| {
            let mut least = f64::INFINITY;
            for &a in g {
                for &b in h {
                    least = least.min(matrix.get(a, b)?);
                }
            }
            Some(least)
        };
        let mut groups: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
        loop {
            let mut best: Option<(f64, usize, usize)> = None;
            for g in 0..groups.len() {
                for h in g + 1..groups.len() {
                    let Some(link) = linkage(&groups[g], &groups[h]) else {
                        continue;
                    };
                    if link > THRESHOLD && best.is_none_or(|(b, _, _)| link > b) {
                        best = Some((link, g, h));
                    }
                }
            }
            let Some((_, g, h)) = best else { break };
            let merged = groups.remove(h);
            groups[g].extend(merged);
            groups[g].sort_unstable();
        }
        groups.into_iter().filter(|g| g.len() > 1).collect()
    }

    /// The kept linkage matrix merges exactly as the plain clustering does,
    /// ties and pairs with no agreement included.
    #[test]
    fn same_groups_as_the_plain_clustering() {
        let mut seed = 7u64;
        let mut next = || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize
        };
        for round in 0..200 {
            let n = 2 + round % 23;
            let ids: Vec<String> = (0..n).map(|i| format!("p{i:02}")).collect();
            let mut pairs = Vec::new();
            for a in 0..n {
                for b in a + 1..n {
                    // Few distinct values, so that ties are common.
                    let agreement = match next() % 7 {
                        0 => None,
                        v => Some(v as f64 / 6.0),
                    };
                    pairs.push(PairReport {
                        parties: [ids[a].clone(), ids[b].clone()],
                        agreement,
                        weight: None,
                        counts: Summary::default(),
                        issues: None,
                    });
                }
            }
            let expected: Vec<Vec<String>> = plain(&Matrix::new(&pairs, &ids, 0), n)
                .into_iter()
                .map(|g| g.into_iter().map(|i| ids[i].clone()).collect())
                .collect();
            assert_eq!(coalitions(&pairs, &ids, 0), expected, "round {round}");
        }
    }
}
