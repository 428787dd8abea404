//! The mediator's view in the report: bridges, the deal, who stands
//! together, the view from one seat. Arithmetic on stated positions, not
//! advice (`docs/mediation.md`).

use super::{Moves, Ordered, Origin, Outcomes};
use crate::outcome::Num;
use serde::Serialize;

/// What the mediator's computations found, beside the verdicts they read.
#[derive(Clone, Debug)]
pub struct Mediation<'n> {
    /// By the issue's place in the report's issues: a conflict's nearest
    /// compromises, `None` on any other verdict.
    pub bridges: Vec<Option<Bridge<'n>>>,
    /// The fewest stance changes that would turn every conflict and block
    /// in scope into an overlap.
    pub deal: Deal<'n>,
    /// The agreement two parties must be above to group, or to be partners
    /// from one seat.
    pub coalition_threshold: f64,
    /// The fewest issues two parties must compare on to group or be
    /// partners (`--min-shared`).
    pub min_shared: usize,
    /// Whether some stance gives its salience: the agreement index and the
    /// deal are then weighed by it, and reports say so.
    pub weighed: bool,
    /// Groups of parties that agree on most of what they both address.
    pub coalitions: Vec<Vec<String>>,
    /// For each party, its closest and furthest partner.
    pub partners: Ordered<Partners>,
    /// The report from one party's seat (`--focus`).
    pub focus: Option<Focus<'n>>,
}

/// The nearest compromises on a conflict: arithmetic on stated positions,
/// not advice.
///
/// Serialized as `{"distance", "proposals"}`, or on a sequence as its
/// `order` bridge alone: `{"drop": [...], "exact": true}`.
#[derive(Clone, Debug)]
pub struct Bridge<'n> {
    /// For a range, the gap between the closest ends; `None` otherwise.
    pub distance: Option<Num>,
    /// Every tied best proposal, in agenda order (a range has one). None
    /// on a sequence.
    pub proposals: Vec<Proposal<'n>>,
    /// On a sequence: the constraints to drop.
    pub order: Option<OrderBridge<'n>>,
}

impl Serialize for Bridge<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        if let Some(order) = &self.order {
            return order.serialize(s);
        }
        let mut map = s.serialize_struct("Bridge", 2)?;
        map.serialize_field("distance", &self.distance)?;
        map.serialize_field("proposals", &self.proposals)?;
        map.end()
    }
}

/// A sequence conflict's bridge: the fewest (party, constraint) entries
/// whose removal leaves no cycle (`mediation::sequence_bridge`).
#[derive(Clone, Debug, Serialize)]
pub struct OrderBridge<'n> {
    /// Party order, then agenda order of the steps.
    pub drop: Vec<DroppedOrder<'n>>,
    /// Whether the search finished within its work budget: `false` when
    /// the budget was hit and these are a heuristic's drops, perhaps not
    /// the fewest (`docs/limits.md`).
    pub exact: bool,
    /// Every step, in one order that keeps every constraint left once the
    /// drops are made (ties to the earlier step of the agenda).
    pub order: Vec<&'n str>,
    /// The steps the dropped constraints name, in agenda order: where the
    /// order is in dispute.
    pub disputed: Vec<&'n str>,
}

/// One party's "before" constraint to drop.
#[derive(Clone, Debug, Serialize)]
pub struct DroppedOrder<'n> {
    /// Whose constraint.
    pub party: &'n str,
    /// The constraint: the first step, then the step it is to precede.
    pub before: [&'n str; 2],
}

/// One outcome a bridge proposes, and who would move how far to it.
#[derive(Clone, Debug, Serialize)]
pub struct Proposal<'n> {
    /// The option proposed, on a choice, scale or yes-no issue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub option: Option<String>,
    /// The value proposed, on a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Num>,
    /// Each party in scope: steps on a scale, the amount on a range, 1 or
    /// 0 for choice and yes-no; 0 for a party with no position or that
    /// does not decide the issue.
    pub moves: Moves,
    /// Parties that hold the issue as a red line and would have to move.
    pub crosses_red_line: Vec<String>,
    /// Parties that accept the outcome only through an alternative: the
    /// conditions the proposal would call on, in party order.
    pub triggers: Vec<Trigger<'n>>,
    /// Parties in scope with a position that do not decide the issue and
    /// could not accept the outcome, in party order.
    pub outside_against: Vec<String>,
}

/// A condition a proposal calls on: a party accepts the proposed outcome
/// through an alternative, and so only if the alternative's requirements
/// are met.
#[derive(Clone, Debug, Serialize)]
pub struct Trigger<'n> {
    /// The party.
    pub party: String,
    /// Which of its alternatives on the issue, from 0 (the first that
    /// holds the outcome).
    pub alternative: usize,
    /// The alternative's own requirements: required issue id to outcome.
    pub requires: Ordered<Outcomes<'n>>,
}

/// The fewest stance changes that would turn every conflict and block in
/// scope into an overlap (`docs/mediation.md`).
#[derive(Clone, Debug, Serialize)]
pub struct Deal<'n> {
    /// Whether the answer is the smallest (every combination was tried),
    /// or a greedy one on an agenda too large for that.
    pub exact: bool,
    /// Whether the search for the smallest ran out of its work budget
    /// before trying every combination: the answer is then the cheapest
    /// combination it had found (`docs/mediation.md`).
    pub cut_short: bool,
    /// Combinations the search tried (0 for a greedy answer).
    #[serde(skip)]
    pub tried: u64,
    /// Work units the search spent, as its budget counts them: one stance
    /// looked at while going from one combination to the next.
    #[serde(skip)]
    pub work: u64,
    /// How many changes: each stance that changes, each party-level
    /// requirement and each package dropped, counted once.
    pub stances: usize,
    /// What the changes weigh: the sum of the salience of each stance
    /// changed (a party-level requirement or package: its most salient
    /// stance), which the deal makes least (`docs/mediation.md`).
    pub salience: u64,
    /// In party order, then agenda order.
    pub changes: Vec<DealChange<'n>>,
}

/// One change of a deal: to a stance, or to a party's own conditions (a
/// party-level requirement, a package). Names are borrowed from the
/// negotiation: a conference's deal has tens of thousands of changes.
#[derive(Clone, Debug, Serialize)]
pub struct DealChange<'n> {
    /// Whose stance (or conditions) change.
    pub party: &'n str,
    /// The issue of that stance; `None` for a party-level requirement or a
    /// package, which no one stance holds.
    pub issue: Option<&'n str>,
    /// `accept` an outcome the party does not accept now,
    /// `drop-requirement`, or `drop-package`.
    pub change: ChangeKind,
    /// The outcome to accept, or the requirement to drop; for a package,
    /// nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcomes<'n>>,
    /// For a dropped requirement: the issue it is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requirement_on: Option<&'n str>,
    /// For a dropped requirement: where it is written (`stance`,
    /// `alternative`, `party`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Origin>,
    /// For an alternative's requirement: which alternative, from 0.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alternative: Option<usize>,
    /// For a dropped package: its id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<&'n str>,
    /// The unit of the issue the outcome is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<&'n str>,
}

/// What a deal asks of a party.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    /// Accept an outcome it does not accept now.
    Accept,
    /// Drop one of its requirements (of a stance, an alternative or the
    /// party).
    DropRequirement,
    /// Drop one of its packages.
    DropPackage,
    /// Drop "before" constraints of its stance on a sequence issue.
    DropOrder,
}

/// A party's nearest and furthest partners by agreement, among those it
/// compares with on at least `--min-shared` issues.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Partners {
    /// The other parties it agrees with most: every tied one, in party
    /// order; none when it compares with no one.
    pub closest: Vec<String>,
    /// The other parties it agrees with least, likewise.
    pub furthest: Vec<String>,
}

/// The report from one party's seat (`--focus`).
#[derive(Clone, Debug, Serialize)]
pub struct Focus<'n> {
    /// The party.
    pub party: String,
    /// Conflicts that would not be conflicts without this party.
    pub alone: Vec<String>,
    /// Parties that agree with it on most of what they both address.
    pub partners: Vec<String>,
    /// What those partners accept where this party accepts none of it.
    pub rejected: Vec<Rejected<'n>>,
    /// Its moves in the bridging proposals, smallest first.
    pub moves: Vec<FocusMove<'n>>,
    /// On each conflict in scope that it does not decide (a mediator's or
    /// an observer's, or one whose `decided_by` leaves it out): what it
    /// can offer each side, one entry per bridging proposal.
    pub offers: Vec<Offer<'n>>,
}

/// A bridging proposal as a party outside the decision can put it: what
/// it asks of each deciding side, and whether the party itself could live
/// with it.
#[derive(Clone, Debug, Serialize)]
pub struct Offer<'n> {
    /// The conflict.
    pub issue: String,
    /// The outcome proposed.
    pub to: Outcomes<'n>,
    /// Each deciding party that would move, and how far (as in a bridge's
    /// `moves`), in party order.
    pub asks: Ordered<Num>,
    /// Whether the offering party could accept the outcome; `null` when
    /// it has no position on the issue.
    pub within: Option<bool>,
}

/// What a partner accepts on an issue where the focus party accepts none
/// of it.
#[derive(Clone, Debug, Serialize)]
pub struct Rejected<'n> {
    /// The issue, a conflict between the two.
    pub issue: String,
    /// The partner.
    pub partner: String,
    /// What the partner accepts there.
    pub wants: Outcomes<'n>,
}

/// The focus party's move in a conflict's bridge.
#[derive(Clone, Debug, Serialize)]
pub struct FocusMove<'n> {
    /// The conflict.
    pub issue: String,
    /// The outcome it would move to.
    pub to: Outcomes<'n>,
    /// How far: steps, the amount in the unit, or 1 for a concession.
    #[serde(rename = "move")]
    pub amount: Num,
    /// Whether the move crosses its red line.
    pub red_line: bool,
}
