//! The nearest compromise on one conflict.
//!
//! - scale: the option(s) the parties reach in the fewest steps in all;
//! - range: the midpoint of the gap between the closest ends;
//! - choice and yes-no: the option(s) the most parties already accept.

use crate::engine::Table;
use crate::model::{IssueIndex, Kind, PartyIndex, Strength};
use crate::outcome::{Num, OutcomeSet};
use crate::report::{Bridge, Moves, Proposal};
use std::sync::Arc;

/// `ids`: the ids of `parties`, in the same order, as the report has them.
pub fn bridge(
    t: &Table<'_>,
    issue: IssueIndex,
    parties: &[PartyIndex],
    ids: &Arc<[String]>,
) -> Bridge {
    let scope = InScope { parties, ids };
    let kind = t.n.agenda.issues[issue].kind;
    match kind {
        Kind::Range => range(t, issue, &scope),
        Kind::Scale => options(t, issue, &scope, steps),
        Kind::Choice | Kind::YesNo => options(t, issue, &scope, concede),
    }
}

/// The parties in scope, and their ids as the report has them.
struct InScope<'a> {
    parties: &'a [PartyIndex],
    ids: &'a Arc<[String]>,
}

/// Steps on a scale from option `o` to the nearest accepted one. A party
/// that accepts nothing is one step from anything.
fn steps(o: usize, accepted: &[usize]) -> f64 {
    accepted.iter().map(|&a| a.abs_diff(o)).min().unwrap_or(1) as f64
}

/// On a choice, a party concedes or it does not.
fn concede(o: usize, accepted: &[usize]) -> f64 {
    if accepted.contains(&o) { 0.0 } else { 1.0 }
}

fn red_line(t: &Table<'_>, p: PartyIndex, issue: IssueIndex) -> bool {
    t.n.parties[p].stances[issue]
        .as_ref()
        .is_some_and(|s| s.strength == Strength::RedLine)
}

fn proposal(
    t: &Table<'_>,
    issue: IssueIndex,
    scope: &InScope<'_>,
    moves: &[(PartyIndex, f64)],
) -> (Moves, Vec<String>) {
    let amount = |p: PartyIndex| moves.iter().find(|(q, _)| *q == p).map_or(0.0, |(_, m)| *m);
    let amounts = scope.parties.iter().map(|&p| Num(amount(p))).collect();
    let crosses = scope
        .parties
        .iter()
        .filter(|&&p| amount(p) > 0.0 && red_line(t, p, issue))
        .map(|&p| t.n.parties[p].id.clone())
        .collect();
    (Moves::new(scope.ids.clone(), amounts), crosses)
}

/// Scale and choice alike: the options with the least total move.
fn options(
    t: &Table<'_>,
    issue: IssueIndex,
    scope: &InScope<'_>,
    cost: fn(usize, &[usize]) -> f64,
) -> Bridge {
    let speakers: Vec<(PartyIndex, Vec<usize>)> = scope
        .parties
        .iter()
        .filter_map(|&p| match t.acceptable(p, issue) {
            Some(OutcomeSet::Options(set)) => Some((p, set.iter().collect())),
            _ => None,
        })
        .collect();
    let count = t.n.agenda.issues[issue].options.len();
    let totals: Vec<f64> = (0..count)
        .map(|o| speakers.iter().map(|(_, acc)| cost(o, acc)).sum())
        .collect();
    let best = totals.iter().copied().fold(f64::INFINITY, f64::min);
    let proposals = (0..count)
        .filter(|&o| totals[o] == best)
        .map(|o| {
            let moves: Vec<(PartyIndex, f64)> =
                speakers.iter().map(|(p, acc)| (*p, cost(o, acc))).collect();
            let (moves, crosses_red_line) = proposal(t, issue, scope, &moves);
            Proposal {
                option: Some(t.n.agenda.issues[issue].options[o].id.clone()),
                value: None,
                moves,
                crosses_red_line,
            }
        })
        .collect();
    Bridge {
        distance: None,
        proposals,
    }
}

/// A range conflict: the highest lower end lies above the lowest upper
/// end; the proposal is the midpoint between them.
fn range(t: &Table<'_>, issue: IssueIndex, scope: &InScope<'_>) -> Bridge {
    let intervals: Vec<(PartyIndex, Option<f64>, Option<f64>)> = scope
        .parties
        .iter()
        .filter_map(|&p| match t.acceptable(p, issue) {
            Some(OutcomeSet::Range(Some(i))) => Some((p, i.min, i.max)),
            _ => None,
        })
        .collect();
    let low = intervals
        .iter()
        .filter_map(|(_, lo, _)| *lo)
        .fold(f64::NEG_INFINITY, f64::max);
    let high = intervals
        .iter()
        .filter_map(|(_, _, hi)| *hi)
        .fold(f64::INFINITY, f64::min);
    if !(low.is_finite() && high.is_finite() && low > high) {
        return Bridge {
            distance: None,
            proposals: Vec::new(),
        };
    }
    let mid = (low + high) / 2.0;
    let moves: Vec<(PartyIndex, f64)> = intervals
        .iter()
        .map(|&(p, lo, hi)| {
            let below = lo.map_or(0.0, |lo| (lo - mid).max(0.0));
            let above = hi.map_or(0.0, |hi| (mid - hi).max(0.0));
            (p, below + above)
        })
        .collect();
    let (moves, crosses_red_line) = proposal(t, issue, scope, &moves);
    Bridge {
        distance: Some(Num(low - high)),
        proposals: vec![Proposal {
            option: None,
            value: Some(Num(mid)),
            moves,
            crosses_red_line,
        }],
    }
}
