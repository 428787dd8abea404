//! What stands in an issue's way: for each deciding party with a
//! position, the unmet requirements of its base position or alternatives
//! through which it would accept an outcome of the zone that it accepts no
//! other way (`docs/design.md`, "blocked").

use super::conditions::Conditions;
use super::solve::{Solution, State};
use super::table::Table;
use crate::model::{IssueIndex, PartyIndex};
use crate::outcome::OutcomeSet;

/// The requirements in the way of `issue` in `solution`'s world, as
/// indices into the table's needs, those `keep` keeps: in party order,
/// then agenda order of the required issue, then where each is written
/// (the stance, each alternative, the party, each package). Each once,
/// though several of the party's ways may hold it.
pub fn in_the_way(
    t: &Table<'_>,
    solution: &Solution,
    issue: IssueIndex,
    keep: impl Fn(u32) -> bool,
) -> Vec<u32> {
    let c = &t.conditions;
    if c.is_empty() || solution.state(issue) == State::Conflict {
        return Vec::new();
    }
    let zone = solution.zone(issue);
    let mut found: Vec<(usize, u32)> = Vec::new();
    for (rank, &p) in solution.speakers(issue).iter().enumerate() {
        for k in unmet_ways(t, c, solution, p, issue, zone) {
            if keep(k) {
                found.push((rank, k));
            }
        }
    }
    found.sort_by_key(|&(rank, k)| {
        let need = &c.needs[k as usize];
        (rank, need.target, need.place, k)
    });
    found.dedup_by_key(|&mut (_, k)| k);
    found.into_iter().map(|(_, k)| k).collect()
}

/// One party's unmet requirements on `issue` that hold back an outcome of
/// the zone: those of each way (base, alternatives) that has one unmet
/// and covers such an outcome.
fn unmet_ways(
    t: &Table<'_>,
    c: &Conditions,
    solution: &Solution,
    party: PartyIndex,
    issue: IssueIndex,
    zone: &OutcomeSet,
) -> Vec<u32> {
    let met = |k: u32| {
        let need = &c.needs[k as usize];
        solution.meets(need.target, &need.outcome)
    };
    // A gap takes no stance's common requirements: only alternatives'
    // own are checked there.
    let common: Vec<u32> = if solution.state(issue) == State::Gap {
        Vec::new()
    } else {
        c.common(party, issue).filter(|&k| !met(k)).collect()
    };
    let cell = c.cell(party, issue);
    let base = match cell {
        Some(cell) => cell.base.clone(),
        None => match t.acceptable(party, issue) {
            Some(set) => set.clone(),
            None => return Vec::new(),
        },
    };
    let alternatives = cell.map_or(&[][..], |cell| c.alternatives_of(cell));
    let own: Vec<Vec<u32>> = alternatives
        .iter()
        .map(|a| a.needs.clone().filter(|&k| !met(k)).collect())
        .collect();
    // What the party accepts now.
    let accepted = if common.is_empty() {
        alternatives
            .iter()
            .zip(&own)
            .filter(|(_, unmet)| unmet.is_empty())
            .fold(base.clone(), |all, (a, _)| all.join(&a.set))
    } else {
        base.emptied()
    };
    let holds_back = |set: &OutcomeSet| {
        let reach = set.meet(zone);
        !reach.is_empty() && !reach.within(&accepted)
    };
    let mut out = Vec::new();
    if !common.is_empty() && holds_back(&base) {
        out.extend_from_slice(&common);
    }
    for (a, unmet) in alternatives.iter().zip(&own) {
        if (!unmet.is_empty() || !common.is_empty()) && holds_back(&a.set) {
            out.extend_from_slice(&common);
            out.extend_from_slice(unmet);
        }
    }
    out
}
