//! The nearest compromise on one conflict.
//!
//! - scale: the option(s) the parties reach in the fewest steps in all;
//! - range: the midpoint of the gap between the closest ends;
//! - choice and yes-no: the option(s) the most parties already accept.

use crate::engine::Table;
use crate::model::{IssueIndex, Kind, PartyIndex, Strength};
use crate::outcome::{Num, OutcomeSet};
use crate::report::{Bridge, Moves, Proposal, Trigger, requirements};
use std::sync::Arc;

/// `ids`: the ids of `parties`, in the same order, as the report has them;
/// `deciders`: those of them that decide the issue, in the same order: the
/// only ones a bridge moves.
pub fn bridge<'n>(
    t: &Table<'n>,
    issue: IssueIndex,
    parties: &[PartyIndex],
    deciders: &[PartyIndex],
    ids: &Arc<[String]>,
) -> Bridge<'n> {
    let scope = InScope {
        parties,
        deciders,
        ids,
    };
    let kind = t.n.agenda.issues[issue].kind;
    match kind {
        Kind::Range => range(t, issue, &scope),
        Kind::Scale => options(t, issue, &scope, steps),
        Kind::Choice | Kind::YesNo => options(t, issue, &scope, concede),
        // Only the deciders' constraints make the cycle to break.
        Kind::Sequence => super::sequence_bridge::bridge(t, issue, deciders),
    }
}

/// The parties in scope, those of them that decide the issue, and their
/// ids as the report has them.
struct InScope<'a> {
    parties: &'a [PartyIndex],
    deciders: &'a [PartyIndex],
    ids: &'a Arc<[String]>,
}

/// The parties in scope with a position that do not decide the issue and
/// could not accept `outcome`, in party order: who outside would be
/// against the proposal.
fn outside_against(
    t: &Table<'_>,
    issue: IssueIndex,
    scope: &InScope<'_>,
    outcome: &OutcomeSet,
) -> Vec<String> {
    // Both lists are in scope order: walked together, not searched once
    // per party (200 parties on thousands of proposals).
    let mut deciders = scope.deciders.iter().peekable();
    scope
        .parties
        .iter()
        .filter(|&&p| deciders.next_if_eq(&&p).is_none())
        .filter(|&&p| t.acceptable(p, issue).is_some_and(|a| !outcome.within(a)))
        .map(|&p| t.n.parties[p].id.clone())
        .collect()
}

/// Steps on a scale from each of `count` options to the nearest accepted
/// one (`accepted` in order). A party that accepts nothing is one step
/// from anything.
fn steps(count: usize, accepted: &[usize]) -> Vec<f64> {
    if accepted.is_empty() {
        return vec![1.0; count];
    }
    let mut after = accepted.iter().peekable();
    let mut before = None;
    (0..count)
        .map(|o| {
            while let Some(&&a) = after.peek() {
                if a > o {
                    break;
                }
                before = Some(a);
                after.next();
            }
            let back = before.map(|b: usize| o - b);
            let ahead = after.peek().map(|&&a| a - o);
            back.into_iter().chain(ahead).min().unwrap_or(1) as f64
        })
        .collect()
}

/// On a choice, a party concedes or it does not.
fn concede(count: usize, accepted: &[usize]) -> Vec<f64> {
    let mut moves = vec![1.0; count];
    for &a in accepted {
        if let Some(m) = moves.get_mut(a) {
            *m = 0.0;
        }
    }
    moves
}

fn red_line(t: &Table<'_>, p: PartyIndex, issue: IssueIndex) -> bool {
    t.n.parties[p].stances[issue]
        .as_ref()
        .is_some_and(|s| s.strength == Strength::RedLine)
}

/// The conditions an outcome calls on: each party in scope that accepts
/// it only through an alternative, with the first alternative that holds
/// it.
fn triggers<'n>(
    t: &Table<'n>,
    issue: IssueIndex,
    scope: &InScope<'_>,
    outcome: &OutcomeSet,
) -> Vec<Trigger<'n>> {
    let c = &t.conditions;
    let mut found = Vec::new();
    for &p in scope.deciders {
        let Some(cell) = c.cell(p, issue) else {
            continue;
        };
        if outcome.within(&cell.base) {
            continue;
        }
        let Some(k) = c
            .alternatives_of(cell)
            .iter()
            .position(|a| outcome.within(&a.set))
        else {
            continue;
        };
        let Some(stance) = t.n.parties[p].stances[issue].as_ref() else {
            continue;
        };
        found.push(Trigger {
            party: t.n.parties[p].id.clone(),
            alternative: k,
            requires: requirements(t.n, &stance.alternatives[k].requires),
        });
    }
    found
}

/// `moves`: each deciding speaker's move, in scope order (a subsequence
/// of `scope.parties`); every other party moves 0.
fn proposal(
    t: &Table<'_>,
    issue: IssueIndex,
    scope: &InScope<'_>,
    moves: &[(PartyIndex, f64)],
) -> (Moves, Vec<String>) {
    // Both lists in scope order: walked together, not searched once per
    // party (a thousand tied proposals among a thousand parties made that
    // a billion steps per issue).
    let mut amounts = Vec::with_capacity(scope.parties.len());
    let mut crosses = Vec::new();
    let mut next = moves.iter().peekable();
    for &p in scope.parties {
        let amount = next.next_if(|(q, _)| *q == p).map_or(0.0, |(_, m)| *m);
        if amount > 0.0 && red_line(t, p, issue) {
            crosses.push(t.n.parties[p].id.clone());
        }
        amounts.push(Num(amount));
    }
    debug_assert!(next.next().is_none(), "moves in scope order");
    (Moves::new(scope.ids.clone(), amounts), crosses)
}

/// Scale and choice alike: the options with the least total move.
fn options<'n>(
    t: &Table<'n>,
    issue: IssueIndex,
    scope: &InScope<'_>,
    cost: fn(usize, &[usize]) -> Vec<f64>,
) -> Bridge<'n> {
    let speakers: Vec<(PartyIndex, Vec<usize>)> = scope
        .deciders
        .iter()
        .filter_map(|&p| match t.acceptable(p, issue) {
            Some(OutcomeSet::Options(set)) => Some((p, set.iter().collect())),
            _ => None,
        })
        .collect();
    let count = t.n.agenda.issues[issue].options.len();
    // Each speaker's move to each option, worked out in one pass over the
    // options: on a scale of a thousand options, finding the nearest
    // accepted option afresh for each took a thousand steps per option.
    let costs: Vec<Vec<f64>> = speakers.iter().map(|(_, acc)| cost(count, acc)).collect();
    let totals: Vec<f64> = (0..count)
        .map(|o| costs.iter().map(|c| c[o]).sum())
        .collect();
    let best = totals.iter().copied().fold(f64::INFINITY, f64::min);
    let proposals = (0..count)
        .filter(|&o| totals[o] == best)
        .map(|o| {
            let moves: Vec<(PartyIndex, f64)> = speakers
                .iter()
                .zip(&costs)
                .map(|((p, _), c)| (*p, c[o]))
                .collect();
            let (moves, crosses_red_line) = proposal(t, issue, scope, &moves);
            let outcome = OutcomeSet::option(count, o);
            Proposal {
                option: Some(t.n.agenda.issues[issue].options[o].id.clone()),
                value: None,
                moves,
                crosses_red_line,
                triggers: triggers(t, issue, scope, &outcome),
                outside_against: outside_against(t, issue, scope, &outcome),
            }
        })
        .collect();
    Bridge {
        distance: None,
        proposals,
        order: None,
    }
}

/// A range conflict: the highest lower end lies above the lowest upper
/// end; the proposal is the midpoint between them.
fn range<'n>(t: &Table<'n>, issue: IssueIndex, scope: &InScope<'_>) -> Bridge<'n> {
    let intervals: Vec<(PartyIndex, Option<f64>, Option<f64>)> = scope
        .deciders
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
            order: None,
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
            triggers: triggers(t, issue, scope, &OutcomeSet::value(mid)),
            outside_against: outside_against(t, issue, scope, &OutcomeSet::value(mid)),
        }],
        order: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One pass over the options gives each the distance to the nearest
    /// accepted option, as measuring from every accepted option does.
    #[test]
    fn steps_to_the_nearest_accepted_option() {
        let plain = |o: usize, accepted: &[usize]| {
            accepted.iter().map(|&a| a.abs_diff(o)).min().unwrap_or(1) as f64
        };
        for accepted in [
            vec![],
            vec![0],
            vec![6],
            vec![2, 3],
            vec![0, 4, 6],
            vec![1, 5],
        ] {
            let expected: Vec<f64> = (0..7).map(|o| plain(o, &accepted)).collect();
            assert_eq!(steps(7, &accepted), expected, "{accepted:?}");
        }
        assert_eq!(concede(3, &[1]), [1.0, 0.0, 1.0]);
    }
}
