//! Shared by the test files that need it: running the binary, the three
//! formats, named pipes, git, and making a deal's changes. Each test file uses
//! only some of these.
#![allow(dead_code)]

use stance::export::Format;
use stance::load::{self, Invalid, Loaded};
use stance::model::{Negotiation, Position};
use stance::outcome::OutcomeSet;
use stance::report::{ChangeKind, Deal, Origin, Verdict};
use stance::{Scope, compare};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The negotiation as it would be if every change of the deal were made.
pub fn apply(n: &Negotiation, deal: &Deal) -> Negotiation {
    let mut n = n.clone();
    for c in &deal.changes {
        let p = n.parties.iter().position(|p| p.id == c.party).unwrap();
        let on = c.requirement_on.map(|id| n.agenda.index_of(id).unwrap());
        let party = &mut n.parties[p];
        match (c.change, c.from) {
            (ChangeKind::DropPackage, _) => {
                party.packages.retain(|k| Some(k.id.as_str()) != c.package);
                continue;
            }
            (ChangeKind::DropRequirement, Some(Origin::Party)) => {
                let mut kept = std::mem::take(&mut party.requires).into_vec();
                kept.retain(|r| Some(r.issue) != on);
                party.requires = kept.into();
                continue;
            }
            _ => {}
        }
        let i = n.agenda.index_of(c.issue.unwrap()).unwrap();
        let issue = n.agenda.issues[i].clone();
        let stance = n.parties[p].stances[i.get()].as_mut().unwrap();
        match (c.change, c.outcome.as_ref().map(|o| o.set())) {
            (ChangeKind::Accept, Some(OutcomeSet::Options(_))) => {
                if let Position::Options { accepts, .. } = &mut stance.position {
                    let id = c.outcome.as_ref().unwrap().ids().next().unwrap();
                    accepts.insert(issue.option_index(id).unwrap());
                }
            }
            (ChangeKind::Accept, Some(OutcomeSet::Range(b))) => {
                let v = b.unwrap().min.unwrap();
                if let Position::Range { min, max, ideal } = &mut stance.position {
                    let (lo, hi) = if min.is_none() && max.is_none() {
                        (*ideal, *ideal)
                    } else {
                        (*min, *max)
                    };
                    *min = lo.map(|lo| lo.min(v));
                    *max = hi.map(|hi| hi.max(v));
                    *ideal = None;
                }
            }
            (ChangeKind::DropRequirement, _) => {
                let requires = match (c.from, c.alternative) {
                    (Some(Origin::Alternative), Some(k)) => &mut stance.alternatives[k].requires,
                    _ => &mut stance.requires,
                };
                let mut kept = std::mem::take(requires).into_vec();
                kept.retain(|r| Some(r.issue) != on);
                *requires = kept.into();
            }
            other => panic!("a change the deal does not make: {other:?}"),
        }
    }
    n
}

/// Guards the deal's promise: made, it leaves no conflict and no block.
pub fn assert_deal_clears_everything(n: &Negotiation) {
    let before = compare(n, &Scope::all(n));
    let deal_made = apply(n, &before.mediation.deal);
    let after = compare(&deal_made, &Scope::all(&deal_made));
    for i in &after.issues {
        assert!(
            !matches!(i.verdict, Verdict::Conflict | Verdict::Blocked),
            "{} is still {:?} after the deal",
            i.id,
            i.verdict
        );
    }
}

/// Every report format, with the name its snapshots carry.
pub const FORMATS: [(Format, &str); 3] = [
    (Format::Text, "text"),
    (Format::Markdown, "markdown"),
    (Format::Json, "json"),
];

/// Runs the `stance` binary with these arguments.
pub fn stance<S: AsRef<OsStr>>(args: &[S]) -> Output {
    Command::new(insta_cmd::get_cargo_bin("stance"))
        .args(args)
        .output()
        .unwrap()
}

/// The `stance` binary with these arguments, to run as a snapshot case:
/// colour off, whatever the environment says.
pub fn plain_stance(args: &[&str]) -> Command {
    let mut cmd = Command::new(insta_cmd::get_cargo_bin("stance"));
    cmd.args(args).env_remove("NO_COLOR").env("CLICOLOR", "0");
    cmd
}

/// The JSON a successful run of `stance` prints.
pub fn json_of(args: &[&str]) -> serde_json::Value {
    let out = stance(args);
    assert!(
        out.status.success(),
        "stance {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Every file under `dir` whose name ends in `.{extension}`, at any depth.
pub fn files_with_extension(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_with_extension(&path, extension));
        } else if path.extension().is_some_and(|e| e == extension) {
            files.push(path);
        }
    }
    files
}

/// A named pipe at `path`.
pub fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

/// A temporary negotiation folder: the agenda and `beta` of
/// `tests/fixtures/warnings`, and `alpha.yaml` holding `alpha`.
pub fn folder_with_alpha(alpha: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for file in ["agenda.yaml", "beta.yaml"] {
        std::fs::copy(
            Path::new("tests/fixtures/warnings").join(file),
            dir.path().join(file),
        )
        .unwrap();
    }
    std::fs::write(dir.path().join("alpha.yaml"), alpha).unwrap();
    dir
}

/// Runs git in `dir` as a test's own user, with none of the machine's
/// configuration (a global `safe.directory = *` would hide what a test
/// of git's refusals looks for); fails the test if git fails.
pub fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=stance tests",
            "-c",
            "user.email=tests@stance.invalid",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

/// Every diagnostic of a load, rendered without colour, one after another.
pub fn rendered(loaded: &Result<Loaded, Invalid>) -> String {
    load::diagnostics(loaded)
        .iter()
        .map(|d| d.render(false))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The diagnostics of a folder that loads, rendered: warnings only.
pub fn warnings_of(folder: &str) -> String {
    let loaded = load::load(Path::new(folder));
    let warnings = &loaded.as_ref().expect("warnings only").warnings;
    assert!(warnings.iter().all(|d| !d.is_error()));
    rendered(&loaded)
}
