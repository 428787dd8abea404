//! A comparison from start to end: the verdicts on every issue and pair in
//! scope, then the mediator's view of them, into one `Report`. Pure: no
//! I/O, no printing, no clock.

use crate::engine::{self, Judgements, Table};
use crate::mediation;
use crate::model::Negotiation;
use crate::report::Report;
use crate::scope::Scope;

/// The full report on the negotiation, among the parties and issues in
/// `scope`: verdicts, pairs, and the mediator's view.
pub fn compare<'n>(n: &'n Negotiation, scope: &Scope) -> Report<'n> {
    let table = Table::new(n);
    let judgements = Judgements::new(&table, &scope.parties, scope.list_clashes);
    let verdicts = engine::judge_issues(&judgements, scope);
    let pairs = engine::judge_pairs(&judgements, scope, &verdicts.issues);
    let mediation = mediation::mediate(&judgements, scope, &verdicts.issues, &pairs);
    Report::new(n, &scope.parties, verdicts, pairs, mediation)
}
