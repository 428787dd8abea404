//! The negotiation as `stance` understands it, after loading and validation.
//!
//! Everything here is known to be consistent: every option, source and
//! required issue named by a stance exists. The engine relies on that.

use crate::outcome::{Interval, OptionSet, OutcomeSet};
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Index;
use std::sync::Arc;

/// A party's place in [`Negotiation::parties`]: report order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartyIndex(u32);

/// An issue's place in the agenda ([`Agenda::issues`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IssueIndex(u32);

// Four bytes each: a conference's report keeps hundreds of thousands of
// them. A folder holds at most `load::limits::MAX_PARTIES` parties and
// `MAX_ISSUES` issues, far below 2^32.
impl PartyIndex {
    pub(crate) fn new(index: usize) -> Self {
        PartyIndex(index as u32)
    }

    /// The place, for indexing a plain slice.
    pub fn get(self) -> usize {
        self.0 as usize
    }
}

impl IssueIndex {
    pub(crate) fn new(index: usize) -> Self {
        IssueIndex(index as u32)
    }

    /// The place, for indexing a plain slice.
    pub fn get(self) -> usize {
        self.0 as usize
    }
}

impl Index<PartyIndex> for [Party] {
    type Output = Party;
    fn index(&self, party: PartyIndex) -> &Party {
        &self[party.get()]
    }
}

impl Index<PartyIndex> for Vec<Party> {
    type Output = Party;
    fn index(&self, party: PartyIndex) -> &Party {
        &self[party.get()]
    }
}

impl Index<IssueIndex> for [Issue] {
    type Output = Issue;
    fn index(&self, issue: IssueIndex) -> &Issue {
        &self[issue.get()]
    }
}

impl Index<IssueIndex> for Vec<Issue> {
    type Output = Issue;
    fn index(&self, issue: IssueIndex) -> &Issue {
        &self[issue.get()]
    }
}

/// A party's stance on an issue: `party.stances[issue]`.
impl Index<IssueIndex> for Vec<Option<Stance>> {
    type Output = Option<Stance>;
    fn index(&self, issue: IssueIndex) -> &Option<Stance> {
        &self[issue.get()]
    }
}

#[derive(Clone, Debug)]
pub struct Negotiation {
    pub title: String,
    pub as_of: Option<String>,
    pub agenda: Agenda,
    /// In report order: the agenda's `parties:` order, else by id.
    pub parties: Vec<Party>,
}

impl Negotiation {
    /// Every party, in report order.
    pub fn party_indices(&self) -> impl Iterator<Item = PartyIndex> + use<> {
        (0..self.parties.len()).map(PartyIndex::new)
    }
}

#[derive(Clone, Debug)]
pub struct Agenda {
    pub issues: Vec<Issue>,
    /// Every stance looks its issue up by id: with thousands of issues a
    /// scan per stance was the largest cost of loading.
    by_id: HashMap<String, IssueIndex>,
}

impl Agenda {
    pub fn new(issues: Vec<Issue>) -> Self {
        let by_id = issues
            .iter()
            .enumerate()
            .map(|(i, issue)| (issue.id.clone(), IssueIndex::new(i)))
            .collect();
        Agenda { issues, by_id }
    }

    /// The issue of this id.
    pub fn index_of(&self, id: &str) -> Option<IssueIndex> {
        self.by_id.get(id).copied()
    }

    /// Every issue, in agenda order.
    pub fn indices(&self) -> impl Iterator<Item = IssueIndex> + use<> {
        (0..self.issues.len()).map(IssueIndex::new)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Choice,
    Scale,
    YesNo,
    Range,
}

impl Kind {
    pub const ALL: [(&'static str, Kind); 4] = [
        ("choice", Kind::Choice),
        ("scale", Kind::Scale),
        ("yes-no", Kind::YesNo),
        ("range", Kind::Range),
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Choice => "choice",
            Kind::Scale => "scale",
            Kind::YesNo => "yes-no",
            Kind::Range => "range",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Issue {
    pub id: String,
    pub title: String,
    pub kind: Kind,
    /// Empty for ranges; `yes`, `no` for yes-no issues.
    pub options: Vec<Choice>,
    pub unit: Option<String>,
    pub note: Option<String>,
}

impl Issue {
    pub fn option_index(&self, id: &str) -> Option<usize> {
        self.options.iter().position(|o| o.id == id)
    }

    pub fn option_ids(&self, set: &OptionSet) -> Vec<String> {
        set.iter().map(|i| self.options[i].id.clone()).collect()
    }

    /// Every outcome of the issue: all its options, or the whole number
    /// line.
    pub fn everything(&self) -> OutcomeSet {
        OutcomeSet::everything(self.options.len())
    }
}

/// One option of a choice, scale or yes-no issue.
#[derive(Clone, Debug)]
pub struct Choice {
    pub id: String,
    pub description: String,
}

#[derive(Clone, Debug)]
pub struct Party {
    pub id: String,
    pub name: String,
    pub as_of: Option<String>,
    pub sources: Vec<Source>,
    /// One slot per agenda issue, `None` where the party said nothing.
    pub stances: Vec<Option<Stance>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Source {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Stance {
    pub position: Position,
    pub strength: Strength,
    pub basis: Basis,
    /// Shared with every stance naming the same source.
    pub source: Option<Arc<str>>,
    pub quote: Option<Box<str>>,
    pub note: Option<Box<str>>,
    pub requires: Box<[Requirement]>,
}

#[derive(Clone, Debug)]
pub enum Position {
    /// A choice, scale or yes-no stance.
    Options {
        /// The acceptable set, already worked out from accepts/rejects/wants.
        accepts: OptionSet,
        rejects: OptionSet,
        wants: Option<usize>,
    },
    Range {
        min: Option<f64>,
        max: Option<f64>,
        ideal: Option<f64>,
    },
    /// Spoke to the issue but took no position.
    Status(Status),
}

impl Stance {
    /// Whether this stance takes a position (a status does not).
    pub fn has_position(&self) -> bool {
        !matches!(self.position, Position::Status(_))
    }

    /// What the stance accepts; `None` for a status, which takes no
    /// position.
    pub fn acceptable(&self) -> Option<OutcomeSet> {
        match &self.position {
            Position::Options { accepts, .. } => Some(OutcomeSet::Options(accepts.clone())),
            Position::Range { min, max, ideal } => Some(OutcomeSet::Range(Some(
                accepted_interval(*min, *max, *ideal),
            ))),
            Position::Status(_) => None,
        }
    }
}

/// The interval a range stance accepts. An ideal alone is the one value
/// the party asks for, as `wants` alone is the one option.
fn accepted_interval(min: Option<f64>, max: Option<f64>, ideal: Option<f64>) -> Interval {
    if min.is_none() && max.is_none() {
        Interval {
            min: ideal,
            max: ideal,
        }
    } else {
        Interval { min, max }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Strength {
    Flexible,
    Firm,
    RedLine,
}

impl Strength {
    pub const ALL: [(&'static str, Strength); 3] = [
        ("red-line", Strength::RedLine),
        ("firm", Strength::Firm),
        ("flexible", Strength::Flexible),
    ];

    pub fn name(self) -> &'static str {
        match self {
            Strength::RedLine => "red-line",
            Strength::Firm => "firm",
            Strength::Flexible => "flexible",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    Stated,
    Reported,
    Inferred,
}

impl Basis {
    pub const ALL: [(&'static str, Basis); 3] = [
        ("stated", Basis::Stated),
        ("reported", Basis::Reported),
        ("inferred", Basis::Inferred),
    ];

    pub fn name(self) -> &'static str {
        match self {
            Basis::Stated => "stated",
            Basis::Reported => "reported",
            Basis::Inferred => "inferred",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Undecided,
    Ambiguous,
    NotApplicable,
}

impl Status {
    pub const ALL: [(&'static str, Status); 3] = [
        ("undecided", Status::Undecided),
        ("ambiguous", Status::Ambiguous),
        ("not-applicable", Status::NotApplicable),
    ];

    pub fn name(self) -> &'static str {
        match self {
            Status::Undecided => "undecided",
            Status::Ambiguous => "ambiguous",
            Status::NotApplicable => "not-applicable",
        }
    }
}

/// "This stance holds only if `issue` settles on `outcome`."
#[derive(Clone, Debug)]
pub struct Requirement {
    pub issue: IssueIndex,
    /// Never empty: options, or an interval.
    pub outcome: OutcomeSet,
}
