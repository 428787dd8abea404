//! The report from one party's seat.

use super::coalitions::THRESHOLD;
use crate::engine::Scope;
use crate::engine::table::Table;
use crate::report::{
    Bounds, Focus, FocusMove, IssueReport, Num, PairReport, Rejected, Required, Verdict,
};

pub fn focus(
    t: &Table,
    scope: &Scope,
    party: usize,
    issues: &[IssueReport],
    pairs: &[PairReport],
) -> Focus {
    let id = t.n.parties[party].id.clone();
    let others: Vec<usize> = scope
        .parties
        .iter()
        .copied()
        .filter(|&p| p != party)
        .collect();
    // Alone: a conflict with it that the others, without it, do not have.
    let alone = scope
        .issues
        .iter()
        .zip(issues)
        .filter(|(_, r)| {
            r.verdict == Verdict::Conflict
                && r.stances.get(&id).is_some_and(|s| s.accepts.is_some())
        })
        .filter(|(i, _)| t.judge(**i, &others).verdict != Verdict::Conflict)
        .map(|(_, r)| r.id.clone())
        .collect();
    let agreement = |other: &str| {
        pairs
            .iter()
            .find(|p| {
                (p.parties[0] == id && p.parties[1] == other)
                    || (p.parties[1] == id && p.parties[0] == other)
            })
            .and_then(|p| p.agreement)
    };
    let partners: Vec<String> = others
        .iter()
        .map(|&p| t.n.parties[p].id.clone())
        .filter(|other| agreement(other).is_some_and(|a| a > THRESHOLD))
        .collect();
    let mut rejected = Vec::new();
    for &other in &others {
        let partner = &t.n.parties[other].id;
        if !partners.contains(partner) {
            continue;
        }
        // Pairs may carry counts only (`--pairs counts`): the conflicts
        // with a partner are judged here.
        for (&i, report) in scope.issues.iter().zip(issues) {
            if t.pair_verdict(i, party, other) != Some(Verdict::Conflict) {
                continue;
            }
            if let Some(wants) = report.stances.get(partner).and_then(|s| s.accepts.clone()) {
                rejected.push(Rejected {
                    issue: report.id.clone(),
                    partner: partner.clone(),
                    wants,
                });
            }
        }
    }
    let mut moves = Vec::new();
    for report in issues {
        let Some(bridge) = &report.bridge else {
            continue;
        };
        // The first tied proposal where the party moves least.
        // The first tied proposal where the party moves least; none when
        // some proposal asks nothing of it.
        let best = bridge
            .proposals
            .iter()
            .filter_map(|p| p.moves.get(&id).map(|m| (p, m.0)))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((proposal, amount)) = best.filter(|(_, m)| *m > 0.0) {
            let to = match (&proposal.option, proposal.value) {
                (Some(option), _) => Required::Options(vec![option.clone()]),
                (None, Some(v)) => Required::Range(Bounds {
                    min: Some(v),
                    max: Some(v),
                }),
                (None, None) => continue,
            };
            moves.push(FocusMove {
                issue: report.id.clone(),
                to,
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
    }
}
