//! The generator's order: a phased agenda and sequence issues, added to
//! what `generate` writes, so that the benchmarks can time Format 2's
//! order at any scale. Kept apart so that `generate`'s own bytes (and every
//! measurement made on them) stay as they were.
//!
//! Three phases; two issues in three get one, in turn. One sequence issue
//! per 20 issues (at least one), of `STEPS` steps, each placed in a phase.
//! Each party orders a few steps of each: most follow their bloc's order
//! of the steps, so most sequences overlap; where two blocs order the
//! same steps the other way round, the issue is a conflict with a bridge
//! to find.

use super::{BLOCS, Rng, Spec, generate, mix};
use std::fmt::Write;

const PHASES: usize = 3;
const STEPS: usize = 6;
/// The blocs that order the steps their own way; the others share one
/// order.
const DISSENTING_BLOCS: usize = 2;

/// `generate`'s files with phases and sequence issues added.
pub fn generate_ordered(spec: &Spec) -> Vec<(String, String)> {
    let mut files = generate(spec);
    let sequences = (spec.issues / 20).max(1);
    let (_, agenda) = &mut files[0];
    *agenda = ordered_agenda(agenda, sequences);
    for (p, (_, party)) in files.iter_mut().enumerate().skip(1) {
        let mut rng = Rng::new(mix(spec.seed ^ mix(0x5e9 + p as u64)));
        let stances = sequence_stances(p - 1, sequences, &mut rng);
        *party = with_stances(party, &stances);
    }
    files
}

/// `generate_ordered`'s files as a folder in memory.
pub fn folder_ordered(spec: &Spec) -> crate::load::Folder {
    super::in_memory(generate_ordered(spec))
}

/// The agenda with `phases:` before its issues, a `phase:` under two
/// issues in three, and the sequence issues last.
fn ordered_agenda(agenda: &str, sequences: usize) -> String {
    let mut y = String::with_capacity(agenda.len() + 200 * sequences + 64 * PHASES);
    let mut issue = 0usize;
    for line in agenda.lines() {
        if line == "issues:" {
            y += "phases:\n";
            for k in 1..=PHASES {
                let _ = writeln!(y, "  phase-{k}: {{title: Phase {k}, days: {}}}", 30 * k);
            }
        }
        y += line;
        y.push('\n');
        if line.starts_with("    kind: ") {
            if issue % 3 != 2 {
                let _ = writeln!(y, "    phase: phase-{}", issue % 3 + 1);
            }
            issue += 1;
        }
    }
    for s in 0..sequences {
        let _ = writeln!(y, "  sequence-{s:03}:");
        let _ = writeln!(y, "    title: What comes first, part {}", s + 1);
        y += "    kind: sequence\n";
        let _ = writeln!(y, "    phase: phase-{}", s % PHASES + 1);
        y += "    steps:\n";
        for k in 0..STEPS {
            let _ = writeln!(y, "      step-{k}: Step {} of the talks", k + 1);
        }
    }
    y
}

/// One party's stances on the sequence issues: chains along its bloc's
/// order of the steps (the steps' own order, or its reverse for the
/// dissenting blocs on odd-numbered issues), so its own chains never
/// contradict each other.
fn sequence_stances(p: usize, sequences: usize, rng: &mut Rng) -> String {
    let bloc = p % BLOCS;
    let mut y = String::new();
    for s in 0..sequences {
        if !rng.chance(0.7) {
            continue;
        }
        let count = 2 + rng.below(3);
        let mut steps: Vec<usize> = rng.sample(&(0..STEPS).collect::<Vec<_>>(), count);
        steps.sort_unstable();
        if bloc < DISSENTING_BLOCS && s % 2 == 1 {
            steps.reverse();
        }
        let chain: Vec<String> = steps.iter().map(|k| format!("step-{k}")).collect();
        let _ = writeln!(y, "  sequence-{s:03}:");
        let _ = writeln!(y, "    order: [[{}]]", chain.join(", "));
        y += "    note: Generated order.\n";
    }
    y
}

/// `party` with `stances` added at the end of its `stances:` mapping.
fn with_stances(party: &str, stances: &str) -> String {
    let Some(start) = party.find("\nstances:\n") else {
        return party.to_owned();
    };
    let body = start + "\nstances:\n".len();
    // The stances end where the next top-level key begins.
    let mut end = body;
    for line in party[body..].split_inclusive('\n') {
        if !line.starts_with(' ') {
            break;
        }
        end += line.len();
    }
    let mut out = String::with_capacity(party.len() + stances.len());
    out += &party[..end];
    out += stances;
    out += &party[end..];
    out
}
