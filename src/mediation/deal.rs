//! The fewest stance changes that would turn every conflict and block in
//! scope into an overlap.
//!
//! Each issue that matters (a conflict, or an issue some requirement needs
//! settled otherwise) gets one outcome; every party with a position there
//! that does not accept it changes its stance to accept it, and every
//! requirement the outcome does not meet is dropped (a change of the
//! requiring stance). Changes only widen what parties accept, so nothing
//! new can conflict. A conflict is settled on one of its bridging
//! proposals; an issue involved only through requirements may also be left
//! as it is, its requirements dropped. The outcomes are chosen to change
//! the fewest stances: by trying every combination when there are at most
//! `EXACT_LIMIT`, else issue by issue (greedy), and the report says which.

use super::Mediator;
use crate::model::{IssueIndex, Negotiation, PartyIndex};
use crate::outcome::OutcomeSet;
use crate::report::{ChangeKind, Deal, DealChange, Outcomes, Verdict};
use crate::scope::Scope;
use rayon::prelude::*;
use std::collections::BTreeSet;

/// Combinations tried before falling back to the greedy answer.
pub const EXACT_LIMIT: usize = 65_536;

/// An outcome of one issue: an option, or a value of a range; or, for an
/// issue involved only through requirements, leaving it as it is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Pick {
    Option(usize),
    Value(f64),
    Keep,
}

/// A requirement of a problem issue's speaker that its issue cannot meet.
struct Unmet<'a> {
    party: PartyIndex,
    issue: IssueIndex,
    on: IssueIndex,
    outcome: &'a OutcomeSet,
}

/// One way to settle an involved issue, with what it costs: the parties
/// that must accept the outcome, and the requirements (indices into the
/// unmet list) it leaves to be dropped.
struct Choice {
    pick: Pick,
    movers: Vec<PartyIndex>,
    drops: Vec<usize>,
}

struct Involved {
    issue: IssueIndex,
    choices: Vec<Choice>,
}

pub fn deal<'n>(j: &Mediator<'_, 'n>, scope: &Scope) -> Deal<'n> {
    let t = j.table;
    let parties = &scope.parties;
    let mut unmet = Vec::new();
    let mut involved: Vec<IssueIndex> = Vec::new();
    for &x in &scope.issues {
        let judged = &j.get(x).0;
        match judged.verdict {
            Verdict::Conflict => involved.push(x),
            Verdict::Blocked => {}
            _ => continue,
        }
        for &p in &judged.speakers {
            let Some(stance) = &t.n.parties[p].stances[x] else {
                continue;
            };
            for req in &stance.requires {
                let zone = t.zone(req.issue, &t.speakers(req.issue, parties));
                if !zone.meets(&req.outcome) {
                    unmet.push(Unmet {
                        party: p,
                        issue: x,
                        on: req.issue,
                        outcome: &req.outcome,
                    });
                    involved.push(req.issue);
                }
            }
        }
    }
    involved.sort_unstable();
    involved.dedup();
    let mut in_view = vec![false; t.n.agenda.issues.len()];
    for &i in &scope.issues {
        in_view[i.get()] = true;
    }
    // Each issue's choices are its own: worked out in parallel.
    let involved: Vec<Involved> = involved
        .par_iter()
        .map(|&y| Involved {
            issue: y,
            choices: choices(j, scope, in_view[y.get()], y, &unmet),
        })
        .filter(|i| !i.choices.is_empty())
        .collect();
    let combinations = involved
        .iter()
        .try_fold(1usize, |acc, i| acc.checked_mul(i.choices.len()));
    let exact = combinations.is_some_and(|c| c <= EXACT_LIMIT);
    let chosen = if exact {
        exhaustive(&involved, &unmet)
    } else {
        greedy(&involved)
    };
    let changes = changes(t.n, parties, &involved, &chosen, &unmet);
    let stances: BTreeSet<(PartyIndex, IssueIndex)> =
        changes.iter().map(|(p, i, _)| (*p, *i)).collect();
    Deal {
        exact,
        stances: stances.len(),
        changes: changes.into_iter().map(|(_, _, c)| c).collect(),
    }
}

/// Every way worth trying to settle an issue, with its cost worked out
/// once: the search then only adds them up. `in_view`: whether the issue
/// is among the report's (`--issues`).
fn choices(
    j: &Mediator<'_, '_>,
    scope: &Scope,
    in_view: bool,
    y: IssueIndex,
    unmet: &[Unmet<'_>],
) -> Vec<Choice> {
    let (t, parties) = (j.table, &scope.parties);
    let speakers = t.speakers(y, parties);
    let conflict = j.get(y).0.verdict == Verdict::Conflict;
    let mut picks = picks(j, y, conflict, unmet);
    // A conflict in view must be settled; one outside `--issues` matters only
    // through the requirements on it, and may be left as it is.
    if !conflict || !in_view {
        picks.push(Pick::Keep);
    }
    // Movers come in scope order, which is party-index order: `cost`
    // searches them by binary search.
    debug_assert!(speakers.windows(2).all(|w| w[0] < w[1]));
    picks
        .into_iter()
        .map(|pick| Choice {
            pick,
            movers: match pick {
                Pick::Keep => Vec::new(),
                _ => speakers
                    .iter()
                    .copied()
                    .filter(|&p| t.acceptable(p, y).is_some_and(|a| !accepts(a, pick)))
                    .collect(),
            },
            drops: (0..unmet.len())
                .filter(|&u| unmet[u].on == y && !meets(unmet[u].outcome, pick))
                .collect(),
        })
        .collect()
}

/// The outcomes worth trying on an issue: on a conflict, its bridging
/// proposals (the deal is about accepting those); on an issue a requirement
/// needs settled otherwise, the options that meet some such requirement,
/// or on a range the point of each requirement nearest to the zone.
fn picks(j: &Mediator<'_, '_>, y: IssueIndex, conflict: bool, unmet: &[Unmet<'_>]) -> Vec<Pick> {
    let (t, parties) = (j.table, j.parties);
    let issue = &t.n.agenda.issues[y];
    if conflict {
        return j
            .bridge(y)
            .proposals
            .iter()
            .filter_map(|p| match (&p.option, p.value) {
                (Some(option), _) => issue.option_index(option).map(Pick::Option),
                (None, Some(v)) => Some(Pick::Value(v.0)),
                (None, None) => None,
            })
            .collect();
    }
    let wanted: Vec<&OutcomeSet> = unmet
        .iter()
        .filter(|u| u.on == y)
        .map(|u| u.outcome)
        .collect();
    if !issue.options.is_empty() {
        return (0..issue.options.len())
            .filter(|&o| wanted.iter().any(|w| meets(w, Pick::Option(o))))
            .map(Pick::Option)
            .collect();
    }
    let zone = t.zone(y, &t.speakers(y, parties));
    let (low, high) = match zone {
        OutcomeSet::Range(Some(i)) => (i.min, i.max),
        _ => (None, None),
    };
    let mut values = Vec::new();
    for w in wanted {
        if let OutcomeSet::Range(Some(r)) = w {
            // The end of the requirement that faces the zone.
            let v = match (r.min, r.max, low, high) {
                (Some(lo), _, _, Some(hi)) if lo > hi => lo,
                (_, Some(hi), Some(lo), _) if hi < lo => hi,
                (Some(lo), _, _, _) => lo,
                (None, Some(hi), _, _) => hi,
                (None, None, _, _) => low.or(high).unwrap_or(0.0),
            };
            if !values.contains(&Pick::Value(v)) {
                values.push(Pick::Value(v));
            }
        }
    }
    values
}

fn accepts(a: &OutcomeSet, pick: Pick) -> bool {
    match (a, pick) {
        (OutcomeSet::Options(set), Pick::Option(o)) => set.contains(o),
        (OutcomeSet::Range(Some(i)), Pick::Value(v)) => {
            i.min.is_none_or(|lo| v >= lo) && i.max.is_none_or(|hi| v <= hi)
        }
        _ => false,
    }
}

fn meets(outcome: &OutcomeSet, pick: Pick) -> bool {
    match (outcome, pick) {
        (OutcomeSet::Options(set), Pick::Option(o)) => set.contains(o),
        (OutcomeSet::Range(Some(r)), Pick::Value(v)) => {
            r.min.is_none_or(|lo| v >= lo) && r.max.is_none_or(|hi| v <= hi)
        }
        _ => false,
    }
}

/// The stances a combination changes: every mover's stance on its issue,
/// and every requiring stance whose requirement is dropped, counted once.
///
/// Counted over the issues at `positions` only: the search leaves out the
/// issues whose cost is the same in every combination it tries.
fn cost(involved: &[Involved], chosen: &[usize], unmet: &[Unmet], positions: &[usize]) -> usize {
    let movers: usize = positions
        .iter()
        .map(|&k| involved[k].choices[chosen[k]].movers.len())
        .sum();
    let mut dropped: Vec<(PartyIndex, IssueIndex)> = Vec::new();
    for &k in positions {
        for &u in &involved[k].choices[chosen[k]].drops {
            let key = (unmet[u].party, unmet[u].issue);
            // A stance that already changes to accept an outcome costs
            // nothing more for dropping its requirement too.
            // `involved` is in agenda order: found by binary search.
            let moving = involved
                .binary_search_by_key(&key.1, |j| j.issue)
                .is_ok_and(|k| {
                    involved[k].choices[chosen[k]]
                        .movers
                        .binary_search(&key.0)
                        .is_ok()
                });
            if !moving {
                dropped.push(key);
            }
        }
    }
    // Counted once each: sorted rather than searched, as a conference
    // deal drops thousands.
    dropped.sort_unstable();
    dropped.dedup();
    movers + dropped.len()
}

/// Every combination, in agenda order of the outcomes: the first cheapest.
///
/// Only issues whose choices drop a requirement, or that hold a stance
/// with an unmet requirement (whose move makes its drop free), weigh on
/// each other. Every other issue costs its own movers alone, so its first
/// cheapest choice is its part of the first cheapest combination; the
/// combinations are tried over the linked issues only. (With hundreds of
/// involved issues, trying all of them made this the slowest step.)
fn exhaustive(involved: &[Involved], unmet: &[Unmet]) -> Vec<usize> {
    let linked: Vec<usize> = (0..involved.len())
        .filter(|&k| {
            let i = &involved[k];
            i.choices.iter().any(|c| !c.drops.is_empty())
                || unmet.iter().any(|u| u.issue == i.issue)
        })
        .collect();
    let mut index = greedy(involved);
    for &k in &linked {
        index[k] = 0;
    }
    let mut best: Option<(usize, Vec<usize>)> = None;
    loop {
        let c = cost(involved, &index, unmet, &linked);
        if best.as_ref().is_none_or(|(b, _)| c < *b) {
            best = Some((c, index.clone()));
        }
        // The next combination, the last linked issue turning fastest.
        let mut l = linked.len();
        loop {
            if l == 0 {
                return best.map(|(_, chosen)| chosen).unwrap_or_default();
            }
            l -= 1;
            let k = linked[l];
            index[k] += 1;
            if index[k] < involved[k].choices.len() {
                break;
            }
            index[k] = 0;
        }
    }
}

/// Issue by issue, the choice cheapest for that issue alone.
fn greedy(involved: &[Involved]) -> Vec<usize> {
    involved
        .iter()
        .map(|i| {
            (0..i.choices.len())
                .min_by_key(|&c| i.choices[c].movers.len() + i.choices[c].drops.len())
                .unwrap_or(0)
        })
        .collect()
}

/// The changes, in party order then agenda order.
fn changes<'n>(
    n: &'n Negotiation,
    parties: &[PartyIndex],
    involved: &[Involved],
    chosen: &[usize],
    unmet: &[Unmet],
) -> Vec<(PartyIndex, IssueIndex, DealChange<'n>)> {
    // Sized up front: at conference scale a deal has tens of thousands of
    // changes, and a doubling vector holds up to twice that.
    let size = involved
        .iter()
        .zip(chosen)
        .map(|(inv, &c)| inv.choices[c].movers.len() + inv.choices[c].drops.len())
        .sum();
    let mut out = Vec::with_capacity(size);
    for (inv, &c) in involved.iter().zip(chosen) {
        let issue = &n.agenda.issues[inv.issue];
        let choice = &inv.choices[c];
        for &p in &choice.movers {
            let outcome = match choice.pick {
                Pick::Option(o) => OutcomeSet::option(issue.options.len(), o),
                Pick::Value(v) => OutcomeSet::value(v),
                Pick::Keep => continue,
            };
            out.push((
                p,
                inv.issue,
                DealChange {
                    party: &n.parties[p].id,
                    issue: &issue.id,
                    change: ChangeKind::Accept,
                    outcome: Outcomes::new(issue, outcome),
                    requirement_on: None,
                    unit: issue.unit.as_deref(),
                },
            ));
        }
        for &u in &choice.drops {
            let u = &unmet[u];
            let on = &n.agenda.issues[u.on];
            let outcome = Outcomes::new(on, u.outcome.clone());
            out.push((
                u.party,
                u.issue,
                DealChange {
                    party: &n.parties[u.party].id,
                    issue: &n.agenda.issues[u.issue].id,
                    change: ChangeKind::DropRequirement,
                    outcome,
                    requirement_on: Some(&on.id),
                    unit: on.unit.as_deref(),
                },
            ));
        }
    }
    // Party order is scope order: each party's place, looked up once.
    let mut rank = vec![usize::MAX; n.parties.len()];
    for (k, &p) in parties.iter().enumerate() {
        rank[p.get()] = k;
    }
    out.sort_by_key(|(p, i, c)| (rank[p.get()], *i, c.change == ChangeKind::DropRequirement));
    out.dedup_by(|a, b| {
        a.0 == b.0
            && a.1 == b.1
            && a.2.change == b.2.change
            && a.2.requirement_on == b.2.requirement_on
    });
    out
}
