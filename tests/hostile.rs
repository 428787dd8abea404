//! Bad input shaped to make `stance` work hard (issue 12, "work bounded by
//! the input"), at sizes a test can afford: each case checks how much
//! work was done, or how much was printed, never how long it took.
//! `benches/hostile.sh` runs the same shapes at full size, timed.

use stance::diag::{FILE_BUDGET, FILE_BUDGET_PER_BYTE};
use stance::load::{in_memory, load_folder};

mod common;
use common::{folder_with_alpha, stance};

fn bad_dates(n: usize) -> String {
    let sources: String = (0..n)
        .map(|i| format!("  s{i}: {{title: T, date: 2025-13-01}}\n"))
        .collect();
    // Every source cited, so that the errors are all there is to say.
    let cited: Vec<String> = (0..n).map(|i| format!("s{i}")).collect();
    format!(
        "party: alpha\nname: A\nsources:\n{sources}stances:\n  scope: {{accepts: [full], source: [{}]}}\n",
        cited.join(", ")
    )
}

/// 150 errors: the first 100 are printed, one line counts the other 50,
/// the tally counts all 150, and the exit code is that of an invalid
/// input, for `check` and `compare` alike.
#[test]
fn past_a_hundred_diagnostics_the_rest_are_counted() {
    let dir = folder_with_alpha(bad_dates(150).as_bytes());
    let out = stance(&["check".as_ref(), dir.path().as_os_str()]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr
            .matches("error: `date` `2025-13-01` is not a date")
            .count(),
        100
    );
    assert!(
        stderr.contains("… and 50 more not shown (50 errors); fix the first ones"),
        "{stderr}"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.ends_with(": 150 errors\n"), "{stdout}");
    let out = stance(&["compare".as_ref(), dir.path().as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("… and 50 more not shown"), "{stderr}");
}

/// 300 misspelt issues against a 2,000-issue agenda: each "did you mean"
/// compares the name with all 2,000. The file's budget of such work
/// (`FILE_BUDGET`, plus `FILE_BUDGET_PER_BYTE` per byte) covers
/// the first names; the others get their error without a suggestion, so
/// that 500,000 names against 10,000 issues cannot run for hours.
#[test]
fn suggestions_stop_when_the_files_budget_is_spent() {
    let agenda: String = (0..2000)
        .map(|i| format!("  issue-{i:04}: {{title: I, kind: yes-no}}\n"))
        .collect();
    let alpha: String = (0..300)
        .map(|i| format!("  isue-{i:04}: {{accepts: [yes], note: n}}\n"))
        .collect();
    let alpha = format!("party: alpha\nname: A\nstances:\n{alpha}");
    let bytes = alpha.len() as u64;
    let loaded = load_folder(in_memory(
        "budget",
        format!("negotiation: N\nissues:\n{agenda}").into_bytes(),
        vec![("alpha.yaml".into(), alpha.into_bytes())],
    ));
    let invalid = loaded.expect_err("the names are unknown");
    let unknown: Vec<_> = invalid
        .diagnostics
        .iter()
        .filter(|d| d.message.starts_with("unknown issue"))
        .collect();
    assert_eq!(unknown.len(), 300);
    // Each name (9 bytes) against 2,000 ids (10 bytes): 180,000 units.
    let budget = FILE_BUDGET + FILE_BUDGET_PER_BYTE * bytes;
    let suggested = (budget / 180_000) as usize;
    assert!(suggested < 300);
    for (k, d) in unknown.iter().enumerate() {
        let expected = (k < suggested).then(|| format!("did you mean `issue-{k:04}`?"));
        assert_eq!(d.help, expected, "name {k}");
    }
}

/// An unknown option's help lists the options only up to 50:
/// listed whole in each of 200,000 such errors, 1,000 options came to
/// 4 GB.
#[test]
fn an_unknown_option_of_a_long_list_does_not_repeat_the_list() {
    let error_help = |options: usize| {
        let ids: String = (0..options).map(|o| format!("o{o:03}: O, ")).collect();
        let loaded = load_folder(in_memory(
            "options",
            format!(
                "negotiation: N\nissues:\n  many: {{title: M, kind: choice, options: {{{ids}}}}}\n"
            )
            .into_bytes(),
            vec![(
                "alpha.yaml".into(),
                b"party: alpha\nname: A\nstances:\n  many: {accepts: [zzzz], note: n}\n".to_vec(),
            )],
        ));
        let invalid = loaded.expect_err("the option is unknown");
        let d = invalid
            .diagnostics
            .iter()
            .find(|d| d.message.starts_with("unknown option"))
            .unwrap();
        d.help.clone().unwrap()
    };
    assert!(error_help(50).starts_with("the options of `many` are `o000`, `o001`"));
    assert_eq!(error_help(51), "`many` has 51 options; see the agenda");
}

/// A folder named with a terminal escape is shown escaped in the tally of
/// `stance check`, as file names are in its diagnostics.
#[test]
fn a_folder_name_with_an_escape_is_shown_escaped() {
    let parent = tempfile::tempdir().unwrap();
    let named = parent.path().join("talks\u{1b}]0;PWNED\u{7}");
    let dir = folder_with_alpha(bad_dates(1).as_bytes());
    std::fs::rename(dir.path(), &named).unwrap();
    let out = stance(&["check".as_ref(), named.as_os_str()]);
    for stream in [&out.stdout, &out.stderr] {
        let text = String::from_utf8_lossy(stream);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
        assert!(text.contains("talks\\u{1b}]0;PWNED\\u{7}"), "{text:?}");
    }
}
