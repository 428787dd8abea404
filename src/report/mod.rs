//! The report: everything a comparison found, as one value. Every output
//! format renders this value and computes nothing of its own; its serde
//! shape is the JSON contract (`docs/json.md`).

use crate::model::{Basis, Kind, Source, Status, Strength};
use crate::outcome::Num;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use std::collections::HashMap;

mod outcomes;
mod views;

pub use outcomes::Outcomes;
pub use views::{Clashes, Moves, PairIssues, Stances};

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Clone, Debug, Serialize)]
pub struct Report<'n> {
    pub schema_version: u32,
    pub negotiation: String,
    pub as_of: Option<String>,
    pub parties: Vec<PartyInfo>,
    pub issues: Vec<IssueReport<'n>>,
    pub pairs: Vec<PairReport>,
    pub summary: Summary,
    /// The fewest stance changes that would turn every conflict and block
    /// in scope into an overlap.
    pub deal: Deal<'n>,
    /// Groups of parties that agree on most of what they both address.
    pub coalitions: Vec<Vec<String>>,
    /// For each party, its closest and furthest partner.
    pub partners: Ordered<Partners>,
    /// The report from one party's seat (`--focus`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub focus: Option<Focus<'n>>,
    /// Each issue's place in `issues`, by id: a renderer names a required
    /// issue for each of thousands of requirements.
    #[serde(skip)]
    pub(crate) issue_at: HashMap<String, usize>,
}

impl<'n> Report<'n> {
    /// The report's issue of this id; `None` for an issue left out of the
    /// report (`--issues`).
    pub fn issue(&self, id: &str) -> Option<&IssueReport<'n>> {
        self.issue_at.get(id).map(|&k| &self.issues[k])
    }

    /// The pair of the parties at positions `a` and `b` of `parties`, in
    /// either order. Pairs come in the order (0,1), (0,2) .. (1,2) ..: the
    /// agreement matrix asks for each of 40,000 cells at 200 parties, and a
    /// search per cell was quartic.
    pub fn pair(&self, a: usize, b: usize) -> Option<&PairReport> {
        pair_of(&self.pairs, self.parties.len(), a, b)
    }
}

/// `Report::pair`, among the pairs of `n` parties.
pub fn pair_of(pairs: &[PairReport], n: usize, a: usize, b: usize) -> Option<&PairReport> {
    let (a, b) = (a.min(b), a.max(b));
    if a == b || b >= n {
        return None;
    }
    pairs.get(a * n - a * (a + 1) / 2 + (b - a - 1))
}

#[derive(Clone, Debug, Serialize)]
pub struct PartyInfo {
    pub id: String,
    pub name: String,
    pub as_of: Option<String>,
    pub sources: Vec<Source>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Overlap,
    Blocked,
    Conflict,
    Gap,
}

impl Verdict {
    pub const ALL: [Verdict; 4] = [
        Verdict::Overlap,
        Verdict::Blocked,
        Verdict::Conflict,
        Verdict::Gap,
    ];

    /// A pair's verdict on one issue as one small number, as the pair
    /// table works it out and keeps it: 0 where neither of the two speaks,
    /// else 1 + the verdict's index in `ALL`.
    pub const fn code(v: Option<Verdict>) -> u8 {
        match v {
            None => 0,
            Some(v) => v as u8 + 1,
        }
    }

    pub fn of_code(code: u8) -> Option<Verdict> {
        code.checked_sub(1).map(|c| Verdict::ALL[usize::from(c)])
    }

    pub fn name(self) -> &'static str {
        match self {
            Verdict::Overlap => "overlap",
            Verdict::Blocked => "blocked",
            Verdict::Conflict => "conflict",
            Verdict::Gap => "gap",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Hard,
    Soft,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Hard => "hard",
            Severity::Soft => "soft",
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct IssueReport<'n> {
    pub id: String,
    pub title: String,
    pub kind: Kind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub options: Vec<OptionInfo>,
    pub verdict: Verdict,
    pub severity: Option<Severity>,
    /// What every party with a position can accept.
    pub zone: Outcomes<'n>,
    /// Parties in scope with no stance at all on this issue.
    pub silent: Vec<&'n str>,
    /// Parties that spoke to the issue without taking a position.
    pub no_position: Ordered<Status>,
    /// `clashes`, or `clash_count` under `--pairs counts`.
    #[serde(flatten)]
    pub clashes: Clashes,
    pub blocked_by: Vec<Block<'n>>,
    pub stances: Stances<'n>,
    /// For a conflict: the nearest compromises, in arithmetic.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bridge: Option<Bridge>,
}

#[derive(Clone, Debug, Serialize)]
pub struct OptionInfo {
    pub id: String,
    pub description: String,
}

/// A requirement that the zone of another issue cannot meet.
#[derive(Clone, Debug, Serialize)]
pub struct Block<'n> {
    /// The issue the requirement is on.
    pub issue: String,
    /// Whose requirement it is.
    pub party: String,
    pub requires: Outcomes<'n>,
    /// The unit of that issue, when it is a range: it may be out of the
    /// report's view (`--issues`) and still block.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// That issue's verdict and zone among the same parties.
    pub verdict: Verdict,
    pub zone: Outcomes<'n>,
    /// When that issue is a conflict: who clashes there.
    #[serde(flatten, skip_serializing_if = "Clashes::is_empty")]
    pub clashes: Clashes,
    /// When that issue is blocked in turn: the next links of the chain.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub blocked_by: Vec<Block<'n>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct StanceReport<'n> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// What the stance accepts, worked out: option ids, or the interval.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accepts: Option<Outcomes<'n>>,
    /// What it rejects out loud: options only.
    #[serde(skip_serializing_if = "Outcomes::is_empty")]
    pub rejects: Outcomes<'n>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wants: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ideal: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strength: Option<Strength>,
    pub basis: Basis,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip_serializing_if = "Ordered::is_empty")]
    pub requires: Ordered<Outcomes<'n>>,
}

/// Two parties compared issue by issue. At conference scale there are
/// 20,000 pairs and thousands of issues, so the issues behind the counts
/// are kept as one byte per issue and named only when written out.
#[derive(Clone, Debug)]
pub struct PairReport {
    pub parties: [String; 2],
    /// overlaps / (overlaps + blocked + conflicts); `None` when the two
    /// compare on nothing.
    pub agreement: Option<f64>,
    pub counts: Summary,
    /// Which issues the counts count; `None` when the comparison was asked
    /// for counts only (`--pairs counts`).
    pub issues: Option<PairIssues>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub overlap: usize,
    pub blocked: usize,
    pub conflict: usize,
    pub gap: usize,
}

impl Summary {
    /// The counts of a pair's verdict codes (`Verdict::code`).
    pub fn of_codes(codes: &[u8]) -> Summary {
        let mut by_code = [0; 5];
        for &c in codes {
            by_code[usize::from(c)] += 1;
        }
        let [_, overlap, blocked, conflict, gap] = by_code;
        Summary {
            overlap,
            blocked,
            conflict,
            gap,
        }
    }

    pub fn count(&mut self, verdict: Verdict) {
        match verdict {
            Verdict::Overlap => self.overlap += 1,
            Verdict::Blocked => self.blocked += 1,
            Verdict::Conflict => self.conflict += 1,
            Verdict::Gap => self.gap += 1,
        }
    }
}

/// A JSON object whose keys keep the order they were given in (parties in
/// report order), where a map type would sort them.
#[derive(Clone, Debug, Default)]
pub struct Ordered<V>(pub Vec<(String, V)>);

impl<V> Ordered<V> {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

impl<V: Serialize> Serialize for Ordered<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// The nearest compromises on a conflict: arithmetic on stated positions,
/// not advice.
#[derive(Clone, Debug, Serialize)]
pub struct Bridge {
    /// For a range, the gap between the closest ends; `None` otherwise.
    pub distance: Option<Num>,
    /// Every tied best proposal, in agenda order (a range has one).
    pub proposals: Vec<Proposal>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Proposal {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub option: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Num>,
    /// Each party in scope: steps on a scale, the amount on a range, 1 or
    /// 0 for choice and yes-no; 0 for a party with no position.
    pub moves: Moves,
    /// Parties that hold the issue as a red line and would have to move.
    pub crosses_red_line: Vec<String>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Deal<'n> {
    /// Whether the answer is the smallest (every combination was tried),
    /// or a greedy one on an agenda too large for that.
    pub exact: bool,
    /// How many stances change.
    pub stances: usize,
    /// In party order, then agenda order.
    pub changes: Vec<DealChange<'n>>,
}

#[derive(Clone, Debug, Serialize)]
/// Names are borrowed from the negotiation: a conference's deal has tens
/// of thousands of changes.
pub struct DealChange<'n> {
    pub party: &'n str,
    pub issue: &'n str,
    /// `accept` an outcome the party does not accept now, or
    /// `drop-requirement` on another issue.
    pub change: ChangeKind,
    /// The outcome to accept, or the requirement to drop.
    pub outcome: Outcomes<'n>,
    /// For a dropped requirement: the issue it is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requirement_on: Option<&'n str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<&'n str>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    Accept,
    DropRequirement,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Partners {
    pub closest: Option<String>,
    pub furthest: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Focus<'n> {
    pub party: String,
    /// Conflicts that would not be conflicts without this party.
    pub alone: Vec<String>,
    /// Parties that agree with it on most of what they both address.
    pub partners: Vec<String>,
    /// What those partners accept where this party accepts none of it.
    pub rejected: Vec<Rejected<'n>>,
    /// Its moves in the bridging proposals, smallest first.
    pub moves: Vec<FocusMove<'n>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Rejected<'n> {
    pub issue: String,
    pub partner: String,
    pub wants: Outcomes<'n>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FocusMove<'n> {
    pub issue: String,
    pub to: Outcomes<'n>,
    #[serde(rename = "move")]
    pub amount: Num,
    pub red_line: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A verdict's code is its place in `ALL`, plus one: the pair table's
    /// code table and `Summary::of_codes` count on the enum's order being
    /// `ALL`'s.
    #[test]
    fn verdict_codes_follow_all() {
        assert_eq!(Verdict::code(None), 0);
        assert_eq!(Verdict::of_code(0), None);
        for (k, v) in Verdict::ALL.into_iter().enumerate() {
            assert_eq!(usize::from(Verdict::code(Some(v))), k + 1);
            assert_eq!(Verdict::of_code(Verdict::code(Some(v))), Some(v));
            let mut one = Summary::default();
            one.count(v);
            assert_eq!(Summary::of_codes(&[0, Verdict::code(Some(v))]), one);
        }
    }
}
