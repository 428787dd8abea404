//! The command line as a user meets it: exit codes, messages on stderr, the
//! report on stdout or in a file. Cases are data; each snapshot holds the
//! exit code, stdout and stderr.

use insta_cmd::assert_cmd_snapshot;
use std::path::Path;

mod common;

use common::plain_stance as stance;

const SEED: &str = "positions/ukraine-2025-03-18";
const OVERLAP: &str = "tests/fixtures/compare/overlap";

#[test]
fn exit_codes_and_messages() {
    let cases: &[(&str, &[&str])] = &[
        // 0: valid.
        ("check_valid", &["check", SEED]),
        // 2: invalid, every error of every folder named.
        (
            "check_invalid",
            &[
                "check",
                "tests/fixtures/invalid/two-errors-one-file",
                "tests/fixtures/invalid/unknown-kind",
            ],
        ),
        ("check_missing_path", &["check", "no/such/folder"]),
        // Warnings pass, unless --strict.
        ("check_warnings", &["check", "tests/fixtures/warnings"]),
        (
            "check_strict",
            &["check", "--strict", "tests/fixtures/warnings"],
        ),
        // compare: 0, or 1 when --fail-on finds what it names.
        ("compare_text", &["compare", OVERLAP]),
        (
            "compare_fail_on_conflict_found",
            &[
                "compare",
                SEED,
                "--fail-on",
                "conflict",
                "--issues",
                "territory,talks-start",
            ],
        ),
        (
            "compare_fail_on_not_found",
            &["compare", OVERLAP, "--fail-on", "conflict,blocked,gap"],
        ),
        // 2 on invalid input, with nothing on stdout.
        (
            "compare_invalid",
            &["compare", "tests/fixtures/invalid/unknown-option"],
        ),
        (
            "compare_unknown_party",
            &["compare", SEED, "--parties", "russia,ukrain"],
        ),
        (
            "compare_unknown_issue",
            &["compare", SEED, "--issues", "sanction"],
        ),
        ("compare_bad_format", &["compare", SEED, "--format", "pdf"]),
        // Counts per pair, for reports on hundreds of parties.
        (
            "compare_pairs_counts",
            &[
                "compare",
                SEED,
                "--pairs",
                "counts",
                "--issues",
                "territory",
            ],
        ),
        ("compare_bad_pairs", &["compare", SEED, "--pairs", "all"]),
        (
            "compare_unknown_extension",
            &["compare", SEED, "-o", "report.pdf"],
        ),
    ];
    for (name, args) in cases {
        assert_cmd_snapshot!(*name, stance(args));
    }
}

#[test]
fn output_file_follows_its_extension_and_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    // Also a note quoting an escape sequence: stdout once went through
    // colour stripping, which took it out of Markdown and JSON.
    let escaped = copy_of_overlap();
    let alpha = escaped.path().join("alpha.yaml");
    let text = std::fs::read_to_string(&alpha).unwrap().replace(
        "scope: {accepts: [a, b], source: s}",
        "scope: {accepts: [a, b], source: s, note: \"red \\e[31mtext\"}",
    );
    std::fs::write(&alpha, text).unwrap();
    for folder in [OVERLAP, path(escaped.path())] {
        for (file, format) in [
            ("r.md", "markdown"),
            ("r.json", "json"),
            ("r.txt", "text"),
            ("r.html", "html"),
        ] {
            let out = dir.path().join(file);
            let status = stance(&["compare", folder, "-o", out.to_str().unwrap()])
                .status()
                .unwrap();
            assert!(status.success());
            let stdout = stance(&["compare", folder, "--format", format])
                .output()
                .unwrap()
                .stdout;
            assert_eq!(std::fs::read(&out).unwrap(), stdout, "{folder} {file}");
        }
    }
    // The last folder's report holds the escape it quotes, shown, not raw
    // (docs/limits.md, "Control characters").
    let md = std::fs::read_to_string(dir.path().join("r.md")).unwrap();
    assert!(md.contains("red \\u{1b}\\[31mtext") && !md.contains('\u{1b}'));
    // --format wins over the extension.
    let out = dir.path().join("r.txt");
    stance(&[
        "compare",
        OVERLAP,
        "--format",
        "json",
        "-o",
        out.to_str().unwrap(),
    ])
    .status()
    .unwrap();
    assert!(std::fs::read_to_string(&out).unwrap().starts_with('{'));
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 4, "{names:?}");
}

/// A copy of the overlap fixture in a temporary folder.
fn copy_of_overlap() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for file in ["agenda.yaml", "alpha.yaml", "beta.yaml"] {
        std::fs::copy(Path::new(OVERLAP).join(file), dir.path().join(file)).unwrap();
    }
    dir
}

/// Runs stance, expects exit 2, returns what it said on stderr.
fn invalid(args: &[&str]) -> String {
    let output = stance(args).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{args:?}");
    String::from_utf8(output.stderr).unwrap()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn output_refuses_to_overwrite_an_input() {
    let dir = copy_of_overlap();
    let folder = path(dir.path());
    let agenda = dir.path().join("agenda.yaml");
    let before = std::fs::read(&agenda).unwrap();
    let stderr = invalid(&["compare", folder, "--format", "json", "-o", path(&agenda)]);
    assert!(
        stderr.contains("refusing to write the report over one of its input files"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&agenda).unwrap(), before);
    // Nor a new YAML file beside them, which would be read as a party; also
    // when the folder is named by its agenda.
    let party = dir.path().join("report.yaml");
    invalid(&["compare", folder, "--format", "json", "-o", path(&party)]);
    invalid(&[
        "compare",
        path(&agenda),
        "--format",
        "json",
        "-o",
        path(&party),
    ]);
    assert!(!party.exists());
}

#[test]
fn invalid_input_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.md");
    invalid(&[
        "compare",
        "tests/fixtures/invalid/unknown-option",
        "-o",
        path(&out),
    ]);
    assert!(!out.exists());
}

#[test]
fn an_output_in_a_missing_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("missing/report.md");
    let stderr = invalid(&["compare", OVERLAP, "-o", path(&out)]);
    assert!(
        stderr.contains("cannot write the report: no such file or folder"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_pipe_among_the_party_files_is_refused_not_waited_on() {
    // Opening a FIFO for reading blocks until a writer comes: stance must
    // refuse it from its metadata instead.
    let dir = copy_of_overlap();
    let fifo = dir.path().join("gamma.yaml");
    common::mkfifo(&fifo);
    let stderr = invalid(&["check", path(dir.path())]);
    assert!(
        stderr.contains("gamma.yaml: is not a regular file"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_written_report_is_readable_by_others_and_keeps_a_replaced_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.md");
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    stance(&["compare", OVERLAP, "-o", path(&out)])
        .status()
        .unwrap();
    assert_eq!(mode(&out), 0o644);
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
    stance(&["compare", OVERLAP, "-o", path(&out)])
        .status()
        .unwrap();
    assert_eq!(mode(&out), 0o640);
}

#[test]
fn check_compares_a_committed_report_in_every_format_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for file in ["r.md", "r.json", "r.txt"] {
        let out = dir.path().join(file);
        // Missing: stale, and still not written.
        let missing = stance(&["compare", OVERLAP, "-o", path(&out), "--check"])
            .output()
            .unwrap();
        assert_eq!(missing.status.code(), Some(1), "{file}");
        assert!(!out.exists());
        // Written, then checked: fresh.
        stance(&["compare", OVERLAP, "-o", path(&out)])
            .status()
            .unwrap();
        let fresh = stance(&["compare", OVERLAP, "-o", path(&out), "--check"])
            .output()
            .unwrap();
        assert_eq!(fresh.status.code(), Some(0), "{file}");
        assert!(fresh.stdout.is_empty());
        // Edited by hand: stale, with a diff, and left as it was.
        let edited = std::fs::read_to_string(&out)
            .unwrap()
            .replace("overlap", "OVERLAP");
        std::fs::write(&out, &edited).unwrap();
        let stale = stance(&["compare", OVERLAP, "-o", path(&out), "--check"])
            .output()
            .unwrap();
        assert_eq!(stale.status.code(), Some(1), "{file}");
        let diff = String::from_utf8(stale.stdout).unwrap();
        assert!(
            diff.contains("(as stance would write it)") && diff.contains("+") && diff.contains("-"),
            "{diff}"
        );
        assert_eq!(std::fs::read_to_string(&out).unwrap(), edited);
    }
    // Invalid input: 2, whatever the file holds.
    let out = dir.path().join("r.md");
    let invalid_input = stance(&[
        "compare",
        "tests/fixtures/invalid/unknown-option",
        "-o",
        path(&out),
        "--check",
    ])
    .output()
    .unwrap();
    assert_eq!(invalid_input.status.code(), Some(2));
}

#[test]
fn check_shows_the_diff() {
    // Pins what a user sees when the committed report is stale.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.txt");
    stance(&["compare", OVERLAP, "-o", path(&out)])
        .status()
        .unwrap();
    let text = std::fs::read_to_string(&out)
        .unwrap()
        .replace("zone: b", "zone: a");
    std::fs::write(&out, text).unwrap();
    let output = stance(&["compare", OVERLAP, "-o", path(&out), "--check"])
        .output()
        .unwrap();
    let shown = String::from_utf8(output.stdout)
        .unwrap()
        .replace(path(dir.path()), "<tmp>");
    insta::assert_snapshot!(shown);
}
