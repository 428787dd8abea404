//! Intervals of a range issue, and numbers as people write them.

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};
use std::fmt;

/// A closed interval whose ends may be open (`None` is unbounded).
///
/// Serialized as the JSON report writes every interval: `{"min": 30,
/// "max": null}`, `null` an open end, each end a [`Num`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    /// The lower end; `None` when there is none.
    pub min: Option<f64>,
    /// The upper end; `None` when there is none.
    pub max: Option<f64>,
}

impl Interval {
    /// The whole number line.
    pub const ALL: Interval = Interval {
        min: None,
        max: None,
    };

    /// The interval of one value.
    pub fn point(value: f64) -> Interval {
        Interval {
            min: Some(value),
            max: Some(value),
        }
    }

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

impl Interval {
    /// The least interval holding both: from the lower of the two lower
    /// ends to the higher of the upper ones (an open end stays open).
    pub fn hull(self, other: Interval) -> Interval {
        let min = match (self.min, other.min) {
            (Some(a), Some(b)) => Some(a.min(b)),
            _ => None,
        };
        let max = match (self.max, other.max) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        };
        Interval { min, max }
    }

    /// Whether every value of `self` lies in `outer`.
    pub fn within(&self, outer: &Interval) -> bool {
        let low = match (outer.min, self.min) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(o), Some(i)) => i >= o,
        };
        let high = match (outer.max, self.max) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(o), Some(i)) => i <= o,
        };
        low && high
    }

    /// Whether the two share a value or meet end to end: a range
    /// alternative must, so that it and its base are one interval.
    pub fn touches(&self, other: &Interval) -> bool {
        let below = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(lo), Some(hi)) => lo <= hi,
            _ => true,
        };
        below(self.min, other.max) && below(other.min, self.max)
    }
}

impl Serialize for Interval {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_struct("Interval", 2)?;
        map.serialize_field("min", &self.min.map(Num))?;
        map.serialize_field("max", &self.max.map(Num))?;
        map.end()
    }
}

/// A number that prints as people write it: `30`, not `30.0`, in text and
/// in JSON alike.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Num(pub f64);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match whole(self.0) {
            Some(i) => s.serialize_i64(i),
            None => s.serialize_f64(self.0),
        }
    }
}

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match whole(self.0) {
            Some(i) => write!(f, "{i}"),
            None => write!(f, "{}", self.0),
        }
    }
}

/// The integer a number is, when it is one that prints exactly.
pub fn whole(v: f64) -> Option<i64> {
    (v.fract() == 0.0 && v.abs() < 9.0e15).then_some(v as i64)
}
