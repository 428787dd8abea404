//! The parts of a report that are kept compact and shown on demand: at
//! conference scale (200 parties, 2,000 issues) their plain forms were
//! most of the report's memory. Each renders exactly as the plain form
//! would, and the JSON is the same.

use super::{
    AlternativeReport, Cited, Ordered, Outcomes, PairReport, QuotePassage, SerializeMap,
    Serializer, StanceReport, Verdict,
};
use crate::model::{
    Issue, IssueIndex, Negotiation, PartyIndex, Position, QuoteCheck, Requirement, Stance,
};
use crate::outcome::{Num, OptionSet, OutcomeSet};
use serde::Serialize;
use std::sync::Arc;

/// The most clashing pairs a block lists; past it, it counts them.
pub const BLOCK_CLASHES_LISTED: usize = 50;

/// The pairs that share no acceptable outcome on one issue. Among 200
/// parties an issue can have 20,000, and a block names them again for its
/// required issue: millions in a report. What the speakers accept is kept
/// instead (once, shared with every block), and the pairs are found again
/// whenever they are listed.
#[derive(Clone, Debug, Default)]
pub struct Clashes {
    /// The report's party ids.
    parties: Arc<[String]>,
    /// Each speaker's position among `parties`, and what it accepts.
    speakers: Arc<[(u32, OutcomeSet)]>,
    len: usize,
    /// Whether the JSON lists the pairs (`clashes`) or counts them
    /// (`clash_count`, under `--pairs counts`): a block repeats its
    /// required issue's clashes, which at 200 parties made a 5 GB report.
    listed: bool,
}

impl Clashes {
    /// `speakers`: each one's position among `parties` (the report's
    /// party ids) and what it accepts.
    pub(crate) fn new(
        parties: Arc<[String]>,
        speakers: Vec<(u32, OutcomeSet)>,
        listed: bool,
    ) -> Self {
        let mut clashes = Clashes {
            parties,
            speakers: speakers.into(),
            len: 0,
            listed,
        };
        clashes.len = clashes.iter().count();
        clashes
    }

    /// How many pairs clash.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no pair clashes.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether the pairs are to be listed, or only counted.
    pub fn listed(&self) -> bool {
        self.listed
    }

    /// The parties in at least one clashing pair, as their places among
    /// the report's parties, ascending: a grid marks each party's cell
    /// without listing the (up to 20,000) pairs.
    pub fn involved(&self) -> Vec<usize> {
        let s = &self.speakers;
        let mut places: Vec<usize> = s
            .iter()
            .enumerate()
            .filter(|&(i, (_, a))| {
                s.iter()
                    .enumerate()
                    .any(|(j, (_, b))| i != j && a.disjoint(b))
            })
            .map(|(_, (place, _))| *place as usize)
            .collect();
        places.sort_unstable();
        places
    }

    /// As a block names them for its required issue: counted rather than
    /// listed past `BLOCK_CLASHES_LISTED`. Every party's requirement on
    /// one conflict is a block, so listing them all there repeated the
    /// issue's own list once per party (1,000 parties split on one issue:
    /// 250 million pairs); the issue's own entry lists them.
    pub fn in_block(&self) -> Clashes {
        Clashes {
            listed: self.listed && self.len <= BLOCK_CLASHES_LISTED,
            ..self.clone()
        }
    }

    /// The clashing pairs in report order of their first, then second party.
    pub fn iter(&self) -> impl Iterator<Item = [&str; 2]> {
        let s = &self.speakers;
        (0..s.len()).flat_map(move |i| {
            s[i + 1..]
                .iter()
                .filter(move |(_, b)| s[i].1.disjoint(b))
                .map(move |(b, _)| [&*self.parties[s[i].0 as usize], &*self.parties[*b as usize]])
        })
    }
}

/// Serialized as a one-entry map, flattened into its issue or block.
impl Serialize for Clashes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Pairs<'a>(&'a Clashes);
        impl Serialize for Pairs<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.iter())
            }
        }
        let mut map = s.serialize_map(Some(1))?;
        if self.listed {
            map.serialize_entry("clashes", &Pairs(self))?;
        } else {
            map.serialize_entry("clash_count", &self.len)?;
        }
        map.end()
    }
}

/// A pair's verdict on each of the report's issues, two to a byte: 20,000
/// pairs times 2,000 issues is 20 MB this way.
#[derive(Clone, Debug)]
pub struct PairIssues {
    /// The report's issue ids, shared by every pair.
    ids: Arc<[String]>,
    /// Per issue, `Verdict::code`; issue `k` in the low half of byte
    /// `k / 2` when `k` is even.
    packed: Vec<u8>,
}

impl PairIssues {
    /// `codes`: the verdict on each of the report's issues, as
    /// `Verdict::code` writes it.
    pub(crate) fn new(ids: Arc<[String]>, codes: &[u8]) -> Self {
        let packed = codes
            .chunks(2)
            .map(|two| two[0] | two.get(1).map_or(0, |&c| c << 4))
            .collect();
        PairIssues { ids, packed }
    }

    /// The verdict on the report's `k`th issue.
    #[cfg(test)]
    fn verdict(&self, k: usize) -> Option<Verdict> {
        Verdict::of_code((self.packed[k / 2] >> (4 * (k % 2))) & 0xf)
    }
}

impl PairReport {
    /// The pair's agreement where it counts for groups and partners: when
    /// the two compare on at least `min_shared` issues (`--min-shared`).
    pub fn agreement_over(&self, min_shared: usize) -> Option<f64> {
        self.agreement.filter(|_| self.compared() >= min_shared)
    }

    /// How many issues the two compare on: overlap, blocked or conflict
    /// between them.
    pub fn compared(&self) -> usize {
        self.counts.overlap + self.counts.blocked + self.counts.conflict
    }

    /// The issues with this verdict between the two, in report order
    /// (empty when the report holds counts only).
    pub fn with(&self, verdict: Verdict) -> impl Iterator<Item = &str> {
        let code = Verdict::code(Some(verdict));
        // Byte by byte: the pairs table looks for each pair's conflicts and
        // blocks among all the issues, 40 million at conference scale. The
        // unused half of a last byte is 0, no verdict's code.
        self.issues.iter().flat_map(move |p| {
            p.packed
                .iter()
                .enumerate()
                .flat_map(|(j, &b)| [(2 * j, b & 0xf), (2 * j + 1, b >> 4)])
                .filter(move |&(_, c)| c == code)
                .map(|(k, _)| p.ids[k].as_str())
        })
    }
}

/// The JSON shape of a pair: the id lists named after their verdicts, as
/// the contract has them, written straight from the verdicts.
impl Serialize for PairReport {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Ids<'a>(&'a PairReport, Verdict);
        impl Serialize for Ids<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.with(self.1))
            }
        }
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("parties", &self.parties)?;
        map.serialize_entry("agreement", &self.agreement)?;
        if let Some(weight) = self.weight {
            map.serialize_entry("weight", &Num(weight))?;
        }
        map.serialize_entry("counts", &self.counts)?;
        if self.issues.is_some() {
            for verdict in Verdict::ALL {
                map.serialize_entry(verdict.name(), &Ids(self, verdict))?;
            }
        }
        map.end()
    }
}

/// Each party's stance on one issue, in report order. A report on 200
/// parties and 2,000 issues holds 320,000 stances: they are read from the
/// negotiation when shown, not copied with their quotes into the report.
#[derive(Clone, Debug)]
pub struct Stances<'n> {
    negotiation: &'n Negotiation,
    /// The issue, and its index in the agenda.
    issue: (&'n Issue, IssueIndex),
    /// The parties with a stance on it.
    parties: Vec<PartyIndex>,
}

impl<'n> Stances<'n> {
    /// `parties`: those with a stance on `issue`, in report order.
    pub(crate) fn new(
        negotiation: &'n Negotiation,
        issue: IssueIndex,
        parties: Vec<PartyIndex>,
    ) -> Self {
        debug_assert!(
            parties
                .iter()
                .all(|&p| negotiation.parties[p].stances[issue].is_some())
        );
        Stances {
            negotiation,
            issue: (&negotiation.agenda.issues[issue], issue),
            parties,
        }
    }

    /// Whether no party in scope has a stance on the issue.
    pub fn is_empty(&self) -> bool {
        self.parties.is_empty()
    }

    fn entries(&self) -> impl Iterator<Item = (&'n str, &'n Stance)> + '_ {
        let n = self.negotiation;
        self.parties.iter().filter_map(move |&p| {
            let party = &n.parties[p];
            Some((party.id.as_str(), party.stances[self.issue.1].as_deref()?))
        })
    }

    fn find(&self, party: &str) -> Option<&'n Stance> {
        self.entries().find(|(id, _)| *id == party).map(|(_, s)| s)
    }

    /// Of each stance with a quote, whether it was found in its sources'
    /// texts (`StanceReport::quote_verified`).
    pub fn quotes_verified(&self) -> impl Iterator<Item = Option<bool>> + '_ {
        self.entries()
            .filter(|(_, s)| s.quote.is_some())
            .map(|(_, s)| s.quote_check.verified())
    }

    /// The parties whose stance holds only under requirements, in report
    /// order: its own, its party's (each but one on this issue), or a
    /// package's that ties this issue to another. Met or not: on an
    /// overlap they are met, and the acceptance is still conditional.
    pub fn under_requirements(&self) -> impl Iterator<Item = &'n str> + '_ {
        let n = self.negotiation;
        let issue = self.issue.1;
        self.parties.iter().filter_map(move |&p| {
            let party = &n.parties[p];
            let s = party.stances[issue].as_ref()?;
            let held = !s.requires.is_empty()
                || party.requires.iter().any(|r| r.issue != issue)
                || party
                    .packages
                    .iter()
                    .any(|k| k.issues.len() > 1 && k.issues.contains(&issue));
            held.then_some(party.id.as_str())
        })
    }

    /// Each party's id, and of its stance what a grid's mark needs: its
    /// status, and its strength (none for a status), in report order. No
    /// stance is made up for it: a conference has 320,000.
    pub fn held(
        &self,
    ) -> impl Iterator<
        Item = (
            &'n str,
            Option<crate::model::Status>,
            Option<crate::model::Strength>,
        ),
    > + '_ {
        self.entries().map(|(id, s)| match s.position {
            Position::Status(status) => (id, Some(status), None),
            _ => (id, None, Some(s.strength)),
        })
    }

    /// The stance of the party of this id.
    pub fn get(&self, party: &str) -> Option<StanceReport<'n>> {
        let s = self.find(party)?;
        Some(StanceReport::of(self.negotiation, self.issue.0, s))
    }

    /// `get`, in outline (`StanceReport::outline`).
    pub fn outline(&self, party: &str) -> Option<StanceReport<'n>> {
        Some(StanceReport::outline(self.issue.0, self.find(party)?))
    }

    /// Each party's id and stance, in report order.
    pub fn iter(&self) -> impl Iterator<Item = (&'n str, StanceReport<'n>)> + '_ {
        self.entries()
            .map(|(id, s)| (id, StanceReport::of(self.negotiation, self.issue.0, s)))
    }

    /// `iter`, with each stance in outline (`StanceReport::outline`).
    pub fn outlines(&self) -> impl Iterator<Item = (&'n str, StanceReport<'n>)> + '_ {
        self.entries()
            .map(|(id, s)| (id, StanceReport::outline(self.issue.0, s)))
    }
}

impl Serialize for Stances<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.parties.len()))?;
        for (party, stance) in self.iter() {
            map.serialize_entry(party, &stance)?;
        }
        map.end()
    }
}

impl<'n> StanceReport<'n> {
    /// The stance as a report shows it: option ids, the accepted interval.
    pub(crate) fn of(n: &'n Negotiation, issue: &'n Issue, s: &'n Stance) -> StanceReport<'n> {
        StanceReport {
            source: Cited(s.sources.iter().map(|id| id.to_string()).collect()),
            as_of: s.as_of().map(str::to_owned),
            speaker: s.speaker().map(str::to_owned),
            quote: s.quote.as_deref().map(str::to_owned),
            quote_verified: s.quote_check.verified(),
            quote_passage: match &s.quote_check {
                QuoteCheck::Verified(p) => Some(QuotePassage {
                    source: p.source.to_string(),
                    start: p.start,
                    end: p.end,
                }),
                _ => None,
            },
            note: s.note.as_deref().map(str::to_owned),
            requires: requirements(n, &s.requires),
            alternatives: alternatives(issue, s, Some(n)),
            ..StanceReport::outline(issue, s)
        }
    }

    /// The stance without its evidence (source, quote, note) or its
    /// requirements: all that its few words (`words::stance`) are made of,
    /// for the summary table's 400,000 cells at conference scale.
    pub(crate) fn outline(issue: &'n Issue, s: &'n Stance) -> StanceReport<'n> {
        let mut r = StanceReport {
            status: None,
            accepts: s.acceptable().map(|set| Outcomes::new(issue, set)),
            order: None,
            rejects: Outcomes::new(
                issue,
                OutcomeSet::Options(OptionSet::empty(issue.options.len())),
            ),
            wants: None,
            min: None,
            max: None,
            ideal: None,
            strength: Some(s.strength),
            basis: s.basis,
            salience: s.salience,
            source: Cited::default(),
            as_of: None,
            speaker: None,
            quote: None,
            quote_verified: None,
            quote_passage: None,
            note: None,
            requires: Ordered(Vec::new()),
            alternatives: alternatives(issue, s, None),
        };
        match &s.position {
            Position::Options { rejects, wants, .. } => {
                r.rejects = Outcomes::new(issue, OutcomeSet::Options(rejects.clone()));
                r.wants = wants.map(|w| issue.options[w].id.clone());
            }
            Position::Range { min, max, ideal } => {
                r.min = min.map(Num);
                r.max = max.map(Num);
                r.ideal = ideal.map(Num);
            }
            Position::Order { chains, .. } => {
                let step = |k: &usize| issue.options[*k].id.as_str();
                r.order = Some(
                    chains
                        .iter()
                        .map(|c| c.iter().map(step).collect())
                        .collect(),
                );
            }
            Position::Status(status) => {
                r.status = Some(*status);
                r.strength = None;
            }
        }
        r
    }
}

/// A stance's alternatives as the report shows them; their requirements
/// named when `n` is given (an outline leaves them out).
fn alternatives<'n>(
    issue: &'n Issue,
    s: &'n Stance,
    n: Option<&'n Negotiation>,
) -> Vec<AlternativeReport<'n>> {
    s.alternatives
        .iter()
        .map(|a| AlternativeReport {
            accepts: Outcomes::new(
                issue,
                a.position
                    .acceptable()
                    .unwrap_or_else(|| issue.everything().emptied()),
            ),
            rejects: Outcomes::new(
                issue,
                match &a.position {
                    Position::Options { rejects, .. } => OutcomeSet::Options(rejects.clone()),
                    _ => OutcomeSet::Options(OptionSet::empty(issue.options.len())),
                },
            ),
            requires: n.map_or_else(|| Ordered(Vec::new()), |n| requirements(n, &a.requires)),
        })
        .collect()
}

/// Requirements as the report names them: required issue id to outcome.
pub(crate) fn requirements<'n>(
    n: &'n Negotiation,
    requires: &[Requirement],
) -> Ordered<Outcomes<'n>> {
    Ordered(
        requires
            .iter()
            .map(|req| {
                let other = &n.agenda.issues[req.issue];
                (other.id.clone(), Outcomes::new(other, req.outcome.clone()))
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two verdicts to a byte, and back, for an odd number of issues too;
    /// and the issues of each verdict listed from the bytes.
    #[test]
    fn packed_pair_verdicts_read_back() {
        let verdicts = [
            None,
            Some(Verdict::Overlap),
            Some(Verdict::Blocked),
            Some(Verdict::Conflict),
            Some(Verdict::Gap),
        ];
        let ids: Arc<[String]> = (0..5).map(|k| format!("i{k}")).collect();
        let codes = verdicts.map(Verdict::code);
        let packed = PairIssues::new(ids, &codes);
        let back: Vec<_> = (0..5).map(|k| packed.verdict(k)).collect();
        assert_eq!(back, verdicts);
        let pair = PairReport {
            parties: ["a".to_owned(), "b".to_owned()],
            agreement: None,
            weight: None,
            counts: super::super::Summary::of_codes(&codes),
            issues: Some(packed),
        };
        // Issue `i0` has no verdict, and each other one a verdict of its own.
        for verdict in Verdict::ALL {
            let k = verdicts.iter().position(|v| *v == Some(verdict)).unwrap();
            assert_eq!(pair.with(verdict).collect::<Vec<_>>(), [format!("i{k}")]);
        }
    }
}

/// How far one proposal moves each party in scope, in report order (0 for
/// a party with no position): a JSON object of party ids. A conference has
/// a thousand conflicts, each with 200 parties to a proposal, so the ids
/// are the report's own, shared, and only the amounts are kept.
#[derive(Clone, Debug)]
pub struct Moves {
    parties: Arc<[String]>,
    amounts: Vec<Num>,
}

impl Moves {
    /// `amounts`: one for each of `parties`, in the same order.
    pub(crate) fn new(parties: Arc<[String]>, amounts: Vec<Num>) -> Self {
        assert_eq!(parties.len(), amounts.len(), "one amount per party");
        Moves { parties, amounts }
    }

    /// Each party's id and move, in report order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Num)> {
        self.parties
            .iter()
            .map(String::as_str)
            .zip(self.amounts.iter().copied())
    }

    /// The move of the party of this id.
    pub fn get(&self, party: &str) -> Option<Num> {
        self.iter().find(|(p, _)| *p == party).map(|(_, m)| m)
    }
}

impl Serialize for Moves {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.amounts.len()))?;
        for (party, amount) in self.iter() {
            map.serialize_entry(party, &amount)?;
        }
        map.end()
    }
}
