//! `stance check` on bad input. Each case pins the whole message (file,
//! line, column, the line with its caret, the suggestion), and proves that a
//! broken negotiation never loads.

use stance::load::{self, Invalid, Loaded, limits};
use std::path::{Path, PathBuf};

mod common;
use common::{rendered, warnings_of};

/// Paths relative to the crate, so snapshots read the same on every machine.
fn relative(path: &Path) -> PathBuf {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .to_path_buf()
}

#[test]
fn every_invalid_fixture_is_rejected_with_its_pinned_message() {
    insta::glob!("fixtures/invalid/*", |path| {
        let loaded = load::load(&relative(path));
        let Err(invalid) = &loaded else {
            panic!("{} loaded", path.display());
        };
        assert!(invalid.diagnostics.iter().any(|d| d.is_error()));
        insta::assert_snapshot!(rendered(&loaded));
    });
}

#[test]
fn two_errors_in_one_file_are_both_reported() {
    let loaded = load::load(Path::new("tests/fixtures/invalid/two-errors-one-file"));
    let places: Vec<String> = load::diagnostics(&loaded)
        .iter()
        .map(|d| d.place())
        .collect();
    assert_eq!(
        places,
        [
            "tests/fixtures/invalid/two-errors-one-file/alpha.yaml:10:15",
            "tests/fixtures/invalid/two-errors-one-file/alpha.yaml:13:10",
        ]
    );
}

#[test]
fn the_location_is_the_offending_value_inside_the_list() {
    // Guards the issue's demand: the unknown option itself, not the stance.
    let loaded = load::load(Path::new("tests/fixtures/invalid/unknown-option"));
    let d = &load::diagnostics(&loaded)[0];
    assert_eq!(
        d.place(),
        "tests/fixtures/invalid/unknown-option/alpha.yaml:10:23"
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `full`?"));
}

#[test]
fn a_missing_path_is_a_clear_error() {
    let loaded = load::load(Path::new("tests/fixtures/invalid/does-not-exist"));
    insta::assert_snapshot!(rendered(&loaded), @"error: tests/fixtures/invalid/does-not-exist: no such file or folder");
}

#[test]
fn warnings_do_not_stop_a_negotiation_from_loading() {
    insta::assert_snapshot!(warnings_of("tests/fixtures/warnings"));
}

/// The seed loads with three warnings, each a stance of Russia's known
/// only from the White House's readout (its source's `party:`): true of
/// the article, and what the warning is for.
#[test]
fn the_seed_negotiation_is_valid_and_says_whose_account_it_rests_on() {
    let loaded = load::load(Path::new("positions/ukraine-2025-03-18"));
    let warned: Vec<String> = load::diagnostics(&loaded)
        .iter()
        .map(|d| format!("{} {}", d.place(), d.message))
        .collect();
    assert_eq!(
        warned,
        [
            "positions/ukraine-2025-03-18/russia.yaml:35:5 the stance on `ceasefire-days` is `reported` from `united-states`'s account only",
            "positions/ukraine-2025-03-18/russia.yaml:109:5 the stance on `talks-start` is `reported` from `united-states`'s account only",
            "positions/ukraine-2025-03-18/russia.yaml:118:5 the stance on `black-sea-talks` is `reported` from `united-states`'s account only",
        ]
    );
    let n = loaded.expect("the seed loads").negotiation;
    let ids: Vec<&str> = n.parties.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["russia", "ukraine", "united-states", "europe"]);
}

/// A copy of a valid fixture with one party file replaced, in a temporary
/// folder; the folder's path is replaced by `<tmp>` in the messages.
fn with_party_file(contents: &[u8]) -> (tempfile::TempDir, Result<Loaded, Invalid>, String) {
    let dir = common::folder_with_alpha(contents);
    let loaded = load::load(dir.path());
    let text = rendered(&loaded).replace(&dir.path().display().to_string(), "<tmp>");
    (dir, loaded, text)
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let big = vec![b'#'; limits::MAX_FILE_BYTES as usize + 1];
    let (_dir, loaded, text) = with_party_file(&big);
    assert!(loaded.is_err());
    insta::assert_snapshot!(text, @"error: <tmp>/alpha.yaml: file is 16777217 bytes, over the limit of 16777216 bytes (16 MiB) for one file of a negotiation");
}

#[test]
fn absurdly_deep_nesting_is_a_clear_error() {
    // 80,000 nested flow lists: serde_yaml spent 13 s on this; the depth
    // budget stops at the 33rd level (timed in benches/hostile.sh).
    let deep = format!("{}{}", "[".repeat(80_000), "]".repeat(80_000));
    let (_dir, loaded, text) = with_party_file(deep.as_bytes());
    assert!(loaded.is_err());
    insta::assert_snapshot!(text);
}

#[test]
fn deep_block_nesting_is_a_clear_error() {
    let deep: String = (0..2_000)
        .map(|i| format!("{}k:\n", " ".repeat(i)))
        .collect();
    let (_dir, loaded, text) = with_party_file(deep.as_bytes());
    assert!(loaded.is_err());
    assert!(text.contains("nested more than 32 levels deep"), "{text}");
}

#[test]
fn numeric_ids_match_as_spelt_in_keys_and_values() {
    // YAML reads `1.10` as the number 1.1; an option id must still match
    // itself whether written as a key (in the agenda) or a value.
    let dir = tempfile::tempdir().unwrap();
    let agenda = "negotiation: Versions\nissues:\n  release:\n    title: Which release\n    kind: choice\n    options:\n      1.10: The tenth\n      0x1F: Hex\n";
    let party =
        "party: alpha\nname: A\nstances:\n  release:\n    accepts: [1.10, 0x1F]\n    note: test\n";
    std::fs::write(dir.path().join("agenda.yaml"), agenda).unwrap();
    std::fs::write(dir.path().join("alpha.yaml"), party).unwrap();
    let loaded = load::load(dir.path());
    assert_eq!(rendered(&loaded), "");
    let n = loaded.unwrap().negotiation;
    let ids: Vec<&str> = n.agenda.issues[0]
        .options
        .iter()
        .map(|o| o.id.as_str())
        .collect();
    assert_eq!(ids, ["1.10", "0x1F"]);
}

/// Requirements that can never be met, an alternative that adds nothing
/// and a package of one: legal, so warnings (blocked talks are a fact to
/// report), each at its value with the nearest valid name where one is
/// close.
#[test]
fn conditions_that_can_never_hold_are_warnings() {
    let loaded = load::load(Path::new("tests/fixtures/conditions-warnings"));
    assert!(loaded.is_ok());
    let diagnostics = load::diagnostics(&loaded);
    assert_eq!(diagnostics.len(), 8);
    assert!(diagnostics.iter().all(|d| !d.is_error()));
    insta::assert_snapshot!(rendered(&loaded));
}

#[test]
fn no_problem_is_reported_twice() {
    // Guards issue 18's "report each problem once": now that party files
    // are checked against a broken agenda, no fixture may get the same
    // message at the same place twice.
    insta::glob!("fixtures/invalid/*", |path| {
        let loaded = load::load(&relative(path));
        let mut seen = std::collections::HashSet::new();
        for d in load::diagnostics(&loaded) {
            assert!(
                seen.insert((d.place(), d.message.clone())),
                "{}: {d} twice",
                path.display()
            );
        }
    });
}

#[test]
fn an_agenda_error_hides_no_error_in_a_party_file() {
    // Each party file of this fixture has errors of its own beside the
    // agenda's; a stance on an issue whose kind is wrong is checked for
    // all but its options (`rigid`), and not for them (`anything`).
    let loaded = load::load(Path::new(
        "tests/fixtures/invalid/errors-in-agenda-and-parties",
    ));
    let files: std::collections::BTreeSet<&str> = load::diagnostics(&loaded)
        .iter()
        .map(|d| d.file.rsplit('/').next().unwrap())
        .collect();
    assert_eq!(
        files.into_iter().collect::<Vec<_>>(),
        ["agenda.yaml", "alpha.yaml", "beta.yaml"]
    );
    let text = rendered(&loaded);
    assert!(text.contains("unknown strength `rigid`"), "{text}");
    assert!(!text.contains("`anything`"), "{text}");
    // Guards the same for Format 2's conditions: an alternative on such an
    // issue is skipped like the position, a requirement or package naming
    // one is not an unknown issue, and a misspelt issue id is told the
    // nearest id, read or not.
    assert!(!text.contains("`whatever`"), "{text}");
    assert!(!text.contains("package `trade`"), "{text}");
    assert!(!text.contains("unknown issue `nato`"), "{text}");
    assert!(
        text.contains("`requires` names unknown issue `sope`"),
        "{text}"
    );
    assert!(text.contains("did you mean `scope`?"), "{text}");
}
