//! The synthetic negotiations of `stance::synth`: reproducible, valid, and
//! mixed in their verdicts, which is what makes them worth benchmarking.

use stance::diag::Diagnostic;
use stance::load::load_folder;
use stance::model::Negotiation;
use stance::synth::{Spec, folder, generate};
use stance::{Scope, compare};

fn spec(parties: usize, issues: usize, seed: u64) -> Spec {
    Spec {
        parties,
        issues,
        seed,
    }
}

/// Loads the generated files as the CLI loads a folder, and insists on no
/// diagnostic at all: a warning would be noise in every benchmark run.
fn load(spec: &Spec) -> Negotiation {
    assert_eq!(generate(spec)[0].0, "agenda.yaml");
    load_clean(folder(spec))
}

/// `folder` loaded, with no diagnostic at all.
fn load_clean(folder: stance::load::Folder) -> Negotiation {
    let loaded = load_folder(folder);
    let loaded = loaded.unwrap_or_else(|e| panic!("{e}"));
    let problems: Vec<String> = loaded
        .warnings
        .iter()
        .map(|d: &Diagnostic| d.render(false))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    loaded.negotiation
}

#[test]
fn the_same_spec_gives_the_same_bytes_and_another_seed_other_bytes() {
    let a = generate(&spec(4, 20, 7));
    assert_eq!(a, generate(&spec(4, 20, 7)));
    assert_ne!(a, generate(&spec(4, 20, 8)));
}

#[test]
fn the_agenda_comes_first_then_party_files_in_name_order() {
    let names: Vec<String> = generate(&spec(12, 5, 1))
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(names[0], "agenda.yaml");
    assert_eq!(names[1], "party-001.yaml");
    assert_eq!(names[12], "party-012.yaml");
    assert!(names[1..].is_sorted());
}

#[test]
fn small_and_medium_folders_load_without_a_diagnostic() {
    for s in [spec(4, 20, 1), spec(20, 100, 1), spec(20, 100, 2)] {
        let n = load(&s);
        assert_eq!(n.parties.len(), s.parties);
        assert_eq!(n.agenda.issues.len(), s.issues);
    }
}

#[test]
fn a_tiny_spec_still_makes_a_valid_folder() {
    // Every party must state something, even on a one-issue agenda.
    for seed in 0..20 {
        load(&spec(3, 1, seed));
    }
}

#[test]
fn four_parties_on_forty_issues_get_every_verdict() {
    for seed in 1..=5 {
        let n = load(&spec(4, 40, seed));
        let s = compare(&n, &Scope::all(&n)).summary;
        assert!(
            s.overlap > 0 && s.conflict > 0 && s.blocked > 0 && s.gap > 0,
            "seed {seed}: {} overlap, {} conflict, {} blocked, {} gap",
            s.overlap,
            s.conflict,
            s.blocked,
            s.gap
        );
    }
}

#[test]
fn many_parties_still_leave_many_overlaps() {
    // The popular outcomes keep a big conference from being all conflict.
    let n = load(&spec(100, 100, 1));
    let s = compare(&n, &Scope::all(&n)).summary;
    assert!(s.overlap >= 25, "only {} overlaps of 100", s.overlap);
    assert!(s.conflict >= 25, "only {} conflicts of 100", s.conflict);
}

#[test]
fn conditions_are_generated_and_judged_at_every_scale() {
    // Guards that the benchmarks exercise Format 2's conditions: the
    // folders carry alternatives, packages and deal-wide terms, and the
    // report shows outcomes held on a condition and overlaps resting on a
    // gap, from a small negotiation to a conference.
    for s in [spec(20, 100, 1), spec(200, 200, 1)] {
        let n = load(&s);
        let alternatives: usize = n
            .parties
            .iter()
            .flat_map(|p| p.stances.iter().flatten())
            .map(|st| st.alternatives.len())
            .sum();
        let packages: usize = n.parties.iter().map(|p| p.packages.len()).sum();
        let terms = n.parties.iter().filter(|p| !p.requires.is_empty()).count();
        assert!(
            alternatives > 0 && packages > 0 && terms > 0,
            "{s:?}: {alternatives} alternatives, {packages} packages, {terms} terms"
        );
        let r = compare(&n, &Scope::all(&n));
        let conditional = r
            .issues
            .iter()
            .filter(|i| !i.conditional.is_empty())
            .count();
        let contingent = r.issues.iter().filter(|i| i.is_contingent()).count();
        let s = &r.summary;
        assert!(
            conditional > 0 && contingent > 0 && s.overlap > 0 && s.blocked > 0,
            "{conditional} conditional, {contingent} contingent, {} overlap, {} blocked",
            s.overlap,
            s.blocked
        );
    }
}

/// Guards the generator's order: phases and sequence issues load with no
/// diagnostic, every sequence is judged, some overlap and some conflict,
/// and issues come by phase.
#[test]
fn the_ordered_generator_has_phases_and_sequences_of_both_verdicts() {
    let spec = spec(30, 80, 3);
    let n = load_clean(stance::synth::folder_ordered(&spec));
    assert_eq!(n.agenda.phases.len(), 3);
    let r = compare(&n, &Scope::all(&n));
    let sequences: Vec<_> = r
        .issues
        .iter()
        .filter(|i| i.id.starts_with("sequence-"))
        .collect();
    assert_eq!(sequences.len(), 4);
    assert!(
        sequences
            .iter()
            .any(|i| i.verdict == stance::report::Verdict::Overlap)
    );
    assert!(
        sequences
            .iter()
            .any(|i| i.verdict == stance::report::Verdict::Conflict)
    );
    let phases: Vec<Option<&str>> = r.issues.iter().map(|i| i.phase).collect();
    let rank = |p: &Option<&str>| p.map_or(u8::MAX, |p| p.as_bytes()[6]);
    assert!(phases.windows(2).all(|w| rank(&w[0]) <= rank(&w[1])));
}

/// Guards the generator's "who decides": roles, `decided_by` and salience
/// load with no diagnostic; some issues are decided by fewer parties than
/// are in scope, some parties stand outside a decision, and salience
/// weighs the pairs (a weight differs from the plain count).
#[test]
fn the_deciders_generator_has_roles_decided_by_and_salience() {
    use stance::model::Role;
    let spec = spec(30, 80, 3);
    let n = load_clean(stance::synth::folder_format2(&spec));
    let roles = |role| n.parties.iter().filter(|p| p.role == role).count();
    // Places 10, 20 and 30 mediate; 25 observes.
    assert_eq!((roles(Role::Mediator), roles(Role::Observer)), (3, 1));
    let r = compare(&n, &Scope::all(&n));
    assert!(r.issues.iter().any(|i| i.deciders.len() < 5));
    assert!(r.issues.iter().any(|i| !i.outside.is_empty()));
    // Weighed: some pair's index is not the plain share of overlaps.
    assert!(r.pairs.iter().any(|p| {
        let plain = p.counts.overlap as f64 / p.compared() as f64;
        p.agreement.is_some_and(|a| (a - plain).abs() > 1e-9)
    }));
}
