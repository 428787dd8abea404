//! The verdict core: what each party could accept on each issue, worked
//! out once, its conditions beside it (`conditions.rs`), and the pairs'
//! verdicts. An issue's verdict among a set of parties is the fixpoint of
//! `solve.rs`.

use super::conditions::Conditions;
use super::settled::Settled;
use super::solve::{self, Solution, State, World};
use crate::model::{IssueIndex, Negotiation, PartyIndex, Stance};
use crate::outcome::{OptionSet, OutcomeSet};
use crate::report::Verdict;

/// The comparison's working state: what each party could accept per
/// issue, worked out once, and every condition.
pub struct Table<'n> {
    pub n: &'n Negotiation,
    /// `acceptable[party][issue]`: what the stance could accept were every
    /// condition met (its base and its alternatives); `None` where the
    /// party has no position.
    acceptable: Vec<Vec<Option<OutcomeSet>>>,
    /// The same in flat arrays, cell `party * issues + issue`: the pair
    /// table reads them 40 million times at 200 parties. `kinds` says what
    /// each cell holds (`SILENT`, `WORD`, `SPAN` or `OTHER`, with
    /// `REQUIRES` set where the stance has conditions of its own, which
    /// can block); `data` an option set of up to 64 options as one word,
    /// or an interval's ends (open ends as infinities) as bits.
    kinds: Vec<u8>,
    data: Vec<[u64; 2]>,
    pub conditions: Conditions,
    /// Whether some stance gives its salience: the agreement index is then
    /// weighed by it (`docs/design.md`, "Pair verdicts").
    salience_given: bool,
    /// `party * issues + issue`: the stance's salience, when some stance
    /// gives one (else empty). Every pair reads it on every issue it
    /// compares: a byte apiece here, not a stance's cache line.
    saliences: Vec<u8>,
}

const SILENT: u8 = 0;
const WORD: u8 = 1;
const SPAN: u8 = 2;
/// Anything else, read from `acceptable`.
const OTHER: u8 = 3;
const REQUIRES: u8 = 4;

/// `PAIR_CODES[ka << 3 | kb][share]`: the pair's verdict code on an issue
/// where the two cells are of kinds `ka` and `kb` and their sets `share`
/// an outcome or not, or `RARE` where that is not enough to tell.
const PAIR_CODES: [[u8; 2]; 64] = code_table();
const RARE: u8 = u8::MAX;

const fn code_table() -> [[u8; 2]; 64] {
    let overlap = Verdict::code(Some(Verdict::Overlap));
    let conflict = Verdict::code(Some(Verdict::Conflict));
    let gap = Verdict::code(Some(Verdict::Gap));
    let mut table = [[RARE; 2]; 64];
    let mut k = 0;
    while k < 64 {
        let (ka, kb) = ((k >> 3) as u8, (k & 7) as u8);
        let (speaks_a, speaks_b) = (ka & 3 != SILENT, kb & 3 != SILENT);
        let same = ka & 3 == kb & 3 && ka & 3 != OTHER;
        table[k] = if !speaks_a && !speaks_b {
            [0, 0]
        } else if !speaks_a || !speaks_b {
            [gap, gap]
        } else if same && (ka | kb) & REQUIRES == 0 {
            [conflict, overlap]
        } else if same {
            // Conditions cannot lift a conflict: only a shared outcome
            // needs them looked at.
            [conflict, RARE]
        } else {
            [RARE, RARE]
        };
        k += 1;
    }
    table
}

/// A cell, decoded.
#[derive(Clone, Copy)]
enum Set {
    Silent,
    Word(u64),
    Span(f64, f64),
    Other,
}

impl Set {
    fn decode(kind: u8, data: [u64; 2]) -> Set {
        match kind & 3 {
            SILENT => Set::Silent,
            WORD => Set::Word(data[0]),
            SPAN => Set::Span(f64::from_bits(data[0]), f64::from_bits(data[1])),
            _ => Set::Other,
        }
    }
}

impl<'n> Table<'n> {
    pub fn new(n: &'n Negotiation) -> Self {
        let acceptable = n
            .parties
            .iter()
            .map(|p| {
                p.stances
                    .iter()
                    .map(|s| s.as_deref().and_then(Stance::could_accept))
                    .collect()
            })
            .collect::<Vec<Vec<_>>>();
        let conditions = Conditions::new(n, &acceptable);
        let size = n.parties.len() * n.agenda.issues.len();
        let (mut kinds, mut data) = (Vec::with_capacity(size), Vec::with_capacity(size));
        for (p, sets) in acceptable.iter().enumerate() {
            for (i, set) in sets.iter().enumerate() {
                let (kind, cell) = match set {
                    None => (SILENT, [0, 0]),
                    Some(OutcomeSet::Options(set)) => match set.as_word() {
                        Some(word) => (WORD, [word, 0]),
                        None => (OTHER, [0, 0]),
                    },
                    Some(OutcomeSet::Range(Some(i))) => {
                        let low = i.min.unwrap_or(f64::NEG_INFINITY);
                        let high = i.max.unwrap_or(f64::INFINITY);
                        (SPAN, [low.to_bits(), high.to_bits()])
                    }
                    Some(OutcomeSet::Range(None) | OutcomeSet::Order(_)) => (OTHER, [0, 0]),
                };
                let own = conditions
                    .cell(PartyIndex::new(p), IssueIndex::new(i))
                    .is_some();
                kinds.push(if own { kind | REQUIRES } else { kind });
                data.push(cell);
            }
        }
        let salience_given = n
            .parties
            .iter()
            .any(|p| p.stances.iter().flatten().any(|s| s.salience.is_some()));
        let saliences = if salience_given {
            n.parties
                .iter()
                .flat_map(|p| {
                    p.stances.iter().map(|s| {
                        s.as_ref()
                            .map_or(crate::model::DEFAULT_SALIENCE, |s| s.salience_or_default())
                    })
                })
                .collect()
        } else {
            Vec::new()
        };
        Table {
            n,
            acceptable,
            kinds,
            data,
            conditions,
            salience_given,
            saliences,
        }
    }

    /// Whether some stance of the negotiation gives its salience.
    pub fn salience_given(&self) -> bool {
        self.salience_given
    }

    /// How much each issue matters to `party`, in agenda order (the
    /// default for silence). Only when `salience_given`: else no stance
    /// weighs anything, and the table holds none.
    pub fn saliences_of(&self, party: PartyIndex) -> &[u8] {
        let width = self.n.agenda.issues.len();
        &self.saliences[party.get() * width..(party.get() + 1) * width]
    }

    fn cell(&self, party: PartyIndex, issue: IssueIndex) -> Set {
        let k = party.get() * self.n.agenda.issues.len() + issue.get();
        Set::decode(self.kinds[k], self.data[k])
    }

    /// What `party` could accept on `issue`, were every condition met;
    /// `None` where it has no position.
    pub fn acceptable(&self, party: PartyIndex, issue: IssueIndex) -> Option<&OutcomeSet> {
        self.acceptable[party.get()][issue.get()].as_ref()
    }

    /// Those of `parties` with a position on `issue`, in the same order.
    pub fn speakers(&self, issue: IssueIndex, parties: &[PartyIndex]) -> Vec<PartyIndex> {
        self.speaking(issue, parties).collect()
    }

    /// `speakers`, one at a time.
    pub fn speaking<'a>(
        &'a self,
        issue: IssueIndex,
        parties: &'a [PartyIndex],
    ) -> impl Iterator<Item = PartyIndex> + 'a {
        parties
            .iter()
            .copied()
            .filter(move |&p| self.acceptable(p, issue).is_some())
    }

    /// The zone of an issue among `parties`: what every speaker could
    /// accept; for one speaker, what it could accept; for none, everything.
    pub fn zone(&self, issue: IssueIndex, speakers: &[PartyIndex]) -> OutcomeSet {
        let of = &self.n.agenda.issues[issue];
        let len = of.options.len();
        // A sequence's steps are no options: its zone is constraints, even
        // where no one speaks to it.
        if of.kind != crate::model::Kind::Sequence && (1..=64).contains(&len) {
            let mut word = u64::MAX >> (64 - len);
            for &p in speakers {
                match self.cell(p, issue) {
                    Set::Word(w) => word &= w,
                    Set::Silent => {}
                    _ => return self.zone_of_sets(issue, speakers),
                }
            }
            return OutcomeSet::Options(OptionSet::from_word(word));
        }
        self.zone_of_sets(issue, speakers)
    }

    fn zone_of_sets(&self, issue: IssueIndex, speakers: &[PartyIndex]) -> OutcomeSet {
        let of = &self.n.agenda.issues[issue];
        // Orders meet by their union: built at once, one sort, where a
        // fold would sort and check for a cycle once a speaker.
        if of.kind == crate::model::Kind::Sequence {
            let sets = speakers
                .iter()
                .filter_map(|&p| match self.acceptable(p, issue) {
                    Some(OutcomeSet::Order(set)) => Some(set),
                    _ => None,
                });
            return OutcomeSet::Order(crate::outcome::Constraints::union_of(
                of.options.len(),
                sets,
            ));
        }
        let mut zone = of.everything();
        for &p in speakers {
            if let Some(a) = self.acceptable(p, issue) {
                zone = zone.meet(a);
            }
        }
        zone
    }

    /// Whether the issue is a conflict among `parties`: two or more with a
    /// position, and nothing all of them could accept. (Requirements do
    /// not change that.)
    pub fn conflicts(&self, issue: IssueIndex, parties: &[PartyIndex]) -> bool {
        let speakers = self.speakers(issue, parties);
        speakers.len() >= 2 && self.zone(issue, &speakers).is_empty()
    }

    /// The verdict between two parties on one issue, by what they could
    /// accept alone: what the pair table's code table gives, and its
    /// answer for the cells the table leaves out when neither of the two
    /// has conditions of its own there. `None` where neither of the two
    /// has a position.
    fn pair_verdict_by_sets(
        &self,
        issue: IssueIndex,
        a: PartyIndex,
        b: PartyIndex,
    ) -> Option<Verdict> {
        match (self.cell(a, issue), self.cell(b, issue)) {
            (Set::Silent, Set::Silent) => return None,
            (Set::Silent, _) | (_, Set::Silent) => return Some(Verdict::Gap),
            _ => {}
        }
        Some(if self.disjoint(issue, a, b) {
            Verdict::Conflict
        } else {
            Verdict::Overlap
        })
    }

    /// Whether the base positions of two parties on `issue` share an
    /// outcome while neither stance holds a common requirement (its own,
    /// its party's or a package's): their verdict in the pair's fixpoint
    /// is then an overlap, as the fixpoint only takes away what an unmet
    /// requirement takes away, and an unmet alternative never takes away
    /// its stance's base. It spares the pair its fixpoint on most issues
    /// where one of the two only has alternatives.
    fn bases_meet_unconditionally(&self, issue: IssueIndex, a: PartyIndex, b: PartyIndex) -> bool {
        let c = &self.conditions;
        let base = |p: PartyIndex| {
            if c.common(p, issue).next().is_some() {
                return None;
            }
            match c.cell(p, issue) {
                Some(cell) => Some(&cell.base),
                None => self.acceptable(p, issue),
            }
        };
        match (base(a), base(b)) {
            (Some(x), Some(y)) => x.meets(y),
            _ => false,
        }
    }

    /// Whether two parties with positions on `issue` could accept nothing
    /// in common there.
    pub fn disjoint(&self, issue: IssueIndex, a: PartyIndex, b: PartyIndex) -> bool {
        match (self.cell(a, issue), self.cell(b, issue)) {
            (Set::Word(x), Set::Word(y)) => x & y == 0,
            (Set::Span(lo, hi), Set::Span(low, high)) => lo.max(low) > hi.min(high),
            _ => match (self.acceptable(a, issue), self.acceptable(b, issue)) {
                (Some(x), Some(y)) => x.disjoint(y),
                _ => true,
            },
        }
    }

    /// The fixpoint between two parties alone (`docs/design.md`, "Pair
    /// verdicts"), over `wanted` and what their verdicts depend on: the
    /// issues named by the requirements of the two parties' stances on
    /// them (their own and their alternatives'), and by the two parties'
    /// party-level `requires` and packages, and so on down. An issue's
    /// outcomes in the fixpoint move only with those issues, so each issue
    /// of this world comes out as in the world of every issue; every other
    /// issue's verdict between them is the code table's, or found without
    /// a fixpoint (`pair_codes`). At 200 parties each pair has a few issues
    /// to work out, among hundreds where either has conditions.
    pub fn pair_world(&self, a: PartyIndex, b: PartyIndex, wanted: &[IssueIndex]) -> Solution {
        let c = &self.conditions;
        let mut seen = vec![false; self.n.agenda.issues.len()];
        let mut issues: Vec<IssueIndex> = Vec::with_capacity(wanted.len() * 2);
        let mut add = |issue: IssueIndex, issues: &mut Vec<IssueIndex>| {
            if !seen[issue.get()] {
                seen[issue.get()] = true;
                issues.push(issue);
            }
        };
        for &issue in wanted {
            add(issue, &mut issues);
        }
        for p in [a, b] {
            for group in c.groups_of(p) {
                for need in c.needs_in(&group.needs) {
                    add(need.target, &mut issues);
                }
            }
        }
        let mut next = 0;
        while next < issues.len() {
            let issue = issues[next];
            next += 1;
            for p in [a, b] {
                let Some(cell) = c.cell(p, issue) else {
                    continue;
                };
                for need in c.needs_in(&cell.needs) {
                    add(need.target, &mut issues);
                }
                for alternative in c.alternatives_of(cell) {
                    for need in c.needs_in(&alternative.needs) {
                        add(need.target, &mut issues);
                    }
                }
            }
        }
        issues.sort_unstable();
        let world = World {
            parties: &[a, b],
            issues: Some(&issues),
            pessimistic: false,
            deciders: None,
        };
        solve::solve(self, &self.conditions, &world, false)
    }

    /// `pair_verdict` on each of `issues`, for tests.
    #[cfg(test)]
    pub fn pair_verdicts(
        &self,
        a: PartyIndex,
        b: PartyIndex,
        issues: &[IssueIndex],
        settled: &Settled,
    ) -> Vec<Option<Verdict>> {
        let mut codes = Vec::with_capacity(issues.len());
        self.pair_codes(a, b, issues, settled, &mut codes);
        codes.into_iter().map(Verdict::of_code).collect()
    }

    /// The pair's verdict on each of `issues`, pushed onto `codes` as
    /// `Verdict::code` writes them: the pair table's inner loop, run 40
    /// million times at 200 parties and 2,000 issues. Which case a cell
    /// falls in is as good as random, and mispredicted branches were most
    /// of its cost, so the common cases (silence, two option words, two
    /// intervals, no conditions) are worked out without a branch on the
    /// data, from `PAIR_CODES`. The rest are worked out after: by the two
    /// sets, or, where either party has conditions of its own, by the two
    /// sets too when the whole negotiation's fixpoint has met every
    /// requirement bearing on either stance (`settled`), as an overlap
    /// when their bases meet unconditionally, else from the pair's
    /// fixpoint (`pair_world`) over those issues alone, worked out once for
    /// the pair and only when needed; and when a party-level `requires` of
    /// either fails between them, each overlap that it empties is blocked.
    pub fn pair_codes(
        &self,
        a: PartyIndex,
        b: PartyIndex,
        issues: &[IssueIndex],
        settled: &Settled,
        codes: &mut Vec<u8>,
    ) {
        let width = self.n.agenda.issues.len();
        let row = |p: PartyIndex| p.get() * width..(p.get() + 1) * width;
        let (kinds_a, kinds_b) = (&self.kinds[row(a)], &self.kinds[row(b)]);
        let (data_a, data_b) = (&self.data[row(a)], &self.data[row(b)]);
        let first = codes.len();
        let mut rare = 0usize;
        codes.extend(issues.iter().map(|&issue| {
            let i = issue.get();
            let (ka, kb) = (kinds_a[i], kinds_b[i]);
            let (x, y) = (data_a[i], data_b[i]);
            let words_meet = x[0] & y[0] != 0;
            let low = f64::from_bits(x[0]).max(f64::from_bits(y[0]));
            let high = f64::from_bits(x[1]).min(f64::from_bits(y[1]));
            let span = ka & 3 == SPAN;
            let share = (words_meet & !span) | ((low <= high) & span);
            let code = PAIR_CODES[usize::from(ka) << 3 | usize::from(kb)][usize::from(share)];
            rare += usize::from(code == RARE);
            code
        }));
        let party_requires = settled.party_requires_at_risk(a, b);
        let trusted = settled.trusts(a, b);
        if rare == 0 && !party_requires {
            return;
        }
        let codes = &mut codes[first..];
        let overlap = Verdict::code(Some(Verdict::Overlap));
        // The issues left to the pair's fixpoint, marked `RARE` till then.
        let mut wanted = Vec::new();
        for (code, &issue) in codes.iter_mut().zip(issues) {
            if *code != RARE {
                continue;
            }
            let i = issue.get();
            if (kinds_a[i] | kinds_b[i]) & REQUIRES == 0
                || (trusted && settled.cell(a, issue) && settled.cell(b, issue))
            {
                *code = Verdict::code(self.pair_verdict_by_sets(issue, a, b));
            } else if self.bases_meet_unconditionally(issue, a, b) {
                *code = overlap;
            } else {
                wanted.push(issue);
            }
        }
        if wanted.is_empty() && !party_requires {
            return;
        }
        let w = self.pair_world(a, b, &wanted);
        for (code, &issue) in codes.iter_mut().zip(issues) {
            if *code == RARE {
                *code = Verdict::code(match w.state(issue) {
                    State::Gap => Some(Verdict::Gap),
                    State::Conflict => Some(Verdict::Conflict),
                    State::Live if w.available(issue).is_empty() => Some(Verdict::Blocked),
                    State::Live => Some(Verdict::Overlap),
                });
            }
        }
        if party_requires {
            let blocked = Verdict::code(Some(Verdict::Blocked));
            for (code, &issue) in codes.iter_mut().zip(issues) {
                if *code == overlap
                    && !self.conditions.is_sequence(issue)
                    && !(w.party_holds(a, issue) && w.party_holds(b, issue))
                {
                    *code = blocked;
                }
            }
        }
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
        load_folder(folder(&spec)).unwrap().negotiation
    }

    /// Every pair of `n` judged by the pair table, with what the whole
    /// negotiation's fixpoint settles and without it, against the fixpoint
    /// over every issue between the two alone. The whole fixpoint is
    /// taken among each issue's deciders when `roles` (as `compare` takes
    /// it), else among every party. Returns the verdicts met, and how many
    /// stances with conditions were settled.
    fn check_pairs(n: &Negotiation, roles: bool) -> ([usize; 4], usize) {
        let mut seen = [0; 4];
        let t = Table::new(n);
        let all: Vec<IssueIndex> = n.agenda.indices().collect();
        let parties: Vec<PartyIndex> = n.party_indices().collect();
        let deciders = crate::engine::deciders::Deciders::new(n, &parties);
        let everyone = World {
            parties: &parties,
            issues: None,
            pessimistic: false,
            deciders: roles.then_some(&deciders),
        };
        let whole = solve::solve(&t, &t.conditions, &everyone, false);
        let width = all.len();
        let settled = Settled::new(&t.conditions, &everyone, &whole, width);
        let nothing = Settled::nothing(&t.conditions, width);
        let skipped = (0..parties.len() * width)
            .filter(|&k| {
                let (p, i) = (PartyIndex::new(k / width), IssueIndex::new(k % width));
                t.conditions.cell(p, i).is_some() && settled.cell(p, i)
            })
            .count();
        for (k, &a) in parties.iter().enumerate() {
            for &b in &parties[k + 1..] {
                let world = World {
                    parties: &[a, b],
                    issues: None,
                    pessimistic: false,
                    deciders: None,
                };
                let whole = solve::solve(&t, &t.conditions, &world, false);
                let expected: Vec<Option<Verdict>> = all
                    .iter()
                    .map(|&i| {
                        let speaking = t.acceptable(a, i).is_some() || t.acceptable(b, i).is_some();
                        speaking.then(|| match whole.state(i) {
                            State::Gap => Verdict::Gap,
                            State::Conflict => Verdict::Conflict,
                            State::Live if whole.available(i).is_empty() => Verdict::Blocked,
                            State::Live => Verdict::Overlap,
                        })
                    })
                    .collect();
                assert_eq!(
                    t.pair_verdicts(a, b, &all, &settled),
                    expected,
                    "{a:?} and {b:?}"
                );
                assert_eq!(
                    t.pair_verdicts(a, b, &all, &nothing),
                    expected,
                    "{a:?} and {b:?}, nothing settled"
                );
                for v in expected.into_iter().flatten() {
                    seen[v as usize] += 1;
                }
            }
        }
        (seen, skipped)
    }

    /// The pair table judges every pair and issue as the fixpoint over
    /// every issue between the two alone does: its code table, its
    /// fixpoint over the issues with conditions only, and its party-level
    /// pass, together; both with what the whole negotiation's fixpoint
    /// settles and without it.
    #[test]
    fn pair_verdicts_are_the_two_parties_fixpoint() {
        let mut seen = [0; 4];
        let mut skipped = 0;
        for seed in 1..=4 {
            let (s, k) = check_pairs(&generated(10, 80, seed), false);
            seen.iter_mut().zip(s).for_each(|(a, b)| *a += b);
            skipped += k;
        }
        assert!(seen.iter().all(|&k| k > 0), "every verdict met: {seen:?}");
        // Else the shortcut was never taken, and this held nothing of it.
        assert!(skipped > 0, "some stances with conditions settled");
    }

    /// The same with roles, `decided_by` and sequences (the generator's
    /// `folder_format2`): the whole fixpoint is then the deciders', which
    /// a pair (that ignores roles) may use only between two principals,
    /// and only for requirements on issues with no `decided_by`.
    #[test]
    fn pair_verdicts_are_the_two_parties_fixpoint_with_roles() {
        let mut skipped = 0;
        for seed in 1..=3 {
            let spec = Spec {
                parties: 24,
                issues: 80,
                seed,
            };
            let n = load_folder(crate::synth::folder_format2(&spec))
                .unwrap()
                .negotiation;
            assert!(
                n.parties
                    .iter()
                    .any(|p| p.role != crate::model::Role::Principal)
            );
            skipped += check_pairs(&n, true).1;
        }
        assert!(
            skipped > 0,
            "some principals' stances with conditions settled"
        );
    }

    /// The one-word shortcut for zones gives the zone the sets give.
    #[test]
    fn word_zones_are_set_zones() {
        let n = generated(12, 80, 5);
        let t = Table::new(&n);
        let everyone: Vec<PartyIndex> = n.party_indices().collect();
        for i in n.agenda.indices() {
            for parties in [&everyone[..], &everyone[..2], &everyone[3..7], &[]] {
                let speakers = t.speakers(i, parties);
                assert_eq!(t.zone(i, &speakers), t.zone_of_sets(i, &speakers), "{i:?}");
            }
        }
    }
}
