//! Sets of outcomes of one issue: what a party accepts, what all of them
//! accept (a zone), what a requirement asks for, what a proposal moves to.
//! One type for all of them, [`OutcomeSet`], shared by the model, the
//! engine, the report and the renderers.
//!
//! The bottom of the crate: it imports nothing from it.

mod interval;
mod options;
mod sequence;

pub use interval::{Interval, Num};
pub use options::OptionSet;
pub use sequence::Constraints;

/// A set of outcomes of one issue.
///
/// Options are held by their place in the agenda, as bits; naming them is
/// the report's business (`report::Outcomes`). A sequence issue's set is
/// a set of "before" constraints, standing for the orders that keep them
/// (`sequence.rs`): what two sets share is their union, empty on a cycle.
#[derive(Clone, Debug, PartialEq)]
pub enum OutcomeSet {
    /// Options of a choice, scale or yes-no issue.
    Options(OptionSet),
    /// Values of a range issue: an interval, `None` when empty.
    Range(Option<Interval>),
    /// Orders of a sequence issue's steps: those that keep constraints.
    Order(Constraints),
}

impl OutcomeSet {
    /// Every outcome of an issue of `options` options, or of a range issue
    /// (no options).
    pub fn everything(options: usize) -> OutcomeSet {
        if options == 0 {
            OutcomeSet::Range(Some(Interval::ALL))
        } else {
            OutcomeSet::Options(OptionSet::full(options))
        }
    }

    /// The one option at `option` of an issue of `options` options.
    pub fn option(options: usize, option: usize) -> OutcomeSet {
        let mut set = OptionSet::empty(options);
        set.insert(option);
        OutcomeSet::Options(set)
    }

    /// The one value `value` of a range issue.
    pub fn value(value: f64) -> OutcomeSet {
        OutcomeSet::Range(Some(Interval::point(value)))
    }

    /// The outcomes both sets hold. Sets of two kinds share nothing.
    pub fn meet(&self, other: &OutcomeSet) -> OutcomeSet {
        match (self, other) {
            (OutcomeSet::Options(a), OutcomeSet::Options(b)) => OutcomeSet::Options(a.intersect(b)),
            (OutcomeSet::Range(Some(a)), OutcomeSet::Range(Some(b))) => {
                OutcomeSet::Range(a.intersect(*b))
            }
            (OutcomeSet::Order(a), OutcomeSet::Order(b)) => OutcomeSet::Order(a.union(b)),
            _ => OutcomeSet::Range(None),
        }
    }

    /// Every outcome of either set. On a range, the one interval from the
    /// lower of the two ends to the higher: the sets joined are ones that
    /// overlap or touch (a stance's base and its alternatives), or one is
    /// empty. Sets of two kinds join to the first, and so do two orders:
    /// a sequence takes no alternatives, so none is ever joined.
    pub fn join(&self, other: &OutcomeSet) -> OutcomeSet {
        match (self, other) {
            (OutcomeSet::Options(a), OutcomeSet::Options(b)) => OutcomeSet::Options(a.union(b)),
            (OutcomeSet::Range(Some(a)), OutcomeSet::Range(Some(b))) => {
                OutcomeSet::Range(Some(a.hull(*b)))
            }
            (OutcomeSet::Range(None), b @ OutcomeSet::Range(_)) => b.clone(),
            (a, _) => a.clone(),
        }
    }

    /// Whether every outcome of `self` is one of `other`'s.
    pub fn within(&self, other: &OutcomeSet) -> bool {
        match (self, other) {
            (OutcomeSet::Options(a), OutcomeSet::Options(b)) => a.is_subset(b),
            (OutcomeSet::Range(None), _) => true,
            (OutcomeSet::Range(Some(a)), OutcomeSet::Range(Some(b))) => a.within(b),
            (OutcomeSet::Order(a), OutcomeSet::Order(b)) => a.implies(b),
            (OutcomeSet::Options(a), _) => a.is_empty(),
            (OutcomeSet::Order(a), _) => a.is_cyclic(),
            (OutcomeSet::Range(Some(_)), _) => false,
        }
    }

    /// Whether the two share no outcome, without building what they share:
    /// the pair table's check for the cells its code table leaves out, and
    /// each clashing pair's.
    pub fn disjoint(&self, other: &OutcomeSet) -> bool {
        match (self, other) {
            (OutcomeSet::Options(a), OutcomeSet::Options(b)) => !a.intersects(b),
            (OutcomeSet::Range(Some(a)), OutcomeSet::Range(Some(b))) => a.intersect(*b).is_none(),
            (OutcomeSet::Order(a), OutcomeSet::Order(b)) => a.clashes_with(b),
            _ => true,
        }
    }

    /// Whether the two share an outcome: whether a zone meets what a
    /// requirement asks for.
    pub fn meets(&self, other: &OutcomeSet) -> bool {
        !self.disjoint(other)
    }

    /// No outcome, of the same kind and issue as `self`.
    pub fn emptied(&self) -> OutcomeSet {
        match self {
            OutcomeSet::Options(set) => OutcomeSet::Options(set.minus(set)),
            OutcomeSet::Range(_) => OutcomeSet::Range(None),
            OutcomeSet::Order(set) => OutcomeSet::Order(Constraints::nothing(set.steps())),
        }
    }

    /// Whether the set holds no outcome.
    pub fn is_empty(&self) -> bool {
        match self {
            OutcomeSet::Options(set) => set.is_empty(),
            OutcomeSet::Range(r) => r.is_none(),
            OutcomeSet::Order(set) => set.is_cyclic(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `meets` is `disjoint`'s negation on every pair of kinds, and sets of
    /// two kinds never meet.
    #[test]
    fn meeting_and_sharing() {
        let options = OutcomeSet::option(3, 1);
        let nothing = OutcomeSet::Options(OptionSet::empty(3));
        let days = OutcomeSet::Range(Some(Interval {
            min: Some(30.0),
            max: None,
        }));
        let point = OutcomeSet::value(30.0);
        assert!(options.meets(&OutcomeSet::everything(3)));
        assert!(!options.meets(&nothing) && nothing.is_empty());
        assert!(days.meets(&point) && !days.meets(&options));
        assert_eq!(days.meet(&point), point);
        assert!(OutcomeSet::Range(None).disjoint(&OutcomeSet::everything(0)));
    }

    /// A base and an alternative joined: options united, touching
    /// intervals spanned; and `within` as the inclusion it names.
    #[test]
    fn joining_and_inclusion() {
        let a = OutcomeSet::option(3, 0);
        let b = OutcomeSet::option(3, 2);
        let ab = a.join(&b);
        assert!(a.within(&ab) && b.within(&ab) && !ab.within(&a));
        let low = OutcomeSet::Range(Some(Interval {
            min: Some(10.0),
            max: Some(20.0),
        }));
        let high = OutcomeSet::Range(Some(Interval {
            min: Some(20.0),
            max: None,
        }));
        let both = low.join(&high);
        assert_eq!(
            both,
            OutcomeSet::Range(Some(Interval {
                min: Some(10.0),
                max: None
            }))
        );
        assert!(low.within(&both) && high.within(&both) && !both.within(&low));
        assert_eq!(OutcomeSet::Range(None).join(&low), low);
        assert!(OutcomeSet::Range(None).within(&low));
    }
}
