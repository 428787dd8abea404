//! The fewest stance changes that would turn every conflict and block in
//! scope into an overlap.
//!
//! Each issue that matters (a conflict, or an issue some requirement needs
//! settled otherwise) gets one outcome; every party with a position there
//! that does not accept it changes its stance to accept it, and every
//! requirement the outcome does not meet is dropped (a change of the
//! requiring stance). Changes only widen what parties accept, so nothing
//! new can conflict. A conflict is settled on one of its bridging
//! proposals; an issue involved only through requirements may also be left
//! as it is, its requirements dropped. The outcomes are chosen to change
//! the fewest stances: by trying every combination when there are at most
//! `EXACT_LIMIT` and trying them fits in `WORK_BUDGET`, else issue by
//! issue (greedy); a search that runs out of budget keeps the best it
//! found, and the report says which of the three it was.

use super::Mediator;
use crate::model::{IssueIndex, Negotiation, PartyIndex};
use crate::outcome::OutcomeSet;
use crate::report::{ChangeKind, Deal, DealChange, Outcomes, Verdict};
use crate::scope::Scope;
use rayon::prelude::*;
use std::collections::BTreeSet;

/// Combinations tried before falling back to the greedy answer.
pub const EXACT_LIMIT: usize = 65_536;

/// The work the search for the fewest changes may do: each unit is one
/// stance looked at while moving from one combination to the next (a
/// requirement dropped or restored, a stance whose party starts or stops
/// moving). Counted, not timed, so that the same input always gives the
/// same deal. Under a second on one core of the machine
/// `docs/limits.md` was measured on; a search that needs more is cut
/// short and keeps the cheapest combination it found.
pub const WORK_BUDGET: u64 = 200_000_000;

/// An outcome of one issue: an option, or a value of a range; or, for an
/// issue involved only through requirements, leaving it as it is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Pick {
    Option(usize),
    Value(f64),
    Keep,
}

/// A requirement of a problem issue's speaker that its issue cannot meet.
struct Unmet<'a> {
    party: PartyIndex,
    issue: IssueIndex,
    on: IssueIndex,
    outcome: &'a OutcomeSet,
}

/// One way to settle an involved issue, with what it costs: the parties
/// that must accept the outcome, and the requirements (indices into the
/// unmet list) it leaves to be dropped.
struct Choice {
    pick: Pick,
    movers: Vec<PartyIndex>,
    drops: Vec<usize>,
}

struct Involved {
    issue: IssueIndex,
    choices: Vec<Choice>,
}

pub fn deal<'n>(j: &Mediator<'_, 'n>, scope: &Scope) -> Deal<'n> {
    deal_within(j, scope, WORK_BUDGET)
}

/// The deal, its search allowed `budget` units of work.
fn deal_within<'n>(j: &Mediator<'_, 'n>, scope: &Scope, budget: u64) -> Deal<'n> {
    let (unmet, involved) = problem(j, scope);
    let combinations = involved
        .iter()
        .try_fold(1usize, |acc, i| acc.checked_mul(i.choices.len()));
    let (chosen, search) = if combinations.is_some_and(|c| c <= EXACT_LIMIT) {
        exhaustive(&involved, &unmet, budget)
    } else {
        (greedy(&involved), Searched::default())
    };
    let changes = changes(j.table.n, &scope.parties, &involved, &chosen, &unmet);
    let stances: BTreeSet<(PartyIndex, IssueIndex)> =
        changes.iter().map(|(p, i, _)| (*p, *i)).collect();
    Deal {
        exact: search.complete,
        cut_short: search.cut_short,
        tried: search.tried,
        work: search.work,
        stances: stances.len(),
        changes: changes.into_iter().map(|(_, _, c)| c).collect(),
    }
}

/// What the deal must settle: the unmet requirements of the problem
/// issues' speakers, and the involved issues with their choices.
fn problem<'n>(j: &Mediator<'_, 'n>, scope: &Scope) -> (Vec<Unmet<'n>>, Vec<Involved>) {
    let t = j.table;
    let mut unmet = Vec::new();
    let mut involved: Vec<IssueIndex> = Vec::new();
    for &x in &scope.issues {
        let judged = &j.get(x).0;
        match judged.verdict {
            Verdict::Conflict => involved.push(x),
            Verdict::Blocked => {}
            _ => continue,
        }
        for &p in &judged.speakers {
            let Some(stance) = &t.n.parties[p].stances[x] else {
                continue;
            };
            for req in &stance.requires {
                // The required issue's zone, judged once however many
                // stances require it.
                if !j.get(req.issue).0.zone.meets(&req.outcome) {
                    unmet.push(Unmet {
                        party: p,
                        issue: x,
                        on: req.issue,
                        outcome: &req.outcome,
                    });
                    involved.push(req.issue);
                }
            }
        }
    }
    involved.sort_unstable();
    involved.dedup();
    let issues = t.n.agenda.issues.len();
    let mut in_view = vec![false; issues];
    for &i in &scope.issues {
        in_view[i.get()] = true;
    }
    // The unmet requirements on each issue, gathered once rather than
    // searched for per issue: a conference has thousands of each.
    let mut unmet_on: Vec<Vec<usize>> = vec![Vec::new(); issues];
    for (u, req) in unmet.iter().enumerate() {
        unmet_on[req.on.get()].push(u);
    }
    // Each issue's choices are its own: worked out in parallel.
    let involved: Vec<Involved> = involved
        .par_iter()
        .map(|&y| Involved {
            issue: y,
            choices: choices(j, scope, in_view[y.get()], y, &unmet, &unmet_on[y.get()]),
        })
        .filter(|i| !i.choices.is_empty())
        .collect();
    (unmet, involved)
}

/// Every way worth trying to settle an issue, with its cost worked out
/// once: the search then only adds them up. `in_view`: whether the issue
/// is among the report's (`--issues`); `on_y`: the unmet requirements on
/// it.
fn choices(
    j: &Mediator<'_, '_>,
    scope: &Scope,
    in_view: bool,
    y: IssueIndex,
    unmet: &[Unmet<'_>],
    on_y: &[usize],
) -> Vec<Choice> {
    let (t, parties) = (j.table, &scope.parties);
    let speakers = t.speakers(y, parties);
    let conflict = j.get(y).0.verdict == Verdict::Conflict;
    let mut picks = picks(j, y, conflict, unmet, on_y);
    // A conflict in view must be settled; one outside `--issues` matters only
    // through the requirements on it, and may be left as it is.
    if !conflict || !in_view {
        picks.push(Pick::Keep);
    }
    // Movers come in scope order, which is party-index order: `cost`
    // searches them by binary search.
    debug_assert!(speakers.windows(2).all(|w| w[0] < w[1]));
    picks
        .into_iter()
        .map(|pick| Choice {
            pick,
            movers: match pick {
                Pick::Keep => Vec::new(),
                _ => speakers
                    .iter()
                    .copied()
                    .filter(|&p| t.acceptable(p, y).is_some_and(|a| !accepts(a, pick)))
                    .collect(),
            },
            drops: on_y
                .iter()
                .copied()
                .filter(|&u| !meets(unmet[u].outcome, pick))
                .collect(),
        })
        .collect()
}

/// The outcomes worth trying on an issue: on a conflict, its bridging
/// proposals (the deal is about accepting those); on an issue a requirement
/// needs settled otherwise, the options that meet some such requirement,
/// or on a range the point of each requirement nearest to the zone.
fn picks(
    j: &Mediator<'_, '_>,
    y: IssueIndex,
    conflict: bool,
    unmet: &[Unmet<'_>],
    on_y: &[usize],
) -> Vec<Pick> {
    let issue = &j.table.n.agenda.issues[y];
    if conflict {
        return j
            .bridge(y)
            .proposals
            .iter()
            .filter_map(|p| match (&p.option, p.value) {
                (Some(option), _) => issue.option_index(option).map(Pick::Option),
                (None, Some(v)) => Some(Pick::Value(v.0)),
                (None, None) => None,
            })
            .collect();
    }
    let wanted: Vec<&OutcomeSet> = on_y.iter().map(|&u| unmet[u].outcome).collect();
    if !issue.options.is_empty() {
        return (0..issue.options.len())
            .filter(|&o| wanted.iter().any(|w| meets(w, Pick::Option(o))))
            .map(Pick::Option)
            .collect();
    }
    let (low, high) = match &j.get(y).0.zone {
        OutcomeSet::Range(Some(i)) => (i.min, i.max),
        _ => (None, None),
    };
    let mut values = Vec::new();
    for w in wanted {
        if let OutcomeSet::Range(Some(r)) = w {
            // The end of the requirement that faces the zone.
            let v = match (r.min, r.max, low, high) {
                (Some(lo), _, _, Some(hi)) if lo > hi => lo,
                (_, Some(hi), Some(lo), _) if hi < lo => hi,
                (Some(lo), _, _, _) => lo,
                (None, Some(hi), _, _) => hi,
                (None, None, _, _) => low.or(high).unwrap_or(0.0),
            };
            if !values.contains(&Pick::Value(v)) {
                values.push(Pick::Value(v));
            }
        }
    }
    values
}

fn accepts(a: &OutcomeSet, pick: Pick) -> bool {
    match (a, pick) {
        (OutcomeSet::Options(set), Pick::Option(o)) => set.contains(o),
        (OutcomeSet::Range(Some(i)), Pick::Value(v)) => {
            i.min.is_none_or(|lo| v >= lo) && i.max.is_none_or(|hi| v <= hi)
        }
        _ => false,
    }
}

fn meets(outcome: &OutcomeSet, pick: Pick) -> bool {
    match (outcome, pick) {
        (OutcomeSet::Options(set), Pick::Option(o)) => set.contains(o),
        (OutcomeSet::Range(Some(r)), Pick::Value(v)) => {
            r.min.is_none_or(|lo| v >= lo) && r.max.is_none_or(|hi| v <= hi)
        }
        _ => false,
    }
}

/// The stances a combination changes: every mover's stance on its issue,
/// and every requiring stance whose requirement is dropped, counted once.
///
/// Counted over the issues at `positions` only: the search leaves out the
/// issues whose cost is the same in every combination it tries.
fn cost(involved: &[Involved], chosen: &[usize], unmet: &[Unmet], positions: &[usize]) -> usize {
    let movers: usize = positions
        .iter()
        .map(|&k| involved[k].choices[chosen[k]].movers.len())
        .sum();
    let mut dropped: Vec<(PartyIndex, IssueIndex)> = Vec::new();
    for &k in positions {
        for &u in &involved[k].choices[chosen[k]].drops {
            let key = (unmet[u].party, unmet[u].issue);
            // A stance that already changes to accept an outcome costs
            // nothing more for dropping its requirement too.
            // `involved` is in agenda order: found by binary search.
            let moving = involved
                .binary_search_by_key(&key.1, |j| j.issue)
                .is_ok_and(|k| {
                    involved[k].choices[chosen[k]]
                        .movers
                        .binary_search(&key.0)
                        .is_ok()
                });
            if !moving {
                dropped.push(key);
            }
        }
    }
    // Counted once each: sorted rather than searched, as a conference
    // deal drops thousands.
    dropped.sort_unstable();
    dropped.dedup();
    movers + dropped.len()
}

/// How the search went: `complete` when every combination was tried,
/// `cut_short` when the budget ran out first (neither: greedy, no search).
#[derive(Default)]
struct Searched {
    complete: bool,
    cut_short: bool,
    tried: u64,
    work: u64,
}

/// Every combination, in agenda order of the outcomes: the first cheapest,
/// or, when `budget` runs out first, the cheapest found by then.
///
/// Only issues whose choices drop a requirement, or that hold a stance
/// with an unmet requirement (whose move makes its drop free), weigh on
/// each other. Every other issue costs its own movers alone, so its first
/// cheapest choice is its part of the first cheapest combination; the
/// combinations are tried over the linked issues only. (With hundreds of
/// involved issues, trying all of them made this the slowest step.)
fn exhaustive(involved: &[Involved], unmet: &[Unmet], budget: u64) -> (Vec<usize>, Searched) {
    // Whether each issue (up to the last involved) holds a stance with an
    // unmet requirement.
    let last = involved
        .iter()
        .map(|i| i.issue.get() + 1)
        .max()
        .unwrap_or(0);
    let mut holds_unmet = vec![false; last];
    for u in unmet {
        if let Some(h) = holds_unmet.get_mut(u.issue.get()) {
            *h = true;
        }
    }
    let linked: Vec<usize> = (0..involved.len())
        .filter(|&k| {
            let i = &involved[k];
            i.choices.iter().any(|c| !c.drops.is_empty()) || holds_unmet[i.issue.get()]
        })
        .collect();
    let greedy = greedy(involved);
    let mut index = greedy.clone();
    for &k in &linked {
        index[k] = 0;
    }
    let mut tally = Tally::new(involved, unmet, &index);
    let mut best = (tally.cost(), index.clone());
    let mut searched = Searched {
        tried: 1,
        ..Searched::default()
    };
    'search: loop {
        // The next combination, the last linked issue turning fastest.
        let mut l = linked.len();
        loop {
            if l == 0 {
                searched.complete = true;
                break 'search;
            }
            l -= 1;
            let k = linked[l];
            let next = (index[k] + 1) % involved[k].choices.len();
            tally.switch(k, index[k], next);
            index[k] = next;
            if next != 0 {
                break;
            }
        }
        if tally.work > budget {
            searched.cut_short = true;
            break;
        }
        searched.tried += 1;
        let c = tally.cost();
        if c < best.0 {
            best = (c, index.clone());
        }
    }
    searched.work = tally.work;
    // Cut short, the search may not have reached a combination as cheap
    // as the greedy one: the greedy one then stands.
    if searched.cut_short && cost(involved, &greedy, unmet, &linked) < best.0 {
        best.1 = greedy;
    }
    (best.1, searched)
}

/// The cost of the current combination over the linked issues, kept up
/// to date as one issue's choice changes at a time: the search's step
/// then looks only at the stances that issue touches, not at every
/// stance of every issue (`cost`, which it agrees with).
struct Tally<'a> {
    involved: &'a [Involved],
    /// Each unmet requirement's stance, numbered.
    stance_of: Vec<usize>,
    /// Per involved issue, the numbered stances on it; and per choice of
    /// it, whether each of those stances' parties moves (worked out once:
    /// the search sets them at every step).
    on_issue: Vec<Vec<usize>>,
    moves: Vec<Vec<Vec<bool>>>,
    /// Per stance: how many of its requirements the combination drops,
    /// and whether its party moves on its issue.
    dropped: Vec<u32>,
    moving: Vec<bool>,
    movers: usize,
    /// Stances changed only by dropping requirements.
    charged: usize,
    /// Stances looked at so far: the measure of the search's work.
    work: u64,
}

impl<'a> Tally<'a> {
    fn new(involved: &'a [Involved], unmet: &[Unmet], chosen: &[usize]) -> Self {
        // `unmet` comes issue by issue, each issue's speakers in order:
        // one stance's requirements are next to each other.
        let mut stance_of = Vec::with_capacity(unmet.len());
        let mut on_issue = vec![Vec::new(); involved.len()];
        let mut stances = 0;
        for (u, req) in unmet.iter().enumerate() {
            let same = u > 0 && (unmet[u - 1].party, unmet[u - 1].issue) == (req.party, req.issue);
            if !same {
                // `involved` is in agenda order: found by binary search.
                if let Ok(k) = involved.binary_search_by_key(&req.issue, |i| i.issue) {
                    on_issue[k].push((stances, req.party));
                }
                stances += 1;
            }
            stance_of.push(stances - 1);
        }
        let moves = involved
            .iter()
            .zip(&on_issue)
            .map(|(i, on)| {
                i.choices
                    .iter()
                    .map(|c| {
                        on.iter()
                            .map(|(_, p)| c.movers.binary_search(p).is_ok())
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let mut tally = Tally {
            involved,
            stance_of,
            on_issue: on_issue
                .into_iter()
                .map(|on| on.into_iter().map(|(s, _)| s).collect())
                .collect(),
            moves,
            dropped: vec![0; stances],
            moving: vec![false; stances],
            movers: 0,
            charged: 0,
            work: 0,
        };
        for (k, &c) in chosen.iter().enumerate() {
            tally.enter(k, c);
        }
        tally.work = 0;
        tally
    }

    fn cost(&self) -> usize {
        self.movers + self.charged
    }

    fn is_charged(&self, s: usize) -> bool {
        self.dropped[s] > 0 && !self.moving[s]
    }

    /// Issue `k` goes from choice `from` to choice `to`.
    fn switch(&mut self, k: usize, from: usize, to: usize) {
        let old = &self.involved[k].choices[from];
        self.movers -= old.movers.len();
        for &u in &old.drops {
            let s = self.stance_of[u];
            let was = self.is_charged(s);
            self.dropped[s] -= 1;
            self.charged -= usize::from(was && !self.is_charged(s));
        }
        self.work += old.drops.len() as u64;
        self.enter(k, to);
    }

    /// Issue `k` takes choice `c`, having none before.
    fn enter(&mut self, k: usize, c: usize) {
        let choice = &self.involved[k].choices[c];
        self.movers += choice.movers.len();
        for &u in &choice.drops {
            let s = self.stance_of[u];
            let was = self.is_charged(s);
            self.dropped[s] += 1;
            self.charged += usize::from(!was && self.is_charged(s));
        }
        for (&s, &moves) in self.on_issue[k].iter().zip(&self.moves[k][c]) {
            let was = self.is_charged(s);
            self.moving[s] = moves;
            let now = self.is_charged(s);
            self.charged = self.charged + usize::from(now) - usize::from(was);
        }
        self.work += (choice.drops.len() + self.on_issue[k].len()) as u64;
    }
}

/// Issue by issue, the choice cheapest for that issue alone.
fn greedy(involved: &[Involved]) -> Vec<usize> {
    involved
        .iter()
        .map(|i| {
            (0..i.choices.len())
                .min_by_key(|&c| i.choices[c].movers.len() + i.choices[c].drops.len())
                .unwrap_or(0)
        })
        .collect()
}

/// The changes, in party order then agenda order.
fn changes<'n>(
    n: &'n Negotiation,
    parties: &[PartyIndex],
    involved: &[Involved],
    chosen: &[usize],
    unmet: &[Unmet],
) -> Vec<(PartyIndex, IssueIndex, DealChange<'n>)> {
    // Sized up front: at conference scale a deal has tens of thousands of
    // changes, and a doubling vector holds up to twice that.
    let size = involved
        .iter()
        .zip(chosen)
        .map(|(inv, &c)| inv.choices[c].movers.len() + inv.choices[c].drops.len())
        .sum();
    let mut out = Vec::with_capacity(size);
    for (inv, &c) in involved.iter().zip(chosen) {
        let issue = &n.agenda.issues[inv.issue];
        let choice = &inv.choices[c];
        for &p in &choice.movers {
            let outcome = match choice.pick {
                Pick::Option(o) => OutcomeSet::option(issue.options.len(), o),
                Pick::Value(v) => OutcomeSet::value(v),
                Pick::Keep => continue,
            };
            out.push((
                p,
                inv.issue,
                DealChange {
                    party: &n.parties[p].id,
                    issue: &issue.id,
                    change: ChangeKind::Accept,
                    outcome: Outcomes::new(issue, outcome),
                    requirement_on: None,
                    unit: issue.unit.as_deref(),
                },
            ));
        }
        for &u in &choice.drops {
            let u = &unmet[u];
            let on = &n.agenda.issues[u.on];
            let outcome = Outcomes::new(on, u.outcome.clone());
            out.push((
                u.party,
                u.issue,
                DealChange {
                    party: &n.parties[u.party].id,
                    issue: &n.agenda.issues[u.issue].id,
                    change: ChangeKind::DropRequirement,
                    outcome,
                    requirement_on: Some(&on.id),
                    unit: on.unit.as_deref(),
                },
            ));
        }
    }
    // Party order is scope order: each party's place, looked up once.
    let mut rank = vec![usize::MAX; n.parties.len()];
    for (k, &p) in parties.iter().enumerate() {
        rank[p.get()] = k;
    }
    out.sort_by_key(|(p, i, c)| (rank[p.get()], *i, c.change == ChangeKind::DropRequirement));
    out.dedup_by(|a, b| {
        a.0 == b.0
            && a.1 == b.1
            && a.2.change == b.2.change
            && a.2.requirement_on == b.2.requirement_on
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Judgements, Table};
    use crate::load::{in_memory, load_folder};

    /// The shape that made the search exponential in issue 12: `issues`
    /// two-option conflicts among `parties`, every stance requiring the
    /// next issue to settle its way.
    fn circle(parties: usize, issues: usize) -> Negotiation {
        let mut agenda = String::from("negotiation: Circle\nissues:\n");
        for i in 0..issues {
            agenda.push_str(&format!(
                "  i{i:02}: {{title: I, kind: choice, options: {{a: A, b: B}}}}\n"
            ));
        }
        let files = (0..parties)
            .map(|p| {
                let mut file = format!("party: p{p:03}\nname: P\nstances:\n");
                for i in 0..issues {
                    let (mine, wants) = (["a", "b"][(p + i) % 2], ["a", "b"][(p + i + 1) % 2]);
                    let next = (i + 1) % issues;
                    file.push_str(&format!(
                        "  i{i:02}: {{accepts: [{mine}], note: n, requires: {{i{next:02}: {wants}}}}}\n"
                    ));
                }
                (format!("p{p:03}.yaml"), file.into_bytes())
            })
            .collect();
        load_folder(in_memory("circle", agenda.into_bytes(), files))
            .expect("the circle loads")
            .negotiation
    }

    fn deal_of(n: &Negotiation, budget: u64) -> Deal<'_> {
        let scope = Scope::all(n);
        let table = Table::new(n);
        let judgements = Judgements::new(&table, &scope.parties, true);
        deal_within(&Mediator::new(&judgements), &scope, budget)
    }

    /// The running tally is the cost worked out afresh, at every step of
    /// the search, wrapping issues included.
    #[test]
    fn the_tally_agrees_with_the_cost_at_every_step() {
        let n = circle(6, 6);
        let scope = Scope::all(&n);
        let table = Table::new(&n);
        let judgements = Judgements::new(&table, &scope.parties, true);
        let (unmet, involved) = problem(&Mediator::new(&judgements), &scope);
        let all: Vec<usize> = (0..involved.len()).collect();
        let mut index = vec![0; involved.len()];
        let mut tally = Tally::new(&involved, &unmet, &index);
        let mut steps = 0;
        loop {
            assert_eq!(
                tally.cost(),
                cost(&involved, &index, &unmet, &all),
                "{index:?}"
            );
            steps += 1;
            let Some(k) = (0..index.len())
                .rev()
                .find(|&k| index[k] + 1 < involved[k].choices.len())
            else {
                break;
            };
            for (wrap, choice) in index.iter_mut().enumerate().skip(k + 1) {
                tally.switch(wrap, *choice, 0);
                *choice = 0;
            }
            tally.switch(k, index[k], index[k] + 1);
            index[k] += 1;
        }
        assert_eq!(steps, 1 << 6);
    }

    /// With room, every combination is tried; without, the search stops
    /// at its budget, says so, and keeps a deal no worse than greedy.
    #[test]
    fn a_search_past_its_budget_is_cut_short_and_says_so() {
        let n = circle(6, 10);
        let full = deal_of(&n, u64::MAX);
        assert!(full.exact && !full.cut_short);
        assert_eq!(full.tried, 1 << 10);
        // Each step looks at one issue's drops and stances: a dozen or so.
        let budget = full.work / 10;
        let short = deal_of(&n, budget);
        assert!(!short.exact && short.cut_short);
        assert!(
            short.work > budget && short.work < budget + 100,
            "{}",
            short.work
        );
        assert!(short.tried < full.tried / 5);
        assert!(short.stances >= full.stances);
        let scope = Scope::all(&n);
        let table = Table::new(&n);
        let judgements = Judgements::new(&table, &scope.parties, true);
        let (unmet, involved) = problem(&Mediator::new(&judgements), &scope);
        let all: Vec<usize> = (0..involved.len()).collect();
        let greedy_cost = cost(&involved, &greedy(&involved), &unmet, &all);
        assert!(
            short.stances <= greedy_cost,
            "{} > {greedy_cost}",
            short.stances
        );
    }
}
