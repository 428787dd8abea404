//! The outcomes of a sequence issue: the orders of its steps that keep a
//! set of "before" constraints. A set of constraints stands for the set of
//! orders that keep every one of them, so the outcomes two parties share
//! are those of the union of their constraints, and that set is empty
//! exactly when the union has a cycle.
//!
//! Steps are numbered in agenda order; every tie is broken by that number.
//! Every question here is answered in time linear in the constraints (the
//! cycle check, the order), or in steps × constraints / 64 (the transitive
//! reduction, the implication test), never worse.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// "Before" constraints on the steps of one sequence issue: `(a, b)`, step
/// `a` comes before step `b`. Kept sorted and each once, with whether they
/// hold a cycle (worked out once: every zone asks).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Constraints {
    steps: u32,
    before: Vec<(u32, u32)>,
    cyclic: bool,
}

impl Constraints {
    /// `pairs` on an issue of `steps` steps.
    pub fn new(steps: usize, pairs: impl IntoIterator<Item = (usize, usize)>) -> Self {
        let mut before: Vec<(u32, u32)> = pairs
            .into_iter()
            .map(|(a, b)| (a as u32, b as u32))
            .collect();
        before.sort_unstable();
        before.dedup();
        let cyclic = topological(steps, &before).is_none();
        Constraints {
            steps: steps as u32,
            before,
            cyclic,
        }
    }

    /// No constraint: every order of the steps.
    pub fn none(steps: usize) -> Self {
        Constraints {
            steps: steps as u32,
            before: Vec::new(),
            cyclic: false,
        }
    }

    /// No order at all (the empty set of outcomes), whatever the steps.
    pub fn nothing(steps: usize) -> Self {
        Constraints {
            steps: steps as u32,
            before: Vec::new(),
            cyclic: true,
        }
    }

    /// The constraints of all of `sets` together, built at once: a zone
    /// of a thousand parties is one sort, not a thousand merges.
    pub fn union_of<'a>(steps: usize, sets: impl IntoIterator<Item = &'a Constraints>) -> Self {
        let mut cyclic = false;
        let mut pairs = Vec::new();
        for set in sets {
            cyclic |= set.cyclic;
            pairs.extend(set.pairs());
        }
        let mut all = Constraints::new(steps, pairs);
        all.cyclic |= cyclic;
        all
    }

    /// The constraints of both.
    pub fn union(&self, other: &Constraints) -> Self {
        Constraints::union_of(self.steps as usize, [self, other])
    }

    /// Whether no order keeps both sets: their union has a cycle. Asked for
    /// every pair of parties on every sequence (20,000 pairs at a
    /// conference), so up to 64 steps it is answered on the stack, one
    /// word of successors per step, without building the union.
    pub fn clashes_with(&self, other: &Constraints) -> bool {
        if self.cyclic || other.cyclic {
            return true;
        }
        let steps = self.steps as usize;
        if steps > 64 {
            return self.union(other).is_cyclic();
        }
        let mut next = [0u64; 64];
        for &(a, b) in self.before.iter().chain(&other.before) {
            next[a as usize] |= 1 << b;
        }
        // Peel off the steps nothing left comes before; a cycle is what
        // never peels.
        let mut left = if steps == 64 {
            u64::MAX
        } else {
            (1u64 << steps) - 1
        };
        while left != 0 {
            let mut after = 0u64;
            let mut rest = left;
            while rest != 0 {
                let a = rest.trailing_zeros() as usize;
                rest &= rest - 1;
                after |= next[a];
            }
            let free = left & !after;
            if free == 0 {
                return true;
            }
            left &= !free;
        }
        false
    }

    /// How many steps the issue has.
    pub fn steps(&self) -> usize {
        self.steps as usize
    }

    /// Every constraint, sorted by agenda order of `a`, then of `b`.
    pub fn pairs(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.before.iter().map(|&(a, b)| (a as usize, b as usize))
    }

    /// Whether no order keeps every constraint.
    pub fn is_cyclic(&self) -> bool {
        self.cyclic
    }

    /// Whether every order that keeps `self` keeps `other` too: each of
    /// `other`'s constraints follows from `self`'s. A cyclic set keeps no
    /// order, so it is within anything.
    pub fn implies(&self, other: &Constraints) -> bool {
        if self.cyclic {
            return true;
        }
        if other.cyclic {
            return false;
        }
        let reach = reachable(self.steps(), &self.before);
        other
            .before
            .iter()
            .all(|&(a, b)| reach[a as usize].contains(b as usize))
    }

    /// One order of every step that keeps the constraints, the steps
    /// earliest in the agenda first wherever the constraints leave a
    /// choice; `None` when there is a cycle.
    pub fn order(&self) -> Option<Vec<usize>> {
        if self.cyclic {
            return None;
        }
        topological(self.steps(), &self.before)
    }

    /// The fewest constraints that keep the same orders: none that follows
    /// from the others. Sorted as `pairs`; `None` when there is a cycle.
    pub fn reduced(&self) -> Option<Vec<(usize, usize)>> {
        if self.cyclic {
            return None;
        }
        let n = self.steps();
        let after = successors(n, &self.before);
        let reach = reachable(n, &self.before);
        let mut kept = Vec::new();
        for (a, next) in after.iter().enumerate() {
            for &b in next {
                // (a, b) follows from the others when some other step
                // after `a` reaches `b`.
                let implied = next.iter().any(|&c| c != b && reach[c].contains(b));
                if !implied {
                    kept.push((a, b));
                }
            }
        }
        kept.sort_unstable();
        Some(kept)
    }

    /// The steps of one cycle, in order, the first step the earliest in
    /// the agenda among them; `None` when there is none. For the error
    /// that names a party's self-contradicting chain.
    pub fn cycle(&self) -> Option<Vec<usize>> {
        find_cycle(self.steps(), &self.before)
    }
}

/// Each step's successors, in agenda order.
fn successors(n: usize, before: &[(u32, u32)]) -> Vec<Vec<usize>> {
    let mut after = vec![Vec::new(); n];
    for &(a, b) in before {
        if (a as usize) < n && (b as usize) < n {
            after[a as usize].push(b as usize);
        }
    }
    after
}

/// Kahn's algorithm with a min-heap: the topological order that takes the
/// earliest step in the agenda whenever several are free. `None` on a
/// cycle. O((steps + constraints) log steps).
fn topological(n: usize, before: &[(u32, u32)]) -> Option<Vec<usize>> {
    let after = successors(n, before);
    let mut ins = vec![0usize; n];
    for next in &after {
        for &b in next {
            ins[b] += 1;
        }
    }
    let mut free: BinaryHeap<Reverse<usize>> =
        (0..n).filter(|&s| ins[s] == 0).map(Reverse).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(Reverse(s)) = free.pop() {
        order.push(s);
        for &b in &after[s] {
            ins[b] -= 1;
            if ins[b] == 0 {
                free.push(Reverse(b));
            }
        }
    }
    (order.len() == n).then_some(order)
}

/// A cycle of the graph, found by an iterative depth-first search (no
/// recursion: a long chain must not overflow the stack). Linear.
fn find_cycle(n: usize, before: &[(u32, u32)]) -> Option<Vec<usize>> {
    const NEW: u8 = 0;
    const OPEN: u8 = 1;
    const DONE: u8 = 2;
    let after = successors(n, before);
    let mut state = vec![NEW; n];
    let mut path: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if state[root] != NEW {
            continue;
        }
        state[root] = OPEN;
        path.push((root, 0));
        while let Some(&mut (s, ref mut k)) = path.last_mut() {
            if let Some(&b) = after[s].get(*k) {
                *k += 1;
                match state[b] {
                    NEW => {
                        state[b] = OPEN;
                        path.push((b, 0));
                    }
                    OPEN => {
                        let from = path.iter().position(|&(p, _)| p == b).unwrap_or(0);
                        let mut cycle: Vec<usize> = path[from..].iter().map(|&(p, _)| p).collect();
                        let first = (0..cycle.len()).min_by_key(|&i| cycle[i]).unwrap_or(0);
                        cycle.rotate_left(first);
                        return Some(cycle);
                    }
                    _ => {}
                }
            } else {
                state[s] = DONE;
                path.pop();
            }
        }
    }
    None
}

/// A set of steps as bits.
#[derive(Clone)]
struct Bits(Vec<u64>);

impl Bits {
    fn new(n: usize) -> Self {
        Bits(vec![0; n.div_ceil(64)])
    }
    fn insert(&mut self, k: usize) {
        self.0[k / 64] |= 1 << (k % 64);
    }
    fn contains(&self, k: usize) -> bool {
        self.0.get(k / 64).is_some_and(|w| w & (1 << (k % 64)) != 0)
    }
    fn absorb(&mut self, other: &Bits) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= b;
        }
    }
}

/// For each step, the steps that must come after it (not itself), on an
/// acyclic set: each step's set from its successors', in reverse
/// topological order.
fn reachable(n: usize, before: &[(u32, u32)]) -> Vec<Bits> {
    let after = successors(n, before);
    let order = topological(n, before).unwrap_or_default();
    let mut reach = vec![Bits::new(n); n];
    for &s in order.iter().rev() {
        let mut mine = Bits::new(n);
        for &b in &after[s] {
            mine.insert(b);
            mine.absorb(&reach[b]);
        }
        reach[s] = mine;
    }
    reach
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word-per-step clash test answers as building the union does,
    /// on sets drawn from a fixed stream, at 3 to 70 steps (past 64 it
    /// builds the union itself).
    #[test]
    fn clashes_with_is_the_union_s_cycle() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut draw = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        let mut clashes = 0;
        for round in 0..2000 {
            let steps = [3, 5, 8, 63, 64, 70][round % 6];
            let mut set = |count| {
                let pairs: Vec<(usize, usize)> = (0..count)
                    .map(|_| (draw(steps) as usize, draw(steps) as usize))
                    .filter(|(a, b)| a != b)
                    .collect();
                // Each party's own set has no cycle, as `stance check` insists.
                let own = Constraints::new(steps as usize, pairs.clone());
                if own.is_cyclic() {
                    Constraints::new(
                        steps as usize,
                        pairs.into_iter().map(|(a, b)| (a.min(b), a.max(b))),
                    )
                } else {
                    own
                }
            };
            let (a, b) = (set(1 + round % 7), set(1 + round % 5));
            let expected = a.union(&b).is_cyclic();
            assert_eq!(a.clashes_with(&b), expected, "{a:?} {b:?}");
            clashes += usize::from(expected);
        }
        assert!(clashes > 100 && clashes < 1900, "{clashes} clashes");
    }

    /// A chain a < b < c with a shortcut a < c: the shortcut is reduced
    /// away, the order follows the chain, and a cycle closes it.
    #[test]
    fn chain_reduced_ordered_and_closed() {
        let set = Constraints::new(4, [(0, 1), (1, 2), (0, 2)]);
        assert!(!set.is_cyclic());
        assert_eq!(set.reduced(), Some(vec![(0, 1), (1, 2)]));
        assert_eq!(set.order(), Some(vec![0, 1, 2, 3]));
        let other = Constraints::new(4, [(2, 0)]);
        let both = set.union(&other);
        assert!(both.is_cyclic() && both.order().is_none() && both.reduced().is_none());
        assert_eq!(both.cycle(), Some(vec![0, 1, 2]));
        assert!(set.implies(&Constraints::new(4, [(0, 2)])));
        assert!(!set.implies(&Constraints::new(4, [(2, 3)])));
    }

    /// Ties go to the step earliest in the agenda: 3 before 1 leaves 0
    /// free first, then 2, then 3, then 1.
    #[test]
    fn ties_broken_by_agenda_order() {
        let set = Constraints::new(4, [(3, 1)]);
        assert_eq!(set.order(), Some(vec![0, 2, 3, 1]));
    }
}
