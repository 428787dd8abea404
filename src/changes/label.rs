//! One party's stance on one issue, before and after: what kind of change.
//!
//! Only the acceptable set (or range), the strength and the requirements
//! give a direction; a narrower set, a stronger hold or a new condition
//! harden, the opposite softens, and a mix, or a set that is neither
//! narrower nor wider, moves.

use crate::model::{Issue, Position, Stance};
use crate::outcome::{Interval, OutcomeSet};
use crate::report::Outcomes;
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
    /// Only the evidence changed (quote, source, date, speaker, note,
    /// basis), or a status.
    Clarified,
    /// Nothing changed.
    Unchanged,
}

impl Label {
    /// Every label, in report order.
    pub const ALL: [Label; 7] = [
        Label::New,
        Label::Withdrawn,
        Label::Hardened,
        Label::Softened,
        Label::Moved,
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
fn conditions<'a>(stance: &Stance, agenda: &'a [Issue]) -> Vec<(&'a str, Outcomes<'a>)> {
    stance
        .requires
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

/// A new condition hardens, a dropped one softens, a narrowed one hardens.
fn conditions_direction(
    old: &[(&str, Outcomes<'_>)],
    new: &[(&str, Outcomes<'_>)],
) -> Vec<Direction> {
    let mut directions = Vec::new();
    for (id, outcome) in new {
        match old.iter().find(|(o, _)| o == id) {
            None => directions.push(Direction::Harder),
            Some((_, before)) => directions.push(direction_of(before, outcome)),
        }
    }
    for (id, _) in old {
        if !new.iter().any(|(n, _)| n == id) {
            directions.push(Direction::Softer);
        }
    }
    directions
}

/// The fields that differ, by their names in the position file.
pub(crate) struct Comparison {
    pub label: Label,
    pub fields: Vec<&'static str>,
}

#[derive(Clone, Copy)]
pub(crate) struct Side<'a> {
    pub agenda: &'a [Issue],
    pub issue: &'a Issue,
    pub stance: Option<&'a Stance>,
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
            });
        }
    };
    let fields = changed_fields(old, before, new, after);
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
            });
        }
        (Some(_), None) => {
            return Some(Comparison {
                label: Label::Withdrawn,
                fields: Vec::new(),
            });
        }
        (Some(a), Some(b)) => {
            let mut directions = vec![direction_of(&a, &b)];
            directions.push(match after.strength.cmp(&before.strength) {
                std::cmp::Ordering::Greater => Direction::Harder,
                std::cmp::Ordering::Less => Direction::Softer,
                std::cmp::Ordering::Equal => Direction::Same,
            });
            directions.extend(conditions_direction(
                &conditions(before, old.agenda),
                &conditions(after, new.agenda),
            ));
            combine(&directions, &fields)
        }
    };
    Some(Comparison { label, fields })
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
    if fields.is_empty() {
        Label::Unchanged
    } else if fields.iter().all(|f| EVIDENCE.contains(f)) {
        Label::Clarified
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
        fields.push("accepts");
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
    if !same_conditions(
        &conditions(before, old.agenda),
        &conditions(after, new.agenda),
    ) {
        fields.push("requires");
    }
    if before.basis != after.basis {
        fields.push("basis");
    }
    if before.sources != after.sources {
        fields.push("source");
    }
    if before.as_of != after.as_of {
        fields.push("as_of");
    }
    if before.speaker != after.speaker {
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
