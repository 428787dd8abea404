//! Between two rounds of a negotiation: who hardened, softened or moved,
//! and what that did to the verdicts. Positions in, a `Changes` value out;
//! no I/O. Every changes format renders this one value.

mod label;

pub use label::{Condition, ConditionChange, Label};

use crate::engine::verdicts;
use crate::model::Negotiation;
use crate::report::{IssueReport, Outcomes, Severity, StanceReport, Verdict, Verdicts};
use crate::scope::Scope;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The version of the changes report's JSON shape: 2 since its stances,
/// verdicts and events follow the compare report's `schema_version` 2.
pub const SCHEMA_VERSION: u32 = 2;

/// Two rounds of a negotiation compared: the report of `stance changes`.
#[derive(Clone, Debug, Serialize)]
pub struct Changes<'n> {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The earlier round.
    pub old: Round,
    /// The later round.
    pub new: Round,
    /// Per party and issue: parties in the new round's order, and for each
    /// its issues in agenda order; those of the old round only come last.
    pub stances: Vec<StanceChange<'n>>,
    /// Per issue whose verdict, severity or zone changed.
    pub issues: Vec<IssueChange<'n>>,
    /// How many of each.
    pub summary: ChangesSummary,
}

/// One round of a negotiation, as the report names it.
#[derive(Clone, Debug, Serialize)]
pub struct Round {
    /// Where the round was read from: a folder, or `REV:folder`.
    pub source: String,
    /// Its title.
    pub negotiation: String,
    /// Its agenda's `as_of` date.
    pub as_of: Option<String>,
}

/// One party's stance on one issue, from one round to the next.
#[derive(Clone, Debug, Serialize)]
pub struct StanceChange<'n> {
    /// The party's id.
    pub party: String,
    /// The issue's id.
    pub issue: String,
    /// What kind of change.
    pub label: Label,
    /// The stance's fields that differ, named as in the position file
    /// (`range` for min/max/ideal; `party requires` and `packages` for the
    /// party's conditions that apply to the stance).
    pub fields: Vec<&'static str>,
    /// How the conditions the stance holds changed: its requirements, its
    /// alternatives, its party's requirements and packages.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
    /// The stance in the old round; `None` where the party was silent.
    pub before: Option<StanceReport<'n>>,
    /// The stance in the new round; `None` where the party is silent.
    pub after: Option<StanceReport<'n>>,
    /// The issue's unit, for a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// How many options the issue has (in the new round, else the old).
    #[serde(skip)]
    pub options: usize,
}

/// What happened to one issue at the level of the whole negotiation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Event {
    /// A conflict became another verdict.
    ConflictResolved,
    /// Another verdict became a conflict.
    ConflictOpened,
    /// A conflict became hard (both of a clashing pair hold red lines).
    ConflictHardened,
    /// A hard conflict became soft.
    ConflictSoftened,
    /// Another verdict became an overlap.
    OverlapGained,
    /// An overlap became another verdict.
    OverlapLost,
    /// A block went: the issue is no longer blocked, or one of its
    /// blocking requirements went.
    BlockLifted,
    /// A block came: the issue became blocked, or another requirement
    /// blocks it.
    BlockAdded,
    /// A gap became another verdict.
    GapClosed,
    /// Another verdict became a gap.
    GapOpened,
    /// An overlap became one that rests on a gap (`overlap (contingent)`),
    /// or another verdict became such an overlap.
    ContingencyAdded,
    /// A contingent overlap became a plain one.
    ContingencyLifted,
    /// Same overlap or blocked verdict, another zone.
    ZoneChanged,
    /// The issue moved to another phase of the agenda (or into or out of
    /// one).
    PhaseChanged,
    /// Other parties decide the issue: its `decided_by`, or a party's
    /// `role`, changed.
    DecidersChanged,
    /// A party's quote on the issue is no longer found in its sources'
    /// texts (its text or its wording changed), or a new quote is not.
    QuoteUnverified,
    /// The issue is on the new agenda only.
    IssueAdded,
    /// The issue is on the old agenda only.
    IssueRemoved,
}

impl Event {
    /// Events that take the parties further from a deal.
    pub fn is_setback(self) -> bool {
        matches!(
            self,
            Event::ConflictOpened
                | Event::ConflictHardened
                | Event::OverlapLost
                | Event::BlockAdded
                | Event::ContingencyAdded
        )
    }

    /// Events that bring the parties nearer to one.
    pub fn is_progress(self) -> bool {
        matches!(
            self,
            Event::ConflictResolved
                | Event::ConflictSoftened
                | Event::OverlapGained
                | Event::BlockLifted
                | Event::ContingencyLifted
        )
    }

    /// Every event, in report order.
    pub const ALL: [Event; 18] = [
        Event::ConflictResolved,
        Event::ConflictOpened,
        Event::ConflictHardened,
        Event::ConflictSoftened,
        Event::OverlapGained,
        Event::OverlapLost,
        Event::BlockLifted,
        Event::BlockAdded,
        Event::GapClosed,
        Event::GapOpened,
        Event::ContingencyAdded,
        Event::ContingencyLifted,
        Event::ZoneChanged,
        Event::PhaseChanged,
        Event::DecidersChanged,
        Event::QuoteUnverified,
        Event::IssueAdded,
        Event::IssueRemoved,
    ];

    /// As on the command line (`--fail-on conflict-opened`) and in JSON.
    pub fn id(self) -> &'static str {
        match self {
            Event::ConflictResolved => "conflict-resolved",
            Event::ConflictOpened => "conflict-opened",
            Event::ConflictHardened => "conflict-hardened",
            Event::ConflictSoftened => "conflict-softened",
            Event::OverlapGained => "overlap-gained",
            Event::OverlapLost => "overlap-lost",
            Event::BlockLifted => "block-lifted",
            Event::BlockAdded => "block-added",
            Event::GapClosed => "gap-closed",
            Event::GapOpened => "gap-opened",
            Event::ContingencyAdded => "contingency-added",
            Event::ContingencyLifted => "contingency-lifted",
            Event::ZoneChanged => "zone-changed",
            Event::PhaseChanged => "phase-changed",
            Event::DecidersChanged => "deciders-changed",
            Event::QuoteUnverified => "quote-unverified",
            Event::IssueAdded => "issue-added",
            Event::IssueRemoved => "issue-removed",
        }
    }
    /// As a report says it: `conflict opened`.
    pub fn name(self) -> String {
        self.id().replace('-', " ")
    }
}

/// An issue whose verdict, severity, blocks or zone changed.
#[derive(Clone, Debug, Serialize)]
pub struct IssueChange<'n> {
    /// The issue's id.
    pub issue: String,
    /// Its title, in the new round if it is there.
    pub title: String,
    /// What happened to it, in `Event` order.
    pub events: Vec<Event>,
    /// Its verdict in the old round; `None` when it was not on the agenda.
    pub before: Option<VerdictAt<'n>>,
    /// Its verdict in the new round; `None` when it is not on the agenda.
    pub after: Option<VerdictAt<'n>>,
    /// The stance changes behind it: on this issue, and on the issues its
    /// blocks (before or after) rest on.
    pub caused_by: Vec<Cause>,
    /// The parties whose quote on it stopped being found in its sources'
    /// texts (`quote-unverified`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quotes_unverified: Vec<String>,
    /// Whether its `decided_by` changed: a cause of its events beside the
    /// stance changes.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub decided_by_changed: bool,
}

/// An issue's verdict in one round.
#[derive(Clone, Debug, Serialize)]
pub struct VerdictAt<'n> {
    /// The verdict among every party of the round.
    pub verdict: Verdict,
    /// Whether an overlap rests on a gap (`overlap (contingent)`).
    pub contingent: bool,
    /// On a conflict, how hard.
    pub severity: Option<Severity>,
    /// The zone.
    pub zone: Outcomes<'n>,
    /// Its phase in that round, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phase: Option<&'n str>,
    /// A range's unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// A stance change behind an issue's change.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cause {
    /// Whose stance.
    pub party: String,
    /// On which issue: this one, or one its blocks rest on.
    pub issue: String,
    /// What kind of change.
    pub label: Label,
}

/// How many stance changes and issue events a changes report has.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ChangesSummary {
    /// Stance changes by label, unchanged ones included.
    pub labels: BTreeMap<Label, usize>,
    /// Issues by event.
    pub events: BTreeMap<Event, usize>,
}

/// What a changes report lists.
#[derive(Clone, Copy, Debug, Default)]
pub struct Listing<'a> {
    /// The stances that did not change too (`--all`); else they are only
    /// counted.
    pub all: bool,
    /// One party's stances only, as when two of its files are compared.
    pub party: Option<&'a str>,
}

/// Compares two rounds over all their parties and issues. `sources` name
/// where each round came from, for the report. The stances that did not
/// change are counted, and kept only when `listing.all` asks for them: at
/// 200 parties there are 300,000.
pub fn changes<'n>(
    old: &'n Negotiation,
    new: &'n Negotiation,
    sources: [&str; 2],
    listing: Listing<'_>,
) -> Changes<'n> {
    let old_report = verdicts(old, &Scope::all(old));
    let new_report = verdicts(new, &Scope::all(new));
    let (stances, labels, unverified) =
        stance_changes(&Indexed::new(old), &Indexed::new(new), listing);
    let listed = Listed::new(old, new);
    let issues = issue_changes(&old_report, &new_report, &stances, &unverified, &listed);
    let summary = summarize(labels, &issues);
    let round = |n: &Negotiation, source: &str| Round {
        source: source.to_owned(),
        negotiation: n.title.clone(),
        as_of: n.as_of.clone(),
    };
    Changes {
        schema_version: SCHEMA_VERSION,
        old: round(old, sources[0]),
        new: round(new, sources[1]),
        stances,
        issues,
        summary,
    }
}

/// Ids in the new round's order, then those only in the old one.
fn union(new: impl Iterator<Item = String>, old: impl Iterator<Item = String>) -> Vec<String> {
    let mut ids: Vec<String> = new.collect();
    let seen: HashSet<String> = ids.iter().cloned().collect();
    ids.extend(old.filter(|id| !seen.contains(id)));
    ids
}

/// Per issue id, the parties whose quote on it is no longer found.
type Unverified = HashMap<String, Vec<String>>;

/// The stance changes to list, the count of every label, unchanged
/// included, and the quotes that stopped being found in their texts.
fn stance_changes<'n>(
    old: &Indexed<'n>,
    new: &Indexed<'n>,
    listing: Listing<'_>,
) -> (Vec<StanceChange<'n>>, BTreeMap<Label, usize>, Unverified) {
    let issues = union(
        new.n.agenda.issues.iter().map(|i| i.id.clone()),
        old.n.agenda.issues.iter().map(|i| i.id.clone()),
    );
    let parties = union(
        new.n.parties.iter().map(|p| p.id.clone()),
        old.n.parties.iter().map(|p| p.id.clone()),
    );
    let mut changes = Vec::new();
    // Every label is counted, none too.
    let mut labels: BTreeMap<Label, usize> = Label::ALL.iter().map(|&l| (l, 0)).collect();
    let mut unverified = Unverified::new();
    for party_id in &parties {
        if listing.party.is_some_and(|p| p != party_id) {
            continue;
        }
        for issue_id in &issues {
            // An issue missing from one agenda reads as silence there.
            let (b, a) = match (old.side(issue_id, party_id), new.side(issue_id, party_id)) {
                (None, None) => continue,
                (Some(b), None) => (b, label::Side { stance: None, ..b }),
                (None, Some(a)) => (label::Side { stance: None, ..a }, a),
                (Some(b), Some(a)) => (b, a),
            };
            let not_found = |side: &label::Side| {
                side.stance.map(|s| s.quote_check.verified()) == Some(Some(false))
            };
            if not_found(&a) && !not_found(&b) {
                unverified
                    .entry(issue_id.clone())
                    .or_default()
                    .push(party_id.clone());
            }
            let Some(comparison) = label::compare(&b, &a) else {
                continue;
            };
            *labels.entry(comparison.label).or_default() += 1;
            if comparison.label == Label::Unchanged && !listing.all {
                continue;
            }
            let view = |round: &Indexed<'n>, side: &label::Side<'n>| {
                side.stance
                    .map(|s| StanceReport::of(round.n, side.issue, s))
            };
            changes.push(StanceChange {
                party: party_id.clone(),
                issue: issue_id.clone(),
                label: comparison.label,
                fields: comparison.fields,
                conditions: comparison.conditions,
                unit: a.issue.unit.clone(),
                options: a.issue.options.len(),
                before: view(old, &b),
                after: view(new, &a),
            });
        }
    }
    (changes, labels, unverified)
}

/// One round with its issues and parties indexed by id: stance changes
/// look up every party on every issue of both rounds.
struct Indexed<'n> {
    n: &'n Negotiation,
    /// Issues are looked up with the agenda's own index.
    parties: HashMap<&'n str, usize>,
}

impl<'n> Indexed<'n> {
    fn new(n: &'n Negotiation) -> Self {
        Indexed {
            n,
            parties: n
                .parties
                .iter()
                .enumerate()
                .map(|(k, p)| (p.id.as_str(), k))
                .collect(),
        }
    }

    /// One party's stance on one issue, if the round has the issue.
    fn side(&self, issue_id: &str, party_id: &str) -> Option<label::Side<'n>> {
        let issue = self.n.agenda.index_of(issue_id)?;
        let stance = self
            .parties
            .get(party_id)
            .and_then(|&p| self.n.parties[p].stances[issue].as_deref());
        let party = self.parties.get(party_id).map(|&p| &self.n.parties[p]);
        Some(label::Side {
            agenda: &self.n.agenda.issues,
            issue: &self.n.agenda.issues[issue],
            stance,
            party,
        })
    }
}

fn verdict_at<'n>(issue: &IssueReport<'n>) -> VerdictAt<'n> {
    VerdictAt {
        verdict: issue.verdict,
        contingent: issue.is_contingent(),
        severity: issue.severity,
        zone: issue.zone.clone(),
        phase: issue.phase,
        unit: issue.unit.clone(),
    }
}

/// The issues whose `decided_by` differs between the rounds, and those
/// that name their deciders in both (a party's role does not decide them).
struct Listed {
    changed: HashSet<String>,
    in_both: HashSet<String>,
}

impl Listed {
    fn new(old: &Negotiation, new: &Negotiation) -> Self {
        let mut listed = Listed {
            changed: HashSet::new(),
            in_both: HashSet::new(),
        };
        for issue in &new.agenda.issues {
            let Some(before) = old.agenda.index_of(&issue.id) else {
                continue;
            };
            let before = &old.agenda.issues[before].decided_by;
            if *before != issue.decided_by {
                listed.changed.insert(issue.id.clone());
            }
            if before.is_some() && issue.decided_by.is_some() {
                listed.in_both.insert(issue.id.clone());
            }
        }
        listed
    }
}

fn issue_changes<'n>(
    old: &Verdicts<'n>,
    new: &Verdicts<'n>,
    stances: &[StanceChange<'n>],
    unverified: &Unverified,
    listed: &Listed,
) -> Vec<IssueChange<'n>> {
    let ids = union(
        new.issues.iter().map(|i| i.id.clone()),
        old.issues.iter().map(|i| i.id.clone()),
    );
    // The stance changes that can cause an event, by issue: a conference
    // has hundreds of thousands of stances, and many issues with events.
    let mut by_issue: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, s) in stances.iter().enumerate() {
        // Salience never moves a verdict.
        if !matches!(
            s.label,
            Label::Unchanged | Label::Clarified | Label::Reweighed
        ) {
            by_issue.entry(s.issue.as_str()).or_default().push(k);
        }
    }
    let mut changes = Vec::new();
    for id in ids {
        let before = old.issue(&id);
        let after = new.issue(&id);
        let mut events = events(before, after);
        let quotes_unverified = unverified.get(&id).cloned().unwrap_or_default();
        if !quotes_unverified.is_empty() {
            events.push(Event::QuoteUnverified);
            events.sort();
        }
        if events.is_empty() {
            continue;
        }
        // The issue itself, and what blocked it or it rested on, before
        // or now, down the chains.
        let mut related = vec![id.clone()];
        for issue in before.into_iter().chain(after) {
            for block in issue.blocked_by.iter().chain(&issue.contingent_on) {
                chain_issues(block, &mut related);
            }
        }
        // Only a change of position can move a verdict, and only in its own
        // direction: a softening opens no conflict, a hardening resolves none.
        let worse = events.iter().any(|e| e.is_setback());
        let better = events.iter().any(|e| e.is_progress());
        // In the order of `stances`, as the related issues' changes come.
        let mut at: Vec<usize> = related
            .iter()
            .filter_map(|issue| by_issue.get(issue.as_str()))
            .flatten()
            .copied()
            .collect();
        at.sort_unstable();
        let caused_by = at
            .into_iter()
            .map(|k| &stances[k])
            // (`by_issue` holds neither unchanged nor clarified stances.)
            .filter(|s| match s.label {
                Label::Softened => !worse || better,
                Label::Hardened => !better || worse,
                // A role decides nothing on an issue that names its
                // deciders in both rounds.
                Label::Recast => !listed.in_both.contains(&s.issue),
                _ => true,
            })
            .map(|s| Cause {
                party: s.party.clone(),
                issue: s.issue.clone(),
                label: s.label,
            })
            .collect();
        let title = after
            .or(before)
            .map(|i| i.title.clone())
            .unwrap_or_default();
        let decided_by_changed = listed.changed.contains(&id);
        changes.push(IssueChange {
            issue: id,
            title,
            events,
            before: before.map(verdict_at),
            after: after.map(verdict_at),
            caused_by,
            quotes_unverified,
            decided_by_changed,
        });
    }
    changes
}

/// The issues of a chain of blocks, each once.
fn chain_issues(block: &crate::report::Block<'_>, related: &mut Vec<String>) {
    if !related.contains(&block.issue) {
        related.push(block.issue.clone());
    }
    for next in &block.blocked_by {
        chain_issues(next, related);
    }
}

/// What entering or leaving each verdict is called.
const TRANSITIONS: [(Verdict, Event, Event); 4] = [
    (
        Verdict::Conflict,
        Event::ConflictResolved,
        Event::ConflictOpened,
    ),
    (Verdict::Overlap, Event::OverlapLost, Event::OverlapGained),
    (Verdict::Blocked, Event::BlockLifted, Event::BlockAdded),
    (Verdict::Gap, Event::GapClosed, Event::GapOpened),
];

fn entered(verdict: Verdict) -> Event {
    TRANSITIONS
        .iter()
        .find(|t| t.0 == verdict)
        .map(|t| t.2)
        .expect("every verdict has a transition")
}

fn events(before: Option<&IssueReport>, after: Option<&IssueReport>) -> Vec<Event> {
    let (b, a) = match (before, after) {
        (None, None) => return Vec::new(),
        // A new issue arrives with its verdict: a conflict on it is opened.
        (None, Some(a)) => return vec![entered(a.verdict), Event::IssueAdded],
        (Some(_), None) => return vec![Event::IssueRemoved],
        (Some(b), Some(a)) => (b, a),
    };
    let mut events = Vec::new();
    if b.phase != a.phase {
        events.push(Event::PhaseChanged);
    }
    if b.deciders != a.deciders {
        events.push(Event::DecidersChanged);
    }
    // An overlap that comes to rest on a gap, or stops resting on one.
    if a.is_contingent() && !(b.verdict == Verdict::Overlap && b.is_contingent()) {
        events.push(Event::ContingencyAdded);
    }
    if b.is_contingent() && a.verdict == Verdict::Overlap && !a.is_contingent() {
        events.push(Event::ContingencyLifted);
    }
    if b.verdict != a.verdict {
        for (verdict, left, entered) in TRANSITIONS {
            if b.verdict == verdict {
                events.push(left);
            }
            if a.verdict == verdict {
                events.push(entered);
            }
        }
        events.sort();
        return events;
    }
    if b.severity != a.severity {
        events.push(if a.severity == Some(Severity::Hard) {
            Event::ConflictHardened
        } else {
            Event::ConflictSoftened
        });
    }
    // Still blocked, but by other requirements: some added, some lifted.
    let blocks = |r: &IssueReport| -> Vec<(String, String)> {
        r.blocked_by
            .iter()
            .map(|x| (x.party.clone(), x.issue.clone()))
            .collect()
    };
    let (was, is) = (blocks(b), blocks(a));
    if is.iter().any(|x| !was.contains(x)) {
        events.push(Event::BlockAdded);
    }
    if was.iter().any(|x| !is.contains(x)) {
        events.push(Event::BlockLifted);
    }
    if events
        .iter()
        .all(|&e| matches!(e, Event::PhaseChanged | Event::DecidersChanged))
        && b.zone != a.zone
        && matches!(a.verdict, Verdict::Overlap | Verdict::Blocked)
    {
        events.push(Event::ZoneChanged);
    }
    events.sort();
    events
}

fn summarize(labels: BTreeMap<Label, usize>, issues: &[IssueChange<'_>]) -> ChangesSummary {
    ChangesSummary {
        labels,
        events: Event::ALL
            .iter()
            .map(|&e| (e, issues.iter().filter(|i| i.events.contains(&e)).count()))
            .collect(),
    }
}
