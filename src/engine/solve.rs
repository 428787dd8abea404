//! The verdicts as the greatest fixpoint of the requirements
//! (`docs/design.md`, "Conditions"): start with every requirement met,
//! and take away what each unmet one takes away until nothing changes.
//!
//! Every change only takes away: an unmet requirement empties its stance
//! (so the issue, when it is not a gap), an alternative's drops that
//! alternative, a party's or a package's empties the stances it covers.
//! So the available outcomes of an issue only shrink, a requirement met
//! before may fail, never the reverse, and the work is bounded: each
//! requirement fails at most once, and is looked at again only when the
//! issue it names loses outcomes (a worklist of such issues), never by
//! judging every issue again in rounds.

use super::conditions::{Conditions, Effect};
use super::deciders::Deciders;
use super::table::Table;
use crate::model::{IssueIndex, PartyIndex};
use crate::outcome::OutcomeSet;

/// What an issue is, before any requirement: it does not change in the
/// fixpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// Fewer than two deciders with a position.
    Gap,
    /// Two or more, and nothing all of them could accept.
    Conflict,
    /// Two or more, and a zone: overlap or blocked, by what is available.
    Live,
}

/// Where a fixpoint is worked out.
pub struct World<'a> {
    /// The deciding parties, in report order: the parties in scope, or the
    /// two of a pair.
    pub parties: &'a [PartyIndex],
    /// The issues worked out, in agenda order; `None`: every issue. A
    /// subset must hold every issue that a requirement of its parties'
    /// stances on it names.
    pub issues: Option<&'a [IssueIndex]>,
    /// Whether a requirement on a gap counts as unmet (`contingent`).
    pub pessimistic: bool,
    /// Who decides each issue among `parties`; `None`: every one of them
    /// decides every issue (a pair, which ignores roles).
    pub deciders: Option<&'a Deciders>,
}

impl World<'_> {
    /// The parties that decide `issue`, in report order: its `decided_by`
    /// in scope, else the principals in scope; both of a pair.
    pub fn deciders(&self, issue: IssueIndex) -> &[PartyIndex] {
        match self.deciders {
            Some(d) => d.of(issue),
            None => self.parties,
        }
    }

    /// Whether `party`, of the world, decides `issue`: only a decider's
    /// requirements take anything away there.
    fn decides(&self, party: PartyIndex, issue: IssueIndex) -> bool {
        self.deciders.is_none_or(|d| d.decides(party, issue))
    }

    fn is_gap(&self, issue: IssueIndex, speakers: usize) -> bool {
        match self.deciders {
            Some(d) => d.is_gap(issue, speakers),
            None => speakers < 2,
        }
    }
}

/// The fixpoint: each issue's state, zone and available outcomes.
pub struct Solution {
    /// The issues worked out; empty for every issue.
    issues: Vec<IssueIndex>,
    pub pessimistic: bool,
    state: Vec<State>,
    zone: Vec<OutcomeSet>,
    avail: Vec<OutcomeSet>,
    /// Per issue, the deciders with a position, when they were kept.
    speakers: Vec<Vec<PartyIndex>>,
    /// Each party-level `requires` of a decider: the issues whose
    /// requirement failed (the first two: from two on, every stance of the
    /// party accepts nothing).
    party_failed: Vec<(PartyIndex, Vec<IssueIndex>)>,
}

impl Solution {
    fn slot(&self, issue: IssueIndex) -> usize {
        if self.issues.is_empty() {
            issue.get()
        } else {
            self.issues
                .binary_search(&issue)
                .expect("an issue of the world")
        }
    }

    /// Whether the issue was worked out.
    pub fn has(&self, issue: IssueIndex) -> bool {
        self.issues.is_empty() || self.issues.binary_search(&issue).is_ok()
    }

    pub fn state(&self, issue: IssueIndex) -> State {
        self.state[self.slot(issue)]
    }

    pub fn zone(&self, issue: IssueIndex) -> &OutcomeSet {
        &self.zone[self.slot(issue)]
    }

    /// What could be agreed now: the zone's outcomes that every decider
    /// with a position accepts through a way whose requirements are met.
    pub fn available(&self, issue: IssueIndex) -> &OutcomeSet {
        &self.avail[self.slot(issue)]
    }

    /// The deciders with a position, when kept (`solve`'s `speakers`).
    pub fn speakers(&self, issue: IssueIndex) -> &[PartyIndex] {
        self.speakers
            .get(self.slot(issue))
            .map_or(&[][..], Vec::as_slice)
    }

    /// Whether a requirement on `target` asking for `outcome` is met.
    pub fn meets(&self, target: IssueIndex, outcome: &OutcomeSet) -> bool {
        let s = self.slot(target);
        !(self.pessimistic && self.state[s] == State::Gap) && outcome.meets(&self.avail[s])
    }

    /// Whether the party-level requirements of `party` hold for its stance
    /// on `issue` (those on `issue` itself do not apply to it).
    pub fn party_holds(&self, party: PartyIndex, issue: IssueIndex) -> bool {
        self.party_failed
            .iter()
            .find(|(p, _)| *p == party)
            .is_none_or(|(_, failed)| failed.iter().all(|&f| f == issue))
    }
}

/// Works out the fixpoint over `world`. `keep_speakers`: whether the
/// solution keeps each issue's deciders with a position.
pub fn solve(t: &Table<'_>, c: &Conditions, world: &World<'_>, keep_speakers: bool) -> Solution {
    let n = t.n;
    let count = world.issues.map_or(n.agenda.issues.len(), <[_]>::len);
    let at = |k: usize| world.issues.map_or(IssueIndex::new(k), |issues| issues[k]);
    let mut solution = Solution {
        issues: world.issues.map_or_else(Vec::new, <[_]>::to_vec),
        pessimistic: world.pessimistic,
        state: Vec::with_capacity(count),
        zone: Vec::with_capacity(count),
        avail: Vec::with_capacity(count),
        speakers: Vec::new(),
        party_failed: Vec::new(),
    };
    // One list of speakers for every issue, unless they are kept: the
    // pairs' table works out tens of thousands of small fixpoints.
    let mut speakers = Vec::with_capacity(world.parties.len());
    for k in 0..count {
        let issue = at(k);
        speakers.clear();
        speakers.extend(t.speaking(issue, world.deciders(issue)));
        let zone = t.zone(issue, &speakers);
        let state = if world.is_gap(issue, speakers.len()) {
            State::Gap
        } else if zone.is_empty() {
            State::Conflict
        } else {
            State::Live
        };
        solution.state.push(state);
        solution.avail.push(zone.clone());
        solution.zone.push(zone);
        if keep_speakers {
            solution.speakers.push(speakers.clone());
        }
    }
    if c.is_empty() {
        return solution;
    }
    Fixpoint::new(t, c, world, solution).run()
}

/// The working state of one fixpoint.
struct Fixpoint<'a, 'n> {
    t: &'a Table<'n>,
    c: &'a Conditions,
    world: &'a World<'a>,
    s: Solution,
    /// The needs of the world's parties that apply in it, as indices into
    /// `c.needs`, and whether each has failed.
    needs: Vec<u32>,
    failed: Vec<bool>,
    /// Per issue worked out, the needs (indices into `needs`) naming it.
    watch_start: Vec<u32>,
    watchers: Vec<u32>,
    /// Per alternative of the world's parties (`alternative_slot`), whether
    /// it is still accepted.
    alive: Vec<bool>,
    alternative_base: Vec<(u32, u32)>,
    /// Per group of the world's parties, the issues of its failed needs.
    group_failed: Vec<Vec<IssueIndex>>,
    group_base: Vec<(u32, u32)>,
    queue: Vec<u32>,
    queued: Vec<bool>,
    /// Each party's place among the deciders, for a world of many.
    decider_at: Vec<u32>,
}

impl<'a, 'n> Fixpoint<'a, 'n> {
    fn new(t: &'a Table<'n>, c: &'a Conditions, world: &'a World<'a>, s: Solution) -> Self {
        let count = s.state.len();
        let mut needs = Vec::new();
        let mut alternative_base = Vec::with_capacity(world.parties.len());
        let mut group_base = Vec::with_capacity(world.parties.len());
        let (mut alternatives, mut groups) = (0u32, 0u32);
        for &p in world.parties {
            let pc = &c.parties[p.get()];
            alternative_base.push((pc.alternatives.start, alternatives));
            alternatives += pc.alternatives.len() as u32;
            group_base.push((pc.groups.start, groups));
            groups += pc.groups.len() as u32;
            for k in pc.needs.clone() {
                let holder = match c.needs[k as usize].effect {
                    Effect::Cell(cell) => Some(c.cells[cell as usize].issue),
                    Effect::Alternative(a) => {
                        Some(c.cells[c.alternatives[a as usize].cell as usize].issue)
                    }
                    Effect::Group(_) => None,
                };
                // A party's requirements on an issue it does not decide
                // take nothing away there.
                if holder.is_none_or(|i| s.has(i) && world.decides(p, i)) {
                    needs.push(k);
                }
            }
        }
        // The needs naming each issue, gathered by counting.
        let mut watch_start = vec![0u32; count + 1];
        for &k in &needs {
            watch_start[s.slot(c.needs[k as usize].target) + 1] += 1;
        }
        for k in 0..count {
            watch_start[k + 1] += watch_start[k];
        }
        let mut fill = watch_start.clone();
        let mut watchers = vec![0u32; needs.len()];
        for (w, &k) in needs.iter().enumerate() {
            let slot = s.slot(c.needs[k as usize].target);
            watchers[fill[slot] as usize] = w as u32;
            fill[slot] += 1;
        }
        Fixpoint {
            t,
            c,
            world,
            failed: vec![false; needs.len()],
            needs,
            watch_start,
            watchers,
            alive: vec![true; alternatives as usize],
            alternative_base,
            group_failed: vec![Vec::new(); groups as usize],
            group_base,
            queue: Vec::new(),
            queued: vec![false; count],
            decider_at: if world.parties.len() > 8 {
                let mut at = vec![u32::MAX; t.n.parties.len()];
                for (d, p) in world.parties.iter().enumerate() {
                    at[p.get()] = d as u32;
                }
                at
            } else {
                Vec::new()
            },
            s,
        }
    }

    fn run(mut self) -> Solution {
        for w in 0..self.needs.len() {
            self.check(w);
        }
        while let Some(slot) = self.queue.pop() {
            self.queued[slot as usize] = false;
            let (start, end) = (
                self.watch_start[slot as usize],
                self.watch_start[slot as usize + 1],
            );
            for k in start..end {
                let w = self.watchers[k as usize] as usize;
                self.check(w);
            }
        }
        // What the pairs' table needs of each party-level `requires`.
        for (d, &p) in self.world.parties.iter().enumerate() {
            let (first, base) = self.group_base[d];
            for g in self.c.parties[p.get()].groups.clone() {
                if self.c.groups[g as usize].members.is_none() {
                    let failed = &self.group_failed[(base + g - first) as usize];
                    if !failed.is_empty() {
                        self.s.party_failed.push((p, failed.clone()));
                    }
                }
            }
        }
        self.s
    }

    fn decider(&self, party: PartyIndex) -> usize {
        if !self.decider_at.is_empty() {
            return self.decider_at[party.get()] as usize;
        }
        self.world
            .parties
            .iter()
            .position(|&p| p == party)
            .expect("a need of a deciding party")
    }

    /// Looks at one need again, and takes away what it takes away when it
    /// has just failed.
    fn check(&mut self, w: usize) {
        if self.failed[w] {
            return;
        }
        let c = self.c;
        let need = &c.needs[self.needs[w] as usize];
        if self.s.meets(need.target, &need.outcome) {
            return;
        }
        self.failed[w] = true;
        match need.effect {
            Effect::Cell(cell) => {
                let issue = self.c.cells[cell as usize].issue;
                self.empty(issue);
            }
            Effect::Alternative(a) => self.drop_alternative(a),
            Effect::Group(g) => self.fail_group(g, need.party, need.target),
        }
    }

    /// A stance on `issue` accepts nothing: nothing is available there,
    /// unless it is a gap (which takes no stance's requirements).
    fn empty(&mut self, issue: IssueIndex) {
        let slot = self.s.slot(issue);
        if self.s.state[slot] == State::Live && !self.s.avail[slot].is_empty() {
            self.s.avail[slot] = self.s.avail[slot].emptied();
            self.push(slot);
        }
    }

    fn push(&mut self, slot: usize) {
        if !self.queued[slot] {
            self.queued[slot] = true;
            self.queue.push(slot as u32);
        }
    }

    fn alternative_slot(&self, a: u32) -> usize {
        let party = self.c.cells[self.c.alternatives[a as usize].cell as usize].party;
        let (first, base) = self.alternative_base[self.decider(party)];
        (base + a - first) as usize
    }

    fn drop_alternative(&mut self, a: u32) {
        let slot = self.alternative_slot(a);
        if !self.alive[slot] {
            return;
        }
        self.alive[slot] = false;
        let c = self.c;
        let cell = &c.cells[c.alternatives[a as usize].cell as usize];
        let at = self.s.slot(cell.issue);
        if self.s.state[at] == State::Conflict || self.s.avail[at].is_empty() {
            return;
        }
        // What the stance accepts now: its base, and each alternative
        // still accepted. (When its common requirements failed, the issue
        // has nothing available already, or is a gap, which takes none.)
        let first = self.alternative_slot(cell.alternatives.start);
        let mut accepts = cell.base.clone();
        for (k, alternative) in c.alternatives_of(cell).iter().enumerate() {
            if self.alive[first + k] {
                accepts = accepts.join(&alternative.set);
            }
        }
        let now = self.s.avail[at].meet(&accepts);
        if now != self.s.avail[at] {
            self.s.avail[at] = now;
            self.push(at);
        }
    }

    /// A need of a party's `requires` or of a package failed: every stance
    /// it covers but the one on `target` accepts nothing; from a second
    /// failed need, that one too.
    fn fail_group(&mut self, g: u32, party: PartyIndex, target: IssueIndex) {
        let (first, base) = self.group_base[self.decider(party)];
        let slot = (base + g - first) as usize;
        let failed = &mut self.group_failed[slot];
        if failed.len() >= 2 || failed.contains(&target) {
            return;
        }
        failed.push(target);
        let c = self.c;
        let group = &c.groups[g as usize];
        if failed.len() == 2 {
            let earlier = failed[0];
            if self.s.has(earlier)
                && self.t.acceptable(party, earlier).is_some()
                && self.world.decides(party, earlier)
            {
                self.empty(earlier);
            }
            return;
        }
        let covered: Vec<IssueIndex> = match &group.members {
            Some(members) => members.iter().copied().filter(|&i| self.s.has(i)).collect(),
            None => (0..self.s.state.len())
                .map(|k| {
                    if self.s.issues.is_empty() {
                        IssueIndex::new(k)
                    } else {
                        self.s.issues[k]
                    }
                })
                .filter(|&i| self.t.acceptable(party, i).is_some() && !c.is_sequence(i))
                .collect(),
        };
        for issue in covered {
            if issue != target && self.world.decides(party, issue) {
                self.empty(issue);
            }
        }
    }
}
