//! Who stands together: groups built from the pairs' agreement indices.

use crate::report::{Ordered, PairReport, Partners};

/// Parties group when every pair among them agrees on more than half of
/// what they both address (agreement above this).
pub const THRESHOLD: f64 = 0.5;

/// The agreement of every two parties (by index in `ids`), from the pair
/// table, looked up once: the clustering asks for each many times.
struct Matrix(Vec<Vec<Option<f64>>>);

impl Matrix {
    fn new(pairs: &[PairReport], ids: &[String]) -> Self {
        let index = |id: &String| ids.iter().position(|i| i == id);
        let mut m = vec![vec![None; ids.len()]; ids.len()];
        for pair in pairs {
            if let (Some(a), Some(b)) = (index(&pair.parties[0]), index(&pair.parties[1])) {
                m[a][b] = pair.agreement;
                m[b][a] = pair.agreement;
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
pub fn coalitions(pairs: &[PairReport], ids: &[String]) -> Vec<Vec<String>> {
    let matrix = Matrix::new(pairs, ids);
    let mut groups: Vec<Vec<usize>> = (0..ids.len()).map(|i| vec![i]).collect();
    loop {
        let mut best: Option<(f64, usize, usize)> = None;
        for g in 0..groups.len() {
            for h in g + 1..groups.len() {
                let Some(link) = linkage(&matrix, &groups[g], &groups[h]) else {
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
    groups
        .into_iter()
        .filter(|g| g.len() > 1)
        .map(|g| g.into_iter().map(|i| ids[i].clone()).collect())
        .collect()
}

/// The least agreement between a member of one group and one of the other;
/// `None` when some pair compares on nothing.
fn linkage(matrix: &Matrix, g: &[usize], h: &[usize]) -> Option<f64> {
    let mut least = f64::INFINITY;
    for &a in g {
        for &b in h {
            least = least.min(matrix.get(a, b)?);
        }
    }
    Some(least)
}

/// Each party's closest and furthest partner by agreement; ties go to the
/// party that comes first.
pub fn partners(pairs: &[PairReport], ids: &[String]) -> Ordered<Partners> {
    let matrix = Matrix::new(pairs, ids);
    Ordered(
        (0..ids.len())
            .map(|a| {
                let scored: Vec<(usize, f64)> = (0..ids.len())
                    .filter(|&b| b != a)
                    .filter_map(|b| Some((b, matrix.get(a, b)?)))
                    .collect();
                let pick = |better: fn(f64, f64) -> bool| {
                    scored
                        .iter()
                        .fold(None::<(usize, f64)>, |acc, &(b, s)| match acc {
                            Some((_, t)) if !better(s, t) => acc,
                            _ => Some((b, s)),
                        })
                        .map(|(b, _)| ids[b].clone())
                };
                let partners = Partners {
                    closest: pick(|s, t| s > t),
                    furthest: pick(|s, t| s < t),
                };
                (ids[a].clone(), partners)
            })
            .collect(),
    )
}
