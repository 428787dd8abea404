//! The verdicts: positions in, each issue and each pair judged. No I/O, no
//! printing, and nothing of the mediator's view, which is built on top.
//!
//! The verdict rules are defined in `docs/design.md`; in short, per issue
//! among the deciding parties with a position: fewer than two is a gap;
//! nothing all of them could accept (base and alternatives) a conflict;
//! else an overlap when some outcome is available (every party accepts it
//! through a way whose requirements are met, in the greatest fixpoint of
//! the requirements, `solve.rs`), blocked when none is.

use crate::model::{IssueIndex, Kind, Negotiation, PartyIndex, Position, Strength};
use crate::report::{
    Block, Conditional, IssueReport, OptionInfo, Ordered, Origin, Outcomes, Outside, PairIssues,
    PairReport, Severity, Stances, Summary, Verdict, Verdicts, requirements,
};
use crate::scope::Scope;
use conditions::Place;
use rayon::prelude::*;
use solve::Solution;
use std::sync::Arc;

mod blocks;
pub(crate) mod conditions;
mod deciders;
mod memo;
mod settled;
pub(crate) mod solve;
mod table;

pub(crate) use deciders::Deciders;
pub(crate) use memo::{Judged, Judgements};
pub(crate) use table::Table;

/// The verdicts alone, on every issue in scope: what `stance changes`
/// compares, twice per run. A full report adds the pairs and the
/// mediator's view (`crate::compare`).
pub(crate) fn verdicts<'n>(n: &'n Negotiation, scope: &Scope) -> Verdicts<'n> {
    let table = Table::new(n);
    let judgements = Judgements::new(&table, &scope.parties, scope.list_clashes);
    judge_issues(&judgements, scope)
}

/// Every issue in scope judged, each on its own (in parallel).
pub(crate) fn judge_issues<'n>(j: &Judgements<'_, 'n>, scope: &Scope) -> Verdicts<'n> {
    Verdicts::new(
        scope
            .issues
            .par_iter()
            .map(|&i| issue_report(j, i))
            .collect(),
    )
}

/// Every pair of parties in scope, judged on the issues of the report.
pub(crate) fn judge_pairs(
    j: &Judgements<'_, '_>,
    scope: &Scope,
    issues: &[IssueReport<'_>],
) -> Vec<PairReport> {
    let t = j.table;
    let settled = j.settled();
    let issue_ids: Arc<[String]> = issues.iter().map(|i| i.id.clone()).collect();
    let two: Vec<(PartyIndex, PartyIndex)> = scope
        .parties
        .iter()
        .enumerate()
        .flat_map(|(k, &a)| scope.parties[k + 1..].iter().map(move |&b| (a, b)))
        .collect();
    two.par_iter()
        .map(|&(a, b)| {
            let ids = scope.pair_issues.then(|| issue_ids.clone());
            pair_report(t, &settled, a, b, &scope.issues, ids)
        })
        .collect()
}

fn issue_report<'n>(j: &Judgements<'_, 'n>, i: IssueIndex) -> IssueReport<'n> {
    let (t, parties, n) = (j.table, j.parties, j.table.n);
    let issue = &n.agenda.issues[i];
    let (out, clashes) = j.get(i);
    let id = |p: PartyIndex| n.parties[p].id.clone();
    let severity = (out.verdict == Verdict::Conflict).then(|| {
        let red = |p: PartyIndex| {
            n.parties[p].stances[i]
                .as_ref()
                .is_some_and(|s| s.strength == Strength::RedLine)
        };
        let red: Vec<PartyIndex> = out.speakers.iter().copied().filter(|&p| red(p)).collect();
        let hard = red
            .iter()
            .enumerate()
            .any(|(k, &a)| red[k + 1..].iter().any(|&b| t.disjoint(i, a, b)));
        if hard { Severity::Hard } else { Severity::Soft }
    });
    let mut silent = Vec::new();
    let mut no_position = Vec::new();
    let mut stances = Vec::with_capacity(parties.len());
    for &p in parties {
        match &n.parties[p].stances[i] {
            None => silent.push(n.parties[p].id.as_str()),
            Some(stance) => {
                if let Position::Status(status) = stance.position {
                    no_position.push((id(p), status));
                }
                stances.push(p);
            }
        }
    }
    let chain = |needs: &[u32], world: Chain| {
        let mut tree = Tree {
            seen: vec![i],
            links_left: CHAIN_LINKS,
        };
        needs
            .iter()
            .map(|&k| block(j, k, 1, &mut tree, world))
            .collect()
    };
    let sequence = issue.kind == Kind::Sequence;
    let zone = Outcomes::new(issue, out.zone.clone());
    IssueReport {
        id: issue.id.clone(),
        title: issue.title.clone(),
        kind: issue.kind,
        phase: issue.phase.map(|k| n.agenda.phases[k].id.as_str()),
        unit: issue.unit.clone(),
        options: issue
            .options
            .iter()
            .map(|o| OptionInfo {
                id: o.id.clone(),
                description: o.description.clone(),
            })
            .collect(),
        deciders: j
            .deciders
            .of(i)
            .iter()
            .map(|&p| n.parties[p].id.as_str())
            .collect(),
        // Every principal in scope, as the party list says: nothing to add.
        default_deciders: issue.decided_by.is_none(),
        undecidable_in_scope: j
            .deciders
            .out_of_scope(i)
            .iter()
            .map(|&p| n.parties[p].id.as_str())
            .collect(),
        verdict: out.verdict,
        severity,
        order: sequence.then(|| zone.order()),
        zone,
        // A sequence takes no conditions: its `order` is what can be
        // agreed (format2.md: `available` is null there).
        available: Outcomes::new(
            issue,
            if sequence {
                out.available.emptied()
            } else {
                out.available.clone()
            },
        ),
        outside: outside(j, i, out),
        conditional: conditional(j, i, out),
        silent,
        no_position: Ordered(no_position),
        clashes: clashes.clone(),
        blocked_by: chain(&out.blocks, Chain::Real),
        contingent_on: chain(&out.rests_on, Chain::Contingent),
        stances: Stances::new(n, i, stances),
    }
}

/// Each party in scope with a position that does not decide `i`, and
/// whether what it could accept meets the deciders' zone (on a conflict,
/// where there is none, every one is against).
fn outside(j: &Judgements<'_, '_>, i: IssueIndex, out: &Judged) -> Ordered<Outside> {
    let (t, n) = (j.table, j.table.n);
    Ordered(
        j.parties
            .iter()
            .filter(|&&p| !j.deciders.decides(p, i))
            .filter_map(|&p| {
                let could = t.acceptable(p, i)?;
                let within = out.verdict != Verdict::Conflict && could.meets(&out.zone);
                let side = if within {
                    Outside::Within
                } else {
                    Outside::Against
                };
                Some((n.parties[p].id.clone(), side))
            })
            .collect(),
    )
}

/// The available outcomes each party accepts only through an
/// alternative, with that alternative's own requirements.
fn conditional<'n>(j: &Judgements<'_, 'n>, i: IssueIndex, out: &Judged) -> Vec<Conditional<'n>> {
    let (t, n) = (j.table, j.table.n);
    let c = &t.conditions;
    if out.available.is_empty() || c.is_empty() {
        return Vec::new();
    }
    let issue = &n.agenda.issues[i];
    let mut found = Vec::new();
    for &p in &out.speakers {
        let Some(cell) = c.cell(p, i) else {
            continue;
        };
        let Some(stance) = n.parties[p].stances[i].as_ref() else {
            continue;
        };
        for (k, a) in c.alternatives_of(cell).iter().enumerate() {
            let reach = out.available.meet(&a.set);
            if reach.is_empty() || reach.within(&cell.base) {
                continue;
            }
            if !a.needs.clone().all(|need| {
                j.real.meets(
                    c.needs[need as usize].target,
                    &c.needs[need as usize].outcome,
                )
            }) {
                continue;
            }
            let outcomes = match reach {
                crate::outcome::OutcomeSet::Options(set) => match &cell.base {
                    crate::outcome::OutcomeSet::Options(base) => {
                        crate::outcome::OutcomeSet::Options(set.minus(base))
                    }
                    _ => crate::outcome::OutcomeSet::Options(set),
                },
                range => range,
            };
            found.push(Conditional {
                party: n.parties[p].id.clone(),
                alternative: k,
                outcomes: Outcomes::new(issue, outcomes),
                requires: requirements(n, &stance.alternatives[k].requires),
            });
        }
    }
    found
}

/// How many links of a chain of blocks one issue's report shows.
pub const CHAIN_DEPTH: usize = 4;

/// How many links one chain tree holds below its first: each issue
/// followed once and four links down still let a tree hold every
/// requirement of every party on up to three issues (300 parties each
/// requiring the next issue gave each issue 270,000 links, and the
/// report 1.3 GB).
pub const CHAIN_LINKS: usize = 64;

/// What one issue's chain tree has used: the issues it followed, and how
/// many more links it may hold.
struct Tree {
    seen: Vec<IssueIndex>,
    links_left: usize,
}

/// Which chain a link is part of: what blocks an issue as things stand,
/// or what a contingent overlap rests on (the world where requirements on
/// gaps are unmet, showing each issue as it stands).
#[derive(Clone, Copy, PartialEq)]
enum Chain {
    Real,
    Contingent,
}

/// A requirement (a need of the table) that its issue cannot meet, and
/// why: that issue's clash, or its zone and available outcomes and what
/// holds them back in turn. `depth` counts the links down to this one.
fn block<'n>(
    j: &Judgements<'_, 'n>,
    k: u32,
    depth: usize,
    tree: &mut Tree,
    chain: Chain,
) -> Block<'n> {
    let n = j.table.n;
    let c = &j.table.conditions;
    let need = &c.needs[k as usize];
    let on_id = need.target;
    let (required, clashes) = j.get(on_id);
    let mut next = Vec::new();
    // Each issue is followed once per chain tree, a chain at most
    // `CHAIN_DEPTH` links down, and only while the tree has room for all
    // of the issue's links: requirements that branch, a long line of them,
    // or many parties requiring the same, would otherwise repeat the same
    // links without bound. A required issue in the report carries the rest
    // of its own chain.
    if !tree.seen.contains(&on_id) && depth < CHAIN_DEPTH && required.verdict != Verdict::Conflict {
        let further = match chain {
            Chain::Real if required.verdict == Verdict::Blocked => required.blocks.clone(),
            Chain::Real => in_the_way(j, &j.real, on_id, false),
            Chain::Contingent => match &j.pessimistic {
                Some(world) => in_the_way(j, world, on_id, true),
                None => Vec::new(),
            },
        };
        if further.len() <= tree.links_left {
            tree.seen.push(on_id);
            tree.links_left -= further.len();
            for further in further {
                next.push(block(j, further, depth + 1, tree, chain));
            }
        }
    }
    let on = &n.agenda.issues[on_id];
    let party = &n.parties[need.party];
    let (from, alternative, package) = match need.place {
        Place::Stance => (Origin::Stance, None, None),
        Place::Alternative(a) => (Origin::Alternative, Some(a as usize), None),
        Place::Party => (Origin::Party, None, None),
        Place::Package(p) => (
            Origin::Package,
            None,
            Some(party.packages[p as usize].id.clone()),
        ),
    };
    Block {
        issue: on.id.clone(),
        party: party.id.clone(),
        from,
        alternative,
        package,
        requires: Outcomes::new(on, need.outcome.clone()),
        unit: on.unit.clone(),
        verdict: required.verdict,
        zone: Outcomes::new(on, required.zone.clone()),
        available: Outcomes::new(on, required.available.clone()),
        clashes: clashes.in_block(),
        blocked_by: next,
    }
}

/// What holds an issue's outcomes back in `world`; in the contingent
/// chain, only requirements met as things stand.
fn in_the_way(
    j: &Judgements<'_, '_>,
    world: &Solution,
    issue: IssueIndex,
    met_only: bool,
) -> Vec<u32> {
    let c = &j.table.conditions;
    blocks::in_the_way(j.table, world, issue, |k| {
        !met_only || {
            let need = &c.needs[k as usize];
            j.real.meets(need.target, &need.outcome)
        }
    })
}

/// `ids`, the report's issue ids, when the pair is to carry the issues
/// behind its counts.
fn pair_report(
    t: &Table<'_>,
    settled: &settled::Settled,
    a: PartyIndex,
    b: PartyIndex,
    issues: &[IssueIndex],
    ids: Option<Arc<[String]>>,
) -> PairReport {
    let mut codes = Vec::with_capacity(issues.len());
    t.pair_codes(a, b, issues, settled, &mut codes);
    let counts = Summary::of_codes(&codes);
    let compared = counts.overlap + counts.blocked + counts.conflict;
    let (agreement, weight) = if t.salience_given() {
        let (agreed, weight) = weighed(t, a, b, issues, &codes);
        (
            (weight > 0).then(|| agreed as f64 / weight as f64),
            Some(weight as f64 / 2.0),
        )
    } else {
        (
            (compared > 0).then(|| counts.overlap as f64 / compared as f64),
            None,
        )
    };
    PairReport {
        parties: [t.n.parties[a].id.clone(), t.n.parties[b].id.clone()],
        agreement,
        weight,
        counts,
        issues: ids.map(|ids| PairIssues::new(ids, &codes)),
    }
}

/// The pair's agreement weighed by salience (`docs/design.md`, "Pair
/// verdicts"): each compared issue weighs the mean of the two saliences,
/// kept doubled (their sum) so that the sums stay whole. (The overlap's
/// weight, every compared issue's weight.)
fn weighed(
    t: &Table<'_>,
    a: PartyIndex,
    b: PartyIndex,
    issues: &[IssueIndex],
    codes: &[u8],
) -> (u64, u64) {
    // By code: 0 not compared, 1 compared, 2 compared and agreed. A
    // branch-free pass, 40 million times at conference scale.
    let mut counts = [0u8; 16];
    for v in [Verdict::Blocked, Verdict::Conflict] {
        counts[usize::from(Verdict::code(Some(v)) & 0xf)] = 1;
    }
    counts[usize::from(Verdict::code(Some(Verdict::Overlap)) & 0xf)] = 2;
    let (rows_a, rows_b) = (t.saliences_of(a), t.saliences_of(b));
    let (mut agreed, mut weight) = (0u64, 0u64);
    for (&i, &code) in issues.iter().zip(codes) {
        let count = u64::from(counts[usize::from(code & 0xf)]);
        let w = u64::from(rows_a[i.get()]) + u64::from(rows_b[i.get()]);
        weight += w * count.min(1);
        agreed += w * (count >> 1);
    }
    (agreed, weight)
}
