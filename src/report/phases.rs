//! A phased agenda in the report: what each phase came to, and the
//! requirements that reach forward from an earlier phase to a later one.

use super::{IssueReport, Summary, Verdict};
use crate::model::{IssueIndex, Kind, Negotiation, PartyIndex};
use serde::Serialize;

/// One phase of the agenda, as the report sums it up.
#[derive(Clone, Debug, Serialize)]
pub struct PhaseReport<'n> {
    /// Its id.
    pub id: &'n str,
    /// What it is.
    pub title: &'n str,
    /// How many days it lasts, when the agenda says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    /// Its issues in the report, in report order.
    pub issues: Vec<&'n str>,
    /// How many of them got each verdict.
    pub summary: Summary,
    /// Whether it could be agreed now: it has issues in the report, and
    /// every one of them is an overlap.
    pub agreed_now: bool,
    /// What stands in the way of agreeing it: its issues that are not an
    /// overlap (conflicts, blocks, gaps), in report order.
    pub blocking: Vec<&'n str>,
}

/// A requirement held by a stance on an issue of an earlier phase, naming
/// an issue of a later phase: what is to be settled first waits on what is
/// to be settled later.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ForwardDependency<'n> {
    /// The earlier issue, whose stance holds the requirement.
    pub issue: &'n str,
    /// Whose stance.
    pub party: &'n str,
    /// The later issue it requires.
    pub requires: &'n str,
}

/// Each phase of the agenda with its issues among `issues` (the report's,
/// in report order); none when the agenda has no phases.
pub(crate) fn phases<'n>(n: &'n Negotiation, issues: &[IssueReport<'n>]) -> Vec<PhaseReport<'n>> {
    n.agenda
        .phases
        .iter()
        .map(|phase| {
            let mut summary = Summary::default();
            let mut ids = Vec::new();
            let mut blocking = Vec::new();
            for issue in issues.iter().filter(|i| i.phase == Some(phase.id.as_str())) {
                summary.count(issue.verdict);
                ids.push(n.agenda.issues[index(n, &issue.id)].id.as_str());
                if issue.verdict != Verdict::Overlap {
                    blocking.push(n.agenda.issues[index(n, &issue.id)].id.as_str());
                }
            }
            PhaseReport {
                id: &phase.id,
                title: &phase.title,
                days: phase.days,
                agreed_now: !ids.is_empty() && blocking.is_empty(),
                issues: ids,
                summary,
                blocking,
            }
        })
        .collect()
}

fn index(n: &Negotiation, id: &str) -> IssueIndex {
    n.agenda.index_of(id).expect("an issue of the report")
}

/// Every forward dependency of `parties` (in scope, report order) held on
/// the report's `issues` (in report order): report order of the issue,
/// then party order, then agenda order of the required issue; each once.
pub(crate) fn forward_dependencies<'n>(
    n: &'n Negotiation,
    parties: &[PartyIndex],
    issues: &[IssueReport<'n>],
) -> Vec<ForwardDependency<'n>> {
    if n.agenda.phases.is_empty() {
        return Vec::new();
    }
    let phase = |i: IssueIndex| n.agenda.issues[i].phase;
    let mut out = Vec::new();
    for report in issues {
        let i = index(n, &report.id);
        let Some(earlier) = phase(i) else {
            continue;
        };
        for &p in parties {
            let party = &n.parties[p];
            let Some(stance) = party.stances[i].as_ref() else {
                continue;
            };
            let mut named: Vec<IssueIndex> = stance
                .requires
                .iter()
                .chain(stance.alternatives.iter().flat_map(|a| a.requires.iter()))
                .map(|r| r.issue)
                .collect();
            if stance.has_position() && n.agenda.issues[i].kind != Kind::Sequence {
                named.extend(party.requires.iter().map(|r| r.issue).filter(|&x| x != i));
            }
            for package in party.packages.iter().filter(|k| k.holds(i)) {
                named.extend(package.issues.iter().copied().filter(|&x| x != i));
            }
            named.sort_unstable();
            named.dedup();
            for later in named {
                if phase(later).is_some_and(|l| l > earlier) {
                    out.push(ForwardDependency {
                        issue: &n.agenda.issues[i].id,
                        party: &party.id,
                        requires: &n.agenda.issues[later].id,
                    });
                }
            }
        }
    }
    out
}
