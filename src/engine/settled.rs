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
//! never blocks a pair's overlap.
//!
//! With roles and `decided_by` ("Who decides") the whole fixpoint judges
//! each issue among its deciders, while a pair ignores roles. The bound
//! above needs the two to be among the deciders of every issue a
//! requirement names, judged by the same rule of gaps: so a requirement
//! counts as met here only when it names an issue with no `decided_by`
//! (decided by every principal in scope, a gap below two speakers, as
//! between two), and a pair uses what is settled only when both of its
//! parties are principals none of whose requirements names an issue with
//! a `decided_by` (`trusts`): between two such parties every issue their
//! requirements reach, and every issue those reach in turn, is one whose
//! deciders include both. Every other pair works out its own fixpoint.

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
    /// it and another principal.
    party_requires_at_risk: Vec<bool>,
    /// Per party: whether it has a party-level `requires` at all.
    party_requires: Vec<bool>,
    /// Per party: whether it decides every issue with no `decided_by` and
    /// requires nothing of an issue with one: what is settled holds
    /// between two such parties.
    principal: Vec<bool>,
}

impl Settled {
    /// What `whole`, the fixpoint of `world` over every issue, settles.
    pub fn new(c: &Conditions, world: &World<'_>, whole: &Solution, width: usize) -> Self {
        let parties = c.parties.len();
        let mut settled = Settled::nothing(c, width);
        if world.issues.is_some() || world.pessimistic || c.is_empty() {
            return settled;
        }
        // Those who decide every issue with no `decided_by`: the
        // principals in scope, or every party of a world without roles.
        let (principals, listed): (&[PartyIndex], &dyn Fn(IssueIndex) -> bool) =
            match world.deciders {
                Some(d) => (d.principals(), &|i| d.is_listed(i)),
                None => (world.parties, &|_| false),
            };
        for &p in principals {
            settled.principal[p.get()] = true;
        }
        // A requirement on an issue a `decided_by` names can fail between
        // two where it holds among everyone (the two may clash there), and
        // take away from another issue what the bound counts on.
        for need in &c.needs {
            if listed(need.target) {
                settled.principal[need.party.get()] = false;
            }
        }
        let met = |k: u32| {
            let need = &c.needs[k as usize];
            !listed(need.target) && whole.meets(need.target, &need.outcome)
        };
        for p in 0..parties {
            if !settled.principal[p] {
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
        let party_requires: Vec<bool> = (0..parties)
            .map(|p| c.has_party_requires(PartyIndex::new(p)))
            .collect();
        Settled {
            width,
            cells: vec![false; parties * width],
            party_requires_at_risk: party_requires.clone(),
            party_requires,
            principal: vec![false; parties],
        }
    }

    /// Whether what is settled holds between `a` and `b`: both are
    /// principals.
    pub fn trusts(&self, a: PartyIndex, b: PartyIndex) -> bool {
        self.principal[a.get()] && self.principal[b.get()]
    }

    /// Whether every requirement bearing on the party's stance on `issue`
    /// is met between it and any other principal.
    pub fn cell(&self, party: PartyIndex, issue: IssueIndex) -> bool {
        self.cells[party.get() * self.width + issue.get()]
    }

    /// Whether a party-level `requires` of `a` or `b` may fail between the
    /// two.
    pub fn party_requires_at_risk(&self, a: PartyIndex, b: PartyIndex) -> bool {
        let risk = if self.trusts(a, b) {
            &self.party_requires_at_risk
        } else {
            &self.party_requires
        };
        risk[a.get()] || risk[b.get()]
    }
}
