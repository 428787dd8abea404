//! Each issue judged once among the scope's parties. The fixpoint of the
//! requirements is worked out once for every issue (and once more, when
//! some requirement names a gap, with those counted unmet: what is
//! contingent); an issue's report, and every block whose chain passes
//! through it, then read the same verdict, zone and clashing pairs. Among
//! 200 parties the pairs alone run to thousands, so what the speakers
//! accept is kept once and shared, and the pairs are found again from it
//! when listed (`report::Clashes`).

use super::blocks;
use super::deciders::Deciders;
use super::settled::Settled;
use super::solve::{self, Solution, State, World};
use super::table::Table;
use crate::model::{IssueIndex, PartyIndex};
use crate::outcome::OutcomeSet;
use crate::report::{Clashes, Verdict};
use std::sync::{Arc, OnceLock};

/// One issue's outcome among the parties in scope.
pub struct Judged {
    pub verdict: Verdict,
    pub zone: OutcomeSet,
    /// The zone's outcomes that can be agreed now (`docs/design.md`).
    pub available: OutcomeSet,
    /// The parties with a position on it, in scope order.
    pub speakers: Vec<PartyIndex>,
    /// On a blocked issue, each requirement in its way (indices into the
    /// table's needs), in report order.
    pub blocks: Vec<u32>,
    /// On a contingent overlap, the requirements it rests on: those that
    /// would block it were every requirement on a gap unmet.
    pub rests_on: Vec<u32>,
}

pub(crate) struct Judgements<'t, 'n> {
    pub table: &'t Table<'n>,
    /// The parties in scope, among whom each issue's deciding parties are
    /// (`deciders`).
    pub parties: &'t [PartyIndex],
    /// Who decides each issue among them.
    pub deciders: Deciders,
    /// The report's party ids, which clashes index into.
    pub ids: Arc<[String]>,
    /// A negotiation party's position among `ids`.
    position: Vec<u32>,
    list_pairs: bool,
    /// The fixpoint, and the one where requirements on gaps are unmet
    /// (`None` when no requirement names a gap: it is the same).
    pub real: Solution,
    pub pessimistic: Option<Solution>,
    memo: Vec<OnceLock<(Judged, Clashes)>>,
}

impl<'t, 'n> Judgements<'t, 'n> {
    /// `list_pairs`: whether clashing pairs are listed or counted.
    pub fn new(table: &'t Table<'n>, parties: &'t [PartyIndex], list_pairs: bool) -> Self {
        let n = table.n;
        let mut position = vec![u32::MAX; n.parties.len()];
        for (k, &p) in parties.iter().enumerate() {
            position[p.get()] = k as u32;
        }
        let deciders = Deciders::new(n, parties);
        let world = |pessimistic| World {
            parties,
            issues: None,
            pessimistic,
            deciders: Some(&deciders),
        };
        let real = solve::solve(table, &table.conditions, &world(false), true);
        let on_gap = parties.iter().any(|&p| {
            table
                .conditions
                .needs_in(&table.conditions.parties[p.get()].needs)
                .iter()
                .any(|need| real.state(need.target) == State::Gap)
        });
        let pessimistic =
            on_gap.then(|| solve::solve(table, &table.conditions, &world(true), true));
        Judgements {
            table,
            parties,
            deciders,
            ids: parties.iter().map(|&p| n.parties[p].id.clone()).collect(),
            position,
            list_pairs,
            real,
            pessimistic,
            memo: (0..n.agenda.issues.len())
                .map(|_| OnceLock::new())
                .collect(),
        }
    }

    /// What the fixpoint among the scope's parties settles for the pairs.
    pub fn settled(&self) -> Settled {
        let world = World {
            parties: self.parties,
            issues: None,
            pessimistic: false,
            deciders: Some(&self.deciders),
        };
        let width = self.table.n.agenda.issues.len();
        Settled::new(&self.table.conditions, &world, &self.real, width)
    }

    /// The issue judged among the scope's parties, and its clashing pairs.
    pub fn get(&self, issue: IssueIndex) -> &(Judged, Clashes) {
        self.memo[issue.get()].get_or_init(|| {
            let judged = self.judge(issue);
            // On a conflict, and on a gap whose deciders with a position
            // share nothing (a `decided_by` waiting on another), the pairs
            // that clash say why there is no zone.
            let apart = judged.verdict == Verdict::Gap
                && judged.speakers.len() >= 2
                && judged.zone.is_empty();
            let speakers = if judged.verdict == Verdict::Conflict || apart {
                judged
                    .speakers
                    .iter()
                    .filter_map(|&p| {
                        let accepts = self.table.acceptable(p, issue)?.clone();
                        Some((self.position[p.get()], accepts))
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let clashes = Clashes::new(self.ids.clone(), speakers, self.list_pairs);
            (judged, clashes)
        })
    }

    fn judge(&self, issue: IssueIndex) -> Judged {
        let real = &self.real;
        let available = real.available(issue).clone();
        let verdict = match real.state(issue) {
            State::Gap => Verdict::Gap,
            State::Conflict => Verdict::Conflict,
            State::Live if available.is_empty() => Verdict::Blocked,
            State::Live => Verdict::Overlap,
        };
        let blocks = if verdict == Verdict::Blocked {
            blocks::in_the_way(self.table, real, issue, |_| true)
        } else {
            Vec::new()
        };
        let rests_on = match &self.pessimistic {
            Some(pessimistic)
                if verdict == Verdict::Overlap && pessimistic.available(issue).is_empty() =>
            {
                self.rests_on(issue)
            }
            _ => Vec::new(),
        };
        Judged {
            verdict,
            zone: real.zone(issue).clone(),
            available,
            speakers: real.speakers(issue).to_vec(),
            blocks,
            rests_on,
        }
    }

    /// What an issue rests on: the requirements in its way in the world
    /// where requirements on gaps are unmet, among those met in fact (one
    /// unmet in both worlds is not what it rests on).
    pub fn rests_on(&self, issue: IssueIndex) -> Vec<u32> {
        let Some(pessimistic) = &self.pessimistic else {
            return Vec::new();
        };
        let c = &self.table.conditions;
        blocks::in_the_way(self.table, pessimistic, issue, |k| {
            let need = &c.needs[k as usize];
            self.real.meets(need.target, &need.outcome)
        })
    }
}
