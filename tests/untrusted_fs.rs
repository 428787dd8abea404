//! Issue 12, the file system and processes: a repository whose every file,
//! link included, came from a stranger's pull request. Links out of the
//! folder are never written or read through; pipes never hang a run;
//! signals leave no temporary report behind; git errors say what happened.
//! The rules are docs/limits.md, "Untrusted repositories".
#![cfg(unix)]

use std::ffi::OsStr;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{git, mkfifo, stance};

const FIXTURE: &str = "tests/fixtures/compare/overlap";
const SECRET: &str = "SECRET-TOKEN-d41d8cd9";

fn bin() -> PathBuf {
    insta_cmd::get_cargo_bin("stance")
}

/// Stderr with the temporary folder shown as `<tmp>`.
fn stderr_of(out: &Output, dir: &Path) -> String {
    String::from_utf8_lossy(&out.stderr)
        .replace(&dir.display().to_string(), "<tmp>")
        .trim()
        .to_owned()
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Runs `cmd` to its end, failing the test (and killing the process)
/// if that takes longer than `limit`: what guards against a hang.
fn within(limit: Duration, cmd: &mut Command) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("still running after {limit:?}: {cmd:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn compare_to(out: &Path) -> Command {
    let mut cmd = Command::new(bin());
    cmd.args([
        OsStr::new("compare"),
        OsStr::new(FIXTURE),
        OsStr::new("-o"),
        out.as_os_str(),
    ]);
    cmd
}

// Links: writing.

/// The report's own name as a link: refused wherever it points, inside
/// the folder or out of it, and the file it points to is left as it was.
#[test]
fn a_report_that_is_a_link_is_never_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("bashrc");
    std::fs::write(&target, "export PATH=/usr/bin\n").unwrap();
    std::fs::write(dir.path().join("real.md"), "old report").unwrap();
    symlink(&target, dir.path().join("abs.md")).unwrap();
    let up = Path::new("..")
        .join(outside.path().file_name().unwrap())
        .join("bashrc");
    symlink(&up, dir.path().join("up.md")).unwrap();
    symlink("real.md", dir.path().join("near.md")).unwrap();
    for link in ["abs.md", "up.md", "near.md"] {
        let out = compare_to(&dir.path().join(link)).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{link}");
        let shown =
            stderr_of(&out, dir.path()).replace(&outside.path().display().to_string(), "<outside>");
        if link == "abs.md" {
            insta::assert_snapshot!(shown, @r"
            error: <tmp>/abs.md: is a symbolic link (to `<outside>/bashrc`): stance neither writes nor reads a report through a link
            help: remove the link, or give the path of the file itself
            ");
        }
        assert!(
            std::fs::symlink_metadata(dir.path().join(link))
                .unwrap()
                .is_symlink()
        );
    }
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "export PATH=/usr/bin\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("real.md")).unwrap(),
        "old report"
    );
    assert_eq!(names(dir.path()), ["abs.md", "near.md", "real.md", "up.md"]);
}

/// A folder on the way that is a link out of its own folder is not
/// written through; one that stays inside it is.
#[test]
fn a_folder_link_is_written_through_only_if_it_stays_inside() {
    let outer = tempfile::tempdir().unwrap();
    let repo = outer.path().join("repo");
    std::fs::create_dir_all(repo.join("sub")).unwrap();
    let outside = tempfile::tempdir().unwrap();
    symlink(outside.path(), repo.join("reports")).unwrap();
    symlink("../..", repo.join("sub/up")).unwrap();
    let out = compare_to(&repo.join("reports/r.md")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let shown = stderr_of(&out, &repo).replace(&outside.path().display().to_string(), "<outside>");
    insta::assert_snapshot!(shown, @"error: <tmp>/reports/r.md: `<tmp>/reports` is a link to `<outside>`, out of the folder that holds it: stance follows a link only when it stays inside its folder");
    let out = compare_to(&repo.join("sub/up/r.md")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(names(outside.path()).is_empty());
    assert_eq!(names(outer.path()), ["repo"]);
    // Inside: `latest -> round-3` is an ordinary layout.
    std::fs::create_dir(repo.join("round-3")).unwrap();
    symlink("round-3", repo.join("latest")).unwrap();
    let out = compare_to(&repo.join("latest/r.md")).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out, &repo));
    assert!(repo.join("round-3/r.md").is_file());
}

// Links: reading.

/// `--check` through a link to a file holding a secret, or to
/// `/proc/self/environ`, or on `/proc/self/environ` named directly: exit 2,
/// and the secret appears nowhere.
#[test]
fn check_never_reads_the_report_through_a_link_or_from_proc() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("credentials"),
        format!("token = {SECRET}\n"),
    )
    .unwrap();
    symlink(outside.path().join("credentials"), dir.path().join("c.md")).unwrap();
    symlink("/proc/self/environ", dir.path().join("e.md")).unwrap();
    let mut targets = vec![dir.path().join("c.md"), dir.path().join("e.md")];
    if Path::new("/proc/self/environ").exists() {
        targets.push(PathBuf::from("/proc/self/environ"));
    }
    for target in targets {
        let out = compare_to(&target)
            .args(["--check", "--format", "text"])
            .env("STANCE_TEST_SECRET", SECRET)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{target:?}");
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!all.contains(SECRET), "{target:?}: {all}");
    }
}

/// A copy of the overlap fixture, to add links to.
fn negotiation() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for file in ["agenda.yaml", "alpha.yaml", "beta.yaml"] {
        std::fs::copy(Path::new(FIXTURE).join(file), dir.path().join(file)).unwrap();
    }
    dir
}

/// Party files and the agenda that are links out of the folder are
/// refused with a message that shows none of what they point to; a link
/// that stays inside the folder is read.
#[test]
fn inputs_that_link_out_of_the_folder_are_refused_without_their_content() {
    let dir = negotiation();
    let outside = tempfile::tempdir().unwrap();
    // YAML that would be quoted in an error snippet, were it read.
    let secret = outside.path().join("gamma.yaml");
    std::fs::write(&secret, format!("party: gamma\naws_secret: {SECRET}\n")).unwrap();
    symlink(&secret, dir.path().join("gamma.yaml")).unwrap();
    symlink("/proc/self/status", dir.path().join("delta.yaml")).unwrap();
    let out = stance(&[OsStr::new("check"), dir.path().as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    let shown =
        stderr_of(&out, dir.path()).replace(&outside.path().display().to_string(), "<outside>");
    assert!(
        !shown.contains(SECRET) && !shown.contains("VmRSS"),
        "{shown}"
    );
    insta::assert_snapshot!(shown, @r"
    error: <tmp>/delta.yaml: is a link to `/proc/self/status`, out of the folder that holds it: stance follows a link only when it stays inside its folder
    help: a negotiation is read only from inside its folder: copy the file in if it belongs there

    error: <tmp>/gamma.yaml: is a link to `<outside>/gamma.yaml`, out of the folder that holds it: stance follows a link only when it stays inside its folder
    help: a negotiation is read only from inside its folder: copy the file in if it belongs there
    ");

    // The agenda too, and the folder itself when it is a link that leaves.
    let dir = negotiation();
    std::fs::remove_file(dir.path().join("agenda.yaml")).unwrap();
    std::fs::copy(
        Path::new(FIXTURE).join("agenda.yaml"),
        outside.path().join("agenda.yaml"),
    )
    .unwrap();
    symlink(
        outside.path().join("agenda.yaml"),
        dir.path().join("agenda.yaml"),
    )
    .unwrap();
    let out = stance(&[OsStr::new("check"), dir.path().as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out, dir.path()).starts_with("error: <tmp>/agenda.yaml: is a link to"));
    let repo = tempfile::tempdir().unwrap();
    symlink(dir.path(), repo.path().join("talks")).unwrap();
    let out = stance(&[OsStr::new("check"), repo.path().join("talks").as_os_str()]);
    assert_eq!(out.status.code(), Some(2));

    // Inside the folder: read as the file it points to.
    let dir = negotiation();
    std::fs::create_dir(dir.path().join("round")).unwrap();
    std::fs::rename(
        dir.path().join("beta.yaml"),
        dir.path().join("round/beta.yaml"),
    )
    .unwrap();
    symlink("round/beta.yaml", dir.path().join("beta.yaml")).unwrap();
    let out = stance(&[OsStr::new("check"), dir.path().as_os_str()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        stderr_of(&out, dir.path())
    );
}

// Special files.

/// A named pipe as `-o` with no reader: an error after a short wait, never
/// a hang; with a reader, the report goes through it.
#[test]
fn an_output_pipe_with_no_reader_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("report.md");
    mkfifo(&fifo);
    let out = within(Duration::from_secs(30), &mut compare_to(&fifo));
    assert_eq!(out.status.code(), Some(2));
    insta::assert_snapshot!(stderr_of(&out, dir.path()), @r"
    error: <tmp>/report.md: is a named pipe that no process opened for reading within 3 seconds
    help: start the reader first, or write to a file
    ");
    // A reader that comes late, within the wait, gets the report.
    let mut writer = compare_to(&fifo).stderr(Stdio::piped()).spawn().unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let report = std::fs::read_to_string(&fifo).unwrap();
    assert!(writer.wait().unwrap().success());
    assert!(report.starts_with("# Every kind overlaps"));
}

/// Pipes where `check` expects YAML (agenda, party file, a link to a pipe
/// inside the folder) and a pipe given to `--check`: refused at once.
#[test]
fn pipes_among_the_inputs_never_hang() {
    let dir = negotiation();
    std::fs::remove_file(dir.path().join("agenda.yaml")).unwrap();
    mkfifo(&dir.path().join("agenda.yaml"));
    mkfifo(&dir.path().join("gamma.yaml"));
    symlink("gamma.yaml", dir.path().join("delta.yaml")).unwrap();
    let out = within(
        Duration::from_secs(30),
        Command::new(bin()).arg("check").arg(dir.path()),
    );
    assert_eq!(out.status.code(), Some(2));
    insta::assert_snapshot!(stderr_of(&out, dir.path()), @r"
    error: <tmp>/agenda.yaml: is not a regular file (a named pipe)

    error: <tmp>/delta.yaml: is not a regular file (a named pipe)

    error: <tmp>/gamma.yaml: is not a regular file (a named pipe)
    ");
    let fifo = dir.path().join("report.md");
    mkfifo(&fifo);
    let out = within(Duration::from_secs(30), compare_to(&fifo).arg("--check"));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out, dir.path()).contains("this is not a regular file"));
}

// Output files.

/// New reports follow the umask, as any file the user makes.
#[test]
fn a_new_report_follows_the_umask() {
    let dir = tempfile::tempdir().unwrap();
    for (umask, mode) in [("077", 0o600), ("027", 0o640), ("022", 0o644)] {
        let out = dir.path().join(format!("r{umask}.md"));
        let status = Command::new("sh")
            .args([
                "-c",
                &format!("umask {umask}; exec \"$0\" compare \"$1\" -o \"$2\""),
            ])
            .arg(bin())
            .arg(FIXTURE)
            .arg(&out)
            .status()
            .unwrap();
        assert!(status.success());
        let got = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(got, mode, "umask {umask}");
    }
}

/// A read-only report is not replaced: exit 2, and it keeps its content.
#[test]
fn a_read_only_report_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.md");
    std::fs::write(&out, "kept").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o444)).unwrap();
    let run = compare_to(&out).output().unwrap();
    assert_eq!(run.status.code(), Some(2));
    insta::assert_snapshot!(stderr_of(&run, dir.path()), @r"
    error: <tmp>/r.md: the report is read-only: refusing to replace it
    help: make it writable (`chmod u+w`) if it is to be regenerated
    ");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "kept");
    assert_eq!(names(dir.path()), ["r.md"]);
}

/// A closed standard output (`>&-`) is an error, exit 2; `> /dev/null`,
/// where the user throws the report away, is not.
#[test]
fn a_closed_standard_output_is_an_error() {
    let run = |redirect: &str| {
        Command::new("sh")
            .args(["-c", &format!("exec \"$0\" compare \"$1\" {redirect}")])
            .arg(bin())
            .arg(FIXTURE)
            .output()
            .unwrap()
    };
    let closed = run(">&-");
    assert_eq!(closed.status.code(), Some(2));
    insta::assert_snapshot!(String::from_utf8_lossy(&closed.stderr).trim(), @r"
    error: standard output: is closed, so the report would be lost
    help: give `-o FILE`, or run without closing standard output (`>&-`)
    ");
    assert_eq!(run("> /dev/null").status.code(), Some(0));
}

// Interrupts.

/// A negotiation whose JSON report takes a while to write (7 MB).
fn large_negotiation() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let spec = stance::synth::Spec {
        parties: 30,
        issues: 200,
        seed: 1,
    };
    for (name, text) in stance::synth::generate(&spec) {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// Starts `compare` writing the large report into `out_dir`, and returns
/// once its temporary file holds something.
fn writing(folder: &Path, out_dir: &Path) -> std::process::Child {
    let mut child = Command::new(bin())
        .arg("compare")
        .arg(folder)
        .arg("-o")
        .arg(out_dir.join("r.json"))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        let temp = std::fs::read_dir(out_dir).unwrap().any(|e| {
            let e = e.unwrap();
            e.file_name().to_string_lossy().starts_with(".stance-")
                && e.metadata().is_ok_and(|m| m.len() > 0)
        });
        if temp {
            return child;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "finished before it could be interrupted"
        );
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "no temporary file appeared"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn kill(child: &std::process::Child, signal: &str) {
    let status = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(status.success());
}

/// SIGINT and SIGTERM during a large write: the temporary file is
/// removed, a message says so, and the process ends by the signal (a
/// shell's 130 and 143).
#[test]
fn sigint_and_sigterm_during_a_write_leave_nothing_behind() {
    use std::os::unix::process::ExitStatusExt;
    let folder = large_negotiation();
    for (signal, number) in [("INT", 2), ("TERM", 15)] {
        let out_dir = tempfile::tempdir().unwrap();
        let child = writing(folder.path(), out_dir.path());
        kill(&child, signal);
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.signal(), Some(number), "SIG{signal}");
        let stderr = stderr_of(&out, out_dir.path());
        assert!(
            stderr
                .starts_with("stance: interrupted; removed the unfinished report `<tmp>/.stance-")
                && stderr.ends_with("and `<tmp>/r.json` is as it was"),
            "{stderr}"
        );
        assert!(
            names(out_dir.path()).is_empty(),
            "SIG{signal}: {:?}",
            names(out_dir.path())
        );
    }
}

/// Past `ulimit -f` the write fails like any other (SIGXFSZ is caught):
/// exit 2, a message, and no file left.
#[test]
fn a_file_size_limit_fails_the_write_cleanly() {
    let folder = large_negotiation();
    let out_dir = tempfile::tempdir().unwrap();
    let out = Command::new("sh")
        .args(["-c", "ulimit -f 200; exec \"$0\" compare \"$1\" -o \"$2\""])
        .arg(bin())
        .arg(folder.path())
        .arg(out_dir.path().join("r.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    insta::assert_snapshot!(stderr_of(&out, out_dir.path()), @"error: <tmp>/r.json: cannot write the report: file too large (os error 27)");
    assert!(names(out_dir.path()).is_empty());
}

/// SIGKILL cannot be caught: its temporary file stays, and the next run
/// that writes a report in that folder removes it once it is a minute
/// old, since its process is gone. Look-alikes are left alone: a live
/// process's, a fresh one, one named as an older `stance` named them,
/// and a link.
#[test]
fn a_temporary_file_left_by_sigkill_is_removed_by_the_next_run() {
    let folder = large_negotiation();
    let out_dir = tempfile::tempdir().unwrap();
    let mut child = writing(folder.path(), out_dir.path());
    kill(&child, "KILL");
    child.wait().unwrap();
    let left = names(out_dir.path());
    assert_eq!(left.len(), 1);
    assert!(
        left[0].starts_with(&format!(".stance-{}-", child.id())),
        "{left:?}"
    );
    let old = std::time::SystemTime::now() - Duration::from_secs(600);
    let age = |name: &str| {
        let file = std::fs::File::options()
            .write(true)
            .open(out_dir.path().join(name))
            .unwrap();
        file.set_modified(old).unwrap();
    };
    age(&left[0]);
    let live = format!(".stance-{}-abcdef", std::process::id());
    let fresh = format!(".stance-{}-ghijkl", child.id());
    let link = format!(".stance-{}-mnopqr", child.id());
    for name in [&live, &fresh, ".stance-Xy12Zz"] {
        std::fs::write(out_dir.path().join(name), "not stance's to remove").unwrap();
    }
    age(&live);
    age(".stance-Xy12Zz");
    symlink(
        folder.path().join("agenda.yaml"),
        out_dir.path().join(&link),
    )
    .unwrap();
    let out = compare_to(&out_dir.path().join("r.md")).output().unwrap();
    assert!(out.status.success());
    let mut kept = vec![
        ".stance-Xy12Zz".to_owned(),
        fresh,
        live,
        link,
        "r.md".to_owned(),
    ];
    kept.sort();
    assert_eq!(names(out_dir.path()), kept);
}

// Git.

/// A repository holding the overlap fixture in `talks`, over two commits.
fn repository() -> tempfile::TempDir {
    let repo = tempfile::tempdir().unwrap();
    let talks = repo.path().join("talks");
    std::fs::create_dir(&talks).unwrap();
    for file in ["agenda.yaml", "alpha.yaml", "beta.yaml"] {
        std::fs::copy(Path::new(FIXTURE).join(file), talks.join(file)).unwrap();
    }
    git(repo.path(), &["init", "-q"]);
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-q", "-m", "one"]);
    git(repo.path(), &["commit", "-q", "--allow-empty", "-m", "two"]);
    repo
}

/// `stance changes FOLDER --since REV` with `env`, its stderr.
fn since(folder: &Path, rev: &str, env: &[(&str, &str)]) -> (Option<i32>, String) {
    let out = Command::new(bin())
        .arg("changes")
        .arg(folder)
        .arg(format!("--since={rev}"))
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let dir = folder.parent().unwrap();
    (out.status.code(), stderr_of(&out, dir))
}

/// Each way git can fail says what happened and what to do.
#[test]
fn git_errors_say_what_happened() {
    let repo = repository();
    let talks = repo.path().join("talks");
    assert_eq!(since(&talks, "HEAD~1", &[]).0, Some(0));
    let empty = tempfile::tempdir().unwrap();
    let missing = since(
        &talks,
        "HEAD~1",
        &[("PATH", empty.path().to_str().unwrap())],
    );
    assert_eq!(missing.0, Some(2));
    insta::assert_snapshot!(missing.1, @r"
    error: <tmp>/talks: `--since` reads the folder's history with git, and git is not installed or not on PATH
    help: install git, or compare two folders: `stance changes OLD NEW`
    ");
    // git's own switch for its tests: the repository's owner taken for another user.
    let dubious = since(
        &talks,
        "HEAD~1",
        &[("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1")],
    );
    assert_eq!(dubious.0, Some(2));
    insta::assert_snapshot!(dubious.1, @r#"
    error: <tmp>/talks: git refuses to read this repository: it belongs to another user (git's "dubious ownership" check)
    help: if you trust the repository, mark it safe: `git config --global --add safe.directory <tmp>`
    "#);
    let option = since(&talks, "--output=/tmp/x", &[]);
    assert_eq!(option.0, Some(2));
    insta::assert_snapshot!(option.1, @"error: <tmp>/talks: `--output=/tmp/x` is not a revision: a revision does not start with `-`");
}

/// In a shallow clone, an unknown revision comes with the way to fetch
/// the history.
#[test]
fn a_shallow_clone_says_to_fetch_the_history() {
    let repo = repository();
    let clones = tempfile::tempdir().unwrap();
    let url = format!("file://{}", repo.path().display());
    git(
        clones.path(),
        &["clone", "-q", "--depth", "1", &url, "shallow"],
    );
    let (code, stderr) = since(&clones.path().join("shallow/talks"), "HEAD~1", &[]);
    assert_eq!(code, Some(2));
    insta::assert_snapshot!(stderr, @r"
    error: <tmp>/talks: unknown revision `HEAD~1`
    help: this clone is shallow: its history stops after the last few commits; fetch the rest with `git fetch --unshallow` (in CI, check out with `fetch-depth: 0`)
    ");
    let (code, stderr) = since(&repo.path().join("talks"), "HEAD~5", &[]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("a branch of a remote must be fetched first"),
        "{stderr}"
    );
}

/// At a revision, a link is followed only to a file beside it; one that
/// leads elsewhere is refused with its target named, and nothing read.
#[test]
fn links_at_a_revision_are_followed_only_to_a_file_beside_them() {
    let repo = repository();
    let talks = repo.path().join("talks");
    std::fs::rename(talks.join("alpha.yaml"), talks.join("alpha.txt")).unwrap();
    symlink("alpha.txt", talks.join("alpha.yaml")).unwrap();
    symlink("../../../etc/passwd", talks.join("gamma.yaml")).unwrap();
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "links"]);
    let folder = stance::git::folder_at(&talks, "HEAD").unwrap();
    let read: Vec<(String, Result<String, String>)> = folder
        .parties
        .into_iter()
        .map(|mut p| {
            let text = p
                .take_source()
                .map(|s| s.text.to_string())
                .map_err(|d| d.to_string());
            (p.file_name, text)
        })
        .collect();
    assert_eq!(read[0].0, "alpha.yaml");
    assert!(
        read[0].1.as_ref().unwrap().starts_with("party: alpha"),
        "{read:?}"
    );
    assert_eq!(read[2].0, "gamma.yaml");
    let refused = read[2]
        .1
        .as_ref()
        .unwrap_err()
        .replace(&talks.display().to_string(), "<tmp>");
    insta::assert_snapshot!(refused, @"HEAD:<tmp>/gamma.yaml: is a link to `../../../etc/passwd` at `HEAD`: from git, stance follows a link only to a file beside it");
}
