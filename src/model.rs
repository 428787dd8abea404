//! The negotiation as `stance` understands it, after loading and validation.
//!
//! Everything here is known to be consistent: every option, source and
//! required issue named by a stance exists. The engine relies on that.

use crate::set::OptionSet;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

#[derive(Clone, Debug)]
pub struct Negotiation {
    pub title: String,
    pub as_of: Option<String>,
    pub agenda: Agenda,
    /// In report order: the agenda's `parties:` order, else by id.
    pub parties: Vec<Party>,
}

#[derive(Clone, Debug)]
pub struct Agenda {
    pub issues: Vec<Issue>,
    /// Every stance looks its issue up by id: with thousands of issues a
    /// scan per stance was the largest cost of loading.
    by_id: HashMap<String, usize>,
}

impl Agenda {
    pub fn new(issues: Vec<Issue>) -> Self {
        let by_id = issues
            .iter()
            .enumerate()
            .map(|(i, issue)| (issue.id.clone(), i))
            .collect();
        Agenda { issues, by_id }
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
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
    /// The positions of `options`, in order of their ids: every option a
    /// stance names is looked up, and a scan of a thousand options for
    /// each was most of the cost of loading a thousand parties that list
    /// them all.
    by_id: Vec<u32>,
}

impl Issue {
    pub fn new(
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
            by_id,
        }
    }

    pub fn option_index(&self, id: &str) -> Option<usize> {
        let k = self
            .by_id
            .binary_search_by(|&o| self.options[o as usize].id.as_str().cmp(id))
            .ok()?;
        Some(self.by_id[k] as usize)
    }

    pub fn option_ids(&self, set: &OptionSet) -> Vec<String> {
        set.iter().map(|i| self.options[i].id.clone()).collect()
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
    pub issue: usize,
    pub outcome: Outcome,
}

#[derive(Clone, Debug)]
pub enum Outcome {
    Options(OptionSet),
    Range(Interval),
}

/// A closed interval whose ends may be open (`None` is unbounded).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    pub min: Option<f64>,
    pub max: Option<f64>,
}

impl Interval {
    pub const ALL: Interval = Interval {
        min: None,
        max: None,
    };

    /// The overlap of two intervals, `None` when they share no value.
    pub fn intersect(self, other: Interval) -> Option<Interval> {
        let min = match (self.min, other.min) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        let max = match (self.max, other.max) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        match (min, max) {
            (Some(lo), Some(hi)) if lo > hi => None,
            _ => Some(Interval { min, max }),
        }
    }
}

/// A number as people write it: `30`, not `30.0`.
pub fn num(v: f64) -> String {
    match whole(v) {
        Some(i) => i.to_string(),
        None => v.to_string(),
    }
}

/// The integer a number is, when it is one that prints exactly.
pub fn whole(v: f64) -> Option<i64> {
    (v.fract() == 0.0 && v.abs() < 9.0e15).then_some(v as i64)
}
