//! The bridge on a sequence conflict: the fewest (party, constraint)
//! entries whose removal leaves the deciders' constraints without a cycle.
//!
//! A constraint several parties hold is gone only when every one of them
//! drops it, so each constraint weighs as many entries as it has holders,
//! and the bridge is a minimum weighted feedback arc set: hard in general.
//! It is searched exactly, by branching on the edges of one cycle at a time
//! (each branch keeps the edges of the branches before it, so every set is
//! tried once) and bounding by the best found, within `WORK_BUDGET`; past
//! it, the best set found is kept (at the start, a greedy one: on each
//! cycle drop its lightest constraint, then put back every dropped one
//! that makes no cycle) and the report says the budget was hit. Among
//! sets of the same size, the first by party order, then by agenda order
//! of the steps (the sorted entry lists compared in order).

use crate::engine::Table;
use crate::model::{IssueIndex, Kind, PartyIndex};
use crate::outcome::{Constraints, OutcomeSet};
use crate::report::{Bridge, ChangeKind, DealChange, DroppedOrder, OrderBridge, Outcomes, Verdict};

/// The bridge on a sequence conflict among `parties` (in scope, report
/// order): the drops among those with a position.
pub fn bridge<'n>(t: &Table<'n>, issue: IssueIndex, parties: &[PartyIndex]) -> Bridge<'n> {
    let n = t.n;
    let held: Vec<(usize, Vec<(usize, usize)>)> = parties
        .iter()
        .enumerate()
        .filter_map(|(k, &p)| match t.acceptable(p, issue) {
            Some(OutcomeSet::Order(set)) => Some((k, set.pairs().collect())),
            _ => None,
        })
        .collect();
    let on = &n.agenda.issues[issue];
    let steps = on.options.len();
    let found = drops(steps, &held, WORK_BUDGET);
    let step = |s: usize| on.options[s].id.as_str();
    let gone: Vec<(usize, usize)> = found.entries.iter().map(|&(_, a, b)| (a, b)).collect();
    let kept = Constraints::new(
        steps,
        held.iter()
            .flat_map(|(_, pairs)| pairs.iter().copied())
            .filter(|pair| !gone.contains(pair)),
    );
    let mut disputed: Vec<usize> = gone.iter().flat_map(|&(a, b)| [a, b]).collect();
    disputed.sort_unstable();
    disputed.dedup();
    let party = |k: usize| n.parties[parties[k]].id.as_str();
    Bridge {
        distance: None,
        proposals: Vec::new(),
        order: Some(OrderBridge {
            drop: found
                .entries
                .iter()
                .map(|&(k, a, b)| DroppedOrder {
                    party: party(k),
                    before: [step(a), step(b)],
                })
                .collect(),
            exact: found.exact,
            order: kept
                .order()
                .unwrap_or_default()
                .into_iter()
                .map(step)
                .collect(),
            disputed: disputed.into_iter().map(step).collect(),
        }),
    }
}

/// What the deal asks on each sequence conflict in scope: each party of
/// its bridge drops its constraints there (one change of its stance).
pub fn deal_changes<'n>(
    j: &super::Mediator<'_, 'n>,
    scope: &crate::scope::Scope,
) -> Vec<(PartyIndex, IssueIndex, DealChange<'n>)> {
    let n = j.table.n;
    let mut out = Vec::new();
    for &i in &scope.issues {
        let issue = &n.agenda.issues[i];
        if issue.kind != Kind::Sequence || j.get(i).0.verdict != Verdict::Conflict {
            continue;
        }
        let Some(order) = &j.bridge(i).order else {
            continue;
        };
        for &p in &scope.parties {
            let id = n.parties[p].id.as_str();
            let pairs: Vec<(usize, usize)> = order
                .drop
                .iter()
                .filter(|d| d.party == id)
                .filter_map(|d| {
                    Some((
                        issue.option_index(d.before[0])?,
                        issue.option_index(d.before[1])?,
                    ))
                })
                .collect();
            if pairs.is_empty() {
                continue;
            }
            let dropped = OutcomeSet::Order(Constraints::new(issue.options.len(), pairs));
            out.push((
                p,
                i,
                DealChange {
                    party: id,
                    issue: Some(&issue.id),
                    change: ChangeKind::DropOrder,
                    outcome: Some(Outcomes::new(issue, dropped)),
                    requirement_on: None,
                    from: None,
                    alternative: None,
                    package: None,
                    unit: None,
                },
            ));
        }
    }
    out
}

/// The work the exact search may do: one unit per step or constraint
/// visited while looking for a cycle. Counted, not timed, so that the same
/// input always gives the same bridge; well under a second.
pub const WORK_BUDGET: u64 = 20_000_000;

/// One entry to drop: (the party's place among the holders' parties, the
/// first step, the second step).
pub type Entry = (usize, usize, usize);

/// What the search found.
#[derive(Debug, PartialEq, Eq)]
pub struct Drops {
    /// The entries, sorted: party place, then steps in agenda order.
    pub entries: Vec<Entry>,
    /// Whether the search finished within its budget (the set is then the
    /// fewest, and the first among ties).
    pub exact: bool,
}

/// The drops that leave no cycle among `held`: each party's constraints
/// (its place in report order, its pairs), on an issue of `steps` steps.
pub fn drops(steps: usize, held: &[(usize, Vec<(usize, usize)>)], budget: u64) -> Drops {
    let mut edges: Vec<((usize, usize), Vec<usize>)> = Vec::new();
    let mut all: Vec<((usize, usize), usize)> = held
        .iter()
        .flat_map(|(party, pairs)| pairs.iter().map(move |&p| (p, *party)))
        .collect();
    all.sort_unstable();
    all.dedup();
    for (pair, party) in all {
        match edges.last_mut() {
            Some((last, holders)) if *last == pair => holders.push(party),
            _ => edges.push((pair, vec![party])),
        }
    }
    let mut s = Search {
        graph: Graph::new(steps, edges.iter().map(|(p, _)| *p).collect()),
        weight: edges.iter().map(|(_, h)| h.len()).collect(),
        entries: edges
            .iter()
            .map(|((a, b), h)| h.iter().map(|&p| (p, *a, *b)).collect())
            .collect(),
        dropped: vec![false; edges.len()],
        kept: vec![false; edges.len()],
        cost: 0,
        best_cost: usize::MAX,
        best: Vec::new(),
        work: 0,
        budget,
        cut: false,
    };
    s.greedy();
    s.dropped.iter_mut().for_each(|d| *d = false);
    s.cost = 0;
    s.branch();
    Drops {
        entries: s.best,
        exact: !s.cut,
    }
}

/// The union of the constraints: steps, and each distinct constraint as
/// an edge, with each step's outgoing edges in agenda order.
struct Graph {
    steps: usize,
    pairs: Vec<(usize, usize)>,
    out: Vec<Vec<usize>>,
}

impl Graph {
    fn new(steps: usize, pairs: Vec<(usize, usize)>) -> Self {
        let mut out = vec![Vec::new(); steps];
        for (e, &(a, _)) in pairs.iter().enumerate() {
            out[a].push(e);
        }
        Graph { steps, pairs, out }
    }

    /// The edges of one cycle among those not `dropped`, found by an
    /// iterative depth-first search from the earliest step; none when
    /// there is no cycle. Linear in steps and edges.
    fn cycle(&self, dropped: &[bool]) -> Option<Vec<usize>> {
        const NEW: u8 = 0;
        const OPEN: u8 = 1;
        const DONE: u8 = 2;
        let mut state = vec![NEW; self.steps];
        // (step, next outgoing edge to look at, edge that led here)
        let mut path: Vec<(usize, usize, usize)> = Vec::new();
        for root in 0..self.steps {
            if state[root] != NEW {
                continue;
            }
            state[root] = OPEN;
            path.push((root, 0, usize::MAX));
            while let Some(top) = path.last_mut() {
                let (s, k) = (top.0, top.1);
                let Some(&e) = self.out[s].get(k) else {
                    state[s] = DONE;
                    path.pop();
                    continue;
                };
                top.1 += 1;
                if dropped[e] {
                    continue;
                }
                let b = self.pairs[e].1;
                match state[b] {
                    NEW => {
                        state[b] = OPEN;
                        path.push((b, 0, e));
                    }
                    OPEN => {
                        let from = path.iter().position(|&(p, _, _)| p == b).unwrap_or(0);
                        let mut cycle: Vec<usize> = path[from + 1..].iter().map(|t| t.2).collect();
                        cycle.push(e);
                        return Some(cycle);
                    }
                    _ => {}
                }
            }
        }
        None
    }
}

struct Search {
    graph: Graph,
    weight: Vec<usize>,
    /// Each edge's entries: one per party holding it, sorted.
    entries: Vec<Vec<Entry>>,
    dropped: Vec<bool>,
    /// Edges a branch has decided to keep.
    kept: Vec<bool>,
    cost: usize,
    best_cost: usize,
    best: Vec<Entry>,
    work: u64,
    budget: u64,
    cut: bool,
}

impl Search {
    fn find_cycle(&mut self) -> Option<Vec<usize>> {
        self.work += (self.graph.steps + self.graph.pairs.len()) as u64;
        self.graph.cycle(&self.dropped)
    }

    /// The entries of the edges dropped now, sorted.
    fn dropped_entries(&self) -> Vec<Entry> {
        let mut out: Vec<Entry> = self
            .dropped
            .iter()
            .enumerate()
            .filter(|(_, d)| **d)
            .flat_map(|(e, _)| self.entries[e].iter().copied())
            .collect();
        out.sort_unstable();
        out
    }

    fn offer(&mut self) {
        let entries = self.dropped_entries();
        if self.cost < self.best_cost || (self.cost == self.best_cost && entries < self.best) {
            self.best_cost = self.cost;
            self.best = entries;
        }
    }

    /// The greedy start: on each cycle, drop its lightest edge (the first
    /// by entries among ties); then put back, last dropped first, each
    /// edge whose return makes no cycle. Polynomial, and never past the
    /// budget's spirit: at most one cycle search per edge, twice.
    fn greedy(&mut self) {
        let mut order = Vec::new();
        while let Some(cycle) = self.graph.cycle(&self.dropped) {
            let Some(&e) = cycle.iter().min_by(|&&x, &&y| {
                (self.weight[x], &self.entries[x]).cmp(&(self.weight[y], &self.entries[y]))
            }) else {
                break;
            };
            self.dropped[e] = true;
            self.cost += self.weight[e];
            order.push(e);
        }
        for &e in order.iter().rev() {
            self.dropped[e] = false;
            if self.graph.cycle(&self.dropped).is_some() {
                self.dropped[e] = true;
            } else {
                self.cost -= self.weight[e];
            }
        }
        self.offer();
    }

    /// Every set of cost at most the best found that breaks every cycle:
    /// some edge of any cycle must go, so branch on each edge of one.
    fn branch(&mut self) {
        if self.work > self.budget {
            self.cut = true;
            return;
        }
        let Some(cycle) = self.find_cycle() else {
            self.offer();
            return;
        };
        let mut free: Vec<usize> = cycle.into_iter().filter(|&e| !self.kept[e]).collect();
        // Try the edges in entry order, so that among ties the first set
        // tends to be found first and the bound bites sooner.
        free.sort_by(|&x, &y| self.entries[x].cmp(&self.entries[y]));
        let mut newly_kept = Vec::new();
        for e in free {
            if self.cost + self.weight[e] <= self.best_cost {
                self.dropped[e] = true;
                self.cost += self.weight[e];
                self.branch();
                self.cost -= self.weight[e];
                self.dropped[e] = false;
            }
            self.kept[e] = true;
            newly_kept.push(e);
            if self.cut {
                break;
            }
        }
        for e in newly_kept {
            self.kept[e] = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two parties, a before b and b before a: one entry goes, the first
    /// party's (party order breaks the tie).
    #[test]
    fn a_two_party_cycle_drops_the_first_partys_entry() {
        let d = drops(2, &[(0, vec![(0, 1)]), (1, vec![(1, 0)])], WORK_BUDGET);
        assert_eq!(d.entries, vec![(0, 0, 1)]);
        assert!(d.exact);
    }

    /// A constraint two parties hold weighs two: the single entry of the
    /// third party goes instead.
    #[test]
    fn a_shared_constraint_weighs_its_holders() {
        let d = drops(
            2,
            &[(0, vec![(0, 1)]), (1, vec![(0, 1)]), (2, vec![(1, 0)])],
            WORK_BUDGET,
        );
        assert_eq!(d.entries, vec![(2, 1, 0)]);
    }

    /// With no budget at all, the greedy answer is kept, still breaks
    /// every cycle, and says it is not exact.
    #[test]
    fn past_the_budget_the_greedy_answer_stands() {
        let held = [(0, vec![(0, 1), (1, 2)]), (1, vec![(2, 0)])];
        let d = drops(3, &held, 0);
        assert!(!d.exact);
        assert_eq!(d.entries.len(), 1);
    }
}
