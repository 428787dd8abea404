//! A reference for the rules of Format 2's conditions, written from
//! BRIEF.md apart from the engine, as simply as they can be: sets of its
//! own, and the greatest fixpoint found by judging every issue again, round
//! after round, from the previous round's available outcomes, until
//! nothing changes. Slow (rounds times issues times requirements), and
//! only for small negotiations; the engine's worklist must agree with it.

use stance::model::{Negotiation, Position, Requirement};
use stance::outcome::OutcomeSet;
use stance::report::Verdict;

/// A set of outcomes: options by place, or an interval (open ends as
/// infinities), `None` when empty.
#[derive(Clone, Debug, PartialEq)]
pub enum Set {
    Options(Vec<bool>),
    Range(Option<(f64, f64)>),
}

impl Set {
    fn everything(options: usize) -> Set {
        if options == 0 {
            Set::Range(Some((f64::NEG_INFINITY, f64::INFINITY)))
        } else {
            Set::Options(vec![true; options])
        }
    }

    /// What a position accepts, by the rules of `docs/format.md`: `ideal`
    /// alone is one value.
    fn of_position(position: &Position, options: usize) -> Option<Set> {
        match position {
            Position::Options { accepts, .. } => Some(Set::Options(
                (0..options).map(|o| accepts.contains(o)).collect(),
            )),
            Position::Range { min, max, ideal } => {
                let (lo, hi) = if min.is_none() && max.is_none() {
                    (*ideal, *ideal)
                } else {
                    (*min, *max)
                };
                Some(Set::Range(Some((
                    lo.unwrap_or(f64::NEG_INFINITY),
                    hi.unwrap_or(f64::INFINITY),
                ))))
            }
            Position::Status(_) => None,
            // The conditions' generator writes no sequence (`sequence.rs`
            // has properties of its own).
            Position::Order { .. } => unreachable!("no sequence among generated conditions"),
        }
    }

    pub fn of_outcome(outcome: &OutcomeSet, options: usize) -> Set {
        match outcome {
            OutcomeSet::Options(set) => {
                Set::Options((0..options).map(|o| set.contains(o)).collect())
            }
            OutcomeSet::Range(None) => Set::Range(None),
            OutcomeSet::Range(Some(i)) => Set::Range(Some((
                i.min.unwrap_or(f64::NEG_INFINITY),
                i.max.unwrap_or(f64::INFINITY),
            ))),
            OutcomeSet::Order(_) => unreachable!("no sequence among generated conditions"),
        }
    }

    fn meet(&self, other: &Set) -> Set {
        match (self, other) {
            (Set::Options(a), Set::Options(b)) => {
                Set::Options(a.iter().zip(b).map(|(x, y)| *x && *y).collect())
            }
            (Set::Range(Some((a, b))), Set::Range(Some((c, d)))) => {
                let (lo, hi) = (a.max(*c), b.min(*d));
                Set::Range((lo <= hi).then_some((lo, hi)))
            }
            _ => Set::Range(None),
        }
    }

    /// The union; on a range, of intervals that touch (a base and its
    /// alternatives), or of an empty one.
    fn join(&self, other: &Set) -> Set {
        match (self, other) {
            (Set::Options(a), Set::Options(b)) => {
                Set::Options(a.iter().zip(b).map(|(x, y)| *x || *y).collect())
            }
            (Set::Range(Some((a, b))), Set::Range(Some((c, d)))) => {
                Set::Range(Some((a.min(*c), b.max(*d))))
            }
            (Set::Range(None), x) | (x, Set::Range(None)) => x.clone(),
            (a, _) => a.clone(),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Set::Options(a) => !a.iter().any(|x| *x),
            Set::Range(r) => r.is_none(),
        }
    }
}

/// One issue as the rules judge it.
#[derive(Clone, Debug, PartialEq)]
pub struct Judged {
    pub verdict: Verdict,
    pub available: Set,
}

struct Req {
    issue: usize,
    outcome: Set,
}

/// A party's way to accept an issue's outcomes: base or alternative.
struct Way {
    set: Set,
    own: Vec<Req>,
}

/// One party's positioned stance on one issue, with every condition.
struct Cell {
    ways: Vec<Way>,
    common: Vec<Req>,
}

fn reqs(n: &Negotiation, requires: &[Requirement]) -> Vec<Req> {
    requires
        .iter()
        .map(|r| Req {
            issue: r.issue.get(),
            outcome: Set::of_outcome(&r.outcome, n.agenda.issues[r.issue].options.len()),
        })
        .collect()
}

/// Every issue judged among `parties` (indices into the negotiation's),
/// all of them deciding; `pessimistic`: requirements on gaps unmet.
pub fn judge(n: &Negotiation, parties: &[usize], pessimistic: bool) -> Vec<Judged> {
    let issues = n.agenda.issues.len();
    let width = |i: usize| n.agenda.issues[i].options.len();
    // cells[i] = each positioned party's cell, in the order of `parties`.
    let mut cells: Vec<Vec<Cell>> = (0..issues).map(|_| Vec::new()).collect();
    for &p in parties {
        let party = &n.parties[p];
        for (i, stance) in party.stances.iter().enumerate() {
            let Some(stance) = stance else { continue };
            let Some(base) = Set::of_position(&stance.position, width(i)) else {
                continue;
            };
            let mut ways = vec![Way {
                set: base,
                own: Vec::new(),
            }];
            for a in &stance.alternatives {
                ways.push(Way {
                    set: Set::of_position(&a.position, width(i)).unwrap(),
                    own: reqs(n, &a.requires),
                });
            }
            let mut common = reqs(n, &stance.requires);
            common.extend(
                reqs(n, &party.requires)
                    .into_iter()
                    .filter(|r| r.issue != i),
            );
            for package in &party.packages {
                if !package.issues.iter().any(|k| k.get() == i) {
                    continue;
                }
                for other in package.issues.iter().filter(|k| k.get() != i) {
                    let could = party.stances[other.get()].as_ref().unwrap();
                    let mut all = Set::of_position(&could.position, width(other.get())).unwrap();
                    for a in &could.alternatives {
                        all = all.join(&Set::of_position(&a.position, width(other.get())).unwrap());
                    }
                    common.push(Req {
                        issue: other.get(),
                        outcome: all,
                    });
                }
            }
            cells[i].push(Cell { ways, common });
        }
    }
    let zone: Vec<Set> = (0..issues)
        .map(|i| {
            cells[i].iter().fold(Set::everything(width(i)), |z, c| {
                let all = c
                    .ways
                    .iter()
                    .fold(c.ways[0].set.clone(), |a, w| a.join(&w.set));
                z.meet(&all)
            })
        })
        .collect();
    let gap: Vec<bool> = (0..issues).map(|i| cells[i].len() < 2).collect();
    let mut available = zone.clone();
    loop {
        let met = |r: &Req, available: &[Set]| {
            let forced_unmet = pessimistic && gap[r.issue];
            let reached = !r.outcome.meet(&available[r.issue]).is_empty();
            !forced_unmet && reached
        };
        let next: Vec<Set> = (0..issues)
            .map(|i| {
                let mut now = zone[i].clone();
                for cell in &cells[i] {
                    let common = gap[i] || cell.common.iter().all(|r| met(r, &available));
                    let accepts = cell
                        .ways
                        .iter()
                        .filter(|w| common && w.own.iter().all(|r| met(r, &available)))
                        .fold(Set::Range(None), |a, w| a.join(&w.set));
                    let accepts = if accepts == Set::Range(None) && width(i) > 0 {
                        Set::Options(vec![false; width(i)])
                    } else {
                        accepts
                    };
                    now = now.meet(&accepts);
                }
                now
            })
            .collect();
        if next == available {
            break;
        }
        available = next;
    }
    (0..issues)
        .map(|i| {
            let verdict = if gap[i] {
                Verdict::Gap
            } else if zone[i].is_empty() {
                Verdict::Conflict
            } else if available[i].is_empty() {
                Verdict::Blocked
            } else {
                Verdict::Overlap
            };
            Judged {
                verdict,
                available: available[i].clone(),
            }
        })
        .collect()
}
