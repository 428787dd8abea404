//! The fewest changes that would turn every conflict and block in scope
//! into an overlap.
//!
//! Each issue that matters (a conflict or a block, and each issue a
//! requirement in their way needs settled otherwise, down the chain) gets
//! one outcome; every party with a position there that could not accept
//! it changes its stance to accept it; a party that accepts it only
//! through an alternative needs that alternative's conditions; and every
//! requirement the chosen outcomes leave unmet is dropped (a change of the
//! stance that holds it, or of the party's own `requires` or package).
//! Changes only widen what parties accept, so nothing new can conflict. A
//! conflict is settled on one of its bridging proposals; a block on an
//! outcome of its zone; an issue involved only through requirements may
//! also be left as it is, its requirements dropped. The outcomes are chosen
//! to change the fewest stances: by trying every combination when there
//! are at most `EXACT_LIMIT` and trying them fits in `WORK_BUDGET`, else
//! issue by issue (greedy); a search that runs out of budget keeps the
//! best it found, and the report says which of the three it was.

use super::Mediator;
use crate::engine::conditions::Place;
use crate::model::{IssueIndex, Kind, Negotiation, PartyIndex};
use crate::outcome::OutcomeSet;
use crate::report::{ChangeKind, Deal, DealChange, Origin, Outcomes, Verdict};
use crate::scope::Scope;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};

/// Combinations tried before falling back to the greedy answer.
pub const EXACT_LIMIT: usize = 65_536;

/// The work the search for the fewest changes may do: each unit is one
/// stance looked at while moving from one combination to the next (a
/// requirement dropped, restored, called on or let go, a stance whose
/// party starts or stops moving). Counted, not timed, so that the same
/// input always gives the same deal. Under a second on one core of the
/// machine `docs/limits.md` was measured on; a search that needs more is
/// cut short and keeps the cheapest combination it found.
pub const WORK_BUDGET: u64 = 200_000_000;

/// An outcome of one issue: an option, or a value of a range; or, for an
/// issue involved only through requirements, leaving it as it is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Pick {
    Option(usize),
    Value(f64),
    Keep,
}

/// What one change is a change of: a stance, a party-level requirement,
/// or a package. The deal counts each once.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Unit {
    Stance(PartyIndex, IssueIndex),
    PartyRequirement(PartyIndex, IssueIndex),
    Package(PartyIndex, u32),
}

/// A requirement unmet as things stand (the fixpoint), on the way to some
/// outcome the deal may choose.
struct Unmet<'a> {
    party: PartyIndex,
    /// The issue of the stance that holds it (`None`: the party's own).
    holder: Option<IssueIndex>,
    on: IssueIndex,
    outcome: &'a OutcomeSet,
    place: Place,
    unit: Unit,
    /// What dropping it weighs (`weight`), as its change's.
    weight: u64,
}

/// What a change costs the search: its salience above, one change below,
/// so that the least salience wins and, among equal salience, the fewest
/// changes (`docs/mediation.md`, "The deal"). Salience sums stay far below
/// 2^32 (100 per change).
fn weight(salience: u8) -> u64 {
    (u64::from(salience) << 32) | 1
}

/// The salience of what a change changes: a stance's own; for a
/// party-level requirement or a package, the most salient stance it
/// covers (dropping it changes each of them).
fn salience_of(n: &Negotiation, unit: Unit) -> u8 {
    let of = |p: PartyIndex, i: IssueIndex| {
        n.parties[p].stances[i]
            .as_ref()
            .filter(|s| s.has_position())
            .map(|s| s.salience_or_default())
    };
    match unit {
        Unit::Stance(p, i) => of(p, i).unwrap_or(crate::model::DEFAULT_SALIENCE),
        // A party's terms hold every stance but a sequence's (an order
        // takes no conditions), and not the one on the issue they name.
        Unit::PartyRequirement(p, on) => n
            .agenda
            .indices()
            .filter(|&i| i != on && n.agenda.issues[i].kind != crate::model::Kind::Sequence)
            .filter_map(|i| of(p, i))
            .max()
            .unwrap_or(crate::model::DEFAULT_SALIENCE),
        Unit::Package(p, k) => n.parties[p].packages[k as usize]
            .issues
            .iter()
            .filter_map(|&i| of(p, i))
            .max()
            .unwrap_or(crate::model::DEFAULT_SALIENCE),
    }
}

/// One way to settle an involved issue, with what it costs: the parties
/// that must accept the outcome, the unmet requirements on the way to it
/// (which then must be met or dropped), and those on this issue it leaves
/// unmet (indices into the unmet list).
#[derive(PartialEq)]
struct Choice {
    pick: Pick,
    movers: Vec<PartyIndex>,
    /// What the movers' changes weigh together (`weight`).
    mover_weight: u64,
    needs: Vec<usize>,
    drops: Vec<usize>,
}

struct Involved {
    issue: IssueIndex,
    /// The unmet requirements that every choice calls on: left out of
    /// each choice's `needs`, so the search does not let them go and call
    /// on them again at every step.
    always: Vec<usize>,
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
    let orders = super::sequence_bridge::deal_changes(j, scope)
        .into_iter()
        .map(|(p, i, c)| (Unit::Stance(p, i), c))
        .collect();
    let changes = changes(
        j.table.n,
        &scope.parties,
        &involved,
        &chosen,
        &unmet,
        orders,
    );
    let units: BTreeSet<Unit> = changes.iter().map(|(u, _)| *u).collect();
    Deal {
        exact: search.complete,
        cut_short: search.cut_short,
        tried: search.tried,
        work: search.work,
        stances: units.len(),
        salience: units
            .iter()
            .map(|&u| u64::from(salience_of(j.table.n, u)))
            .sum(),
        changes: changes.into_iter().map(|(_, c)| c).collect(),
    }
}

/// What the deal must settle: the conflicts and blocks in scope, and down
/// their chains every issue that an unmet requirement on the way names;
/// with the unmet requirements, and each involved issue's choices.
fn problem<'j>(j: &Mediator<'j, '_>, scope: &Scope) -> (Vec<Unmet<'j>>, Vec<Involved>) {
    let t: &'j crate::engine::Table<'_> = j.table;
    let c = &t.conditions;
    let issues = t.n.agenda.issues.len();
    let mut in_view = vec![false; issues];
    for &i in &scope.issues {
        in_view[i.get()] = true;
    }
    // The involved issues, found down the chains: each issue's unmet
    // requirements (of every way of every party) name the next.
    let mut involved: Vec<IssueIndex> = Vec::new();
    let mut seen = vec![false; issues];
    let mut unmet: Vec<Unmet<'j>> = Vec::new();
    let mut unmet_at: HashMap<u32, usize> = HashMap::new();
    let mut queue: Vec<IssueIndex> = scope
        .issues
        .iter()
        .copied()
        .filter(|&x| matches!(j.get(x).0.verdict, Verdict::Conflict | Verdict::Blocked))
        .collect();
    while let Some(x) = queue.pop() {
        if std::mem::replace(&mut seen[x.get()], true) {
            continue;
        }
        involved.push(x);
        for &p in &j.get(x).0.speakers {
            for k in ways_needs(j, p, x) {
                if unmet_at.contains_key(&k) || j.met(k) {
                    continue;
                }
                let need = &c.needs[k as usize];
                unmet_at.insert(k, unmet.len());
                let unit = match (need.place, need.holder) {
                    (Place::Package(k), _) => Unit::Package(need.party, k),
                    (Place::Party, _) | (_, None) => {
                        Unit::PartyRequirement(need.party, need.target)
                    }
                    (_, Some(h)) => Unit::Stance(need.party, h),
                };
                unmet.push(Unmet {
                    party: need.party,
                    holder: need.holder,
                    on: need.target,
                    outcome: &need.outcome,
                    place: need.place,
                    unit,
                    weight: weight(salience_of(t.n, unit)),
                });
                queue.push(need.target);
            }
        }
    }
    involved.sort_unstable();
    // The unmet requirements on each issue, gathered once rather than
    // searched for per issue: a conference has thousands of each.
    let mut unmet_on: Vec<Vec<usize>> = vec![Vec::new(); issues];
    for (u, req) in unmet.iter().enumerate() {
        unmet_on[req.on.get()].push(u);
    }
    // Each issue's choices are its own: worked out in parallel.
    let involved: Vec<Involved> = involved
        .par_iter()
        .map(|&y| {
            let mut choices = choices(
                j,
                in_view[y.get()],
                y,
                &unmet,
                &unmet_at,
                &unmet_on[y.get()],
            );
            let always: Vec<usize> = choices.first().map_or_else(Vec::new, |first| {
                first
                    .needs
                    .iter()
                    .copied()
                    .filter(|u| choices.iter().all(|c| c.needs.binary_search(u).is_ok()))
                    .collect()
            });
            for c in &mut choices {
                c.needs.retain(|u| always.binary_search(u).is_err());
            }
            Involved {
                issue: y,
                always,
                choices,
            }
        })
        .filter(|i| !i.choices.is_empty())
        .collect();
    (unmet, involved)
}

/// Every requirement of a party's stance on `issue`, of every way (base,
/// alternatives), as indices into the table's needs. A gap takes only the
/// alternatives' own.
fn ways_needs(j: &Mediator<'_, '_>, party: PartyIndex, issue: IssueIndex) -> Vec<u32> {
    let c = &j.table.conditions;
    let gap = j.get(issue).0.verdict == Verdict::Gap;
    let mut all: Vec<u32> = if gap {
        Vec::new()
    } else {
        c.common(party, issue).collect()
    };
    if let Some(cell) = c.cell(party, issue) {
        for a in c.alternatives_of(cell) {
            all.extend(a.needs.clone());
        }
    }
    all
}

/// The unmet requirements on the way to `pick` for every party with a
/// position on `y` (indices into the unmet list): a party that accepts it
/// through its base, or that must move to accept it, needs its stance's
/// common requirements; one that accepts it only through an alternative,
/// those and the alternative's own (the first alternative that holds it
/// with its own requirements met, else the first that holds it).
fn path(
    j: &Mediator<'_, '_>,
    y: IssueIndex,
    pick: Pick,
    unmet_at: &HashMap<u32, usize>,
) -> Vec<usize> {
    let c = &j.table.conditions;
    let gap = j.get(y).0.verdict == Verdict::Gap;
    let mut needs = Vec::new();
    let unmet = |k: u32| unmet_at.get(&k).copied();
    for &p in &j.get(y).0.speakers {
        if !gap {
            needs.extend(c.common(p, y).filter_map(unmet));
        }
        let Some(cell) = c.cell(p, y) else {
            continue;
        };
        let could = j.table.acceptable(p, y);
        if holds(&cell.base, pick) || !could.is_some_and(|a| holds(a, pick)) {
            continue;
        }
        let alternatives = c.alternatives_of(cell);
        let through = alternatives
            .iter()
            .find(|a| holds(&a.set, pick) && a.needs.clone().all(|k| unmet(k).is_none()))
            .or_else(|| alternatives.iter().find(|a| holds(&a.set, pick)));
        if let Some(a) = through {
            needs.extend(a.needs.clone().filter_map(unmet));
        }
    }
    needs.sort_unstable();
    needs.dedup();
    needs
}

/// Every way worth trying to settle an issue, with its cost worked out
/// once: the search then only adds them up. `in_view`: whether the issue
/// is among the report's (`--issues`); `on_y`: the unmet requirements on
/// it.
fn choices(
    j: &Mediator<'_, '_>,
    in_view: bool,
    y: IssueIndex,
    unmet: &[Unmet<'_>],
    unmet_at: &HashMap<u32, usize>,
    on_y: &[usize],
) -> Vec<Choice> {
    let t = j.table;
    let judged = &j.get(y).0;
    let mut picks = picks(j, y, unmet, on_y);
    // A conflict or a block in view must be settled; any other issue
    // matters only through the requirements on it, and may be left as it
    // is.
    let problem = matches!(judged.verdict, Verdict::Conflict | Verdict::Blocked);
    if !problem || !in_view {
        picks.push(Pick::Keep);
    }
    // Movers come in scope order, which is party-index order: `cost`
    // searches them by binary search.
    debug_assert!(judged.speakers.windows(2).all(|w| w[0] < w[1]));
    let mut out: Vec<Choice> = Vec::with_capacity(picks.len());
    for pick in picks {
        let movers: Vec<PartyIndex> = match pick {
            Pick::Keep => Vec::new(),
            _ => judged
                .speakers
                .iter()
                .copied()
                .filter(|&p| t.acceptable(p, y).is_some_and(|a| !holds(a, pick)))
                .collect(),
        };
        let choice = Choice {
            pick,
            mover_weight: movers
                .iter()
                .map(|&p| weight(salience_of(t.n, Unit::Stance(p, y))))
                .sum(),
            movers,
            needs: match pick {
                Pick::Keep => Vec::new(),
                _ => path(j, y, pick, unmet_at),
            },
            drops: on_y
                .iter()
                .copied()
                .filter(|&u| !meets(&unmet[u], pick))
                .collect(),
        };
        // Two outcomes that cost and settle the same are one choice: the
        // first, in agenda order.
        let same = |o: &Choice| {
            (&o.movers, &o.needs, &o.drops) == (&choice.movers, &choice.needs, &choice.drops)
        };
        if !out.iter().any(same) {
            out.push(choice);
        }
    }
    out
}

/// The outcomes worth trying on an issue: on a conflict, its bridging
/// proposals (the deal is about accepting those); on a block, the outcomes
/// of its zone; on any issue some unmet requirement names, the options
/// that meet one, or on a range the point of each nearest to the zone.
fn picks(j: &Mediator<'_, '_>, y: IssueIndex, unmet: &[Unmet<'_>], on_y: &[usize]) -> Vec<Pick> {
    let issue = &j.table.n.agenda.issues[y];
    let judged = &j.get(y).0;
    if judged.verdict == Verdict::Conflict {
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
    let blocked = judged.verdict == Verdict::Blocked;
    let wanted: Vec<&OutcomeSet> = on_y.iter().map(|&u| unmet[u].outcome).collect();
    if issue.kind != Kind::Range {
        return (0..issue.options.len())
            .filter(|&o| {
                (blocked && holds(&judged.zone, Pick::Option(o)))
                    || wanted.iter().any(|w| holds(w, Pick::Option(o)))
            })
            .map(Pick::Option)
            .collect();
    }
    let (low, high) = match &judged.zone {
        OutcomeSet::Range(Some(i)) => (i.min, i.max),
        _ => (None, None),
    };
    let mut values = Vec::new();
    let mut add = |v: f64| {
        if !values.contains(&Pick::Value(v)) {
            values.push(Pick::Value(v));
        }
    };
    if blocked {
        // A point of the zone reached by each way of each party: the base
        // and the alternatives may call on different conditions.
        let c = &j.table.conditions;
        for &p in &judged.speakers {
            let mut ways: Vec<OutcomeSet> = Vec::new();
            match c.cell(p, y) {
                Some(cell) => {
                    ways.push(cell.base.clone());
                    ways.extend(c.alternatives_of(cell).iter().map(|a| a.set.clone()));
                }
                None => ways.extend(j.table.acceptable(p, y).cloned()),
            }
            for way in ways {
                if let OutcomeSet::Range(Some(r)) = way.meet(&judged.zone) {
                    add(r.min.or(r.max).unwrap_or(0.0));
                }
            }
        }
    }
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
            add(v);
        }
    }
    values
}

/// Whether `set` holds the outcome picked.
fn holds(set: &OutcomeSet, pick: Pick) -> bool {
    match (set, pick) {
        (OutcomeSet::Options(set), Pick::Option(o)) => set.contains(o),
        (OutcomeSet::Range(Some(i)), Pick::Value(v)) => {
            i.min.is_none_or(|lo| v >= lo) && i.max.is_none_or(|hi| v <= hi)
        }
        _ => false,
    }
}

/// Whether the outcome picked meets an unmet requirement. A package asks
/// of each of its issues what its party could accept there: any outcome
/// the deal settles on does (the party accepts it, or moves to).
fn meets(u: &Unmet<'_>, pick: Pick) -> bool {
    match u.place {
        Place::Package(_) => pick != Pick::Keep,
        _ => holds(u.outcome, pick),
    }
}

/// The changes a combination makes: every mover's stance on its issue,
/// and the change holding each requirement it drops (a requirement is
/// dropped when some chosen outcome calls on it and the outcome chosen on
/// its issue does not meet it), each counted once, a stance not at all
/// for its dropped requirements when it already moves.
///
/// Counted over the issues at `positions` only: the search leaves out the
/// issues whose cost is the same in every combination it tries.
fn cost(involved: &[Involved], chosen: &[usize], unmet: &[Unmet], positions: &[usize]) -> u64 {
    let movers: u64 = positions
        .iter()
        .map(|&k| involved[k].choices[chosen[k]].mover_weight)
        .sum();
    let called: BTreeSet<usize> = (0..involved.len())
        .flat_map(|k| {
            let i = &involved[k];
            i.always.iter().chain(&i.choices[chosen[k]].needs).copied()
        })
        .collect();
    let mut dropped: Vec<(Unit, u64)> = Vec::new();
    for &k in positions {
        for &u in &involved[k].choices[chosen[k]].drops {
            if !called.contains(&u) {
                continue;
            }
            let unit = unmet[u].unit;
            // A stance that already changes to accept an outcome costs
            // nothing more for dropping its requirement too.
            // `involved` is in agenda order: found by binary search.
            let moving = match unit {
                Unit::Stance(party, issue) => involved
                    .binary_search_by_key(&issue, |j| j.issue)
                    .is_ok_and(|k| {
                        involved[k].choices[chosen[k]]
                            .movers
                            .binary_search(&party)
                            .is_ok()
                    }),
                _ => false,
            };
            if !moving {
                dropped.push((unit, unmet[u].weight));
            }
        }
    }
    // Counted once each: sorted rather than searched, as a conference
    // deal drops thousands.
    dropped.sort_unstable_by_key(|&(unit, _)| unit);
    dropped.dedup_by_key(|&mut (unit, _)| unit);
    movers + dropped.iter().map(|&(_, w)| w).sum::<u64>()
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
/// Only issues whose choices drop or call on a requirement, or that hold
/// a stance with an unmet requirement (whose move makes its drop free),
/// weigh on each other. Every other issue costs its own movers alone, so
/// its first cheapest choice is its part of the first cheapest
/// combination; the combinations are tried over the linked issues only.
/// (With hundreds of involved issues, trying all of them made this the
/// slowest step.)
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
        if let Some(h) = u.holder.and_then(|h| holds_unmet.get_mut(h.get())) {
            *h = true;
        }
    }
    let linked: Vec<usize> = (0..involved.len())
        .filter(|&k| {
            let i = &involved[k];
            i.choices
                .iter()
                .any(|c| !c.drops.is_empty() || !c.needs.is_empty())
                || !i.always.is_empty()
                || holds_unmet[i.issue.get()]
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
    let all: Vec<usize> = (0..involved.len()).collect();
    if searched.cut_short
        && cost(involved, &greedy, unmet, &all) < cost(involved, &best.1, unmet, &all)
    {
        best.1 = greedy;
    }
    (best.1, searched)
}

/// The cost of the current combination over the linked issues, kept up
/// to date as one issue's choice changes at a time: the search's step
/// then looks only at what that issue touches, not at every stance of
/// every issue (`cost`, which it agrees with).
struct Tally<'a> {
    involved: &'a [Involved],
    /// Each unmet requirement's change, numbered.
    unit_of: Vec<usize>,
    /// Per involved issue, the numbered stance changes held on it; and per
    /// choice of it, whether each of those stances' parties moves (worked
    /// out once: the search sets them at every step).
    on_issue: Vec<Vec<usize>>,
    moves: Vec<Vec<Vec<bool>>>,
    /// Per unmet requirement: how many chosen outcomes call on it, and
    /// whether the outcome chosen on its issue leaves it unmet.
    called: Vec<u32>,
    unmet_there: Vec<bool>,
    /// Per change: how many of its requirements are dropped, and whether
    /// its party moves on its issue (a stance's only).
    dropped: Vec<u32>,
    moving: Vec<bool>,
    /// Per change: what it weighs (`weight`).
    unit_weight: Vec<u64>,
    movers: u64,
    /// What the changes made only by dropping requirements weigh.
    charged: u64,
    /// What was looked at so far: the measure of the search's work.
    work: u64,
}

impl<'a> Tally<'a> {
    fn new(involved: &'a [Involved], unmet: &[Unmet], chosen: &[usize]) -> Self {
        let mut units: HashMap<Unit, usize> = HashMap::new();
        let mut on_issue = vec![Vec::new(); involved.len()];
        let mut unit_weight = Vec::new();
        let unit_of: Vec<usize> = unmet
            .iter()
            .map(|u| {
                let next = units.len();
                *units.entry(u.unit).or_insert_with(|| {
                    unit_weight.push(u.weight);
                    if let Unit::Stance(party, issue) = u.unit
                        // `involved` is in agenda order: found by binary
                        // search.
                        && let Ok(k) = involved.binary_search_by_key(&issue, |i| i.issue)
                    {
                        on_issue[k].push((next, party));
                    }
                    next
                })
            })
            .collect();
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
            unit_of,
            on_issue: on_issue
                .into_iter()
                .map(|on| on.into_iter().map(|(s, _)| s).collect())
                .collect(),
            moves,
            called: vec![0; unmet.len()],
            unmet_there: vec![false; unmet.len()],
            dropped: vec![0; units.len()],
            moving: vec![false; units.len()],
            unit_weight,
            movers: 0,
            charged: 0,
            work: 0,
        };
        for (k, &c) in chosen.iter().enumerate() {
            for &u in &involved[k].always {
                tally.set(u, |t| t.called[u] += 1);
            }
            tally.enter(k, c);
        }
        tally.work = 0;
        tally
    }

    fn cost(&self) -> u64 {
        self.movers + self.charged
    }

    /// What change `s` adds to the cost when `charged`.
    fn charge(&self, s: usize, charged: bool) -> u64 {
        if charged { self.unit_weight[s] } else { 0 }
    }

    fn is_charged(&self, s: usize) -> bool {
        self.dropped[s] > 0 && !self.moving[s]
    }

    fn is_dropped(&self, u: usize) -> bool {
        self.called[u] > 0 && self.unmet_there[u]
    }

    /// Requirement `u` is called on (`up`) or let go, or left unmet on its
    /// issue or met there, as `change` says; its change follows.
    fn set(&mut self, u: usize, change: impl FnOnce(&mut Self)) {
        let was = self.is_dropped(u);
        change(self);
        let now = self.is_dropped(u);
        if was != now {
            let s = self.unit_of[u];
            let charged = self.is_charged(s);
            if now {
                self.dropped[s] += 1;
            } else {
                self.dropped[s] -= 1;
            }
            self.charged =
                self.charged + self.charge(s, self.is_charged(s)) - self.charge(s, charged);
        }
    }

    /// Issue `k` goes from choice `from` to choice `to`.
    fn switch(&mut self, k: usize, from: usize, to: usize) {
        let old = &self.involved[k].choices[from];
        self.movers -= old.mover_weight;
        for &u in &old.drops {
            self.set(u, |t| t.unmet_there[u] = false);
        }
        for &u in &old.needs {
            self.set(u, |t| t.called[u] -= 1);
        }
        self.work += (old.drops.len() + old.needs.len()) as u64;
        self.enter(k, to);
    }

    /// Issue `k` takes choice `c`, having none before.
    fn enter(&mut self, k: usize, c: usize) {
        let choice = &self.involved[k].choices[c];
        self.movers += choice.mover_weight;
        for &u in &choice.drops {
            self.set(u, |t| t.unmet_there[u] = true);
        }
        for &u in &choice.needs {
            self.set(u, |t| t.called[u] += 1);
        }
        for (&s, &moves) in self.on_issue[k].iter().zip(&self.moves[k][c]) {
            let was = self.is_charged(s);
            self.moving[s] = moves;
            let now = self.is_charged(s);
            self.charged = self.charged + self.charge(s, now) - self.charge(s, was);
        }
        self.work += (choice.drops.len() + choice.needs.len() + self.on_issue[k].len()) as u64;
    }
}

/// Issue by issue, the choice cheapest for that issue alone.
fn greedy(involved: &[Involved]) -> Vec<usize> {
    involved
        .iter()
        .map(|i| {
            (0..i.choices.len())
                .min_by_key(|&c| {
                    let c = &i.choices[c];
                    c.mover_weight
                        + weight(crate::model::DEFAULT_SALIENCE)
                            * (c.drops.len() + c.needs.len()) as u64
                })
                .unwrap_or(0)
        })
        .collect()
}

/// The changes, in party order then agenda order (a party's own
/// requirements and packages after its stances), each with what it is a
/// change of.
fn changes<'n>(
    n: &'n Negotiation,
    parties: &[PartyIndex],
    involved: &[Involved],
    chosen: &[usize],
    unmet: &[Unmet<'_>],
    orders: Vec<(Unit, DealChange<'n>)>,
) -> Vec<(Unit, DealChange<'n>)> {
    let called: BTreeSet<usize> = involved
        .iter()
        .zip(chosen)
        .flat_map(|(inv, &c)| inv.always.iter().chain(&inv.choices[c].needs).copied())
        .collect();
    // Sized up front: at conference scale a deal has tens of thousands of
    // changes, and a doubling vector holds up to twice that.
    let size: usize = involved
        .iter()
        .zip(chosen)
        .map(|(inv, &c)| inv.choices[c].movers.len() + inv.choices[c].drops.len())
        .sum();
    let mut out = Vec::with_capacity(size + orders.len());
    out.extend(orders);
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
                Unit::Stance(p, inv.issue),
                DealChange {
                    party: &n.parties[p].id,
                    issue: Some(&issue.id),
                    change: ChangeKind::Accept,
                    outcome: Some(Outcomes::new(issue, outcome)),
                    requirement_on: None,
                    from: None,
                    alternative: None,
                    package: None,
                    unit: issue.unit.as_deref(),
                },
            ));
        }
        for &k in choice.drops.iter().filter(|u| called.contains(u)) {
            let u = &unmet[k];
            let on = &n.agenda.issues[u.on];
            let party = &n.parties[u.party];
            let (change, from, alternative, package) = match u.place {
                Place::Package(p) => (
                    ChangeKind::DropPackage,
                    None,
                    None,
                    Some(party.packages[p as usize].id.as_str()),
                ),
                Place::Party => (ChangeKind::DropRequirement, Some(Origin::Party), None, None),
                Place::Alternative(a) => (
                    ChangeKind::DropRequirement,
                    Some(Origin::Alternative),
                    Some(a as usize),
                    None,
                ),
                Place::Stance => (
                    ChangeKind::DropRequirement,
                    Some(Origin::Stance),
                    None,
                    None,
                ),
            };
            let package_change = change == ChangeKind::DropPackage;
            out.push((
                u.unit,
                DealChange {
                    party: &party.id,
                    issue: u.holder.map(|h| n.agenda.issues[h].id.as_str()),
                    change,
                    outcome: (!package_change).then(|| Outcomes::new(on, u.outcome.clone())),
                    requirement_on: (!package_change).then_some(on.id.as_str()),
                    from,
                    alternative,
                    package,
                    unit: if package_change {
                        None
                    } else {
                        on.unit.as_deref()
                    },
                },
            ));
        }
    }
    // Party order is scope order: each party's place, looked up once.
    let mut rank = vec![usize::MAX; n.parties.len()];
    for (k, &p) in parties.iter().enumerate() {
        rank[p.get()] = k;
    }
    let key = |(unit, c): &(Unit, DealChange<'_>)| {
        let (party, issue, own) = match *unit {
            Unit::Stance(p, i) => (p, i.get(), 0),
            Unit::PartyRequirement(p, i) => (p, i.get(), 1),
            Unit::Package(p, k) => (p, k as usize, 2),
        };
        (
            rank[party.get()],
            own,
            issue,
            c.change,
            c.from.map(|f| f as u8),
        )
    };
    sort_in_place(&mut out, key);
    out.dedup_by(|a, b| {
        a.0 == b.0
            && a.1.change == b.1.change
            && a.1.requirement_on == b.1.requirement_on
            && a.1.from == b.1.from
            && a.1.alternative == b.1.alternative
    });
    out
}

/// `v` sorted by `key`, equal keys kept in the order they came (as a
/// stable sort keeps them), without a stable sort's scratch copy: a
/// conference's deal is tens of thousands of changes, and the copy was
/// 8 MB at the moment memory peaks. The places are sorted (four bytes
/// each, the place itself breaking ties), then moved into place cycle by
/// cycle.
fn sort_in_place<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    let mut order: Vec<u32> = (0..v.len() as u32).collect();
    order.sort_unstable_by(|&a, &b| {
        key(&v[a as usize])
            .cmp(&key(&v[b as usize]))
            .then(a.cmp(&b))
    });
    // `order[k]` is where the item to go to `k` is now: follow each cycle
    // once, marking each place done as it fills.
    for start in 0..order.len() {
        let mut at = start;
        while order[at] as usize != start {
            let from = order[at] as usize;
            v.swap(at, from);
            order[at] = at as u32;
            at = from;
        }
        order[at] = at as u32;
    }
}

#[cfg(test)]
mod tests {

    /// The in-place sort keeps equal keys in the order they came, as the
    /// stable sort it replaces did, on lists drawn from a fixed stream.
    #[test]
    fn sorting_in_place_is_a_stable_sort() {
        let mut state = 7u64;
        for len in [0usize, 1, 2, 3, 10, 100, 1000] {
            let v: Vec<(u8, usize)> = (0..len)
                .map(|k| {
                    state = state
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((state >> 60) as u8, k)
                })
                .collect();
            let mut stable = v.clone();
            stable.sort_by_key(|x| x.0);
            let mut ours = v;
            sort_in_place(&mut ours, |x| x.0);
            assert_eq!(ours, stable, "{len}");
        }
    }

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
        // The cost is the salience above, the count of changes below.
        let short_cost = (short.salience << 32) | short.stances as u64;
        assert!(short_cost <= greedy_cost, "{short_cost} > {greedy_cost}");
    }
}
