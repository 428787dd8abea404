//! The command line's conventions (issue 18): diagnostics for CI
//! (`--message-format json|github`), `--quiet`, examples under `--help`,
//! shell completions, the manual page, and text columns aligned by display
//! width. Cases are data; each snapshot holds the exit code, stdout and
//! stderr.

use insta_cmd::assert_cmd_snapshot;
use std::path::Path;
use std::process::Command;

mod common;

use common::plain_stance as stance;

const SEED: &str = "positions/ukraine-2025-03-18";
const OVERLAP: &str = "tests/fixtures/compare/overlap";
const WARNINGS: &str = "tests/fixtures/warnings";
const TWO_FILES: &str = "tests/fixtures/invalid/errors-in-two-files";
const UNKNOWN_OPTION: &str = "tests/fixtures/invalid/unknown-option";
const WIDE: &str = "tests/fixtures/wide-ids";

#[test]
fn cases() {
    let cases: &[(&str, &[&str])] = &[
        // One JSON object a line, on stderr; the tally stays on stdout.
        (
            "check_json",
            &["check", "--message-format", "json", TWO_FILES, WARNINGS],
        ),
        (
            "check_github",
            &["check", "--message-format", "github", TWO_FILES, WARNINGS],
        ),
        // A problem with a whole file: no line, no column.
        (
            "check_github_whole_file",
            &[
                "check",
                "--message-format",
                "github",
                "tests/fixtures/invalid/empty-file",
            ],
        ),
        // --quiet: nothing on a valid folder, warnings included.
        ("check_quiet_valid", &["check", "-q", SEED, WARNINGS]),
        // ... the errors alone, and no tally, on an invalid one.
        ("check_quiet_invalid", &["check", "-q", TWO_FILES, WARNINGS]),
        // ... but under --strict a warning fails, so it shows.
        (
            "check_quiet_strict",
            &["check", "--quiet", "--strict", WARNINGS],
        ),
        // compare and changes take both flags too: the report is written,
        // warnings are not printed.
        (
            "compare_quiet",
            &["compare", "-q", WARNINGS, "--issues", "scope"],
        ),
        (
            "compare_json_messages",
            &["compare", "--message-format", "json", UNKNOWN_OPTION],
        ),
        (
            "compare_github_unknown_party",
            &[
                "compare",
                "--message-format",
                "github",
                SEED,
                "--parties",
                "russia,ukrain",
            ],
        ),
        (
            "changes_json_messages",
            &[
                "changes",
                "--message-format",
                "json",
                OVERLAP,
                UNKNOWN_OPTION,
            ],
        ),
        ("changes_quiet", &["changes", "-q", OVERLAP, WARNINGS]),
        (
            "check_bad_message_format",
            &["check", "--message-format", "sarif", SEED],
        ),
        // CJK and emoji ids take two columns each: the columns of the text
        // report and of the Markdown tables still line up.
        ("compare_wide_ids", &["compare", WIDE]),
        (
            "compare_wide_ids_markdown",
            &["compare", WIDE, "--format", "markdown"],
        ),
        // Help with examples; the man page; completions for an unknown
        // shell.
        ("help", &["--help"]),
        ("check_help", &["check", "--help"]),
        ("man", &["man"]),
        ("completions_unknown_shell", &["completions", "tcsh"]),
    ];
    for (name, args) in cases {
        assert_cmd_snapshot!(*name, stance(args));
    }
}

/// `--help` of every command ends with examples (item 6 of issue 18).
#[test]
fn every_command_shows_examples() {
    for command in [
        "init",
        "check",
        "compare",
        "changes",
        "schema",
        "completions",
        "man",
    ] {
        let out = stance(&[command, "--help"]).output().unwrap();
        let help = String::from_utf8(out.stdout).unwrap();
        assert!(help.contains("\nExamples:\n  stance "), "{command}: {help}");
    }
}

/// Every JSON line parses, has the documented keys in their order, and
/// there is one per diagnostic of the human format, for every invalid
/// fixture.
#[test]
fn json_messages_are_one_object_per_diagnostic() {
    let keys = [
        "file", "line", "column", "end", "severity", "message", "label", "help",
    ];
    for entry in std::fs::read_dir("tests/fixtures/invalid").unwrap() {
        let folder = entry.unwrap().path();
        let folder = folder.to_str().unwrap();
        let json = stance(&["check", "--message-format", "json", folder])
            .output()
            .unwrap();
        assert_eq!(json.status.code(), Some(2), "{folder}");
        let lines = String::from_utf8(json.stderr).unwrap();
        let human = stance(&["check", folder]).output().unwrap();
        let human = String::from_utf8(human.stderr).unwrap();
        let count = human
            .lines()
            .filter(|l| l.starts_with("error") || l.starts_with("warning"))
            .count();
        assert_eq!(lines.lines().count(), count, "{folder}: {lines}");
        for line in lines.lines() {
            let value: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(line).unwrap();
            let found: Vec<&str> = value.keys().map(String::as_str).collect();
            let mut sorted = keys;
            sorted.sort();
            assert_eq!(found, sorted, "{line}");
            assert!(line.starts_with("{\"file\":"), "{line}");
            if !value["line"].is_null() {
                let end = &value["end"];
                let start = (value["line"].as_u64(), value["column"].as_u64());
                assert!((end["line"].as_u64(), end["column"].as_u64()) >= start);
            }
        }
    }
}

#[test]
fn bash_completes_commands_and_flags() {
    // The script is sourced into a real bash and asked, as bash asks it
    // on Tab (the command, the word, the word before), how to go on.
    let script = stance(&["completions", "bash"]).output().unwrap();
    assert!(script.status.success());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("stance.bash");
    std::fs::write(&file, script.stdout).unwrap();
    let ask = |words: &str| {
        let run = format!(
            "source {}; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); \
             COMP_LINE=\"{words}\"; COMP_POINT=${{#COMP_LINE}}; \
             _stance stance \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            file.display()
        );
        let out = Command::new("bash").args(["-c", &run]).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(ask("stance ch"), "check\nchanges\n");
    assert_eq!(ask("stance check --mes"), "--message-format\n");
    assert_eq!(
        ask("stance check --message-format ''"),
        "human\njson\ngithub\n"
    );
}

/// The shells no test here can run still get a script that knows every
/// command and flag.
#[test]
fn every_shell_gets_a_script() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = stance(&["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        for word in ["check", "compare", "changes", "message-format"] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
}

#[test]
fn man_writes_one_page_per_command_and_each_is_valid_roff() {
    let dir = tempfile::tempdir().unwrap();
    let out = stance(&["man", "--dir", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "stance-changes.1",
            "stance-check.1",
            "stance-compare.1",
            "stance-completions.1",
            "stance-init.1",
            "stance-man.1",
            "stance-schema.1",
            "stance.1"
        ]
    );
    // The page on stdout is the one written as stance.1.
    let page = stance(&["man"]).output().unwrap().stdout;
    assert_eq!(std::fs::read(dir.path().join("stance.1")).unwrap(), page);
    // groff, where there is one, reads every page without a warning.
    if Command::new("groff").arg("--version").output().is_ok() {
        for name in &names {
            let out = Command::new("groff")
                .args(["-man", "-Tutf8", "-ww", "-z"])
                .arg(dir.path().join(name))
                .output()
                .unwrap();
            let warnings = String::from_utf8_lossy(&out.stderr);
            assert!(
                out.status.success() && warnings.is_empty(),
                "{name}: {warnings}"
            );
        }
    }
}

/// `--dir` is written into as a report is: a missing folder is an error
/// (exit 2), never created.
#[test]
fn man_into_a_missing_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no/such");
    let out = stance(&["man", "--dir", missing.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("no such file or folder"), "{stderr}");
    assert!(!Path::new(&missing).exists());
}
