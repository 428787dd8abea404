//! Every limit of docs/limits.md and every fault of the file system: a clear
//! error, exit 2, and nothing written. The inputs are made in temporary
//! folders; their paths are replaced by `<tmp>` in the pinned messages.

use stance::load::{self, limits};
use std::ffi::OsStr;
use std::path::Path;

mod common;
use common::{mkfifo, stance};

const FIXTURE: &str = "tests/fixtures/compare/overlap";

/// `stance compare FIXTURE -o out`: its exit status.
fn compare_to(out: &Path) -> std::process::ExitStatus {
    stance(&[
        OsStr::new("compare"),
        OsStr::new(FIXTURE),
        OsStr::new("-o"),
        out.as_os_str(),
    ])
    .status
}

/// A copy of a small valid negotiation to break.
fn negotiation() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for file in ["agenda.yaml", "alpha.yaml", "beta.yaml"] {
        std::fs::copy(Path::new(FIXTURE).join(file), dir.path().join(file)).unwrap();
    }
    dir
}

/// Every message `stance check` gives on the folder, and its exit code.
fn check(dir: &Path) -> (i32, String) {
    let out = stance(&[OsStr::new("check"), dir.as_os_str()]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    (
        out.status.code().unwrap(),
        stderr
            .replace(&dir.display().to_string(), "<tmp>")
            .trim()
            .to_owned(),
    )
}

#[test]
fn too_many_party_files() {
    let dir = negotiation();
    for i in 0..limits::MAX_PARTIES {
        std::fs::write(dir.path().join(format!("p{i}.yaml")), "").unwrap();
    }
    let (code, message) = check(dir.path());
    assert_eq!(code, 2);
    insta::assert_snapshot!(message, @"error: <tmp>: more than 1000 party files in one folder");
}

#[test]
fn a_folder_too_large_is_refused_before_anything_is_read() {
    let dir = negotiation();
    // Sparse files: only their sizes are looked at.
    for i in 0..(limits::MAX_FOLDER_BYTES / limits::MAX_FILE_BYTES + 1) {
        let file = std::fs::File::create(dir.path().join(format!("big{i}.yaml"))).unwrap();
        file.set_len(limits::MAX_FILE_BYTES).unwrap();
    }
    let (code, message) = check(dir.path());
    assert_eq!(code, 2);
    insta::assert_snapshot!(message, @"error: <tmp>: the party files hold 553648591 bytes, over the limit of 536870912 bytes (512 MiB) for one negotiation");
}

#[test]
fn too_many_issues_options_and_parties_and_too_long_a_text() {
    let dir = negotiation();
    let issues: String = (0..=limits::MAX_ISSUES)
        .map(|i| format!("  i{i}: {{title: Issue {i}, kind: yes-no}}\n"))
        .collect();
    let options: String = (0..=limits::MAX_OPTIONS)
        .map(|i| format!("o{i}: Option {i}, "))
        .collect();
    let parties: Vec<String> = (0..=limits::MAX_PARTIES).map(|i| format!("p{i}")).collect();
    let agenda = format!(
        "negotiation: {}\nparties: [{}]\nissues:\n  many: {{title: Many, kind: choice, options: {{{options}}}}}\n{issues}",
        "x".repeat(limits::MAX_TEXT_CHARS + 1),
        parties.join(", ")
    );
    std::fs::write(dir.path().join("agenda.yaml"), agenda).unwrap();
    let loaded = load::load(dir.path());
    assert!(loaded.is_err());
    let messages: Vec<String> = load::diagnostics(&loaded)
        .iter()
        .map(|d| {
            d.to_string()
                .replace(&dir.path().display().to_string(), "<tmp>")
        })
        .collect();
    insta::assert_snapshot!(messages.join("\n"), @r"
    <tmp>/agenda.yaml:1:14: `negotiation` is 100001 characters long, over the limit of 100000
    <tmp>/agenda.yaml:2:10: `parties` lists 1001 parties, over the limit of 1000
    <tmp>/agenda.yaml:4:3: the agenda lists 10002 issues, over the limit of 10000
    ");
    // The options limit, alone (the issues limit stops before options).
    let agenda = format!(
        "negotiation: Options\nissues:\n  many: {{title: Many, kind: choice, options: {{{options}}}}}\n"
    );
    std::fs::write(dir.path().join("agenda.yaml"), agenda).unwrap();
    let loaded = load::load(dir.path());
    let messages: Vec<String> = load::diagnostics(&loaded)
        .iter()
        .map(|d| {
            d.to_string()
                .replace(&dir.path().display().to_string(), "<tmp>")
        })
        .collect();
    assert!(
        messages[0].ends_with("issue `many` lists 1001 options, over the limit of 1000"),
        "{messages:?}"
    );
}

#[test]
fn a_directory_where_a_file_was_expected() {
    let dir = negotiation();
    std::fs::create_dir(dir.path().join("gamma.yaml")).unwrap();
    let (code, message) = check(dir.path());
    assert_eq!(code, 2);
    insta::assert_snapshot!(message, @"error: <tmp>/gamma.yaml: is a folder, not a YAML file");
}

#[cfg(unix)]
#[test]
fn a_symlink_loop() {
    let dir = negotiation();
    std::os::unix::fs::symlink("loop-b.yaml", dir.path().join("loop-a.yaml")).unwrap();
    std::os::unix::fs::symlink("loop-a.yaml", dir.path().join("loop-b.yaml")).unwrap();
    let (code, message) = check(dir.path());
    assert_eq!(code, 2);
    insta::assert_snapshot!(message, @r"
    error: <tmp>/loop-a.yaml: too many levels of symbolic links (os error 40)

    error: <tmp>/loop-b.yaml: too many levels of symbolic links (os error 40)
    ");
}

#[cfg(unix)]
#[test]
fn an_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let dir = negotiation();
    let file = dir.path().join("gamma.yaml");
    std::fs::write(&file, "party: gamma\n").unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).unwrap();
    let bin = tempfile::tempdir().unwrap();
    let mut stance = insta_cmd::get_cargo_bin("stance");
    let as_root = std::fs::read(&file).is_ok();
    if as_root {
        // Root reads any file whatever its mode: check as `nobody`, who
        // may enter the folder but not read the file, with a copy of the
        // binary that `nobody` may run wherever the build is.
        for d in [dir.path(), bin.path()] {
            std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        std::fs::copy(&stance, bin.path().join("stance")).unwrap();
        stance = bin.path().join("stance");
    }
    let mut check = std::process::Command::new(stance);
    check.arg("check").arg(dir.path());
    if as_root {
        check.uid(65534).gid(65534);
    }
    let out = check.output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let message = String::from_utf8(out.stderr)
        .unwrap()
        .replace(&dir.path().display().to_string(), "<tmp>");
    insta::assert_snapshot!(message.trim(), @"error: <tmp>/gamma.yaml: permission denied");
}

#[cfg(target_os = "linux")]
#[test]
fn an_output_that_fills_up() {
    // /dev/full takes no byte: a clear error, exit 2, and the device is
    // written to directly, never replaced by a file.
    let out = stance(&["compare", FIXTURE, "-o", "/dev/full", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    insta::assert_snapshot!(stderr.trim(), @"error: /dev/full: cannot write the report: no space left on device (os error 28)");
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::metadata("/dev/full")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn a_failed_write_leaves_no_file_behind() {
    // A trailing slash: the temporary file is written beside the target,
    // the rename then fails, and neither a partial report nor the
    // temporary file remains.
    let dir = tempfile::tempdir().unwrap();
    let target = format!("{}/report.md/", dir.path().display());
    let out = stance(&["compare", FIXTURE, "-o", &target]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr)
        .unwrap()
        .replace(&dir.path().display().to_string(), "<tmp>");
    insta::assert_snapshot!(stderr.trim(), @"error: <tmp>/report.md/: cannot write the report: not a directory (os error 20)");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[cfg(unix)]
#[test]
fn devices_and_pipes_are_written_to_not_replaced() {
    // /dev/stdout: the report arrives on stdout, and no file takes the
    // device's place.
    let out = stance(&["compare", FIXTURE, "-o", "/dev/stdout", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("{\n  \"schema_version\": 2")
    );
    // A named pipe: a reader gets the whole report, and the pipe stays one.
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("report.md");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let status = compare_to(&fifo);
    assert!(status.success());
    assert!(reader.join().unwrap().starts_with("# Every kind overlaps"));
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

/// The message `check` refuses this `alpha.yaml` with (exit 2).
fn refused(alpha: &str) -> String {
    let dir = negotiation();
    std::fs::write(dir.path().join("alpha.yaml"), alpha).unwrap();
    let (code, message) = check(dir.path());
    assert_eq!(code, 2, "{message}");
    message
}

#[test]
fn more_than_one_document() {
    let message = refused(
        "party: alpha\nname: A\nstances:\n  scope: {accepts: [a], note: n}\n---\nparty: alpha\n",
    );
    assert!(
        message.starts_with("error: more than one YAML document in one file"),
        "{message}"
    );
}

#[test]
fn too_many_values_in_one_file() {
    // 2,000,001 values in one flow list (4 MB): past `MAX_NODES`.
    let values = vec!["0"; limits::MAX_NODES + 1].join(",");
    let message = refused(&format!("party: alpha\nnote: [{values}]\n"));
    assert!(
        message.starts_with("error: more than 2000000 values in one file"),
        "{message}"
    );
}

#[test]
fn one_anchor_reused_by_many_stances_is_fine() {
    // A common source named once and aliased everywhere is ordinary YAML.
    let issues: String = (0..150)
        .map(|i| format!("  i{i}: {{title: I{i}, kind: yes-no}}\n"))
        .collect();
    let stances: String = (0..150)
        .map(|i| {
            if i == 0 {
                "  i0: {accepts: [\"yes\"], source: &s s}\n".to_owned()
            } else {
                format!("  i{i}: {{accepts: [\"yes\"], source: *s}}\n")
            }
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("agenda.yaml"),
        format!("negotiation: Many\nissues:\n{issues}"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        format!("party: a\nname: A\nsources:\n  s: {{title: S}}\nstances:\n{stances}"),
    )
    .unwrap();
    let (code, message) = check(dir.path());
    assert_eq!((code, message.as_str()), (0, ""));
}

#[test]
fn a_number_beyond_the_largest() {
    let message = refused("party: alpha\nname: A\nstances:\n  days: {min: 1.7e308, note: n}\n");
    insta::assert_snapshot!(message, @r"
    error: `min` 1.7e308 is beyond the largest number stance takes, ±10^15
     --> <tmp>/alpha.yaml:4:15
      |
    4 |   days: {min: 1.7e308, note: n}
      |               ^^^^^^^ too large
    ");
}
