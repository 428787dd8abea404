//! The report from one party's seat.

use super::coalitions::THRESHOLD;
use crate::engine::Table;
use crate::model::{IssueIndex, PartyIndex};
use crate::outcome::{Num, OutcomeSet};
use crate::report::{
    Bridge, Focus, FocusMove, IssueReport, Offer, Ordered, Outcomes, PairReport, Rejected, Verdict,
    pair_of,
};
use crate::scope::Scope;

pub fn focus<'n>(
    t: &Table<'n>,
    deciders: &crate::engine::Deciders,
    scope: &Scope,
    party: PartyIndex,
    issues: &[IssueReport<'n>],
    bridges: &[Option<Bridge<'n>>],
    pairs: &[PairReport],
) -> Focus<'n> {
    let id = t.n.parties[party].id.clone();
    let others: Vec<PartyIndex> = scope
        .parties
        .iter()
        .copied()
        .filter(|&p| p != party)
        .collect();
    // Alone: a conflict it decides that the other deciders, without it,
    // do not have.
    let alone = scope
        .issues
        .iter()
        .zip(issues)
        .filter(|(i, r)| {
            r.verdict == Verdict::Conflict
                && deciders.decides(party, **i)
                && t.acceptable(party, **i).is_some()
        })
        .filter(|(i, _)| {
            let rest: Vec<PartyIndex> = deciders
                .of(**i)
                .iter()
                .copied()
                .filter(|&p| p != party)
                .collect();
            !t.conflicts(**i, &rest)
        })
        .map(|(_, r)| r.id.clone())
        .collect();
    // Pairs come in scope order: each is found by the two positions.
    let at = |p: PartyIndex| scope.parties.iter().position(|&q| q == p);
    let seat = at(party);
    let agreement = |other: PartyIndex| {
        let (a, b) = (seat?, at(other)?);
        let pair = pair_of(pairs, scope.parties.len(), a, b)?;
        pair.agreement_over(scope.min_shared)
    };
    let close: Vec<PartyIndex> = others
        .iter()
        .copied()
        .filter(|&other| agreement(other).is_some_and(|a| a > THRESHOLD))
        .collect();
    let partners: Vec<String> = close.iter().map(|&p| t.n.parties[p].id.clone()).collect();
    let mut rejected = Vec::new();
    for &other in &close {
        let partner = &t.n.parties[other].id;
        // Pairs may carry counts only (`--pairs counts`): the conflicts
        // with a partner are judged here.
        for (&i, report) in scope.issues.iter().zip(issues) {
            let both = t.acceptable(party, i).is_some() && t.acceptable(other, i).is_some();
            if !both || !t.disjoint(i, party, other) {
                continue;
            }
            if let Some(wants) = report.stances.outline(partner).and_then(|s| s.accepts) {
                rejected.push(Rejected {
                    issue: report.id.clone(),
                    partner: partner.clone(),
                    wants,
                });
            }
        }
    }
    let mut moves = Vec::new();
    let mut offers = Vec::new();
    for ((&i, report), bridge) in scope.issues.iter().zip(issues).zip(bridges) {
        let Some(bridge) = bridge else {
            continue;
        };
        if !deciders.decides(party, i) {
            offers.extend(offer(t, party, i, report, bridge));
            continue;
        }
        // The first tied proposal where the party moves least; none when
        // some proposal asks nothing of it.
        let best = bridge
            .proposals
            .iter()
            .filter_map(|p| p.moves.get(&id).map(|m| (p, m.0)))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((proposal, amount)) = best.filter(|(_, m)| *m > 0.0) {
            let issue = &t.n.agenda.issues[i];
            let to = match (&proposal.option, proposal.value) {
                (Some(option), _) => match issue.option_index(option) {
                    Some(o) => OutcomeSet::option(issue.options.len(), o),
                    None => continue,
                },
                (None, Some(v)) => OutcomeSet::value(v.0),
                (None, None) => continue,
            };
            moves.push(FocusMove {
                issue: report.id.clone(),
                to: Outcomes::new(issue, to),
                amount: Num(amount),
                red_line: proposal.crosses_red_line.contains(&id),
            });
        }
    }
    moves.sort_by(|a, b| a.amount.0.total_cmp(&b.amount.0));
    Focus {
        party: id,
        alone,
        partners,
        rejected,
        moves,
        offers,
    }
}

/// What a party that does not decide a conflict can offer each side: each
/// bridging proposal, what it asks of each decider, and whether the party
/// itself could accept it.
fn offer<'n>(
    t: &Table<'n>,
    party: PartyIndex,
    i: IssueIndex,
    report: &IssueReport<'n>,
    bridge: &Bridge<'n>,
) -> Vec<Offer<'n>> {
    let issue = &t.n.agenda.issues[i];
    bridge
        .proposals
        .iter()
        .filter_map(|p| {
            let to = match (&p.option, p.value) {
                (Some(option), _) => {
                    OutcomeSet::option(issue.options.len(), issue.option_index(option)?)
                }
                (None, Some(v)) => OutcomeSet::value(v.0),
                (None, None) => return None,
            };
            let asks = p
                .moves
                .iter()
                .filter(|(_, m)| m.0 > 0.0)
                .map(|(who, m)| (who.to_owned(), m))
                .collect();
            Some(Offer {
                issue: report.id.clone(),
                within: t.acceptable(party, i).map(|a| to.within(a)),
                to: Outcomes::new(issue, to),
                asks: Ordered(asks),
            })
        })
        .collect()
}
