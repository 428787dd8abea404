//! Each issue judged once among the scope's parties. An issue's report,
//! and every block whose chain passes through it, need the same verdict,
//! zone and clashing pairs; among 200 parties the pairs alone run to
//! thousands, so what the speakers accept is kept once and shared, and
//! the pairs are found again from it when listed (`report::Clashes`).

use super::table::{Judged, Table};
use crate::model::{IssueIndex, PartyIndex};
use crate::report::{Clashes, Verdict};
use std::sync::{Arc, OnceLock};

pub(crate) struct Judgements<'t, 'n> {
    pub table: &'t Table<'n>,
    /// The parties in scope.
    pub parties: &'t [PartyIndex],
    /// The report's party ids, which clashes index into.
    pub ids: Arc<[String]>,
    /// A negotiation party's position among `ids`.
    position: Vec<u32>,
    list_pairs: bool,
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
        Judgements {
            table,
            parties,
            ids: parties.iter().map(|&p| n.parties[p].id.clone()).collect(),
            position,
            list_pairs,
            memo: (0..n.agenda.issues.len())
                .map(|_| OnceLock::new())
                .collect(),
        }
    }

    /// The issue judged among the scope's parties, and its clashing pairs.
    pub fn get(&self, issue: IssueIndex) -> &(Judged, Clashes) {
        self.memo[issue.get()].get_or_init(|| {
            let judged = self.table.judge(issue, self.parties);
            let speakers = if judged.verdict == Verdict::Conflict {
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
}
