//! The report: everything a comparison found, as one value. Every output
//! format renders this value and computes nothing of its own; its serde
//! shape is the JSON contract (`docs/json.md`).

use crate::model::{
    Basis, IssueIndex, Kind, Negotiation, Party, PartyIndex, Role, Source, Speaker, Status,
    Strength,
};
use crate::outcome::Num;
use serde::Serialize;
use serde::ser::{SerializeMap, SerializeStruct, Serializer};
use std::collections::HashMap;

mod mediation;
mod outcomes;
mod passage;
mod phases;
mod views;

pub use mediation::{
    Bridge, ChangeKind, Deal, DealChange, DroppedOrder, Focus, FocusMove, Mediation, Offer,
    OrderBridge, Partners, Proposal, Rejected, Trigger,
};
pub use outcomes::Outcomes;
pub use passage::InContext;
pub use phases::{ForwardDependency, PhaseReport};
pub(crate) use views::requirements;
pub use views::{BLOCK_CLASHES_LISTED, Clashes, Moves, PairIssues, Stances};

/// The version of the JSON report's shape (`docs/json.md`).
pub const SCHEMA_VERSION: u32 = 2;

/// A comparison's whole report: the verdicts on every issue and pair in
/// scope, and the mediator's view of them. Built by `crate::compare`.
///
/// Serialized as the JSON contract has it: each issue carries its bridge,
/// and the mediator's keys follow the summary.
#[derive(Clone, Debug)]
pub struct Report<'n> {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The negotiation's title.
    pub negotiation: String,
    /// The agenda's `as_of` date.
    pub as_of: Option<String>,
    /// The parties in scope, in report order.
    pub parties: Vec<PartyInfo<'n>>,
    /// The issues in scope, in agenda order.
    pub issues: Vec<IssueReport<'n>>,
    /// Every two parties in scope: (first, second), (first, third) ..
    pub pairs: Vec<PairReport>,
    /// How many issues got each verdict.
    pub summary: Summary,
    /// Each phase of the agenda, in order, with what its issues came to;
    /// empty when the agenda has no phases.
    pub phases: Vec<PhaseReport<'n>>,
    /// Requirements from an issue of an earlier phase on one of a later
    /// phase.
    pub forward_dependencies: Vec<ForwardDependency<'n>>,
    /// The mediator's view of the verdicts.
    pub mediation: Mediation<'n>,
    /// Each issue's place in `issues`, by id: a renderer names a required
    /// issue for each of thousands of requirements.
    issue_at: HashMap<String, usize>,
}

impl<'n> Report<'n> {
    /// The report on `parties` (in scope, in report order) of `n`, from
    /// their verdicts, pairs and mediator's view.
    pub(crate) fn new(
        n: &'n Negotiation,
        parties: &[PartyIndex],
        verdicts: Verdicts<'n>,
        pairs: Vec<PairReport>,
        mediation: Mediation<'n>,
    ) -> Self {
        debug_assert_eq!(verdicts.issues.len(), mediation.bridges.len());
        let phases = phases::phases(n, &verdicts.issues);
        let forward_dependencies = phases::forward_dependencies(n, parties, &verdicts.issues);
        Report {
            schema_version: SCHEMA_VERSION,
            negotiation: n.title.clone(),
            as_of: n.as_of.clone(),
            parties: parties
                .iter()
                .map(|&p| {
                    let party = &n.parties[p];
                    PartyInfo::of(n, party)
                })
                .collect(),
            issues: verdicts.issues,
            pairs,
            summary: verdicts.summary,
            phases,
            forward_dependencies,
            mediation,
            issue_at: verdicts.issue_at,
        }
    }

    /// How the quotes of the stances in the report stand.
    pub fn quotes(&self) -> QuoteCounts {
        let mut counts = QuoteCounts::default();
        for verified in self.issues.iter().flat_map(|i| i.stances.quotes_verified()) {
            match verified {
                Some(true) => counts.verified += 1,
                Some(false) => counts.not_found += 1,
                None => counts.not_checked += 1,
            }
        }
        counts
    }

    /// The party of this id, when it is in scope.
    pub fn party(&self, id: &str) -> Option<&PartyInfo<'n>> {
        self.parties.iter().find(|p| p.id == id)
    }

    /// The report's issue of this id; `None` for an issue left out of the
    /// report (`--issues`).
    pub fn issue(&self, id: &str) -> Option<&IssueReport<'n>> {
        self.issue_at.get(id).map(|&k| &self.issues[k])
    }

    /// The bridge of the issue of this id: its nearest compromises, when it
    /// is a conflict in the report.
    pub fn bridge(&self, id: &str) -> Option<&Bridge<'n>> {
        self.issue_at
            .get(id)
            .and_then(|&k| self.mediation.bridges[k].as_ref())
    }

    /// Each conflict with its bridge, in report order.
    pub fn bridges(&self) -> impl Iterator<Item = (&IssueReport<'n>, &Bridge<'n>)> {
        self.issues
            .iter()
            .zip(&self.mediation.bridges)
            .filter_map(|(issue, bridge)| Some((issue, bridge.as_ref()?)))
    }

    /// The pair of the parties at positions `a` and `b` of `parties`, in
    /// either order. Pairs come in the order (0,1), (0,2) .. (1,2) ..: the
    /// agreement matrix asks for each of 40,000 cells at 200 parties, and a
    /// search per cell was quartic.
    pub fn pair(&self, a: usize, b: usize) -> Option<&PairReport> {
        pair_of(&self.pairs, self.parties.len(), a, b)
    }
}

/// The JSON contract's order of keys (`docs/json.md`), each issue with its
/// bridge.
impl Serialize for Report<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        /// An issue as the JSON has it: its verdict, and on a conflict its
        /// bridge.
        #[derive(Serialize)]
        struct Issue<'a, 'n> {
            #[serde(flatten)]
            issue: &'a IssueReport<'n>,
            #[serde(skip_serializing_if = "Option::is_none")]
            bridge: Option<&'a Bridge<'n>>,
        }
        struct Issues<'a, 'n>(&'a Report<'n>);
        impl Serialize for Issues<'_, '_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let r = self.0;
                s.collect_seq(
                    r.issues
                        .iter()
                        .zip(&r.mediation.bridges)
                        .map(|(issue, bridge)| Issue {
                            issue,
                            bridge: bridge.as_ref(),
                        }),
                )
            }
        }
        let m = &self.mediation;
        let mut map = s.serialize_struct("Report", 15)?;
        map.serialize_field("schema_version", &self.schema_version)?;
        map.serialize_field("negotiation", &self.negotiation)?;
        map.serialize_field("as_of", &self.as_of)?;
        map.serialize_field("parties", &self.parties)?;
        map.serialize_field("issues", &Issues(self))?;
        map.serialize_field("pairs", &self.pairs)?;
        map.serialize_field("summary", &self.summary)?;
        map.serialize_field("phases", &self.phases)?;
        map.serialize_field("forward_dependencies", &self.forward_dependencies)?;
        map.serialize_field("deal", &m.deal)?;
        map.serialize_field("coalition_threshold", &m.coalition_threshold)?;
        map.serialize_field("min_shared", &m.min_shared)?;
        map.serialize_field("coalitions", &m.coalitions)?;
        map.serialize_field("partners", &m.partners)?;
        match &m.focus {
            Some(focus) => map.serialize_field("focus", focus)?,
            None => map.skip_field("focus")?,
        }
        map.end()
    }
}

/// Every issue in scope judged, and nothing more: what `stance changes`
/// compares, and what a report is built around.
#[derive(Clone, Debug)]
pub(crate) struct Verdicts<'n> {
    /// In report order.
    pub issues: Vec<IssueReport<'n>>,
    pub summary: Summary,
    issue_at: HashMap<String, usize>,
}

impl<'n> Verdicts<'n> {
    /// The verdicts on `issues`, counted and indexed by id.
    pub(crate) fn new(issues: Vec<IssueReport<'n>>) -> Self {
        let mut summary = Summary::default();
        for issue in &issues {
            summary.count(issue.verdict);
        }
        let issue_at = issues
            .iter()
            .enumerate()
            .map(|(k, issue)| (issue.id.clone(), k))
            .collect();
        Verdicts {
            issues,
            summary,
            issue_at,
        }
    }

    /// The issue of this id; `None` for an issue out of scope.
    pub fn issue(&self, id: &str) -> Option<&IssueReport<'n>> {
        self.issue_at.get(id).map(|&k| &self.issues[k])
    }
}

/// `Report::pair`, among the pairs of `n` parties.
pub(crate) fn pair_of(pairs: &[PairReport], n: usize, a: usize, b: usize) -> Option<&PairReport> {
    let (a, b) = (a.min(b), a.max(b));
    if a == b || b >= n {
        return None;
    }
    pairs.get(a * n - a * (a + 1) / 2 + (b - a - 1))
}

/// A party in scope.
#[derive(Clone, Debug, Serialize)]
pub struct PartyInfo<'n> {
    /// Its id, the file's stem.
    pub id: String,
    /// Its full name.
    pub name: String,
    /// Whether it decides, or sits beside those who do.
    pub role: Role,
    /// Its file's `as_of` date.
    pub as_of: Option<String>,
    /// The sources its stances cite.
    pub sources: Vec<Source>,
    /// Who its stances name as `speaker`, when its file lists them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub speakers: Vec<Speaker>,
    /// Its party-level requirements, which apply to every stance of it but
    /// one on the required issue: required issue id to what it requires
    /// there, in agenda order.
    pub requires: Ordered<Outcomes<'n>>,
    /// Its packages: id to the issues whose stances hold only together,
    /// in agenda order.
    pub packages: Ordered<Vec<&'n str>>,
}

impl<'n> PartyInfo<'n> {
    fn of(n: &'n Negotiation, party: &'n Party) -> Self {
        let issue = |i: IssueIndex| &n.agenda.issues[i];
        PartyInfo {
            id: party.id.clone(),
            name: party.name.clone(),
            role: party.role,
            as_of: party.as_of.clone(),
            sources: party.sources.clone(),
            speakers: party.speakers.clone(),
            requires: requirements(n, &party.requires),
            packages: Ordered(
                party
                    .packages
                    .iter()
                    .map(|k| {
                        let ids = k.issues.iter().map(|&i| issue(i).id.as_str()).collect();
                        (k.id.clone(), ids)
                    })
                    .collect(),
            ),
        }
    }

    /// A stance's `speaker` as a reader knows them: the name and role of
    /// one of `speakers`, or the words given.
    pub fn speaker(&self, speaker: &str) -> String {
        match self.speakers.iter().find(|s| s.id == speaker) {
            Some(s) => match &s.role {
                Some(role) => format!("{} ({role})", s.name),
                None => s.name.clone(),
            },
            None => speaker.to_owned(),
        }
    }
}

/// How the quotes of the stances in a report stand against their sources'
/// texts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QuoteCounts {
    /// Found in a source's text.
    pub verified: usize,
    /// In none of their sources' texts (only in a round read as history).
    pub not_found: usize,
    /// With no text to look in, or not checked.
    pub not_checked: usize,
}

/// What an issue came to among the parties (`docs/design.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Something all of them accept, and no requirement in the way.
    Overlap,
    /// Something all of them accept, but a requirement in the way.
    Blocked,
    /// Nothing all of them accept.
    Conflict,
    /// Fewer than two of them take a position.
    Gap,
}

impl Verdict {
    /// Every verdict, in the order of the pairs' codes.
    pub const ALL: [Verdict; 4] = [
        Verdict::Overlap,
        Verdict::Blocked,
        Verdict::Conflict,
        Verdict::Gap,
    ];

    /// A pair's verdict on one issue as one small number, as the pair
    /// table works it out and keeps it: 0 where neither of the two speaks,
    /// else 1 + the verdict's index in `ALL`.
    pub(crate) const fn code(v: Option<Verdict>) -> u8 {
        match v {
            None => 0,
            Some(v) => v as u8 + 1,
        }
    }

    #[cfg(test)]
    pub(crate) fn of_code(code: u8) -> Option<Verdict> {
        code.checked_sub(1).map(|c| Verdict::ALL[usize::from(c)])
    }

    /// As the JSON writes it.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Overlap => "overlap",
            Verdict::Blocked => "blocked",
            Verdict::Conflict => "conflict",
            Verdict::Gap => "gap",
        }
    }
}

/// Where a party that does not decide an issue stands on its zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outside {
    /// What it could accept meets the zone.
    Within,
    /// It meets nothing of the zone, or the deciders have none.
    Against,
}

impl Outside {
    /// As the JSON writes it.
    pub fn name(self) -> &'static str {
        match self {
            Outside::Within => "within",
            Outside::Against => "against",
        }
    }
}

/// How hard a conflict is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Both parties of some clashing pair hold the issue as a red line.
    Hard,
    /// Any other conflict.
    Soft,
}

impl Severity {
    /// As the JSON writes it.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Hard => "hard",
            Severity::Soft => "soft",
        }
    }
}

/// One issue judged among the parties in scope.
#[derive(Clone, Debug, Serialize)]
pub struct IssueReport<'n> {
    /// The issue's id.
    pub id: String,
    /// The issue's title.
    pub title: String,
    /// What kind of answer it takes.
    pub kind: Kind,
    /// Its phase's id; `None` when it has none.
    pub phase: Option<&'n str>,
    /// A range's unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Its options, in agenda order; none for a range; a sequence's steps.
    pub options: Vec<OptionInfo>,
    /// The parties in scope that decide it (its `decided_by`, else the
    /// principals), in party order: the verdict is theirs.
    pub deciders: Vec<&'n str>,
    /// Whether its deciders are the default, every principal in scope
    /// (it has no `decided_by`): reports then say nothing of who decides,
    /// as the party list gives each party's role.
    #[serde(skip)]
    pub default_deciders: bool,
    /// Parties of its `decided_by` left out of scope (`--parties`): it
    /// cannot be decided in this view, and is a gap.
    pub undecidable_in_scope: Vec<&'n str>,
    /// What it came to.
    pub verdict: Verdict,
    /// On a conflict, how hard.
    pub severity: Option<Severity>,
    /// What every party with a position could accept, were every
    /// condition met.
    pub zone: Outcomes<'n>,
    /// The outcomes of the zone that can be agreed now: every party with a
    /// position accepts them through its base position or an alternative
    /// whose requirements are met. Empty on a conflict or a block, and on
    /// a sequence (JSON `null`), which takes no conditions: its `order`
    /// says it all.
    pub available: Outcomes<'n>,
    /// On a sequence: every step, in one order that keeps the zone, ties
    /// to the earlier step of the agenda; `Some(None)` on a cycle. `None`
    /// (no key) on any other kind of issue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<Option<Vec<&'n str>>>,
    /// Each party in scope with a position that does not decide the
    /// issue, in party order: whether what it could accept meets the zone.
    pub outside: Ordered<Outside>,
    /// The available outcomes that some party accepts only through an
    /// alternative, and on what condition: one entry per such party and
    /// alternative, in party order.
    pub conditional: Vec<Conditional<'n>>,
    /// Parties in scope with no stance at all on this issue.
    pub silent: Vec<&'n str>,
    /// Parties that spoke to the issue without taking a position.
    pub no_position: Ordered<Status>,
    /// `clashes`, or `clash_count` under `--pairs counts`.
    #[serde(flatten)]
    pub clashes: Clashes,
    /// On a blocked issue, each requirement in the way, in party order.
    pub blocked_by: Vec<Block<'n>>,
    /// On a contingent overlap, the requirements it rests on: those that
    /// would block it were every requirement on a gap unmet, each the
    /// first link of its chain. Empty on any other issue.
    pub contingent_on: Vec<Block<'n>>,
    /// Each party's stance, in party order; silent parties have none.
    pub stances: Stances<'n>,
}

impl IssueReport<'_> {
    /// Whether the issue is an overlap that rests on a gap: `overlap
    /// (contingent)`.
    pub fn is_contingent(&self) -> bool {
        !self.contingent_on.is_empty()
    }

    /// The parties a `decided_by` names whose position the issue waits
    /// for: in scope, silent or with a status, in party order. Empty on an
    /// issue its principals decide.
    pub fn waiting_on(&self) -> Vec<&str> {
        if self.default_deciders {
            return Vec::new();
        }
        let without =
            |p: &&str| self.silent.contains(p) || self.no_position.0.iter().any(|(q, _)| q == p);
        self.deciders.iter().copied().filter(without).collect()
    }

    /// Whether less of the zone can be agreed now than the zone holds,
    /// which the reports then say. A sequence takes no conditions: its
    /// `order` is what can be agreed, and it has no `available` to show.
    pub fn narrows_zone(&self) -> bool {
        self.kind != crate::model::Kind::Sequence && self.available != self.zone
    }
}

/// Available outcomes that a party accepts only through an alternative.
#[derive(Clone, Debug, Serialize)]
pub struct Conditional<'n> {
    /// The party.
    pub party: String,
    /// Which of its alternatives on the issue, from 0.
    pub alternative: usize,
    /// The available outcomes it reaches. On a range, the available
    /// interval within the alternative's.
    pub outcomes: Outcomes<'n>,
    /// The alternative's own requirements: required issue id to outcome.
    pub requires: Ordered<Outcomes<'n>>,
}

/// An option of an issue.
#[derive(Clone, Debug, Serialize)]
pub struct OptionInfo {
    /// Its id.
    pub id: String,
    /// What it means.
    pub description: String,
}

/// A requirement that another issue cannot meet, as things stand.
#[derive(Clone, Debug, Serialize)]
pub struct Block<'n> {
    /// The issue the requirement is on.
    pub issue: String,
    /// Whose requirement it is.
    pub party: String,
    /// Where it is written.
    pub from: Origin,
    /// For a requirement of an alternative: which, from 0.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alternative: Option<usize>,
    /// For a package's: its id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<String>,
    /// What it requires there.
    pub requires: Outcomes<'n>,
    /// The unit of that issue, when it is a range: it may be out of the
    /// report's view (`--issues`) and still block.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// That issue's verdict and zone among the same parties.
    pub verdict: Verdict,
    /// That issue's zone.
    pub zone: Outcomes<'n>,
    /// That issue's available outcomes, which the requirement misses.
    pub available: Outcomes<'n>,
    /// When that issue is a conflict: who clashes there.
    #[serde(flatten, skip_serializing_if = "Clashes::is_empty")]
    pub clashes: Clashes,
    /// What holds that issue's outcomes back in turn: the next links of
    /// the chain.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub blocked_by: Vec<Block<'n>>,
}

/// Where a requirement is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// The stance's own `requires`.
    Stance,
    /// An alternative's `requires`.
    Alternative,
    /// The party's `requires`, which applies to all its stances.
    Party,
    /// The party's package.
    Package,
}

impl Origin {
    /// As the JSON writes it.
    pub fn name(self) -> &'static str {
        match self {
            Origin::Stance => "stance",
            Origin::Alternative => "alternative",
            Origin::Party => "party",
            Origin::Package => "package",
        }
    }
}

/// A stance as the report shows it. Keys that do not apply are left out
/// of the JSON.
#[derive(Clone, Debug, Serialize)]
pub struct StanceReport<'n> {
    /// For a stance that takes no position: why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// What the stance accepts, worked out: option ids, or the interval.
    /// Left out of the JSON on a sequence, whose `order` is the stance.
    #[serde(skip_serializing_if = "no_accepts")]
    pub accepts: Option<Outcomes<'n>>,
    /// A sequence stance's chains, as written, by step id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<Vec<Vec<&'n str>>>,
    /// What it rejects out loud: options only.
    #[serde(skip_serializing_if = "Outcomes::is_empty")]
    pub rejects: Outcomes<'n>,
    /// Its first choice.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wants: Option<String>,
    /// A range stance's `min`, as the file gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<Num>,
    /// A range stance's `max`, as the file gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<Num>,
    /// A range stance's `ideal`, as the file gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ideal: Option<Num>,
    /// How firmly it is held; none for a status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strength: Option<Strength>,
    /// How the analyst knows it.
    pub basis: Basis,
    /// How much the issue matters to the party, when the file says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub salience: Option<u8>,
    /// The sources it cites, by id: in JSON a string for one (as in
    /// Format 1), a list for several.
    #[serde(skip_serializing_if = "Cited::is_empty")]
    pub source: Cited,
    /// When the party took it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// Who said it: an id of the party's `speakers`, or a name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// The party's words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// Whether the quote was found in its sources' texts: `null` when
    /// there is no quote, no text to look in, or it was not checked.
    pub quote_verified: Option<bool>,
    /// Where it was found, when it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote_passage: Option<QuotePassage>,
    /// The analyst's note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Required issue id to what it requires there, in agenda order.
    #[serde(skip_serializing_if = "Ordered::is_empty")]
    pub requires: Ordered<Outcomes<'n>>,
    /// Positions also acceptable, each under conditions of its own.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<AlternativeReport<'n>>,
}

fn no_accepts(accepts: &Option<Outcomes<'_>>) -> bool {
    accepts
        .as_ref()
        .is_none_or(|a| matches!(a.set(), crate::outcome::OutcomeSet::Order(_)))
}

/// An alternative as the report shows it.
#[derive(Clone, Debug, Serialize)]
pub struct AlternativeReport<'n> {
    /// What it accepts: option ids, or the interval.
    pub accepts: Outcomes<'n>,
    /// What it rejects out loud: options only.
    #[serde(skip_serializing_if = "Outcomes::is_empty")]
    pub rejects: Outcomes<'n>,
    /// Its own requirements: required issue id to outcome, agenda order.
    pub requires: Ordered<Outcomes<'n>>,
}

/// The sources a stance cites, by id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cited(pub Vec<String>);

impl Cited {
    /// Whether it cites none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// One id as a string, several as a list.
impl Serialize for Cited {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [one] => s.serialize_str(one),
            many => many.serialize(s),
        }
    }
}

/// Where a verified quote stands in its source's text: enough for a
/// reader to show the passage in context.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuotePassage {
    /// The source whose text holds it, by id.
    pub source: String,
    /// The passage's first byte in that text (the file as stored).
    pub start: u32,
    /// The byte after its last.
    pub end: u32,
}

/// Two parties compared issue by issue. At conference scale there are
/// 20,000 pairs and thousands of issues, so the issues behind the counts
/// are kept as one byte per issue and named only when written out.
#[derive(Clone, Debug)]
pub struct PairReport {
    /// The two, in party order.
    pub parties: [String; 2],
    /// overlaps / (overlaps + blocked + conflicts), each issue weighed by
    /// the mean salience of the two; `None` when the two compare on
    /// nothing, or on nothing that weighs.
    pub agreement: Option<f64>,
    /// The sum of those weights, when some stance of the negotiation gives
    /// its salience; `None` otherwise (every issue weighs the same).
    pub weight: Option<f64>,
    /// How many issues got each verdict between the two.
    pub counts: Summary,
    /// Which issues the counts count; `None` when the comparison was asked
    /// for counts only (`--pairs counts`).
    pub issues: Option<PairIssues>,
}

/// How many issues got each verdict.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Issues in overlap.
    pub overlap: usize,
    /// Issues blocked.
    pub blocked: usize,
    /// Issues in conflict.
    pub conflict: usize,
    /// Issues with a gap.
    pub gap: usize,
}

impl Summary {
    /// The counts of a pair's verdict codes (`Verdict::code`).
    pub(crate) fn of_codes(codes: &[u8]) -> Summary {
        let mut by_code = [0; 5];
        for &c in codes {
            by_code[usize::from(c)] += 1;
        }
        let [_, overlap, blocked, conflict, gap] = by_code;
        Summary {
            overlap,
            blocked,
            conflict,
            gap,
        }
    }

    pub(crate) fn count(&mut self, verdict: Verdict) {
        match verdict {
            Verdict::Overlap => self.overlap += 1,
            Verdict::Blocked => self.blocked += 1,
            Verdict::Conflict => self.conflict += 1,
            Verdict::Gap => self.gap += 1,
        }
    }
}

/// A JSON object whose keys keep the order they were given in (parties in
/// report order), where a map type would sort them.
#[derive(Clone, Debug, Default)]
pub struct Ordered<V>(pub Vec<(String, V)>);

impl<V> Ordered<V> {
    /// Whether there is no key.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The value of this key.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

impl<V: Serialize> Serialize for Ordered<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A verdict's code is its place in `ALL`, plus one: the pair table's
    /// code table and `Summary::of_codes` count on the enum's order being
    /// `ALL`'s.
    #[test]
    fn verdict_codes_follow_all() {
        assert_eq!(Verdict::code(None), 0);
        assert_eq!(Verdict::of_code(0), None);
        for (k, v) in Verdict::ALL.into_iter().enumerate() {
            assert_eq!(usize::from(Verdict::code(Some(v))), k + 1);
            assert_eq!(Verdict::of_code(Verdict::code(Some(v))), Some(v));
            let mut one = Summary::default();
            one.count(v);
            assert_eq!(Summary::of_codes(&[0, Verdict::code(Some(v))]), one);
        }
    }
}
