//! Shared by the test files that need it: running the binary, the three
//! formats, named pipes, git, and making a deal's changes. Each test file uses
//! only some of these.
#![allow(dead_code)]

use stance::engine::{Scope, compare};
use stance::export::Format;
use stance::model::{Negotiation, Position};
use stance::report::{ChangeKind, Deal, Required, Verdict};
use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Output};

/// The negotiation as it would be if every change of the deal were made.
pub fn apply(n: &Negotiation, deal: &Deal) -> Negotiation {
    let mut n = n.clone();
    for c in &deal.changes {
        let i = n.agenda.index_of(c.issue).unwrap();
        let p = n.parties.iter().position(|p| p.id == c.party).unwrap();
        let issue = n.agenda.issues[i].clone();
        let stance = n.parties[p].stances[i].as_mut().unwrap();
        match (c.change, &c.outcome) {
            (ChangeKind::Accept, Required::Options(ids)) => {
                if let Position::Options { accepts, .. } = &mut stance.position {
                    accepts.insert(issue.option_index(&ids[0]).unwrap());
                }
            }
            (ChangeKind::Accept, Required::Range(b)) => {
                let v = b.min.unwrap().0;
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
                let on = n
                    .agenda
                    .index_of(c.requirement_on.as_ref().unwrap())
                    .unwrap();
                let mut kept = std::mem::take(&mut stance.requires).into_vec();
                kept.retain(|r| r.issue != on);
                stance.requires = kept.into();
            }
        }
    }
    n
}

/// Guards the deal's promise: made, it leaves no conflict and no block.
pub fn assert_deal_clears_everything(n: &Negotiation) {
    let before = compare(n, &Scope::all(n));
    let deal_made = apply(n, &before.deal);
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

/// A named pipe at `path`.
pub fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
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
