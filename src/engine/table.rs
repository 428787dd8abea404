//! The verdict core: what each party accepts on each issue, worked out
//! once, and one issue judged among a set of parties. The report and the
//! mediator's computations both build on it.

use crate::model::{IssueIndex, Negotiation, PartyIndex, Stance};
use crate::outcome::{OptionSet, OutcomeSet};
use crate::report::Verdict;
use std::collections::HashMap;

/// The comparison's working state: each party's acceptable set per issue,
/// worked out once.
pub struct Table<'n> {
    pub n: &'n Negotiation,
    /// `acceptable[party][issue]`, `None` where the party has no position.
    acceptable: Vec<Vec<Option<OutcomeSet>>>,
    /// The same in flat arrays, cell `party * issues + issue`: the pair
    /// table reads them 40 million times at 200 parties. `kinds` says what
    /// each cell holds (`SILENT`, `WORD`, `SPAN` or `OTHER`, with
    /// `REQUIRES` set where the stance has requirements, which can block);
    /// `data` an option set of up to 64 options as one word, or an
    /// interval's ends (open ends as infinities) as bits.
    kinds: Vec<u8>,
    data: Vec<[u64; 2]>,
    /// For a cell marked `REQUIRES`, where its stance's requirements are
    /// in `needs` (start, count): a pair's block check reads them there,
    /// not from the stance (which is a few cache misses away).
    needs_at: Vec<(u32, u32)>,
    needs: Vec<Need<'n>>,
}

/// A requirement as the pair table checks it: the required issue, and the
/// outcome wanted there as an option word or an interval when it is one.
struct Need<'n> {
    issue: IssueIndex,
    wanted: Wanted,
    outcome: &'n OutcomeSet,
}

enum Wanted {
    Word(u64),
    Span(f64, f64),
    Other,
}

impl Wanted {
    fn of(outcome: &OutcomeSet) -> Wanted {
        match outcome {
            OutcomeSet::Options(set) => set.as_word().map_or(Wanted::Other, Wanted::Word),
            OutcomeSet::Range(Some(i)) => Wanted::Span(
                i.min.unwrap_or(f64::NEG_INFINITY),
                i.max.unwrap_or(f64::INFINITY),
            ),
            OutcomeSet::Range(None) => Wanted::Other,
        }
    }
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
        let plain = ka & 3 == kb & 3 && ka & 3 != OTHER && (ka | kb) & REQUIRES == 0;
        table[k] = if !speaks_a && !speaks_b {
            [0, 0]
        } else if !speaks_a || !speaks_b {
            [gap, gap]
        } else if plain {
            [conflict, overlap]
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

/// One issue's outcome among a set of parties.
pub struct Judged {
    pub verdict: Verdict,
    pub zone: OutcomeSet,
    /// The parties with a position on it, in scope order.
    pub speakers: Vec<PartyIndex>,
    /// On a blocked issue, each requirement that blocks it.
    pub blocks: Vec<UnmetRequirement>,
}

/// A speaker's requirement that the required issue's zone does not meet.
#[derive(Clone, Copy, Debug)]
pub struct UnmetRequirement {
    pub party: PartyIndex,
    /// Which of the party's stance's `requires` it is.
    pub index: usize,
    /// The required issue.
    pub on: IssueIndex,
}

impl<'n> Table<'n> {
    pub fn new(n: &'n Negotiation) -> Self {
        let acceptable = n
            .parties
            .iter()
            .map(|p| {
                p.stances
                    .iter()
                    .map(|s| s.as_ref().and_then(Stance::acceptable))
                    .collect()
            })
            .collect::<Vec<Vec<_>>>();
        let size = n.parties.len() * n.agenda.issues.len();
        let (mut kinds, mut data) = (Vec::with_capacity(size), Vec::with_capacity(size));
        let (mut needs_at, mut needs) = (vec![(0, 0); size], Vec::new());
        for (party, sets) in n.parties.iter().zip(&acceptable) {
            for (stance, set) in party.stances.iter().zip(sets) {
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
                    Some(OutcomeSet::Range(None)) => (OTHER, [0, 0]),
                };
                let requires = stance.as_ref().map_or(&[][..], |s| &s.requires);
                if !requires.is_empty() {
                    // Well below 4 billion: a folder holds at most 1,000
                    // parties of at most 64 MB each.
                    needs_at[kinds.len()] = (needs.len() as u32, requires.len() as u32);
                    needs.extend(requires.iter().map(|r| Need {
                        issue: r.issue,
                        wanted: Wanted::of(&r.outcome),
                        outcome: &r.outcome,
                    }));
                }
                kinds.push(if requires.is_empty() {
                    kind
                } else {
                    kind | REQUIRES
                });
                data.push(cell);
            }
        }
        Table {
            n,
            acceptable,
            kinds,
            data,
            needs_at,
            needs,
        }
    }

    fn cell(&self, party: PartyIndex, issue: IssueIndex) -> Set {
        let k = party.get() * self.n.agenda.issues.len() + issue.get();
        Set::decode(self.kinds[k], self.data[k])
    }

    /// What `party` accepts on `issue`; `None` where it has no position.
    pub fn acceptable(&self, party: PartyIndex, issue: IssueIndex) -> Option<&OutcomeSet> {
        self.acceptable[party.get()][issue.get()].as_ref()
    }

    /// Those of `parties` with a position on `issue`, in the same order.
    pub fn speakers(&self, issue: IssueIndex, parties: &[PartyIndex]) -> Vec<PartyIndex> {
        parties
            .iter()
            .copied()
            .filter(|&p| self.acceptable(p, issue).is_some())
            .collect()
    }

    /// The zone of an issue among `parties`: what every speaker accepts; for
    /// one speaker, what it accepts; for none, everything.
    pub fn zone(&self, issue: IssueIndex, speakers: &[PartyIndex]) -> OutcomeSet {
        let len = self.n.agenda.issues[issue].options.len();
        if (1..=64).contains(&len) {
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
        let mut zone = self.n.agenda.issues[issue].everything();
        for &p in speakers {
            if let Some(a) = self.acceptable(p, issue) {
                zone = zone.meet(a);
            }
        }
        zone
    }

    /// The issue judged among `parties` (`docs/design.md`).
    pub fn judge(&self, issue: IssueIndex, parties: &[PartyIndex]) -> Judged {
        let speakers = self.speakers(issue, parties);
        let zone = self.zone(issue, &speakers);
        let mut out = Judged {
            verdict: Verdict::Gap,
            zone,
            speakers,
            blocks: Vec::new(),
        };
        if out.speakers.len() < 2 {
            return out;
        }
        // Which pairs clash is left to `report::Clashes`, which names them
        // only when they are written: there can be millions.
        if out.zone.is_empty() {
            out.verdict = Verdict::Conflict;
            return out;
        }
        // Each required issue's zone worked out once, however many
        // speakers require it: a thousand parties each requiring the same
        // issue made this a million steps per issue.
        let mut zones: HashMap<IssueIndex, OutcomeSet> = HashMap::new();
        for &party in &out.speakers {
            let Some(stance) = &self.n.parties[party].stances[issue] else {
                continue;
            };
            for (index, requirement) in stance.requires.iter().enumerate() {
                let on = requirement.issue;
                let zone = zones
                    .entry(on)
                    .or_insert_with(|| self.zone(on, &self.speakers(on, parties)));
                if !zone.meets(&requirement.outcome) {
                    out.blocks.push(UnmetRequirement { party, index, on });
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

    /// `judge(issue, &[a, b]).verdict`, with no allocation in the common
    /// cases: the pair table asks it for every cell its code table leaves
    /// out. `None` where neither of the two has a position.
    pub fn pair_verdict(&self, issue: IssueIndex, a: PartyIndex, b: PartyIndex) -> Option<Verdict> {
        match (self.cell(a, issue), self.cell(b, issue)) {
            (Set::Silent, Set::Silent) => return None,
            (Set::Silent, _) | (_, Set::Silent) => return Some(Verdict::Gap),
            _ => {}
        }
        Some(if self.disjoint(issue, a, b) {
            Verdict::Conflict
        } else if self.blocked_between(issue, a, b) {
            Verdict::Blocked
        } else {
            Verdict::Overlap
        })
    }

    /// Whether a requirement of `a` or `b` on `issue` asks for an outcome
    /// the two do not leave open on the required issue.
    fn blocked_between(&self, issue: IssueIndex, a: PartyIndex, b: PartyIndex) -> bool {
        let width = self.n.agenda.issues.len();
        [a, b]
            .iter()
            .map(|&p| p.get() * width + issue.get())
            .filter(|&k| self.kinds[k] & REQUIRES != 0)
            .any(|k| {
                let (start, count) = self.needs_at[k];
                self.needs[start as usize..(start + count) as usize]
                    .iter()
                    .any(|need| !self.pair_meets(need, a, b))
            })
    }

    /// Whether two parties with positions on `issue` share nothing there.
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

    /// `pair_verdict` on each of `issues`.
    #[cfg(test)]
    pub fn pair_verdicts(
        &self,
        a: PartyIndex,
        b: PartyIndex,
        issues: &[IssueIndex],
    ) -> Vec<Option<Verdict>> {
        let mut codes = Vec::with_capacity(issues.len());
        self.pair_codes(a, b, issues, &mut codes);
        codes.into_iter().map(Verdict::of_code).collect()
    }

    /// `pair_verdict` on each of `issues`, pushed onto `codes` as
    /// `Verdict::code` writes them: the pair table's inner loop, run 40
    /// million times at 200 parties and 2,000 issues. Which case a cell
    /// falls in is as good as random, and mispredicted branches were most
    /// of its cost, so the common cases (silence, two option words, two
    /// intervals, no requirements) are worked out without a branch on the
    /// data, from `PAIR_CODES`; only the rest goes through `pair_verdict`.
    pub fn pair_codes(
        &self,
        a: PartyIndex,
        b: PartyIndex,
        issues: &[IssueIndex],
        codes: &mut Vec<u8>,
    ) {
        let width = self.n.agenda.issues.len();
        let row = |p: PartyIndex| p.get() * width..(p.get() + 1) * width;
        let (kinds_a, kinds_b) = (&self.kinds[row(a)], &self.kinds[row(b)]);
        let (data_a, data_b) = (&self.data[row(a)], &self.data[row(b)]);
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
            if code == RARE {
                Verdict::code(self.pair_verdict(issue, a, b))
            } else {
                code
            }
        }));
    }

    /// Whether the zone of the needed issue between `first` and `second`
    /// meets the outcome it wants. Silence accepts everything.
    fn pair_meets(&self, need: &Need<'_>, first: PartyIndex, second: PartyIndex) -> bool {
        let required = need.issue;
        let (first_set, second_set) = (self.cell(first, required), self.cell(second, required));
        // An option set only ever holds its issue's options: silence may
        // stand for every bit.
        let word = |set| match set {
            Set::Word(word) => Some(word),
            Set::Silent => Some(u64::MAX),
            _ => None,
        };
        let span = |set| match set {
            Set::Span(low, high) => Some((low, high)),
            Set::Silent => Some((f64::NEG_INFINITY, f64::INFINITY)),
            _ => None,
        };
        match need.wanted {
            Wanted::Word(wanted) => {
                if let (Some(first_word), Some(second_word)) = (word(first_set), word(second_set)) {
                    return first_word & second_word & wanted != 0;
                }
            }
            Wanted::Span(low, high) => {
                if let (Some((first_low, first_high)), Some((second_low, second_high))) =
                    (span(first_set), span(second_set))
                {
                    return first_low.max(second_low).max(low)
                        <= first_high.min(second_high).min(high);
                }
            }
            Wanted::Other => {}
        }
        let speakers = self.speakers(required, &[first, second]);
        self.zone(required, &speakers).meets(need.outcome)
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

    /// The pair table's shortcut judges every pair and issue as `judge`
    /// does, blocks included.
    #[test]
    fn pair_verdicts_are_judge_s_verdicts() {
        let mut seen = [0; 4];
        for seed in 1..=4 {
            let n = generated(10, 80, seed);
            let t = Table::new(&n);
            let all: Vec<IssueIndex> = n.agenda.indices().collect();
            let parties: Vec<PartyIndex> = n.party_indices().collect();
            for (k, &a) in parties.iter().enumerate() {
                for &b in &parties[k + 1..] {
                    let one_by_one: Vec<_> = all.iter().map(|&i| t.pair_verdict(i, a, b)).collect();
                    assert_eq!(t.pair_verdicts(a, b, &all), one_by_one);
                }
            }
            for &i in &all {
                for (k, &a) in parties.iter().enumerate() {
                    for &b in &parties[k + 1..] {
                        let speaking = t.acceptable(a, i).is_some() || t.acceptable(b, i).is_some();
                        let expected = speaking.then(|| t.judge(i, &[a, b]).verdict);
                        assert_eq!(t.pair_verdict(i, a, b), expected, "{i:?}, {a:?} and {b:?}");
                        if let Some(v) = expected {
                            seen[v as usize] += 1;
                        }
                    }
                }
            }
        }
        assert!(seen.iter().all(|&k| k > 0), "every verdict met: {seen:?}");
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
