//! The verdict core: what each party accepts on each issue, worked out
//! once, and one issue judged among a set of parties. The report and the
//! mediator's computations both build on it.

use crate::model::{Interval, Issue, Negotiation, Outcome, Position, Stance};
use crate::report::{Bounds, Num, Verdict, Zone};
use crate::set::OptionSet;

/// What a party can accept on one issue.
#[derive(Clone, Debug, PartialEq)]
pub enum Acceptable {
    Options(OptionSet),
    Range(Option<Interval>),
}

impl Acceptable {
    pub fn everything(issue: &Issue) -> Acceptable {
        if issue.options.is_empty() {
            Acceptable::Range(Some(Interval::ALL))
        } else {
            Acceptable::Options(OptionSet::full(issue.options.len()))
        }
    }

    pub fn of(stance: &Stance) -> Option<Acceptable> {
        match &stance.position {
            Position::Options { accepts, .. } => Some(Acceptable::Options(accepts.clone())),
            Position::Range { min, max, ideal } => {
                Some(Acceptable::Range(Some(interval_of(*min, *max, *ideal))))
            }
            Position::Status(_) => None,
        }
    }

    pub fn meet(&self, other: &Acceptable) -> Acceptable {
        match (self, other) {
            (Acceptable::Options(a), Acceptable::Options(b)) => Acceptable::Options(a.intersect(b)),
            (Acceptable::Range(Some(a)), Acceptable::Range(Some(b))) => {
                Acceptable::Range(a.intersect(*b))
            }
            _ => Acceptable::Range(None),
        }
    }

    /// Whether the two share nothing, without building what they share:
    /// the inner loop of the pair table.
    pub fn disjoint(&self, other: &Acceptable) -> bool {
        match (self, other) {
            (Acceptable::Options(a), Acceptable::Options(b)) => !a.intersects(b),
            (Acceptable::Range(Some(a)), Acceptable::Range(Some(b))) => a.intersect(*b).is_none(),
            _ => true,
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Acceptable::Options(set) => set.is_empty(),
            Acceptable::Range(r) => r.is_none(),
        }
    }

    pub fn meets(&self, outcome: &Outcome) -> bool {
        match (self, outcome) {
            (Acceptable::Options(zone), Outcome::Options(wanted)) => zone.intersects(wanted),
            (Acceptable::Range(Some(zone)), Outcome::Range(wanted)) => {
                zone.intersect(*wanted).is_some()
            }
            _ => false,
        }
    }

    pub fn to_zone(&self, issue: &Issue) -> Zone {
        match self {
            Acceptable::Options(set) => Zone::Options(issue.option_ids(set)),
            Acceptable::Range(r) => Zone::Range(r.map(bounds)),
        }
    }
}

/// The interval a range stance accepts. An ideal alone is the one value
/// the party asks for, as `wants` alone is the one option.
pub fn interval_of(min: Option<f64>, max: Option<f64>, ideal: Option<f64>) -> Interval {
    if min.is_none() && max.is_none() {
        Interval {
            min: ideal,
            max: ideal,
        }
    } else {
        Interval { min, max }
    }
}

pub fn bounds(i: Interval) -> Bounds {
    Bounds {
        min: i.min.map(Num),
        max: i.max.map(Num),
    }
}

/// The comparison's working state: each party's acceptable set per issue,
/// worked out once.
pub struct Table<'n> {
    pub n: &'n Negotiation,
    /// `acceptable[party][issue]`, `None` where the party has no position.
    pub acceptable: Vec<Vec<Option<Acceptable>>>,
    /// The same in one flat array of 16-byte cells, `cells[party * issues
    /// + issue]`: the pair table reads it 40 million times at 200 parties.
    cells: Vec<Set>,
    /// Whether each cell's stance has requirements, which can block.
    requires: Vec<bool>,
    /// The intervals `Set::Span` points at, open ends as infinities.
    spans: Vec<(f64, f64)>,
}

#[derive(Clone, Copy)]
enum Set {
    Silent,
    /// An option set of at most 64 options.
    Word(u64),
    /// An interval: its index in `spans`.
    Span(u32),
    /// Anything else, read from `acceptable`.
    Other,
}

/// One issue's outcome among a set of parties.
pub struct Judged {
    pub verdict: Verdict,
    pub zone: Acceptable,
    pub speakers: Vec<usize>,
    pub blocks: Vec<(usize, usize, usize)>, // (party, requirement index, required issue)
}

impl<'n> Table<'n> {
    pub fn new(n: &'n Negotiation) -> Self {
        let acceptable = n
            .parties
            .iter()
            .map(|p| {
                p.stances
                    .iter()
                    .map(|s| s.as_ref().and_then(Acceptable::of))
                    .collect()
            })
            .collect::<Vec<Vec<_>>>();
        let size = n.parties.len() * n.agenda.issues.len();
        let (mut cells, mut requires, mut spans) = (
            Vec::with_capacity(size),
            Vec::with_capacity(size),
            Vec::new(),
        );
        for (party, sets) in n.parties.iter().zip(&acceptable) {
            for (stance, set) in party.stances.iter().zip(sets) {
                cells.push(match set {
                    None => Set::Silent,
                    Some(Acceptable::Options(set)) => set.as_word().map_or(Set::Other, Set::Word),
                    Some(Acceptable::Range(Some(i))) if spans.len() < u32::MAX as usize => {
                        spans.push((
                            i.min.unwrap_or(f64::NEG_INFINITY),
                            i.max.unwrap_or(f64::INFINITY),
                        ));
                        Set::Span(spans.len() as u32 - 1)
                    }
                    Some(Acceptable::Range(_)) => Set::Other,
                });
                requires.push(stance.as_ref().is_some_and(|s| !s.requires.is_empty()));
            }
        }
        Table {
            n,
            acceptable,
            cells,
            requires,
            spans,
        }
    }

    fn cell(&self, party: usize, issue: usize) -> Set {
        self.cells[party * self.n.agenda.issues.len() + issue]
    }

    fn span(&self, k: u32) -> (f64, f64) {
        self.spans[k as usize]
    }

    pub fn speakers(&self, issue: usize, parties: &[usize]) -> Vec<usize> {
        parties
            .iter()
            .copied()
            .filter(|&p| self.acceptable[p][issue].is_some())
            .collect()
    }

    /// The zone of an issue among `parties`: what every speaker accepts; for
    /// one speaker, what it accepts; for none, everything.
    pub fn zone(&self, issue: usize, speakers: &[usize]) -> Acceptable {
        let len = self.n.agenda.issues[issue].options.len();
        if let Some(full) = OptionSet::full(len).as_word().filter(|_| len > 0) {
            let mut word = full;
            for &p in speakers {
                match self.cell(p, issue) {
                    Set::Word(w) => word &= w,
                    Set::Silent => {}
                    _ => return self.zone_of_sets(issue, speakers),
                }
            }
            return Acceptable::Options(OptionSet::from_word(word));
        }
        self.zone_of_sets(issue, speakers)
    }

    fn zone_of_sets(&self, issue: usize, speakers: &[usize]) -> Acceptable {
        let mut zone = Acceptable::everything(&self.n.agenda.issues[issue]);
        for &p in speakers {
            if let Some(a) = &self.acceptable[p][issue] {
                zone = zone.meet(a);
            }
        }
        zone
    }

    pub fn judge(&self, issue: usize, parties: &[usize]) -> Judged {
        let speakers = self.speakers(issue, parties);
        let zone = self.zone(issue, &speakers);
        let mut out = Judged {
            verdict: Verdict::Gap,
            zone,
            speakers,
            blocks: Vec::new(),
        };
        if out.speakers.len() < 2 {
            return out;
        }
        // Which pairs clash is left to `report::Clashes`, which names them
        // only when they are written: there can be millions.
        if out.zone.is_empty() {
            out.verdict = Verdict::Conflict;
            return out;
        }
        for &p in &out.speakers {
            let Some(stance) = &self.n.parties[p].stances[issue] else {
                continue;
            };
            for (r, req) in stance.requires.iter().enumerate() {
                let required_zone = self.zone(req.issue, &self.speakers(req.issue, parties));
                if !required_zone.meets(&req.outcome) {
                    out.blocks.push((p, r, req.issue));
                }
            }
        }
        out.verdict = if out.blocks.is_empty() {
            Verdict::Overlap
        } else {
            Verdict::Blocked
        };
        out
    }

    /// `judge(issue, &[a, b]).verdict`, with no allocation on the way: the
    /// pair table asks it for every pair and issue. `None` where neither
    /// of the two has a position.
    pub fn pair_verdict(&self, issue: usize, a: usize, b: usize) -> Option<Verdict> {
        match (self.cell(a, issue), self.cell(b, issue)) {
            (Set::Silent, Set::Silent) => return None,
            (Set::Silent, _) | (_, Set::Silent) => return Some(Verdict::Gap),
            _ => {}
        }
        Some(if self.disjoint(issue, a, b) {
            Verdict::Conflict
        } else if self.blocked_between(issue, a, b) {
            Verdict::Blocked
        } else {
            Verdict::Overlap
        })
    }

    /// Whether a requirement of `a` or `b` on `issue` asks for an outcome
    /// the two do not leave open on the required issue.
    fn blocked_between(&self, issue: usize, a: usize, b: usize) -> bool {
        let width = self.n.agenda.issues.len();
        [a, b]
            .iter()
            .filter(|&&p| self.requires[p * width + issue])
            .any(|&p| {
                let stance = self.n.parties[p].stances[issue].as_ref();
                stance.is_some_and(|s| {
                    s.requires
                        .iter()
                        .any(|req| !self.pair_meets(req.issue, a, b, &req.outcome))
                })
            })
    }

    /// Whether two parties with positions on `issue` share nothing there.
    pub fn disjoint(&self, issue: usize, a: usize, b: usize) -> bool {
        match (self.cell(a, issue), self.cell(b, issue)) {
            (Set::Word(x), Set::Word(y)) => x & y == 0,
            (Set::Span(x), Set::Span(y)) => {
                let ((lo, hi), (low, high)) = (self.span(x), self.span(y));
                lo.max(low) > hi.min(high)
            }
            _ => match (&self.acceptable[a][issue], &self.acceptable[b][issue]) {
                (Some(x), Some(y)) => x.disjoint(y),
                _ => true,
            },
        }
    }

    /// `pair_verdict` on each of `issues`: the pair table's inner loop, run
    /// 40 million times at 200 parties and 2,000 issues, so the common
    /// cases are read straight from the two parties' rows of cells.
    pub fn pair_verdicts(&self, a: usize, b: usize, issues: &[usize]) -> Vec<Option<Verdict>> {
        let width = self.n.agenda.issues.len();
        let row = |p: usize| p * width..(p + 1) * width;
        let (row_a, row_b) = (&self.cells[row(a)], &self.cells[row(b)]);
        let (req_a, req_b) = (&self.requires[row(a)], &self.requires[row(b)]);
        // The cases of `pair_verdict`, with the rows read directly.
        issues
            .iter()
            .map(|&i| {
                let share = match (row_a[i], row_b[i]) {
                    (Set::Silent, Set::Silent) => return None,
                    (Set::Silent, _) | (_, Set::Silent) => return Some(Verdict::Gap),
                    (Set::Word(x), Set::Word(y)) => x & y != 0,
                    _ => !self.disjoint(i, a, b),
                };
                Some(if !share {
                    Verdict::Conflict
                } else if (req_a[i] || req_b[i]) && self.blocked_between(i, a, b) {
                    Verdict::Blocked
                } else {
                    Verdict::Overlap
                })
            })
            .collect()
    }

    /// Whether the zone of `issue` between `a` and `b` meets `outcome`.
    fn pair_meets(&self, issue: usize, a: usize, b: usize, outcome: &Outcome) -> bool {
        let word = |set: Set, full: u64| match set {
            Set::Silent => Some(full),
            Set::Word(w) => Some(w),
            _ => None,
        };
        if let Outcome::Options(wanted) = outcome
            && let Some(wanted) = wanted.as_word()
            && let Some(full) = OptionSet::full(self.n.agenda.issues[issue].options.len()).as_word()
            && let (Some(x), Some(y)) = (
                word(self.cell(a, issue), full),
                word(self.cell(b, issue), full),
            )
        {
            return x & y & wanted != 0;
        }
        let span = |set: Set| match set {
            Set::Silent => Some((f64::NEG_INFINITY, f64::INFINITY)),
            Set::Span(k) => Some(self.span(k)),
            _ => None,
        };
        if let Outcome::Range(wanted) = outcome
            && let (Some((lo, hi)), Some((low, high))) =
                (span(self.cell(a, issue)), span(self.cell(b, issue)))
        {
            let low = lo.max(low).max(wanted.min.unwrap_or(f64::NEG_INFINITY));
            let high = hi.min(high).min(wanted.max.unwrap_or(f64::INFINITY));
            return low <= high;
        }
        let speakers = self.speakers(issue, &[a, b]);
        self.zone(issue, &speakers).meets(outcome)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_folder;
    use crate::synth::{Spec, folder};

    fn generated(parties: usize, issues: usize, seed: u64) -> Negotiation {
        let spec = Spec {
            parties,
            issues,
            seed,
        };
        load_folder(folder(&spec)).negotiation.unwrap()
    }

    /// The pair table's shortcut judges every pair and issue as `judge`
    /// does, blocks included.
    #[test]
    fn pair_verdicts_are_judge_s_verdicts() {
        let mut seen = [0; 4];
        for seed in 1..=4 {
            let n = generated(10, 80, seed);
            let t = Table::new(&n);
            let all: Vec<usize> = (0..n.agenda.issues.len()).collect();
            for a in 0..n.parties.len() {
                for b in a + 1..n.parties.len() {
                    let one_by_one: Vec<_> = all.iter().map(|&i| t.pair_verdict(i, a, b)).collect();
                    assert_eq!(t.pair_verdicts(a, b, &all), one_by_one);
                }
            }
            for i in 0..n.agenda.issues.len() {
                for a in 0..n.parties.len() {
                    for b in a + 1..n.parties.len() {
                        let speaking = t.acceptable[a][i].is_some() || t.acceptable[b][i].is_some();
                        let expected = speaking.then(|| t.judge(i, &[a, b]).verdict);
                        assert_eq!(t.pair_verdict(i, a, b), expected, "issue {i}, {a} and {b}");
                        if let Some(v) = expected {
                            seen[v as usize] += 1;
                        }
                    }
                }
            }
        }
        assert!(seen.iter().all(|&k| k > 0), "every verdict met: {seen:?}");
    }

    /// The one-word shortcut for zones gives the zone the sets give.
    #[test]
    fn word_zones_are_set_zones() {
        let n = generated(12, 80, 5);
        let t = Table::new(&n);
        let everyone: Vec<usize> = (0..n.parties.len()).collect();
        for i in 0..n.agenda.issues.len() {
            for parties in [&everyone[..], &everyone[..2], &everyone[3..7], &[]] {
                let speakers = t.speakers(i, parties);
                assert_eq!(
                    t.zone(i, &speakers),
                    t.zone_of_sets(i, &speakers),
                    "issue {i}"
                );
            }
        }
    }
}
