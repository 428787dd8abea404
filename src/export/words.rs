//! Short phrases shared by the human-readable formats, so that text and
//! Markdown describe a zone or a stance in the same words.

use crate::model::Strength;
use crate::report::{Accepts, Bounds, IssueReport, Required, StanceReport, Zone};

/// A range as people say it: `30 days`, `30 to 60 days`, `at least 30 days`.
pub fn bounds(b: &Bounds, unit: Option<&str>) -> String {
    let unit = unit.map_or_else(String::new, |u| format!(" {u}"));
    match (b.min, b.max) {
        (Some(lo), Some(hi)) if lo == hi => format!("{lo}{unit}"),
        (Some(lo), Some(hi)) => format!("{lo} to {hi}{unit}"),
        (Some(lo), None) => format!("at least {lo}{unit}"),
        (None, Some(hi)) => format!("at most {hi}{unit}"),
        (None, None) => format!("any{unit}"),
    }
}

pub fn zone(issue: &IssueReport, zone: &Zone) -> String {
    zone_in(issue.unit.as_deref(), zone)
}

/// A zone where only the unit is known, as for a blocking issue left out of
/// the report's scope.
pub fn zone_in(unit: Option<&str>, zone: &Zone) -> String {
    match zone {
        Zone::Options(ids) if ids.is_empty() => "nothing".to_owned(),
        Zone::Options(ids) => ids.join(", "),
        Zone::Range(Some(b)) => bounds(b, unit),
        Zone::Range(None) => "nothing".to_owned(),
    }
}

pub fn required(issue_unit: Option<&str>, r: &Required) -> String {
    match r {
        Required::Options(ids) => ids.join(" or "),
        Required::Range(b) => bounds(b, issue_unit),
    }
}

/// A stance in a few words: what it accepts, its first choice, its status.
/// What a stance's words depend on, of its issue.
#[derive(Clone, Copy)]
pub struct Shape<'a> {
    pub unit: Option<&'a str>,
    pub options: usize,
}

impl<'a> Shape<'a> {
    pub fn of(issue: &'a IssueReport) -> Self {
        Shape {
            unit: issue.unit.as_deref(),
            options: issue.options.len(),
        }
    }
}

pub fn stance(issue: Shape, s: &StanceReport) -> String {
    if let Some(status) = s.status {
        return format!("({})", status_name(status));
    }
    let mut words = match &s.accepts {
        Some(Accepts::Options(ids)) => options(issue, s, ids),
        Some(Accepts::Range(b)) => {
            let mut w = bounds(b, issue.unit);
            if let Some(ideal) = s.ideal
                && b.min != b.max
            {
                w.push_str(&format!(", ideally {ideal}"));
            }
            w
        }
        None => String::new(),
    };
    if s.strength == Some(Strength::RedLine) {
        words.push_str(" (red line)");
    }
    words
}

/// Accepted options, the first choice marked; a stance that only rules
/// options out reads as what it rules out.
fn options(issue: Shape, s: &StanceReport, ids: &[String]) -> String {
    if ids.is_empty() {
        return "nothing".to_owned();
    }
    if !s.rejects.is_empty() && ids.len() > 1 && ids.len() + s.rejects.len() == issue.options {
        return format!("any but {}", s.rejects.join(", "));
    }
    ids.iter()
        .map(|id| {
            if s.wants.as_ref() == Some(id) && ids.len() > 1 {
                format!("{id} (first)")
            } else {
                id.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn status_name(status: crate::model::Status) -> &'static str {
    status.name()
}

/// "a and b", "a, b and c".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// An issue's verdict in one round, for `stance changes`: a conflict with
/// its severity, an overlap or block with its zone, a gap alone (its zone
/// is one voice, or no one's).
pub fn verdict_at(v: &Option<crate::changes::VerdictAt>) -> String {
    use crate::report::{Severity, Verdict};
    match v {
        None => "not on the agenda".to_owned(),
        Some(v) => match v.verdict {
            Verdict::Conflict if v.severity == Some(Severity::Hard) => "conflict (hard)".to_owned(),
            Verdict::Conflict => "conflict (soft)".to_owned(),
            Verdict::Gap => "gap".to_owned(),
            verdict => format!(
                "{} ({})",
                verdict.name(),
                zone_in(v.unit.as_deref(), &v.zone)
            ),
        },
    }
}

/// The stance changes behind an issue's change: `russia new`, or `russia
/// new on military-aid` when it was on the issue a block rests on.
pub fn causes(i: &crate::changes::IssueChange) -> Vec<String> {
    i.caused_by
        .iter()
        .map(|c| {
            if c.issue == i.issue {
                format!("{} {}", c.party, c.label.name())
            } else {
                format!("{} {} on {}", c.party, c.label.name(), c.issue)
            }
        })
        .collect()
}
