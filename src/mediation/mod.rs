//! The mediator's view: the nearest compromise on each conflict, the
//! fewest stance changes that would clear every conflict and block, and
//! who stands together. Arithmetic on stated positions, not advice; no
//! I/O. It reads the verdicts and never changes them. `docs/mediation.md`
//! explains each computation with an example.

mod bridge;
mod coalitions;
mod deal;
mod focus;
mod sequence_bridge;

use crate::engine::{Judged, Judgements, Table};
use crate::model::{IssueIndex, PartyIndex};
use crate::report::{Bridge, Clashes, IssueReport, Mediation, PairReport, Verdict};
use crate::scope::Scope;
use rayon::prelude::*;
use std::sync::OnceLock;

/// The mediator's view of the verdicts on `issues` (the report's, in
/// scope order) and the `pairs`, from the judgements they came from.
pub(crate) fn mediate<'n>(
    judgements: &Judgements<'_, 'n>,
    scope: &Scope,
    issues: &[IssueReport<'n>],
    pairs: &[PairReport],
) -> Mediation<'n> {
    let mediator = Mediator::new(judgements);
    let bridges: Vec<Option<Bridge<'n>>> = scope
        .issues
        .par_iter()
        .zip(issues)
        .map(|(&i, issue)| (issue.verdict == Verdict::Conflict).then(|| mediator.bridge(i).clone()))
        .collect();
    let ids = &judgements.ids;
    Mediation {
        deal: deal::deal(&mediator, scope),
        coalition_threshold: coalitions::THRESHOLD,
        min_shared: scope.min_shared,
        weighed: judgements.table.salience_given(),
        coalitions: coalitions::coalitions(pairs, ids, scope.min_shared),
        partners: coalitions::partners(pairs, ids, scope.min_shared),
        focus: scope.focus.map(|party| {
            let deciders = &judgements.deciders;
            focus::focus(
                judgements.table,
                deciders,
                scope,
                party,
                issues,
                &bridges,
                pairs,
            )
        }),
        bridges,
    }
}

/// The judgements, with each conflict's bridge worked out once: an issue's
/// report and the deal's choices ask for the same ones.
pub(crate) struct Mediator<'j, 'n> {
    pub table: &'j Table<'n>,
    /// The parties in scope.
    pub parties: &'j [PartyIndex],
    judgements: &'j Judgements<'j, 'n>,
    bridges: Vec<OnceLock<Bridge<'n>>>,
}

impl<'j, 'n> Mediator<'j, 'n> {
    fn new(judgements: &'j Judgements<'j, 'n>) -> Self {
        Mediator {
            table: judgements.table,
            parties: judgements.parties,
            judgements,
            bridges: (0..judgements.table.n.agenda.issues.len())
                .map(|_| OnceLock::new())
                .collect(),
        }
    }

    /// The issue judged among the parties in scope, and its clashing pairs.
    pub fn get(&self, issue: IssueIndex) -> &(Judged, Clashes) {
        self.judgements.get(issue)
    }

    /// Whether a requirement (a need of the table) is met as things stand.
    pub fn met(&self, need: u32) -> bool {
        let need = &self.table.conditions.needs[need as usize];
        self.judgements.real.meets(need.target, &need.outcome)
    }

    /// The nearest compromises on a conflict.
    pub fn bridge(&self, issue: IssueIndex) -> &Bridge<'n> {
        self.bridges[issue.get()].get_or_init(|| {
            let deciders = self.judgements.deciders.of(issue);
            bridge::bridge(
                self.table,
                issue,
                self.parties,
                deciders,
                &self.judgements.ids,
            )
        })
    }
}
