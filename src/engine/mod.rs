//! The verdicts: positions in, each issue and each pair judged. No I/O, no
//! printing, and nothing of the mediator's view, which is built on top.
//!
//! The verdict rules are defined in `docs/design.md`; in short, per issue
//! among the parties in scope with a position: fewer than two is a gap; an
//! empty zone a conflict; a zone that some party's `requires` cannot meet
//! (the required issue's zone misses the required outcome) is blocked; any
//! other zone an overlap.

use crate::model::{IssueIndex, Negotiation, PartyIndex, Position, Strength};
use crate::report::{
    Block, IssueReport, OptionInfo, Ordered, Outcomes, PairIssues, PairReport, Severity, Stances,
    Summary, Verdict, Verdicts,
};
use crate::scope::Scope;
use rayon::prelude::*;
use std::sync::Arc;

mod memo;
mod table;

pub(crate) use memo::Judgements;
pub(crate) use table::{Judged, Table, UnmetRequirement};

/// The verdicts alone, on every issue in scope: what `stance changes`
/// compares, twice per run. A full report adds the pairs and the
/// mediator's view (`crate::compare`).
pub(crate) fn verdicts<'n>(n: &'n Negotiation, scope: &Scope) -> Verdicts<'n> {
    let table = Table::new(n);
    let judgements = Judgements::new(&table, &scope.parties, scope.pair_issues);
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
    t: &Table<'_>,
    scope: &Scope,
    issues: &[IssueReport<'_>],
) -> Vec<PairReport> {
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
            pair_report(t, a, b, &scope.issues, ids)
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
    let mut tree = Tree {
        seen: vec![i],
        links_left: CHAIN_LINKS,
    };
    let blocked_by = out
        .blocks
        .iter()
        .map(|unmet| block(j, i, unmet, 1, &mut tree))
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
        zone: Outcomes::new(issue, out.zone.clone()),
        silent,
        no_position: Ordered(no_position),
        clashes: clashes.clone(),
        blocked_by,
        stances: Stances::new(n, i, stances),
    }
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

/// A requirement of a stance on `issue` that the required issue cannot
/// meet, and why: that issue's clash, or its zone and the blocks that hold
/// it in turn. `depth` counts the links down to this one.
fn block<'n>(
    judgements: &Judgements<'_, 'n>,
    issue: IssueIndex,
    unmet: &UnmetRequirement,
    depth: usize,
    tree: &mut Tree,
) -> Block<'n> {
    let n = judgements.table.n;
    let stance = n.parties[unmet.party].stances[issue]
        .as_ref()
        .expect("a block comes from a stance");
    let requirement = &stance.requires[unmet.index];
    let (required, clashes) = judgements.get(unmet.on);
    let mut next = Vec::new();
    // Each issue is followed once per chain tree, a chain at most
    // `CHAIN_DEPTH` links down, and only while the tree has room for all
    // of the issue's links: requirements that branch, a long line of them,
    // or many parties requiring the same, would otherwise repeat the same
    // links without bound. A required issue in the report carries the rest
    // of its own chain.
    if !tree.seen.contains(&unmet.on)
        && depth < CHAIN_DEPTH
        && required.blocks.len() <= tree.links_left
    {
        tree.seen.push(unmet.on);
        tree.links_left -= required.blocks.len();
        for further in &required.blocks {
            next.push(block(judgements, unmet.on, further, depth + 1, tree));
        }
    }
    let on = &n.agenda.issues[unmet.on];
    Block {
        issue: on.id.clone(),
        party: n.parties[unmet.party].id.clone(),
        requires: Outcomes::new(on, requirement.outcome.clone()),
        unit: on.unit.clone(),
        verdict: required.verdict,
        zone: Outcomes::new(on, required.zone.clone()),
        clashes: clashes.in_block(),
        blocked_by: next,
    }
}

/// `ids`, the report's issue ids, when the pair is to carry the issues
/// behind its counts.
fn pair_report(
    t: &Table<'_>,
    a: PartyIndex,
    b: PartyIndex,
    issues: &[IssueIndex],
    ids: Option<Arc<[String]>>,
) -> PairReport {
    let mut codes = Vec::with_capacity(issues.len());
    t.pair_codes(a, b, issues, &mut codes);
    let counts = Summary::of_codes(&codes);
    let compared = counts.overlap + counts.blocked + counts.conflict;
    PairReport {
        parties: [t.n.parties[a].id.clone(), t.n.parties[b].id.clone()],
        agreement: (compared > 0).then(|| counts.overlap as f64 / compared as f64),
        counts,
        issues: ids.map(|ids| PairIssues::new(ids, &codes)),
    }
}
