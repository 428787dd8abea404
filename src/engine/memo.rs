//! Each issue judged once among the scope's parties. An issue's report,
//! and every block whose chain passes through it, need the same verdict,
//! zone and clashing pairs; among 200 parties the pairs alone run to
//! thousands, so they are worked out once and shared.

use super::table::{Judged, Table};
use crate::report::Clashes;
use std::sync::{Arc, OnceLock};

pub(crate) struct Judgements<'t> {
    pub table: &'t Table<'t>,
    pub parties: &'t [usize],
    /// The report's party ids, which clashes index into.
    ids: Arc<[String]>,
    /// A negotiation party's position among `ids`.
    position: Vec<u32>,
    memo: Vec<OnceLock<(Judged, Clashes)>>,
}

impl<'t> Judgements<'t> {
    pub fn new(table: &'t Table<'t>, parties: &'t [usize]) -> Self {
        let n = table.n;
        let mut position = vec![u32::MAX; n.parties.len()];
        for (k, &p) in parties.iter().enumerate() {
            position[p] = k as u32;
        }
        Judgements {
            table,
            parties,
            ids: parties.iter().map(|&p| n.parties[p].id.clone()).collect(),
            position,
            memo: (0..n.agenda.issues.len())
                .map(|_| OnceLock::new())
                .collect(),
        }
    }

    /// The issue judged among the scope's parties, and its clashing pairs.
    pub fn get(&self, issue: usize) -> &(Judged, Clashes) {
        self.memo[issue].get_or_init(|| {
            let judged = self.table.judge(issue, self.parties);
            let pairs = judged
                .clashes
                .iter()
                .map(|&(a, b)| [self.position[a], self.position[b]])
                .collect();
            let clashes = Clashes::new(self.ids.clone(), pairs);
            (judged, clashes)
        })
    }
}
