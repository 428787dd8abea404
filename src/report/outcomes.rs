//! A set of outcomes as the report shows it: named by its issue's options.

use crate::model::{Choice, Issue};
use crate::outcome::OutcomeSet;
use serde::Serialize;
use serde::ser::Serializer;

/// A set of outcomes of one issue (a zone, what a stance accepts or
/// rejects, what a requirement asks for), with the issue's options to name
/// it by: the model's [`OutcomeSet`], borrowed names beside it.
///
/// Serialized as option ids in agenda order, or as an interval
/// (`{"min": 30, "max": null}`), or as a sequence's reduced constraints
/// (`{"before": [["a", "b"]]}`), `null` when it is empty.
#[derive(Clone, Debug)]
pub struct Outcomes<'n> {
    set: OutcomeSet,
    options: &'n [Choice],
}

impl<'n> Outcomes<'n> {
    /// `set`, a set of outcomes of `issue`.
    pub fn new(issue: &'n Issue, set: OutcomeSet) -> Self {
        Outcomes {
            set,
            options: &issue.options,
        }
    }

    /// The set itself.
    pub fn set(&self) -> &OutcomeSet {
        &self.set
    }

    /// The ids of the options in the set, in agenda order; none for a
    /// range.
    pub fn ids(&self) -> impl Iterator<Item = &'n str> + '_ {
        let options = self.options;
        let set = match &self.set {
            OutcomeSet::Options(set) => Some(set),
            OutcomeSet::Range(_) | OutcomeSet::Order(_) => None,
        };
        set.into_iter()
            .flat_map(|set| set.iter())
            .map(move |k| options[k].id.as_str())
    }

    /// Whether the set holds no outcome.
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }

    /// On a sequence with no cycle, its "before" constraints transitively
    /// reduced, by step id, in agenda order of the first step then the
    /// second; `None` on a cycle or another kind of issue.
    pub fn before(&self) -> Option<Vec<[&'n str; 2]>> {
        let OutcomeSet::Order(set) = &self.set else {
            return None;
        };
        let options = self.options;
        let name = |k: usize| options[k].id.as_str();
        Some(
            set.reduced()?
                .into_iter()
                .map(|(a, b)| [name(a), name(b)])
                .collect(),
        )
    }

    /// On a sequence, every constraint as written (not reduced), by step
    /// id; `None` on another kind of issue.
    pub fn named_pairs(&self) -> Option<Vec<(&'n str, &'n str)>> {
        let OutcomeSet::Order(set) = &self.set else {
            return None;
        };
        let options = self.options;
        let name = |k: usize| options[k].id.as_str();
        Some(set.pairs().map(|(a, b)| (name(a), name(b))).collect())
    }

    /// On a sequence with no cycle, every step in one order that keeps the
    /// constraints, ties to the earlier step of the agenda; `None` on a
    /// cycle or another kind of issue.
    pub fn order(&self) -> Option<Vec<&'n str>> {
        let OutcomeSet::Order(set) = &self.set else {
            return None;
        };
        let options = self.options;
        Some(
            set.order()?
                .into_iter()
                .map(|k| options[k].id.as_str())
                .collect(),
        )
    }
}

/// The same outcomes by name: two rounds of a negotiation may number their
/// options differently.
impl PartialEq for Outcomes<'_> {
    fn eq(&self, other: &Self) -> bool {
        match (&self.set, &other.set) {
            (OutcomeSet::Options(_), OutcomeSet::Options(_)) => self.ids().eq(other.ids()),
            (OutcomeSet::Order(_), OutcomeSet::Order(_)) => self.before() == other.before(),
            (a, b) => a == b,
        }
    }
}

impl Serialize for Outcomes<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.set {
            OutcomeSet::Options(_) => s.collect_seq(self.ids()),
            OutcomeSet::Range(interval) => interval.serialize(s),
            OutcomeSet::Order(_) => match self.before() {
                Some(before) => {
                    #[derive(Serialize)]
                    struct Before<'a> {
                        before: Vec<[&'a str; 2]>,
                    }
                    Before { before }.serialize(s)
                }
                None => s.serialize_none(),
            },
        }
    }
}
