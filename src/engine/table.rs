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
}

/// One issue's outcome among a set of parties.
pub struct Judged {
    pub verdict: Verdict,
    pub zone: Acceptable,
    pub speakers: Vec<usize>,
    pub clashes: Vec<(usize, usize)>,
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
            .collect();
        Table { n, acceptable }
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
            clashes: Vec::new(),
            blocks: Vec::new(),
        };
        if out.speakers.len() < 2 {
            return out;
        }
        if out.zone.is_empty() {
            out.verdict = Verdict::Conflict;
            for (i, &a) in out.speakers.iter().enumerate() {
                for &b in &out.speakers[i + 1..] {
                    let (Some(x), Some(y)) =
                        (&self.acceptable[a][issue], &self.acceptable[b][issue])
                    else {
                        continue;
                    };
                    if x.disjoint(y) {
                        out.clashes.push((a, b));
                    }
                }
            }
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
        let (x, y) = match (&self.acceptable[a][issue], &self.acceptable[b][issue]) {
            (None, None) => return None,
            (Some(x), Some(y)) => (x, y),
            _ => return Some(Verdict::Gap),
        };
        if x.disjoint(y) {
            return Some(Verdict::Conflict);
        }
        let blocked = [a, b].iter().any(|&p| {
            self.n.parties[p].stances[issue]
                .as_ref()
                .is_some_and(|stance| {
                    stance.requires.iter().any(|req| {
                        let speakers = self.speakers(req.issue, &[a, b]);
                        !self.zone(req.issue, &speakers).meets(&req.outcome)
                    })
                })
        });
        Some(if blocked {
            Verdict::Blocked
        } else {
            Verdict::Overlap
        })
    }
}
