//! The comparison: positions in, a `Report` out. No I/O, no printing.
//!
//! The verdict rules are defined in `docs/design.md`; in short, per issue
//! among the parties in scope with a position: fewer than two is a gap; an
//! empty zone a conflict; a zone that some party's `requires` cannot meet
//! (the required issue's zone misses the required outcome) is blocked; any
//! other zone an overlap.

use crate::model::{Interval, Issue, Negotiation, Outcome, Position, Stance, Strength};
use crate::report::{
    Accepts, Block, Bounds, IssueReport, Num, OptionInfo, Ordered, PairReport, PartyInfo, Report,
    Required, SCHEMA_VERSION, Severity, StanceReport, Summary, Verdict, Zone,
};
use crate::set::OptionSet;

pub use crate::scope::{Scope, ScopeError};

/// What a party can accept on one issue.
#[derive(Clone, Debug, PartialEq)]
enum Acceptable {
    Options(OptionSet),
    Range(Option<Interval>),
}

impl Acceptable {
    fn everything(issue: &Issue) -> Acceptable {
        if issue.options.is_empty() {
            Acceptable::Range(Some(Interval::ALL))
        } else {
            Acceptable::Options(OptionSet::full(issue.options.len()))
        }
    }

    fn of(stance: &Stance) -> Option<Acceptable> {
        match &stance.position {
            Position::Options { accepts, .. } => Some(Acceptable::Options(accepts.clone())),
            Position::Range { min, max, ideal } => {
                Some(Acceptable::Range(Some(interval_of(*min, *max, *ideal))))
            }
            Position::Status(_) => None,
        }
    }

    fn meet(&self, other: &Acceptable) -> Acceptable {
        match (self, other) {
            (Acceptable::Options(a), Acceptable::Options(b)) => Acceptable::Options(a.intersect(b)),
            (Acceptable::Range(Some(a)), Acceptable::Range(Some(b))) => {
                Acceptable::Range(a.intersect(*b))
            }
            _ => Acceptable::Range(None),
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            Acceptable::Options(set) => set.is_empty(),
            Acceptable::Range(r) => r.is_none(),
        }
    }

    fn meets(&self, outcome: &Outcome) -> bool {
        match (self, outcome) {
            (Acceptable::Options(zone), Outcome::Options(wanted)) => zone.intersects(wanted),
            (Acceptable::Range(Some(zone)), Outcome::Range(wanted)) => {
                zone.intersect(*wanted).is_some()
            }
            _ => false,
        }
    }

    fn to_zone(&self, issue: &Issue) -> Zone {
        match self {
            Acceptable::Options(set) => Zone::Options(issue.option_ids(set)),
            Acceptable::Range(r) => Zone::Range(r.map(bounds)),
        }
    }
}

/// The interval a range stance accepts. An ideal alone is the one value
/// the party asks for, as `wants` alone is the one option.
fn interval_of(min: Option<f64>, max: Option<f64>, ideal: Option<f64>) -> Interval {
    if min.is_none() && max.is_none() {
        Interval {
            min: ideal,
            max: ideal,
        }
    } else {
        Interval { min, max }
    }
}

fn bounds(i: Interval) -> Bounds {
    Bounds {
        min: i.min.map(Num),
        max: i.max.map(Num),
    }
}

/// The comparison's working state: each party's acceptable set per issue,
/// worked out once.
struct Table<'n> {
    n: &'n Negotiation,
    /// `acceptable[party][issue]`, `None` where the party has no position.
    acceptable: Vec<Vec<Option<Acceptable>>>,
}

/// One issue's outcome among a set of parties.
struct Outcome1 {
    verdict: Verdict,
    zone: Acceptable,
    speakers: Vec<usize>,
    clashes: Vec<(usize, usize)>,
    blocks: Vec<(usize, usize, usize)>, // (party, requirement index, required issue)
}

impl<'n> Table<'n> {
    fn new(n: &'n Negotiation) -> Self {
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

    fn speakers(&self, issue: usize, parties: &[usize]) -> Vec<usize> {
        parties
            .iter()
            .copied()
            .filter(|&p| self.acceptable[p][issue].is_some())
            .collect()
    }

    /// The zone of an issue among `parties`: what every speaker accepts; for
    /// one speaker, what it accepts; for none, everything.
    fn zone(&self, issue: usize, speakers: &[usize]) -> Acceptable {
        let mut zone = Acceptable::everything(&self.n.agenda.issues[issue]);
        for &p in speakers {
            if let Some(a) = &self.acceptable[p][issue] {
                zone = zone.meet(a);
            }
        }
        zone
    }

    fn judge(&self, issue: usize, parties: &[usize]) -> Outcome1 {
        let speakers = self.speakers(issue, parties);
        let zone = self.zone(issue, &speakers);
        let mut out = Outcome1 {
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
                    if x.meet(y).is_empty() {
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
}

pub fn compare(n: &Negotiation, scope: &Scope) -> Report {
    let table = Table::new(n);
    let mut summary = Summary::default();
    let issues: Vec<IssueReport> = scope
        .issues
        .iter()
        .map(|&i| {
            let report = issue_report(&table, i, &scope.parties);
            match report.verdict {
                Verdict::Overlap => summary.overlap += 1,
                Verdict::Blocked => summary.blocked += 1,
                Verdict::Conflict => summary.conflict += 1,
                Verdict::Gap => summary.gap += 1,
            }
            report
        })
        .collect();
    let mut pairs = Vec::new();
    for (k, &a) in scope.parties.iter().enumerate() {
        for &b in &scope.parties[k + 1..] {
            pairs.push(pair_report(&table, a, b, &scope.issues));
        }
    }
    Report {
        schema_version: SCHEMA_VERSION,
        negotiation: n.title.clone(),
        as_of: n.as_of.clone(),
        parties: scope
            .parties
            .iter()
            .map(|&p| {
                let party = &n.parties[p];
                PartyInfo {
                    id: party.id.clone(),
                    name: party.name.clone(),
                    as_of: party.as_of.clone(),
                    sources: party.sources.clone(),
                }
            })
            .collect(),
        issues,
        pairs,
        summary,
    }
}

fn issue_report(t: &Table, i: usize, parties: &[usize]) -> IssueReport {
    let n = t.n;
    let issue = &n.agenda.issues[i];
    let out = t.judge(i, parties);
    let id = |p: usize| n.parties[p].id.clone();
    let severity = (out.verdict == Verdict::Conflict).then(|| {
        let red = |p: usize| {
            n.parties[p].stances[i]
                .as_ref()
                .is_some_and(|s| s.strength == Strength::RedLine)
        };
        if out.clashes.iter().any(|&(a, b)| red(a) && red(b)) {
            Severity::Hard
        } else {
            Severity::Soft
        }
    });
    let mut silent = Vec::new();
    let mut no_position = Vec::new();
    let mut stances = Vec::new();
    for &p in parties {
        match &n.parties[p].stances[i] {
            None => silent.push(id(p)),
            Some(stance) => {
                if let Position::Status(status) = stance.position {
                    no_position.push((id(p), status));
                }
                stances.push((id(p), stance_report(n, issue, stance)));
            }
        }
    }
    let blocked_by = out
        .blocks
        .iter()
        .map(|&(p, r, req_issue)| {
            let stance = n.parties[p].stances[i]
                .as_ref()
                .expect("a block comes from a stance");
            let requirement = &stance.requires[r];
            let required = t.judge(req_issue, parties);
            Block {
                issue: n.agenda.issues[req_issue].id.clone(),
                party: id(p),
                requires: required_outcome(&n.agenda.issues[req_issue], &requirement.outcome),
                unit: n.agenda.issues[req_issue].unit.clone(),
                verdict: required.verdict,
                zone: required.zone.to_zone(&n.agenda.issues[req_issue]),
            }
        })
        .collect();
    IssueReport {
        id: issue.id.clone(),
        title: issue.title.clone(),
        kind: issue.kind,
        unit: issue.unit.clone(),
        options: issue
            .options
            .iter()
            .map(|o| OptionInfo {
                id: o.id.clone(),
                description: o.description.clone(),
            })
            .collect(),
        verdict: out.verdict,
        severity,
        zone: out.zone.to_zone(issue),
        silent,
        no_position: Ordered(no_position),
        clashes: out.clashes.iter().map(|&(a, b)| [id(a), id(b)]).collect(),
        blocked_by,
        stances: Ordered(stances),
    }
}

fn pair_report(t: &Table, a: usize, b: usize, issues: &[usize]) -> PairReport {
    let mut pair = PairReport {
        parties: [t.n.parties[a].id.clone(), t.n.parties[b].id.clone()],
        overlap: Vec::new(),
        blocked: Vec::new(),
        conflict: Vec::new(),
        gap: Vec::new(),
    };
    for &i in issues {
        let speaking = [a, b]
            .iter()
            .filter(|&&p| t.acceptable[p][i].is_some())
            .count();
        if speaking == 0 {
            continue;
        }
        let id = t.n.agenda.issues[i].id.clone();
        match t.judge(i, &[a, b]).verdict {
            Verdict::Overlap => pair.overlap.push(id),
            Verdict::Blocked => pair.blocked.push(id),
            Verdict::Conflict => pair.conflict.push(id),
            Verdict::Gap => pair.gap.push(id),
        }
    }
    pair
}

fn required_outcome(issue: &Issue, outcome: &Outcome) -> Required {
    match outcome {
        Outcome::Options(set) => Required::Options(issue.option_ids(set)),
        Outcome::Range(i) => Required::Range(bounds(*i)),
    }
}

fn stance_report(n: &Negotiation, issue: &Issue, s: &Stance) -> StanceReport {
    let mut r = StanceReport {
        status: None,
        accepts: None,
        rejects: Vec::new(),
        wants: None,
        min: None,
        max: None,
        ideal: None,
        strength: Some(s.strength),
        basis: s.basis,
        source: s.source.clone(),
        quote: s.quote.clone(),
        note: s.note.clone(),
        requires: Ordered(
            s.requires
                .iter()
                .map(|req| {
                    let other = &n.agenda.issues[req.issue];
                    (other.id.clone(), required_outcome(other, &req.outcome))
                })
                .collect(),
        ),
    };
    match &s.position {
        Position::Options {
            accepts,
            rejects,
            wants,
        } => {
            r.accepts = Some(Accepts::Options(issue.option_ids(accepts)));
            r.rejects = issue.option_ids(rejects);
            r.wants = wants.map(|w| issue.options[w].id.clone());
        }
        Position::Range { min, max, ideal } => {
            r.accepts = Some(Accepts::Range(bounds(interval_of(*min, *max, *ideal))));
            r.min = min.map(Num);
            r.max = max.map(Num);
            r.ideal = ideal.map(Num);
        }
        Position::Status(status) => {
            r.status = Some(*status);
            r.strength = None;
        }
    }
    r
}
