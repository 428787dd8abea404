//! The generator's "who decides": roles, `decided_by` and salience, added
//! to files `generate` (or `generate_ordered`) wrote, so that the
//! benchmarks can time Format 2's deciders at any scale while `generate`'s
//! own bytes, and every measurement made on them, stay as they were.
//!
//! One party in ten is a mediator and one in twenty-five an observer (at
//! least one principal is left even at two parties). One issue in twelve
//! names its deciders: three to five parties, a mediator among them now
//! and then. About half the stances give a salience, spread over 0..=100
//! with a few zeros, so that weighted agreement and the deal's cost see
//! every case.

use super::{Rng, mix};
use std::fmt::Write;

/// How many parties in a row share one mediator, and one observer.
const MEDIATOR_EVERY: usize = 10;
const OBSERVER_EVERY: usize = 25;
/// One issue in this many gets a `decided_by`.
const DECIDED_EVERY: usize = 12;

/// `files` (an agenda first, then one file per party, as `generate`
/// writes them) with roles, `decided_by` and salience added.
pub fn add_deciders(files: &mut [(String, String)], seed: u64) {
    let ids: Vec<String> = files
        .iter()
        .skip(1)
        .map(|(name, _)| name.trim_end_matches(".yaml").to_owned())
        .collect();
    if let Some((_, agenda)) = files.first_mut() {
        *agenda = decided_agenda(agenda, &ids, seed);
    }
    for (p, (_, party)) in files.iter_mut().enumerate().skip(1) {
        let mut rng = Rng::new(mix(seed ^ mix(0xdec1 + p as u64)));
        *party = with_role_and_salience(party, role(p - 1, ids.len()), &mut rng);
    }
}

/// `generate_ordered`'s files with `add_deciders`: every part of Format 2
/// the generator knows, as a folder in memory.
pub fn folder_format2(spec: &super::Spec) -> crate::load::Folder {
    let mut files = super::generate_ordered(spec);
    add_deciders(&mut files, spec.seed);
    super::in_memory(files)
}

/// The role of the party at `place` among `parties`, when not a principal.
fn role(place: usize, parties: usize) -> Option<&'static str> {
    if parties < 3 {
        return None;
    }
    if place % OBSERVER_EVERY == OBSERVER_EVERY - 1 {
        Some("observer")
    } else if place % MEDIATOR_EVERY == MEDIATOR_EVERY - 1 {
        Some("mediator")
    } else {
        None
    }
}

/// The agenda with a `decided_by` under one issue in `DECIDED_EVERY`.
fn decided_agenda(agenda: &str, ids: &[String], seed: u64) -> String {
    let mut rng = Rng::new(mix(seed ^ 0xdec1_0000));
    let mut y = String::with_capacity(agenda.len() + agenda.len() / 20);
    let mut issue = 0usize;
    for line in agenda.lines() {
        y += line;
        y.push('\n');
        if !line.starts_with("    kind: ") {
            continue;
        }
        if issue % DECIDED_EVERY == DECIDED_EVERY - 1 && ids.len() >= 3 {
            let count = (3 + rng.below(3)).min(ids.len());
            let mut places = rng.sample(&(0..ids.len()).collect::<Vec<_>>(), count);
            places.sort_unstable();
            let named: Vec<&str> = places.iter().map(|&k| ids[k].as_str()).collect();
            let _ = writeln!(y, "    decided_by: [{}]", named.join(", "));
        }
        issue += 1;
    }
    y
}

/// `party` with its `role` after its `name`, and a `salience` as the first
/// field of about half its stances.
fn with_role_and_salience(party: &str, role: Option<&str>, rng: &mut Rng) -> String {
    let mut y = String::with_capacity(party.len() + party.len() / 16);
    let mut in_stances = false;
    for line in party.lines() {
        let is_stance_key = in_stances && line.starts_with("  ") && !line.starts_with("   ");
        // A few zeros: an issue that weighs nothing to the party.
        let salience = (is_stance_key && rng.chance(0.5))
            .then(|| if rng.chance(0.05) { 0 } else { rng.below(101) });
        match (salience, line.split_once(": {")) {
            // A stance written as a flow mapping takes it inside.
            (Some(salience), Some((key, rest))) => {
                let _ = writeln!(y, "{key}: {{salience: {salience}, {rest}");
            }
            (Some(salience), None) => {
                y += line;
                let _ = write!(y, "\n    salience: {salience}\n");
            }
            (None, _) => {
                y += line;
                y.push('\n');
            }
        }
        if let Some(role) = role
            && line.starts_with("name: ")
        {
            let _ = writeln!(y, "role: {role}");
        }
        if !line.starts_with(' ') {
            in_stances = line == "stances:";
        }
    }
    y
}
