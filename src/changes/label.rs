//! One party's stance on one issue, before and after: what kind of change.
//!
//! Only the acceptable set (or range), the strength and the conditions
//! give a direction; a narrower set, a stronger hold or a new condition
//! harden, the opposite softens, and a mix, or a set that is neither
//! narrower nor wider, moves. The conditions are every one the stance
//! holds: its own `requires`, its alternatives, and its party's
//! `requires` and packages, which apply to it too. An alternative added
//! softens, one removed hardens.

use crate::model::{Issue, Party, Position, Requirement, Stance};
use crate::outcome::{Interval, OutcomeSet};
use crate::report::{Origin, Outcomes};
use serde::Serialize;
use std::collections::BTreeSet;

/// What kind of change one stance went through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Label {
    /// A position where there was none (silent, or a status before).
    New,
    /// No position any more (silent, or a status now).
    Withdrawn,
    /// The acceptable set or range shrank, the strength rose toward
    /// red-line, or a condition was added or narrowed.
    Hardened,
    /// The opposite of hardened.
    Softened,
    /// Changed otherwise: a set that is neither narrower nor wider, moves in
    /// both directions at once, or a new first choice alone.
    Moved,
    /// Only the party's `role` changed (beside evidence or salience): who
    /// decides may change, what it accepts does not.
    Recast,
    /// Only the stance's `salience` changed (beside evidence): how much
    /// the issue matters to the party, never a verdict.
    Reweighed,
    /// Only the evidence changed (quote, source, date, speaker, note,
    /// basis), or a status.
    Clarified,
    /// Nothing changed.
    Unchanged,
}

impl Label {
    /// Every label, in report order.
    pub const ALL: [Label; 9] = [
        Label::New,
        Label::Withdrawn,
        Label::Hardened,
        Label::Softened,
        Label::Moved,
        Label::Recast,
        Label::Reweighed,
        Label::Clarified,
        Label::Unchanged,
    ];

    /// As the report and `--fail-on` name it.
    pub fn name(self) -> &'static str {
        match self {
            Label::New => "new",
            Label::Withdrawn => "withdrawn",
            Label::Hardened => "hardened",
            Label::Softened => "softened",
            Label::Moved => "moved",
            Label::Recast => "recast",
            Label::Reweighed => "reweighed",
            Label::Clarified => "clarified",
            Label::Unchanged => "unchanged",
        }
    }
}

/// What a stance accepts, named: two rounds may number their options
/// differently.
fn accepted<'a>(issue: &'a Issue, stance: &Stance) -> Option<Outcomes<'a>> {
    Some(Outcomes::new(issue, stance.acceptable()?))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Direction {
    Same,
    Harder,
    Softer,
    Sideways,
}

/// From `old` to `new`: narrower is harder, wider is softer. Options are
/// compared by id, whatever their order in either agenda.
fn direction_of(old: &Outcomes<'_>, new: &Outcomes<'_>) -> Direction {
    match (old.set(), new.set()) {
        (OutcomeSet::Options(_), OutcomeSet::Options(_)) => {
            let a: BTreeSet<&str> = old.ids().collect();
            let b: BTreeSet<&str> = new.ids().collect();
            by_inclusion(a == b, b.is_subset(&a), a.is_subset(&b))
        }
        (OutcomeSet::Range(Some(a)), OutcomeSet::Range(Some(b))) => {
            by_inclusion(a == b, within(b, a), within(a, b))
        }
        // A constraint added keeps fewer orders (harder), one dropped more
        // (softer), some of each reorders (moved); by step id, and by what
        // the constraints imply, so a constraint already implied is none.
        (OutcomeSet::Order(_), OutcomeSet::Order(_)) => {
            let (Some(a), Some(b)) = (old.named_pairs(), new.named_pairs()) else {
                return Direction::Sideways;
            };
            let mut steps: Vec<&str> = a.iter().chain(&b).flat_map(|&(x, y)| [x, y]).collect();
            steps.sort_unstable();
            steps.dedup();
            let place = |s: &str| steps.binary_search(&s).unwrap_or(0);
            let set = |pairs: &[(&str, &str)]| {
                crate::outcome::Constraints::new(
                    steps.len(),
                    pairs.iter().map(|&(x, y)| (place(x), place(y))),
                )
            };
            let (a, b) = (set(&a), set(&b));
            let (narrower, wider) = (b.implies(&a), a.implies(&b));
            by_inclusion(narrower && wider, narrower, wider)
        }
        _ => Direction::Sideways,
    }
}

/// Whether the two hold the same outcomes (`direction_of`'s sense).
fn same(old: Option<&Outcomes<'_>>, new: Option<&Outcomes<'_>>) -> bool {
    match (old, new) {
        (Some(a), Some(b)) => direction_of(a, b) == Direction::Same,
        (a, b) => a.is_none() && b.is_none(),
    }
}

fn by_inclusion(equal: bool, narrower: bool, wider: bool) -> Direction {
    match (equal, narrower, wider) {
        (true, _, _) => Direction::Same,
        (false, true, _) => Direction::Harder,
        (false, false, true) => Direction::Softer,
        _ => Direction::Sideways,
    }
}

/// Whether interval `inner` lies within `outer` (open ends are infinite).
fn within(inner: &Interval, outer: &Interval) -> bool {
    let lo = match (outer.min, inner.min) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(o), Some(i)) => i >= o,
    };
    let hi = match (outer.max, inner.max) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(o), Some(i)) => i <= o,
    };
    lo && hi
}

/// Requirements by issue id, each as what it accepts of that issue.
fn conditions<'a>(requires: &[Requirement], agenda: &'a [Issue]) -> Vec<(&'a str, Outcomes<'a>)> {
    requires
        .iter()
        .map(|r| {
            let issue = &agenda[r.issue];
            (issue.id.as_str(), Outcomes::new(issue, r.outcome.clone()))
        })
        .collect()
}

/// Whether two stances' requirements are the same, in the same order.
fn same_conditions(old: &[(&str, Outcomes<'_>)], new: &[(&str, Outcomes<'_>)]) -> bool {
    old.len() == new.len()
        && old
            .iter()
            .zip(new)
            .all(|((a, x), (b, y))| a == b && same(Some(x), Some(y)))
}

/// What happened to one of a stance's conditions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConditionChange {
    /// A requirement that was not there (hardens).
    RequirementAdded,
    /// A requirement now asks for less (softens).
    RequirementWidened,
    /// A requirement now asks for more (hardens).
    RequirementNarrowed,
    /// A requirement asks for something else (moves).
    RequirementMoved,
    /// A requirement that is gone (softens).
    RequirementDropped,
    /// An alternative that was not there (softens).
    AlternativeAdded,
    /// An alternative that is gone (hardens).
    AlternativeRemoved,
    /// The stance's issue joined a package of its party (hardens).
    PackageAdded,
    /// The package ties more issues to it (hardens).
    PackageWidened,
    /// The package ties fewer (softens).
    PackageNarrowed,
    /// The package ties others, some more, some fewer (moves).
    PackageChanged,
    /// The stance's issue left a package, or the package went (softens).
    PackageDropped,
}

impl ConditionChange {
    /// As the report names it: `requirement added`.
    pub fn name(self) -> &'static str {
        use ConditionChange::*;
        match self {
            RequirementAdded => "requirement added",
            RequirementWidened => "requirement widened",
            RequirementNarrowed => "requirement narrowed",
            RequirementMoved => "requirement moved",
            RequirementDropped => "requirement dropped",
            AlternativeAdded => "alternative added",
            AlternativeRemoved => "alternative removed",
            PackageAdded => "package added",
            PackageWidened => "package widened",
            PackageNarrowed => "package narrowed",
            PackageChanged => "package changed",
            PackageDropped => "package dropped",
        }
    }

    fn direction(self) -> Direction {
        use ConditionChange::*;
        match self {
            RequirementAdded | RequirementNarrowed | AlternativeRemoved | PackageAdded
            | PackageWidened => Direction::Harder,
            RequirementWidened | RequirementDropped | AlternativeAdded | PackageNarrowed
            | PackageDropped => Direction::Softer,
            RequirementMoved | PackageChanged => Direction::Sideways,
        }
    }
}

/// One change of a stance's conditions, with what it is about.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Condition {
    /// What happened.
    pub change: ConditionChange,
    /// For a requirement: where it is written (`stance`, `alternative`,
    /// `party`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Origin>,
    /// For a requirement: the issue it is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on: Option<String>,
    /// For a package: its id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<String>,
}

/// Requirements compared by issue: new ones harden, dropped ones soften,
/// narrowed ones harden, widened ones soften.
fn requirement_changes(
    old: &[(&str, Outcomes<'_>)],
    new: &[(&str, Outcomes<'_>)],
    from: Origin,
    out: &mut Vec<Condition>,
) {
    let note = |change, on: &str| Condition {
        change,
        from: Some(from),
        on: Some(on.to_owned()),
        package: None,
    };
    for (id, outcome) in new {
        let change = match old.iter().find(|(o, _)| o == id) {
            None => Some(ConditionChange::RequirementAdded),
            Some((_, before)) => match direction_of(before, outcome) {
                Direction::Same => None,
                Direction::Harder => Some(ConditionChange::RequirementNarrowed),
                Direction::Softer => Some(ConditionChange::RequirementWidened),
                Direction::Sideways => Some(ConditionChange::RequirementMoved),
            },
        };
        if let Some(change) = change {
            out.push(note(change, id));
        }
    }
    for (id, _) in old {
        if !new.iter().any(|(n, _)| n == id) {
            out.push(note(ConditionChange::RequirementDropped, id));
        }
    }
}

/// A stance's alternatives, each as what it accepts and requires, named.
fn alternatives<'a>(
    side: &Side<'a>,
    stance: &'a Stance,
) -> Vec<(Outcomes<'a>, Vec<(&'a str, Outcomes<'a>)>)> {
    stance
        .alternatives
        .iter()
        .filter_map(|a| {
            let set = a.position.acceptable()?;
            Some((
                Outcomes::new(side.issue, set),
                conditions(&a.requires, side.agenda),
            ))
        })
        .collect()
}

/// Alternatives are matched by what they accept: one in the new round
/// only is added, one in the old round only removed, and one in both has
/// its requirements compared.
fn alternative_changes(
    old: &Side<'_>,
    before: &Stance,
    new: &Side<'_>,
    after: &Stance,
    out: &mut Vec<Condition>,
) {
    let (was, is) = (alternatives(old, before), alternatives(new, after));
    let plain = |change| Condition {
        change,
        from: None,
        on: None,
        package: None,
    };
    for (set, requires) in &is {
        match was.iter().find(|(w, _)| same(Some(w), Some(set))) {
            None => out.push(plain(ConditionChange::AlternativeAdded)),
            Some((_, before)) => {
                requirement_changes(before, requires, Origin::Alternative, out);
            }
        }
    }
    for (set, _) in &was {
        if !is.iter().any(|(i, _)| same(Some(i), Some(set))) {
            out.push(plain(ConditionChange::AlternativeRemoved));
        }
    }
}

/// The party's requirements that apply to the stance: all but one on its
/// own issue.
fn party_requirements<'a>(side: &Side<'a>) -> Vec<(&'a str, Outcomes<'a>)> {
    side.party.map_or_else(Vec::new, |p| {
        conditions(&p.requires, side.agenda)
            .into_iter()
            .filter(|(id, _)| *id != side.issue.id)
            .collect()
    })
}

/// The party's packages that hold the stance's issue: id, and the ids of
/// their other issues.
fn packages<'a>(side: &Side<'a>) -> Vec<(&'a str, BTreeSet<&'a str>)> {
    let Some(party) = side.party else {
        return Vec::new();
    };
    party
        .packages
        .iter()
        .filter(|k| k.issues.iter().any(|&i| side.agenda[i].id == side.issue.id))
        .map(|k| {
            let others = k
                .issues
                .iter()
                .map(|&i| side.agenda[i].id.as_str())
                .filter(|id| *id != side.issue.id)
                .collect();
            (k.id.as_str(), others)
        })
        .collect()
}

fn package_changes(old: &Side<'_>, new: &Side<'_>, out: &mut Vec<Condition>) {
    let (was, is) = (packages(old), packages(new));
    let note = |change, id: &str| Condition {
        change,
        from: None,
        on: None,
        package: Some(id.to_owned()),
    };
    for (id, others) in &is {
        let change = match was.iter().find(|(w, _)| w == id) {
            None => Some(ConditionChange::PackageAdded),
            Some((_, before)) if before == others => None,
            Some((_, before)) if before.is_subset(others) => Some(ConditionChange::PackageWidened),
            Some((_, before)) if others.is_subset(before) => Some(ConditionChange::PackageNarrowed),
            Some(_) => Some(ConditionChange::PackageChanged),
        };
        if let Some(change) = change {
            out.push(note(change, id));
        }
    }
    for (id, _) in &was {
        if !is.iter().any(|(i, _)| i == id) {
            out.push(note(ConditionChange::PackageDropped, id));
        }
    }
}

/// Every change of the conditions a stance holds.
fn condition_changes(
    old: &Side<'_>,
    before: &Stance,
    new: &Side<'_>,
    after: &Stance,
) -> Vec<Condition> {
    let mut out = Vec::new();
    requirement_changes(
        &conditions(&before.requires, old.agenda),
        &conditions(&after.requires, new.agenda),
        Origin::Stance,
        &mut out,
    );
    alternative_changes(old, before, new, after, &mut out);
    requirement_changes(
        &party_requirements(old),
        &party_requirements(new),
        Origin::Party,
        &mut out,
    );
    package_changes(old, new, &mut out);
    out
}

/// The fields that differ, by their names in the position file, and how
/// the conditions changed.
pub(crate) struct Comparison {
    pub label: Label,
    pub fields: Vec<&'static str>,
    pub conditions: Vec<Condition>,
}

#[derive(Clone, Copy)]
pub(crate) struct Side<'a> {
    pub agenda: &'a [Issue],
    pub issue: &'a Issue,
    pub stance: Option<&'a Stance>,
    /// The party, for its own `requires` and packages.
    pub party: Option<&'a Party>,
}

pub(crate) fn compare(old: &Side, new: &Side) -> Option<Comparison> {
    let (before, after) = match (old.stance, new.stance) {
        (None, None) => return None,
        (Some(b), Some(a)) => (b, a),
        (b, a) => {
            // One side silent: a position appears or goes; a status coming
            // or going changes no verdict.
            let has = |s: Option<&Stance>| s.is_some_and(Stance::has_position);
            let label = match (has(b), has(a)) {
                (false, true) => Label::New,
                (true, false) => Label::Withdrawn,
                _ => Label::Clarified,
            };
            return Some(Comparison {
                label,
                fields: Vec::new(),
                conditions: Vec::new(),
            });
        }
    };
    let fields = changed_fields(old, before, new, after);
    let changes = if before.has_position() && after.has_position() {
        condition_changes(old, before, new, after)
    } else {
        Vec::new()
    };
    let label = match (accepted(old.issue, before), accepted(new.issue, after)) {
        (None, None) => {
            if fields.is_empty() {
                Label::Unchanged
            } else {
                Label::Clarified
            }
        }
        // A position appearing or going changes everything: no field list,
        // as when it comes from silence.
        (None, Some(_)) => {
            return Some(Comparison {
                label: Label::New,
                fields: Vec::new(),
                conditions: Vec::new(),
            });
        }
        (Some(_), None) => {
            return Some(Comparison {
                label: Label::Withdrawn,
                fields: Vec::new(),
                conditions: Vec::new(),
            });
        }
        (Some(a), Some(b)) => {
            let mut directions = vec![direction_of(&a, &b)];
            directions.push(match after.strength.cmp(&before.strength) {
                std::cmp::Ordering::Greater => Direction::Harder,
                std::cmp::Ordering::Less => Direction::Softer,
                std::cmp::Ordering::Equal => Direction::Same,
            });
            directions.extend(changes.iter().map(|c| c.change.direction()));
            combine(&directions, &fields)
        }
    };
    Some(Comparison {
        label,
        fields,
        conditions: changes,
    })
}

fn combine(directions: &[Direction], fields: &[&str]) -> Label {
    let harder = directions.contains(&Direction::Harder);
    let softer = directions.contains(&Direction::Softer);
    if directions.contains(&Direction::Sideways) || (harder && softer) {
        return Label::Moved;
    }
    if harder {
        return Label::Hardened;
    }
    if softer {
        return Label::Softened;
    }
    const EVIDENCE: [&str; 6] = ["quote", "source", "as_of", "speaker", "note", "basis"];
    let besides = |extra: &[&str]| {
        fields
            .iter()
            .all(|f| EVIDENCE.contains(f) || extra.contains(f))
    };
    if fields.is_empty() {
        Label::Unchanged
    } else if besides(&[]) {
        Label::Clarified
    } else if fields.contains(&"role") && besides(&["role", "salience"]) {
        Label::Recast
    } else if besides(&["salience"]) {
        Label::Reweighed
    } else {
        // A new first choice or ideal, or the same set written otherwise.
        Label::Moved
    }
}

fn changed_fields(old: &Side, before: &Stance, new: &Side, after: &Stance) -> Vec<&'static str> {
    let mut fields = Vec::new();
    if !same(
        accepted(old.issue, before).as_ref(),
        accepted(new.issue, after).as_ref(),
    ) {
        fields.push(if matches!(after.position, Position::Order { .. }) {
            "order"
        } else {
            "accepts"
        });
    }
    let options = |side: &Side, s: &Stance| match &s.position {
        Position::Options { rejects, wants, .. } => (
            side.issue.option_ids(rejects),
            wants.map(|w| side.issue.options[w].id.clone()),
        ),
        _ => (Vec::new(), None),
    };
    let (rejects_a, wants_a) = options(old, before);
    let (rejects_b, wants_b) = options(new, after);
    if rejects_a != rejects_b {
        fields.push("rejects");
    }
    if wants_a != wants_b {
        fields.push("wants");
    }
    let range = |s: &Stance| match s.position {
        Position::Range { min, max, ideal } => (min, max, ideal),
        _ => (None, None, None),
    };
    if range(before) != range(after) {
        fields.push("range");
    }
    let status = |s: &Stance| match s.position {
        Position::Status(st) => Some(st),
        _ => None,
    };
    if status(before) != status(after) {
        fields.push("status");
    }
    if before.strength != after.strength {
        fields.push("strength");
    }
    if before.salience_or_default() != after.salience_or_default() {
        fields.push("salience");
    }
    // The party's place at the table, which every stance of it shares.
    if old.party.map(|p| p.role) != new.party.map(|p| p.role) {
        fields.push("role");
    }
    if !same_conditions(
        &conditions(&before.requires, old.agenda),
        &conditions(&after.requires, new.agenda),
    ) {
        fields.push("requires");
    }
    let mut alternatives = Vec::new();
    alternative_changes(old, before, new, after, &mut alternatives);
    if !alternatives.is_empty() {
        fields.push("alternatives");
    }
    if !same_conditions(&party_requirements(old), &party_requirements(new)) {
        fields.push("party requires");
    }
    let mut packages = Vec::new();
    package_changes(old, new, &mut packages);
    if !packages.is_empty() {
        fields.push("packages");
    }
    if before.basis != after.basis {
        fields.push("basis");
    }
    if before.sources != after.sources {
        fields.push("source");
    }
    if before.as_of() != after.as_of() {
        fields.push("as_of");
    }
    if before.speaker() != after.speaker() {
        fields.push("speaker");
    }
    if before.quote != after.quote {
        fields.push("quote");
    }
    if before.note != after.note {
        fields.push("note");
    }
    fields
}
