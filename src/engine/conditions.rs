//! Every condition of every party, laid out once for the fixpoint
//! (`solve.rs`): each requirement as a need with what follows when it is
//! unmet, each alternative with its outcomes, each party-level `requires`
//! and package as a group of needs.
//!
//! The rules (`docs/design.md`, "Conditions"): a stance's own `requires`,
//! the party's `requires` (but on the required issue itself) and its
//! packages are the stance's common requirements, which its base position
//! and every alternative must meet; an alternative's `requires` are its
//! own. A package of issues gives each of its stances one requirement per
//! other issue of the package: that it settle inside what the party could
//! accept there.

use crate::model::{IssueIndex, Negotiation, PartyIndex, Stance};
use crate::outcome::OutcomeSet;
use std::ops::Range;

/// Where a requirement is written, in the order a report lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    /// The stance's own `requires`.
    Stance,
    /// The `requires` of the stance's alternative at this index.
    Alternative(u32),
    /// The party's `requires`.
    Party,
    /// The package at this index of the party's `packages`.
    Package(u32),
}

/// What an unmet need takes away.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// The stance of this cell (`Conditions::cells`) accepts nothing.
    Cell(u32),
    /// This alternative (`Conditions::alternatives`) is not accepted.
    Alternative(u32),
    /// A need of this group (`Conditions::groups`) fails: every stance it
    /// covers but the one on the failed need's issue accepts nothing.
    Group(u32),
}

/// One requirement, as the fixpoint checks it.
#[derive(Clone, Debug)]
pub struct Need {
    pub party: PartyIndex,
    /// The issue whose stance holds it; `None` for a party's or a
    /// package's, which every stance of the group holds.
    pub holder: Option<IssueIndex>,
    /// The required issue.
    pub target: IssueIndex,
    /// What it asks for there. A package's: what the party could accept.
    pub outcome: OutcomeSet,
    pub place: Place,
    pub effect: Effect,
}

/// A stance with conditions of its own: requirements, alternatives, or a
/// place in a package.
pub struct Cell {
    pub party: PartyIndex,
    pub issue: IssueIndex,
    /// What its base position accepts.
    pub base: OutcomeSet,
    /// Its own `requires`, in `Conditions::needs`.
    pub needs: Range<u32>,
    /// Its alternatives, in `Conditions::alternatives`.
    pub alternatives: Range<u32>,
}

pub struct Alternative {
    /// The cell it belongs to.
    pub cell: u32,
    pub set: OutcomeSet,
    /// Its own `requires`, in `Conditions::needs`.
    pub needs: Range<u32>,
}

/// A party-level `requires` or a package: needs that every stance it
/// covers holds, but the one on the needed issue itself.
pub struct Group {
    /// `None`: every stance of the party (its `requires`); else the issues
    /// of a package, in agenda order.
    pub members: Option<Vec<IssueIndex>>,
    pub needs: Range<u32>,
}

impl Group {
    /// Whether the group's needs are held by the party's stance on `issue`.
    pub fn covers(&self, issue: IssueIndex) -> bool {
        self.members
            .as_ref()
            .is_none_or(|m| m.binary_search(&issue).is_ok())
    }
}

/// One party's conditions, as ranges of the tables.
#[derive(Clone, Default)]
pub struct PartyConditions {
    /// All its needs: cells', alternatives' and groups'.
    pub needs: Range<u32>,
    pub alternatives: Range<u32>,
    pub groups: Range<u32>,
}

/// Every condition of the negotiation.
pub struct Conditions {
    /// Per stance, `party * issues + issue`: its place in `cells`, or
    /// `NONE`.
    at: Vec<u32>,
    pub cells: Vec<Cell>,
    pub alternatives: Vec<Alternative>,
    pub needs: Vec<Need>,
    pub groups: Vec<Group>,
    pub parties: Vec<PartyConditions>,
    width: usize,
    /// By issue: whether it is a sequence, which a party-level `requires`
    /// skips (Format 2: an order takes no conditions).
    sequence: Vec<bool>,
}

const NONE: u32 = u32::MAX;

impl Conditions {
    /// `could[party][issue]`: what each stance could accept (base and
    /// alternatives), which a package asks of its other issues.
    pub fn new(n: &Negotiation, could: &[Vec<Option<OutcomeSet>>]) -> Self {
        let width = n.agenda.issues.len();
        let mut c = Conditions {
            at: Vec::new(),
            cells: Vec::new(),
            alternatives: Vec::new(),
            needs: Vec::new(),
            groups: Vec::new(),
            parties: Vec::with_capacity(n.parties.len()),
            width,
            sequence: n
                .agenda
                .issues
                .iter()
                .map(|i| i.kind == crate::model::Kind::Sequence)
                .collect(),
        };
        let any = n.parties.iter().any(|p| {
            !p.requires.is_empty()
                || !p.packages.is_empty()
                || p.stances
                    .iter()
                    .flatten()
                    .any(|s| !s.requires.is_empty() || !s.alternatives.is_empty())
        });
        if !any {
            c.parties = vec![PartyConditions::default(); n.parties.len()];
            return c;
        }
        c.at = vec![NONE; n.parties.len() * width];
        for (p, party) in n.parties.iter().enumerate() {
            let party_index = PartyIndex::new(p);
            let needs_start = c.needs.len() as u32;
            let alternatives_start = c.alternatives.len() as u32;
            let groups_start = c.groups.len() as u32;
            let in_package = |i: IssueIndex| party.packages.iter().any(|k| k.holds(i));
            for (i, stance) in party.stances.iter().enumerate() {
                let issue = IssueIndex::new(i);
                let Some(stance) = stance.as_ref().filter(|s| s.has_position()) else {
                    continue;
                };
                if stance.requires.is_empty()
                    && stance.alternatives.is_empty()
                    && !in_package(issue)
                {
                    continue;
                }
                c.add_cell(party_index, issue, stance);
            }
            for (k, package) in party.packages.iter().enumerate() {
                let start = c.needs.len() as u32;
                let group = c.groups.len() as u32;
                for &member in &package.issues {
                    let outcome = could[p][member.get()]
                        .clone()
                        .expect("a package names stances with a position");
                    c.needs.push(Need {
                        party: party_index,
                        holder: None,
                        target: member,
                        outcome,
                        place: Place::Package(k as u32),
                        effect: Effect::Group(group),
                    });
                }
                c.groups.push(Group {
                    members: Some(package.issues.clone()),
                    needs: start..c.needs.len() as u32,
                });
            }
            if !party.requires.is_empty() {
                let start = c.needs.len() as u32;
                let group = c.groups.len() as u32;
                for r in &party.requires {
                    c.needs.push(Need {
                        party: party_index,
                        holder: None,
                        target: r.issue,
                        outcome: r.outcome.clone(),
                        place: Place::Party,
                        effect: Effect::Group(group),
                    });
                }
                c.groups.push(Group {
                    members: None,
                    needs: start..c.needs.len() as u32,
                });
            }
            c.parties.push(PartyConditions {
                needs: needs_start..c.needs.len() as u32,
                alternatives: alternatives_start..c.alternatives.len() as u32,
                groups: groups_start..c.groups.len() as u32,
            });
        }
        c
    }

    fn add_cell(&mut self, party: PartyIndex, issue: IssueIndex, stance: &Stance) {
        let cell = self.cells.len() as u32;
        self.at[party.get() * self.width + issue.get()] = cell;
        let start = self.needs.len() as u32;
        for r in &stance.requires {
            self.needs.push(Need {
                party,
                holder: Some(issue),
                target: r.issue,
                outcome: r.outcome.clone(),
                place: Place::Stance,
                effect: Effect::Cell(cell),
            });
        }
        let needs = start..self.needs.len() as u32;
        let first = self.alternatives.len() as u32;
        for (k, alternative) in stance.alternatives.iter().enumerate() {
            let index = self.alternatives.len() as u32;
            let start = self.needs.len() as u32;
            for r in &alternative.requires {
                self.needs.push(Need {
                    party,
                    holder: Some(issue),
                    target: r.issue,
                    outcome: r.outcome.clone(),
                    place: Place::Alternative(k as u32),
                    effect: Effect::Alternative(index),
                });
            }
            self.alternatives.push(Alternative {
                cell,
                set: alternative
                    .position
                    .acceptable()
                    .expect("an alternative takes a position"),
                needs: start..self.needs.len() as u32,
            });
        }
        self.cells.push(Cell {
            party,
            issue,
            base: stance.acceptable().expect("a stance with a position"),
            needs,
            alternatives: first..self.alternatives.len() as u32,
        });
    }

    /// Whether the negotiation states no condition at all.
    pub fn is_empty(&self) -> bool {
        self.needs.is_empty() && self.alternatives.is_empty()
    }

    /// The cell of a stance, when it has conditions of its own.
    pub fn cell(&self, party: PartyIndex, issue: IssueIndex) -> Option<&Cell> {
        let k = *self.at.get(party.get() * self.width + issue.get())?;
        (k != NONE).then(|| &self.cells[k as usize])
    }

    /// The needs in a range.
    pub fn needs_in(&self, range: &Range<u32>) -> &[Need] {
        &self.needs[range.start as usize..range.end as usize]
    }

    /// The groups of a party.
    pub fn groups_of(&self, party: PartyIndex) -> &[Group] {
        let r = &self.parties[party.get()].groups;
        &self.groups[r.start as usize..r.end as usize]
    }

    /// The alternatives of a cell.
    pub fn alternatives_of(&self, cell: &Cell) -> &[Alternative] {
        &self.alternatives[cell.alternatives.start as usize..cell.alternatives.end as usize]
    }

    /// The common requirements of a stance: its own, its party's but on
    /// its own issue, its packages' but on its own issue; as indices into
    /// `needs`.
    pub fn common(&self, party: PartyIndex, issue: IssueIndex) -> impl Iterator<Item = u32> + '_ {
        let own = self
            .cell(party, issue)
            .map_or(0..0, |cell| cell.needs.clone());
        let groups = if self.parties.is_empty() {
            0..0
        } else {
            self.parties[party.get()].groups.clone()
        };
        let sequence = self.is_sequence(issue);
        own.chain(
            groups
                .filter(move |&g| !sequence && self.groups[g as usize].covers(issue))
                .flat_map(move |g| self.groups[g as usize].needs.clone())
                .filter(move |&k| self.needs[k as usize].target != issue),
        )
    }

    /// Whether `issue` is a sequence, which no condition touches.
    pub fn is_sequence(&self, issue: IssueIndex) -> bool {
        self.sequence.get(issue.get()).copied().unwrap_or(false)
    }

    /// Whether the party holds any requirement that applies to every one
    /// of its stances (a party-level `requires`).
    pub fn has_party_requires(&self, party: PartyIndex) -> bool {
        self.groups_of(party).iter().any(|g| g.members.is_none())
    }
}
