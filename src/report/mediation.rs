//! The mediator's view in the report: bridges, the deal, who stands
//! together, the view from one seat. Arithmetic on stated positions, not
//! advice (`docs/mediation.md`).

use super::{Moves, Ordered, Outcomes};
use crate::outcome::Num;
use serde::Serialize;

/// What the mediator's computations found, beside the verdicts they read.
#[derive(Clone, Debug)]
pub struct Mediation<'n> {
    /// By the issue's place in the report's issues: a conflict's nearest
    /// compromises, `None` on any other verdict.
    pub bridges: Vec<Option<Bridge>>,
    /// The fewest stance changes that would turn every conflict and block
    /// in scope into an overlap.
    pub deal: Deal<'n>,
    /// The agreement two parties must be above to group, or to be partners
    /// from one seat.
    pub coalition_threshold: f64,
    /// Groups of parties that agree on most of what they both address.
    pub coalitions: Vec<Vec<String>>,
    /// For each party, its closest and furthest partner.
    pub partners: Ordered<Partners>,
    /// The report from one party's seat (`--focus`).
    pub focus: Option<Focus<'n>>,
}

/// The nearest compromises on a conflict: arithmetic on stated positions,
/// not advice.
#[derive(Clone, Debug, Serialize)]
pub struct Bridge {
    /// For a range, the gap between the closest ends; `None` otherwise.
    pub distance: Option<Num>,
    /// Every tied best proposal, in agenda order (a range has one).
    pub proposals: Vec<Proposal>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Proposal {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub option: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Num>,
    /// Each party in scope: steps on a scale, the amount on a range, 1 or
    /// 0 for choice and yes-no; 0 for a party with no position.
    pub moves: Moves,
    /// Parties that hold the issue as a red line and would have to move.
    pub crosses_red_line: Vec<String>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Deal<'n> {
    /// Whether the answer is the smallest (every combination was tried),
    /// or a greedy one on an agenda too large for that.
    pub exact: bool,
    /// How many stances change.
    pub stances: usize,
    /// In party order, then agenda order.
    pub changes: Vec<DealChange<'n>>,
}

#[derive(Clone, Debug, Serialize)]
/// Names are borrowed from the negotiation: a conference's deal has tens
/// of thousands of changes.
pub struct DealChange<'n> {
    pub party: &'n str,
    pub issue: &'n str,
    /// `accept` an outcome the party does not accept now, or
    /// `drop-requirement` on another issue.
    pub change: ChangeKind,
    /// The outcome to accept, or the requirement to drop.
    pub outcome: Outcomes<'n>,
    /// For a dropped requirement: the issue it is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requirement_on: Option<&'n str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<&'n str>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    Accept,
    DropRequirement,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Partners {
    pub closest: Option<String>,
    pub furthest: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Focus<'n> {
    pub party: String,
    /// Conflicts that would not be conflicts without this party.
    pub alone: Vec<String>,
    /// Parties that agree with it on most of what they both address.
    pub partners: Vec<String>,
    /// What those partners accept where this party accepts none of it.
    pub rejected: Vec<Rejected<'n>>,
    /// Its moves in the bridging proposals, smallest first.
    pub moves: Vec<FocusMove<'n>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Rejected<'n> {
    pub issue: String,
    pub partner: String,
    pub wants: Outcomes<'n>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FocusMove<'n> {
    pub issue: String,
    pub to: Outcomes<'n>,
    #[serde(rename = "move")]
    pub amount: Num,
    pub red_line: bool,
}
