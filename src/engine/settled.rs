//! What the whole negotiation's fixpoint settles for the pairs' table.
//!
//! A pair's verdicts come from a fixpoint of the two parties alone
//! (`Table::pair_codes`). Every requirement of the two that is met in the
//! fixpoint of every party in scope is met in the pair's too:
//!
//! - with fewer deciders an issue's zone is the intersection of fewer
//!   sets, so no smaller; an issue that is a conflict or blocked among
//!   everyone may be live or a gap between two, never the reverse;
//! - what a party accepts through its ways depends only on which of its
//!   own requirements are met (on a gap, a failed common requirement
//!   takes nothing away at all);
//! - so with the set M of the two parties' requirements met among
//!   everyone taken as met, each issue's available outcomes between the
//!   two hold those among everyone, and every requirement of M still
//!   meets them: M is consistent in the pair's world, and the greatest
//!   fixpoint holds every consistent set (every change in it only takes
//!   away, `solve.rs`).
//!
//! So on an issue where every requirement bearing on either party's
//! stance is met among everyone, nothing is taken away between the two:
//! their verdict is that of what they could accept, without a fixpoint;
//! and a party whose party-level `requires` are all met among everyone
//! never blocks a pair's overlap. This holds while the whole fixpoint's
//! deciders on every issue are all the parties in scope, which `new`
//! checks: should they ever be fewer (an issue's `decided_by`), what it
//! says of the others would no longer bound the pairs, and it settles
//! nothing.

use super::conditions::Conditions;
use super::solve::{Solution, World};
use crate::model::{IssueIndex, PartyIndex};

pub struct Settled {
    width: usize,
    /// `party * issues + issue`: every requirement bearing on the party's
    /// stance there (its own, its alternatives', those of its party-level
    /// `requires` and of each package holding it) is met among everyone.
    cells: Vec<bool>,
    /// Per party: whether a party-level `requires` of it may fail between
    /// it and another party.
    party_requires_at_risk: Vec<bool>,
}

impl Settled {
    /// What `whole`, the fixpoint of `world` over every issue, settles.
    pub fn new(c: &Conditions, world: &World<'_>, whole: &Solution, width: usize) -> Self {
        let parties = c.parties.len();
        let mut settled = Settled::nothing(c, width);
        let everyone_decides = world.issues.is_none()
            && !world.pessimistic
            && (0..width).all(|i| world.deciders(IssueIndex::new(i)) == world.parties);
        if !everyone_decides || c.is_empty() {
            return settled;
        }
        let met = |k: u32| {
            let need = &c.needs[k as usize];
            whole.meets(need.target, &need.outcome)
        };
        let mut in_scope = vec![false; parties];
        for &p in world.parties {
            in_scope[p.get()] = true;
        }
        for (p, in_scope) in in_scope.into_iter().enumerate() {
            if !in_scope {
                continue;
            }
            let party = PartyIndex::new(p);
            let groups = c.groups_of(party);
            let group_met: Vec<bool> = groups.iter().map(|g| g.needs.clone().all(met)).collect();
            settled.party_requires_at_risk[p] = groups
                .iter()
                .zip(&group_met)
                .any(|(g, &m)| g.members.is_none() && !m);
            for i in 0..width {
                let issue = IssueIndex::new(i);
                let own = c.cell(party, issue).is_none_or(|cell| {
                    cell.needs.clone().all(met)
                        && c.alternatives_of(cell)
                            .iter()
                            .all(|a| a.needs.clone().all(met))
                });
                settled.cells[p * width + i] = own
                    && groups
                        .iter()
                        .zip(&group_met)
                        .all(|(g, &m)| m || !g.covers(issue));
            }
        }
        settled
    }

    /// Settles nothing: every pair works out its own fixpoint.
    pub fn nothing(c: &Conditions, width: usize) -> Self {
        let parties = c.parties.len();
        Settled {
            width,
            cells: vec![false; parties * width],
            party_requires_at_risk: (0..parties)
                .map(|p| c.has_party_requires(PartyIndex::new(p)))
                .collect(),
        }
    }

    /// Whether every requirement bearing on the party's stance on `issue`
    /// is met between it and any other party.
    pub fn cell(&self, party: PartyIndex, issue: IssueIndex) -> bool {
        self.cells[party.get() * self.width + issue.get()]
    }

    /// Whether a party-level `requires` of the party may fail between it
    /// and another party.
    pub fn party_requires_at_risk(&self, party: PartyIndex) -> bool {
        self.party_requires_at_risk[party.get()]
    }
}
