//! Who decides each issue in one view (`docs/design.md`, "Who decides"):
//! its `decided_by` among the parties in scope, else every principal in
//! scope. Worked out once per comparison; the fixpoint asks for each
//! issue's deciders, and whether a party decides an issue, many times.

use crate::model::{IssueIndex, Negotiation, PartyIndex, Role};

/// The deciding parties of every issue among the parties in scope.
pub struct Deciders {
    /// The principals in scope, in scope order: the deciders of every
    /// issue with no `decided_by`.
    principals: Vec<PartyIndex>,
    /// Per issue of the agenda: `None` for the principals, else its
    /// `decided_by` in scope, in scope order.
    listed: Vec<Option<Vec<PartyIndex>>>,
    /// Per issue: the parties of its `decided_by` left out of scope
    /// (`--parties`), in the negotiation's order. Such an issue cannot be
    /// decided in this view: it is a gap.
    out_of_scope: Vec<Vec<PartyIndex>>,
    /// Per party of the negotiation: whether it is a principal.
    principal: Vec<bool>,
}

impl Deciders {
    /// The deciders among `parties` (the parties in scope, in report
    /// order).
    pub fn new(n: &Negotiation, parties: &[PartyIndex]) -> Self {
        let principal: Vec<bool> = n
            .parties
            .iter()
            .map(|p| p.role == Role::Principal)
            .collect();
        let mut in_scope = vec![false; n.parties.len()];
        for &p in parties {
            in_scope[p.get()] = true;
        }
        let mut listed = Vec::with_capacity(n.agenda.issues.len());
        let mut out_of_scope = Vec::with_capacity(n.agenda.issues.len());
        let at = |id: &str| n.parties.iter().position(|p| p.id == id);
        for issue in &n.agenda.issues {
            let Some(ids) = &issue.decided_by else {
                listed.push(None);
                out_of_scope.push(Vec::new());
                continue;
            };
            let mut named: Vec<PartyIndex> = ids
                .iter()
                .filter_map(|id| at(id))
                .map(PartyIndex::new)
                .collect();
            named.sort_unstable();
            let (inside, outside): (Vec<_>, Vec<_>) =
                named.into_iter().partition(|p| in_scope[p.get()]);
            // Scope order is the negotiation's order, as `named` is.
            listed.push(Some(inside));
            out_of_scope.push(outside);
        }
        Deciders {
            principals: parties
                .iter()
                .copied()
                .filter(|p| principal[p.get()])
                .collect(),
            listed,
            out_of_scope,
            principal,
        }
    }

    /// The principals in scope, in scope order: the deciders of every issue
    /// with no `decided_by`.
    pub fn principals(&self) -> &[PartyIndex] {
        &self.principals
    }

    /// Whether `issue` names its deciders (`decided_by`).
    pub fn is_listed(&self, issue: IssueIndex) -> bool {
        self.listed[issue.get()].is_some()
    }

    /// The deciding parties of `issue` in scope, in scope order.
    pub fn of(&self, issue: IssueIndex) -> &[PartyIndex] {
        self.listed[issue.get()]
            .as_deref()
            .unwrap_or(&self.principals)
    }

    /// Whether `party` (in scope) decides `issue`.
    pub fn decides(&self, party: PartyIndex, issue: IssueIndex) -> bool {
        match &self.listed[issue.get()] {
            None => self.principal[party.get()],
            Some(listed) => listed.binary_search(&party).is_ok(),
        }
    }

    /// The parties of the issue's `decided_by` out of scope.
    pub fn out_of_scope(&self, issue: IssueIndex) -> &[PartyIndex] {
        &self.out_of_scope[issue.get()]
    }

    /// Whether an issue whose deciders with a position are `speakers` is a
    /// gap for want of a decider: fewer than two, or, with `decided_by`,
    /// one it names silent, without a position, or out of scope.
    pub fn is_gap(&self, issue: IssueIndex, speakers: usize) -> bool {
        speakers < 2
            || match &self.listed[issue.get()] {
                None => false,
                Some(listed) => {
                    speakers < listed.len() || !self.out_of_scope[issue.get()].is_empty()
                }
            }
    }
}
