//! The negotiation as `stance` understands it, after loading and validation.
//!
//! Everything here is known to be consistent: every option, source and
//! required issue named by a stance exists. The engine relies on that.

use crate::outcome::{Constraints, Interval, OptionSet, OutcomeSet};
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Index;
use std::sync::Arc;

/// A place in one of the negotiation's lists, as its own type so that a
/// party's place is never taken for an issue's, and the lists it indexes.
/// Four bytes: a conference's report keeps hundreds of thousands of them,
/// and a folder holds at most `load::limits::MAX_PARTIES` parties and
/// `MAX_ISSUES` issues, far below 2^32.
macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident indexes $($list:ty => $item:ty),+) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u32);

        impl $name {
            pub(crate) fn new(index: usize) -> Self {
                $name(index as u32)
            }

            /// The place, for indexing a plain slice.
            pub fn get(self) -> usize {
                self.0 as usize
            }
        }

        $(
            impl Index<$name> for $list {
                type Output = $item;
                fn index(&self, at: $name) -> &$item {
                    &self[at.get()]
                }
            }
        )+
    };
}

index_type!(
    /// A party's place in [`Negotiation::parties`]: report order.
    PartyIndex indexes [Party] => Party, Vec<Party> => Party
);
index_type!(
    /// An issue's place in the agenda ([`Agenda::issues`]); a party's
    /// stance on it is `party.stances[issue]`.
    IssueIndex indexes [Issue] => Issue, Vec<Issue> => Issue, Vec<Option<Box<Stance>>> => Option<Box<Stance>>
);

/// A negotiation: its agenda and every party's stances on it.
#[derive(Clone, Debug)]
pub struct Negotiation {
    /// The agenda's `negotiation` title.
    pub title: String,
    /// The agenda's `as_of` date, as written (`YYYY-MM-DD`).
    pub as_of: Option<String>,
    /// The issues, in agenda order.
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

/// The issues of a negotiation.
#[derive(Clone, Debug)]
pub struct Agenda {
    /// In agenda order: the order of every report.
    pub issues: Vec<Issue>,
    /// Every stance looks its issue up by id: with thousands of issues a
    /// scan per stance was the largest cost of loading.
    by_id: HashMap<String, IssueIndex>,
    /// The agenda's `phases`, in order; an issue names one by its place.
    pub phases: Vec<Phase>,
}

/// One phase of a phased agenda (`phases:`): its issues are settled
/// before those of the phases after it.
#[derive(Clone, Debug, Serialize)]
pub struct Phase {
    /// Its key in the agenda.
    pub id: String,
    /// What it is, in words.
    pub title: String,
    /// How long it lasts, when the agenda says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
}

impl Agenda {
    pub(crate) fn new(issues: Vec<Issue>) -> Self {
        let by_id = issues
            .iter()
            .enumerate()
            .map(|(i, issue)| (issue.id.clone(), IssueIndex::new(i)))
            .collect();
        Agenda {
            issues,
            by_id,
            phases: Vec::new(),
        }
    }

    /// Every issue in report order: by phase, in phase order, the issues
    /// with no phase last, agenda order within each.
    pub fn report_order(&self) -> Vec<IssueIndex> {
        let mut order: Vec<IssueIndex> = self.indices().collect();
        if !self.phases.is_empty() {
            order.sort_by_key(|&i| (self.issues[i].phase.unwrap_or(usize::MAX), i));
        }
        order
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

/// What kind of answer an issue takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// One of a set of options.
    Choice,
    /// One of a set of options ordered from one end to the other.
    Scale,
    /// `yes` or `no`.
    YesNo,
    /// A number, in the issue's unit.
    Range,
    /// An order of steps (`steps`): which comes before which.
    Sequence,
}

impl Kind {
    pub(crate) const ALL: [(&'static str, Kind); 5] = [
        ("choice", Kind::Choice),
        ("scale", Kind::Scale),
        ("yes-no", Kind::YesNo),
        ("range", Kind::Range),
        ("sequence", Kind::Sequence),
    ];

    /// As the agenda writes it: `yes-no`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Choice => "choice",
            Kind::Scale => "scale",
            Kind::YesNo => "yes-no",
            Kind::Range => "range",
            Kind::Sequence => "sequence",
        }
    }
}

/// One issue of the agenda.
#[derive(Clone, Debug)]
pub struct Issue {
    /// Its key in the agenda.
    pub id: String,
    /// What it is about, in words.
    pub title: String,
    /// What kind of answer it takes.
    pub kind: Kind,
    /// Empty for ranges; `yes`, `no` for yes-no issues; a sequence's
    /// `steps`, which its stances name as option ids.
    pub options: Vec<Choice>,
    /// A range's unit (`days`).
    pub unit: Option<String>,
    /// The agenda's note for the analyst.
    pub note: Option<String>,
    /// Its phase: a place in [`Agenda::phases`].
    pub phase: Option<usize>,
    /// The parties whose consent settles it (`decided_by`), by id, in the
    /// order written; `None`: every principal in scope.
    pub decided_by: Option<Box<[String]>>,
    /// The positions of `options`, in order of their ids: every option a
    /// stance names is looked up, and a scan of a thousand options for
    /// each was most of the cost of loading a thousand parties that list
    /// them all.
    by_id: Vec<u32>,
}

impl Issue {
    /// An issue as the agenda gives it; its options indexed by id.
    pub(crate) fn new(
        id: String,
        title: String,
        kind: Kind,
        options: Vec<Choice>,
        unit: Option<String>,
        note: Option<String>,
    ) -> Self {
        let mut by_id: Vec<u32> = (0..options.len() as u32).collect();
        by_id.sort_by(|&a, &b| options[a as usize].id.cmp(&options[b as usize].id));
        Issue {
            id,
            title,
            kind,
            options,
            unit,
            note,
            phase: None,
            decided_by: None,
            by_id,
        }
    }

    /// The place of the option of this id.
    pub fn option_index(&self, id: &str) -> Option<usize> {
        let k = self
            .by_id
            .binary_search_by(|&o| self.options[o as usize].id.as_str().cmp(id))
            .ok()?;
        Some(self.by_id[k] as usize)
    }

    pub(crate) fn option_ids(&self, set: &OptionSet) -> Vec<String> {
        set.iter().map(|i| self.options[i].id.clone()).collect()
    }

    /// Every outcome of the issue: all its options, or the whole number
    /// line.
    pub fn everything(&self) -> OutcomeSet {
        match self.kind {
            Kind::Sequence => OutcomeSet::Order(Constraints::none(self.options.len())),
            _ => OutcomeSet::everything(self.options.len()),
        }
    }
}

/// One option of a choice, scale or yes-no issue.
#[derive(Clone, Debug)]
pub struct Choice {
    /// Its key in the agenda.
    pub id: String,
    /// What it means, in words.
    pub description: String,
}

/// One party to the negotiation, from its file.
#[derive(Clone, Debug)]
pub struct Party {
    /// The file's stem.
    pub id: String,
    /// Its full name.
    pub name: String,
    /// The file's `as_of` date, as written.
    pub as_of: Option<String>,
    /// Where its stances come from, in the order written.
    pub sources: Vec<Source>,
    /// The officials and factions its stances may name as `speaker`, in
    /// the order written.
    pub speakers: Vec<Speaker>,
    /// One slot per agenda issue, `None` where the party said nothing.
    pub stances: Vec<Option<Box<Stance>>>,
    /// Party-level requirements: each applies to every stance of the
    /// party but one on the required issue itself. In agenda order of the
    /// required issue.
    pub requires: Box<[Requirement]>,
    /// Stances accepted only together, in the order written.
    pub packages: Vec<Package>,
    /// Whether it decides, or sits beside those who do.
    pub role: Role,
}

/// A party's place at the table (`docs/design.md`, "Who decides").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Decides every issue with no `decided_by` (the default).
    #[default]
    Principal,
    /// Brings the sides together; decides only what names it.
    Mediator,
    /// Watches, and may say what it would accept; decides only what names
    /// it.
    Observer,
}

impl Role {
    pub(crate) const ALL: [(&'static str, Role); 3] = [
        ("principal", Role::Principal),
        ("mediator", Role::Mediator),
        ("observer", Role::Observer),
    ];

    /// As a party file writes it.
    pub fn name(self) -> &'static str {
        match self {
            Role::Principal => "principal",
            Role::Mediator => "mediator",
            Role::Observer => "observer",
        }
    }
}

/// How much an issue matters to a party when salience is not given.
pub const DEFAULT_SALIENCE: u8 = 50;

/// A party's package: its stances on these issues hold only together.
/// Each listed stance requires every other listed issue to settle inside
/// what the party could accept there (`Stance::could_accept`).
#[derive(Clone, Debug)]
pub struct Package {
    /// Its key in the party file.
    pub id: String,
    /// At least one issue (one alone ties nothing, and is warned of), each
    /// once, every one a stance of the party with a position; agenda order.
    pub issues: Vec<IssueIndex>,
}

impl Package {
    /// Whether the package lists `issue`.
    pub fn holds(&self, issue: IssueIndex) -> bool {
        self.issues.binary_search(&issue).is_ok()
    }
}

/// Someone who speaks for a party, or of it: an official, a faction, a
/// spokesperson.
#[derive(Clone, Debug, Serialize)]
pub struct Speaker {
    /// Its key in the party file's `speakers`, which stances name.
    pub id: String,
    /// Who it is.
    pub name: String,
    /// What post or part they speak from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The party they belong to, when another than the file's: their word
    /// is then the other side's account.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
}

/// Where a party's stances come from: a statement, an article.
#[derive(Clone, Debug, Serialize)]
pub struct Source {
    /// Its key in the party file, which stances cite.
    pub id: String,
    /// What it is, in words.
    pub title: String,
    /// When it was said or published, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where to read it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Its words, stored in the negotiation folder: what quotes are
    /// checked against.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<SourceText>,
    /// Whose account it is, when the file says so: a party id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
}

/// A source's text: a file inside the negotiation folder. In JSON, its
/// path.
#[derive(Clone, Debug)]
pub struct SourceText {
    /// As the party file gives it, from the negotiation folder.
    pub path: String,
    /// What the file holds, once the loader has read it; shared by every
    /// source that names the same file (the HTML shows a verified quote
    /// in its context from it).
    pub content: Arc<str>,
}

impl Serialize for SourceText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.path)
    }
}

/// A party's stance on one issue.
#[derive(Clone, Debug)]
pub struct Stance {
    /// What it accepts, or the status it gave instead.
    pub position: Position,
    /// How firmly it holds it.
    pub strength: Strength,
    /// How the analyst knows it.
    pub basis: Basis,
    /// How much the issue matters to the party, 0..=100, as the file
    /// gives it: reports show weights only where some stance does
    /// ([`Stance::salience_or_default`] for its weight).
    pub salience: Option<u8>,
    /// The ids of the sources cited, as written. Each shared with every
    /// stance naming the same source.
    pub sources: Sources,
    /// When and by whom it was said, when the file says either (most
    /// stances say neither: boxed, a conference's 320,000 stances are
    /// 7 MB smaller).
    pub said: Option<Box<Said>>,
    /// The party's own words.
    pub quote: Option<Box<str>>,
    /// Whether the quote was found in its sources' texts.
    pub quote_check: QuoteCheck,
    /// The analyst's note.
    pub note: Option<Box<str>>,
    /// What must hold on other issues for this stance to hold, in agenda
    /// order of the required issue. It holds for the base position and
    /// every alternative alike.
    pub requires: Box<[Requirement]>,
    /// Positions also acceptable, each only under conditions of its own, in
    /// the order written. Only on a stance that takes a position.
    pub alternatives: Box<[Alternative]>,
}

/// When a stance was taken and who took it, where the file says.
#[derive(Clone, Debug)]
pub struct Said {
    /// When the party took this stance (`YYYY-MM-DD`).
    pub as_of: Option<Box<str>>,
    /// Who said it, when not the party as a whole: an id of the party's
    /// `speakers`, or free text.
    pub speaker: Option<Box<str>>,
}

impl Said {
    /// Boxed when either is given.
    pub fn boxed(as_of: Option<Box<str>>, speaker: Option<Box<str>>) -> Option<Box<Said>> {
        (as_of.is_some() || speaker.is_some()).then(|| Box::new(Said { as_of, speaker }))
    }
}

/// The sources a stance cites: most cite one, held here without an
/// allocation of its own (320,000 of them at conference scale were 10 MB
/// of small blocks); reads as a slice.
#[derive(Clone, Debug)]
pub enum Sources {
    /// One source.
    One(Arc<str>),
    /// None, or several, in the order written.
    Many(Box<[Arc<str>]>),
}

/// Equal when they cite the same ids in the same order, however held.
impl PartialEq for Sources {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for Sources {}

impl Default for Sources {
    fn default() -> Self {
        Sources::Many(Box::default())
    }
}

impl From<Vec<Arc<str>>> for Sources {
    fn from(mut ids: Vec<Arc<str>>) -> Self {
        match ids.len() {
            1 => Sources::One(ids.remove(0)),
            _ => Sources::Many(ids.into_boxed_slice()),
        }
    }
}

impl std::ops::Deref for Sources {
    type Target = [Arc<str>];
    fn deref(&self) -> &[Arc<str>] {
        match self {
            Sources::One(id) => std::slice::from_ref(id),
            Sources::Many(ids) => ids,
        }
    }
}

/// "Also acceptable, but only if...": a position beside a stance's base
/// one, with requirements of its own (never none).
#[derive(Clone, Debug)]
pub struct Alternative {
    /// `Options` (no `wants`) on a choice, scale or yes-no issue, `Range`
    /// (no `ideal`) on a range issue; never a status. A range alternative
    /// overlaps or touches the base interval, so that base and
    /// alternatives together are one interval.
    pub position: Position,
    /// What must hold, besides the stance's and the party's requirements,
    /// for this alternative to be accepted; in agenda order, never empty.
    pub requires: Box<[Requirement]>,
}

/// What checking a stance's quote against its sources' texts found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuoteCheck {
    /// No quote, or none of its sources has a text to check it against.
    NoText,
    /// Found: where, in the text of the first source (in the stance's
    /// order) that holds it. Boxed: every stance of a conference holds a
    /// `QuoteCheck`, and a passage inline made each 16 bytes larger.
    Verified(Box<Passage>),
    /// In none of the texts of its sources. `stance check` refuses it;
    /// only a round read as history (`stance changes`) keeps it.
    NotFound,
    /// Not checked: the search passed its budget (docs/limits.md).
    Unchecked,
}

impl QuoteCheck {
    /// `Some(true)` found, `Some(false)` not found, `None` not checked.
    pub fn verified(&self) -> Option<bool> {
        match self {
            QuoteCheck::Verified(_) => Some(true),
            QuoteCheck::NotFound => Some(false),
            QuoteCheck::NoText | QuoteCheck::Unchecked => None,
        }
    }
}

/// Where a quote was found: a byte range of a source's text as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passage {
    /// The source, by id.
    pub source: Arc<str>,
    /// The passage's first byte in the source's text.
    pub start: u32,
    /// The byte after its last.
    pub end: u32,
}

/// What a stance says of its issue.
#[derive(Clone, Debug)]
pub enum Position {
    /// A choice, scale or yes-no stance.
    Options {
        /// The acceptable set, already worked out from accepts/rejects/wants.
        accepts: OptionSet,
        /// What it rejects out loud.
        rejects: OptionSet,
        /// Its first choice.
        wants: Option<usize>,
    },
    /// A range stance, each end as the file gives it.
    Range {
        /// The least it accepts.
        min: Option<f64>,
        /// The most it accepts.
        max: Option<f64>,
        /// What it asks for.
        ideal: Option<f64>,
    },
    /// A sequence stance: chains of steps, each step before the next.
    Order {
        /// The chains as written, steps by place.
        chains: Vec<Vec<usize>>,
        /// Their consecutive pairs.
        before: Constraints,
    },
    /// Spoke to the issue but took no position.
    Status(Status),
}

impl Stance {
    /// How much the issue matters to the party: its `salience`, else
    /// [`DEFAULT_SALIENCE`].
    pub fn salience_or_default(&self) -> u8 {
        self.salience.unwrap_or(DEFAULT_SALIENCE)
    }

    /// When the party took this stance (`YYYY-MM-DD`), when the file says.
    pub fn as_of(&self) -> Option<&str> {
        self.said.as_ref().and_then(|s| s.as_of.as_deref())
    }

    /// Who said it, when not the party as a whole, when the file says.
    pub fn speaker(&self) -> Option<&str> {
        self.said.as_ref().and_then(|s| s.speaker.as_deref())
    }

    /// Whether this stance takes a position (a status does not).
    pub fn has_position(&self) -> bool {
        !matches!(self.position, Position::Status(_))
    }

    /// What the stance's base position accepts; `None` for a status, which
    /// takes no position.
    pub fn acceptable(&self) -> Option<OutcomeSet> {
        self.position.acceptable()
    }

    /// What the stance could accept were every condition met: its base
    /// position and every alternative together. One interval on a range
    /// (an alternative touches the base); `None` for a status.
    pub fn could_accept(&self) -> Option<OutcomeSet> {
        let mut all = self.acceptable()?;
        for alternative in &self.alternatives {
            if let Some(set) = alternative.position.acceptable() {
                all = all.join(&set);
            }
        }
        Some(all)
    }
}

impl Position {
    /// What the position accepts; `None` for a status.
    pub fn acceptable(&self) -> Option<OutcomeSet> {
        match self {
            Position::Options { accepts, .. } => Some(OutcomeSet::Options(accepts.clone())),
            Position::Range { min, max, ideal } => Some(OutcomeSet::Range(Some(
                accepted_interval(*min, *max, *ideal),
            ))),
            Position::Order { before, .. } => Some(OutcomeSet::Order(before.clone())),
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

/// How firmly a party holds a stance, from the softest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Strength {
    /// Open to moving.
    Flexible,
    /// The default.
    Firm,
    /// Said not to be crossed.
    RedLine,
}

impl Strength {
    pub(crate) const ALL: [(&'static str, Strength); 3] = [
        ("red-line", Strength::RedLine),
        ("firm", Strength::Firm),
        ("flexible", Strength::Flexible),
    ];

    /// As a party file writes it: `red-line`.
    pub fn name(self) -> &'static str {
        match self {
            Strength::RedLine => "red-line",
            Strength::Firm => "firm",
            Strength::Flexible => "flexible",
        }
    }
}

/// How the analyst knows a stance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// The party said it (the default).
    Stated,
    /// Someone reported that it did.
    Reported,
    /// The analyst reads it from what it did or said otherwise.
    Inferred,
}

impl Basis {
    pub(crate) const ALL: [(&'static str, Basis); 3] = [
        ("stated", Basis::Stated),
        ("reported", Basis::Reported),
        ("inferred", Basis::Inferred),
    ];

    /// As a party file writes it.
    pub fn name(self) -> &'static str {
        match self {
            Basis::Stated => "stated",
            Basis::Reported => "reported",
            Basis::Inferred => "inferred",
        }
    }
}

/// Why a party that spoke to an issue took no position on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// It has not made up its mind.
    Undecided,
    /// What it said can be read more than one way.
    Ambiguous,
    /// It says the issue is not for it.
    NotApplicable,
}

impl Status {
    pub(crate) const ALL: [(&'static str, Status); 3] = [
        ("undecided", Status::Undecided),
        ("ambiguous", Status::Ambiguous),
        ("not-applicable", Status::NotApplicable),
    ];

    /// As a party file writes it: `not-applicable`.
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
    /// The required issue.
    pub issue: IssueIndex,
    /// Options, or an interval. Empty when the file asks for what the
    /// issue cannot take (an unknown option, an interval on an option
    /// issue, options on a range): `stance check` warns of it, and it is
    /// never met, as blocked talks are a fact to report.
    pub outcome: OutcomeSet,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A party holds one slot per agenda issue, a pointer (silence costs
    /// 8 bytes), and a stance of its own for each it states: 320,000 at
    /// 200 x 2,000, so every 16 bytes of a stance (the allocator's step)
    /// are 5 MB of peak memory. Grow it knowingly.
    /// Two citations of the same ids are equal however they are held
    /// (`stance changes` compares them).
    #[test]
    fn sources_compare_by_ids() {
        let id: Arc<str> = Arc::from("memo");
        let one = Sources::One(id.clone());
        assert_eq!(one, Sources::Many(Box::new([id.clone()])));
        assert_ne!(one, Sources::Many(Box::new([id.clone(), id])));
    }

    #[test]
    fn a_stance_stays_small() {
        assert_eq!(std::mem::size_of::<Option<Box<Stance>>>(), 8);
        assert_eq!(std::mem::size_of::<Stance>(), 176);
    }
}
