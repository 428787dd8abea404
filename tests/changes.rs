//! `stance changes`: each label and each negotiation-level event on small
//! fixtures (an `old` and a `new` round each), asserted here and snapshotted
//! in every format; the seed's two rounds; `--since` against a git history.

use stance::changes::{Changes, Event, Label, Listing, changes};
use stance::export::{Format, render_changes_to_string};
use stance::load;
use stance::model::Negotiation;
use std::path::Path;

mod common;
use common::{git, json_of, stance};

/// Kept for the test's whole run: a changes report borrows both rounds.
fn negotiation(path: &str) -> &'static Negotiation {
    let loaded = load::load(Path::new(path));
    Box::leak(Box::new(
        loaded
            .unwrap_or_else(|e| panic!("{path} should load: {e}"))
            .negotiation,
    ))
}

/// Every stance of the two rounds, unchanged ones too (as `--all`).
fn between(old: &str, new: &str) -> Changes<'static> {
    let all = Listing {
        all: true,
        party: None,
    };
    changes(negotiation(old), negotiation(new), [old, new], all)
}

/// The stances that changed, as the report lists them by default.
fn changed(old: &str, new: &str) -> Changes<'static> {
    let listing = Listing::default();
    changes(negotiation(old), negotiation(new), [old, new], listing)
}

fn fixture(name: &str) -> Changes<'static> {
    let old = format!("tests/fixtures/changes/{name}/old");
    let new = format!("tests/fixtures/changes/{name}/new");
    between(&old, &new)
}

fn label_of(c: &Changes, party: &str, issue: &str) -> Label {
    c.stances
        .iter()
        .find(|s| s.party == party && s.issue == issue)
        .unwrap_or_else(|| panic!("no change for {party} on {issue}"))
        .label
}

#[test]
fn every_label() {
    let c = fixture("labels");
    // Each issue of the fixture is named for what alpha did on it.
    let expected = [
        ("appears", Label::New),
        ("goes", Label::Withdrawn),
        ("narrower", Label::Hardened),
        ("stronger", Label::Hardened),
        ("condition", Label::Hardened),
        ("shorter", Label::Hardened),
        ("wider", Label::Softened),
        ("weaker", Label::Softened),
        ("sideways", Label::Moved),
        ("mixed", Label::Moved),
        ("first-choice", Label::Moved),
        ("reworded", Label::Clarified),
        ("status", Label::Clarified),
        ("same", Label::Unchanged),
    ];
    for (issue, label) in expected {
        assert_eq!(label_of(&c, "alpha", issue), label, "{issue}");
    }
}

/// Guards the labels of a sequence stance: a constraint added hardens,
/// one dropped softens, a swap moves, and one already implied changes no
/// order; and an issue moved to another phase is an event of its own.
#[test]
fn order_changes_and_phase_moves() {
    let c = fixture("order");
    for (issue, label) in [
        ("added", Label::Hardened),
        ("dropped", Label::Softened),
        ("reordered", Label::Moved),
        ("implied", Label::Unchanged),
    ] {
        assert_eq!(label_of(&c, "alpha", issue), label, "{issue}");
    }
    let scope = c.issues.iter().find(|i| i.issue == "scope").unwrap();
    assert_eq!(scope.events, [Event::PhaseChanged]);
}

#[test]
fn every_event() {
    let c = fixture("events");
    let events = |issue: &str| {
        c.issues
            .iter()
            .find(|i| i.issue == issue)
            .map(|i| i.events.clone())
            .unwrap_or_default()
    };
    // Each issue of the fixture is named for what happens to it.
    let expected: [(&str, &[Event]); 10] = [
        ("opened", &[Event::ConflictOpened, Event::OverlapLost]),
        ("resolved", &[Event::ConflictResolved, Event::OverlapGained]),
        ("harder", &[Event::ConflictHardened]),
        ("closed", &[Event::OverlapGained, Event::GapClosed]),
        ("opened-gap", &[Event::OverlapLost, Event::GapOpened]),
        ("blocked-now", &[Event::OverlapLost, Event::BlockAdded]),
        ("unblocked", &[Event::OverlapGained, Event::BlockLifted]),
        ("widened", &[Event::ZoneChanged]),
        // A new issue arrives with its verdict.
        ("fresh", &[Event::GapOpened, Event::IssueAdded]),
        ("stale", &[Event::IssueRemoved]),
    ];
    for (issue, want) in expected {
        assert_eq!(events(issue), want, "{issue}");
    }
    // Nothing happened to `cond`, a conflict in both rounds.
    assert!(events("cond").is_empty());
    // The block came from alpha's new requirement.
    let blocked = c.issues.iter().find(|i| i.issue == "blocked-now").unwrap();
    assert_eq!(blocked.caused_by.len(), 1);
    assert_eq!(
        (
            blocked.caused_by[0].party.as_str(),
            blocked.caused_by[0].label
        ),
        ("alpha", Label::Hardened)
    );
}

#[test]
fn every_fixture_in_every_format() {
    for (format, name) in common::FORMATS {
        for fixture_name in ["labels", "events", "order"] {
            let c = fixture(fixture_name);
            insta::assert_snapshot!(
                format!("{fixture_name}_{name}"),
                render_changes_to_string(&c, format)
            );
        }
    }
}

const OLD: &str = "positions/ukraine-2025-03-11";
const NEW: &str = "positions/ukraine-2025-03-18";

#[test]
fn the_seed_rounds_tell_the_story_of_the_call() {
    let c = changed(OLD, NEW);
    // What Russia accepted: an energy ceasefire, where it was undecided.
    assert_eq!(label_of(&c, "russia", "ceasefire-scope"), Label::New);
    // What the United States gave up asking for first: the full ceasefire.
    let us = c
        .stances
        .iter()
        .find(|s| s.party == "united-states" && s.issue == "ceasefire-scope")
        .unwrap();
    assert_eq!(us.label, Label::Softened);
    assert!(us.fields.contains(&"wants"));
    let event = |issue: &str| {
        c.issues
            .iter()
            .find(|i| i.issue == issue)
            .unwrap()
            .events
            .clone()
    };
    // Which conflicts the call opened, and which remain.
    assert!(event("ceasefire-scope").contains(&Event::ConflictOpened));
    assert!(event("permanent-peace").contains(&Event::BlockAdded));
    assert_eq!(event("territory"), [Event::ConflictHardened]);
}

#[test]
fn the_seed_rounds_in_every_format() {
    let c = changed(OLD, NEW);
    insta::assert_snapshot!("seed_text", render_changes_to_string(&c, Format::Text));
    insta::assert_snapshot!(
        "seed_markdown",
        render_changes_to_string(&c, Format::Markdown)
    );
    insta::assert_snapshot!("seed_json", render_changes_to_string(&c, Format::Json));
}

fn copy_round(from: &str, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

#[test]
fn since_reads_the_old_round_from_git() {
    let repo = tempfile::tempdir().unwrap();
    let folder = repo.path().join("talks");
    std::fs::create_dir(&folder).unwrap();
    git(repo.path(), &["init", "-q"]);
    copy_round("tests/fixtures/changes/events/old", &folder);
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-q", "-m", "first round"]);
    // The new round replaces the old one in the working tree.
    for entry in std::fs::read_dir(&folder).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    copy_round("tests/fixtures/changes/events/new", &folder);
    let since = json_of(&[
        "changes",
        folder.to_str().unwrap(),
        "--since",
        "HEAD",
        "--format",
        "json",
    ]);
    let direct = json_of(&[
        "changes",
        "tests/fixtures/changes/events/old",
        "tests/fixtures/changes/events/new",
        "--format",
        "json",
    ]);
    assert!(
        since["old"]["source"]
            .as_str()
            .unwrap()
            .starts_with("HEAD:")
    );
    // The same changes, whatever the rounds are called.
    let strip = |mut v: serde_json::Value| {
        v["old"]["source"] = serde_json::Value::Null;
        v["new"]["source"] = serde_json::Value::Null;
        v
    };
    assert_eq!(strip(since), strip(direct));

    // An unknown revision, and a folder outside any repository.
    let unknown = stance(&[
        "changes",
        folder.to_str().unwrap(),
        "--since",
        "no-such-rev",
    ]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("unknown revision `no-such-rev`"));
    let outside = tempfile::tempdir().unwrap();
    copy_round("tests/fixtures/changes/events/new", outside.path());
    let outside = stance(&[
        "changes",
        outside.path().to_str().unwrap(),
        "--since",
        "HEAD",
    ]);
    assert_eq!(outside.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&outside.stderr).contains("not inside a git repository"));
}

#[test]
fn exit_codes() {
    let (old, new) = (
        "tests/fixtures/changes/events/old",
        "tests/fixtures/changes/events/new",
    );
    assert_eq!(stance(&["changes", old, new]).status.code(), Some(0));
    assert_eq!(
        stance(&["changes", old, new, "--fail-on", "hardened"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        stance(&["changes", old, new, "--fail-on", "conflict-opened"])
            .status
            .code(),
        Some(1)
    );
    // The labels fixture changes no verdict.
    let (lo, ln) = (
        "tests/fixtures/changes/labels/old",
        "tests/fixtures/changes/labels/new",
    );
    assert_eq!(
        stance(&[
            "changes",
            lo,
            ln,
            "--fail-on",
            "conflict-opened,block-added"
        ])
        .status
        .code(),
        Some(0)
    );
    assert_eq!(
        stance(&["changes", old, "tests/fixtures/invalid/unknown-option"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(stance(&["changes", old]).status.code(), Some(2));
}

#[test]
fn two_party_files_compare_that_party_alone() {
    // The old version of alpha's file, set in the new round's folder.
    let v = json_of(&[
        "changes",
        "tests/fixtures/changes/labels/old/alpha.yaml",
        "tests/fixtures/changes/labels/new/alpha.yaml",
        "--format",
        "json",
    ]);
    let stances = v["stances"].as_array().unwrap();
    assert!(stances.iter().all(|s| s["party"] == "alpha"));
    assert_eq!(
        stances.len(),
        13,
        "every alpha change but the unchanged ones"
    );
}

/// Without `--all`, the stances that did not change are counted but not
/// kept; everything else is as with `--all`. With a party, only its
/// stances are listed and counted.
#[test]
fn unchanged_stances_are_counted_not_listed() {
    let (listed, counted) = (between(OLD, NEW), changed(OLD, NEW));
    let unchanged = |c: &Changes| {
        c.stances
            .iter()
            .filter(|s| s.label == Label::Unchanged)
            .count()
    };
    assert!(unchanged(&listed) > 0);
    assert_eq!(unchanged(&counted), 0);
    assert_eq!(listed.summary.labels, counted.summary.labels);
    assert_eq!(listed.summary.labels[&Label::Unchanged], unchanged(&listed));
    let json = |c: &Changes, k: usize| serde_json::to_value(&c.stances[k]).unwrap();
    let kept: Vec<usize> = (0..listed.stances.len())
        .filter(|&k| listed.stances[k].label != Label::Unchanged)
        .collect();
    assert_eq!(kept.len(), counted.stances.len());
    for (k, &l) in kept.iter().enumerate() {
        assert_eq!(json(&listed, l), json(&counted, k));
    }
    let (old, new) = (negotiation(OLD), negotiation(NEW));
    let russia = Listing {
        all: true,
        party: Some("russia"),
    };
    let one = changes(old, new, [OLD, NEW], russia);
    assert!(one.stances.iter().all(|s| s.party == "russia"));
    let total: usize = one.summary.labels.values().sum();
    assert_eq!(total, one.stances.len());
    assert_eq!(one.issues.len(), listed.issues.len());
}

#[test]
fn a_round_compared_with_itself_has_no_changes() {
    for round in [OLD, NEW, "tests/fixtures/changes/events/new"] {
        let c = between(round, round);
        assert!(
            c.stances.iter().all(|s| s.label == Label::Unchanged),
            "{round}"
        );
        assert!(c.issues.is_empty(), "{round}");
    }
}

fn round(agenda: &str, a: &str, b: &str) -> Negotiation {
    let loaded = load::load_folder(load::in_memory(
        "round",
        format!("negotiation: Round\nissues:\n{agenda}").into_bytes(),
        vec![
            (
                "a.yaml".into(),
                format!("party: a\nname: A\nstances:\n{a}").into_bytes(),
            ),
            (
                "b.yaml".into(),
                format!("party: b\nname: B\nstances:\n{b}").into_bytes(),
            ),
        ],
    ));
    loaded.expect("the round loads").negotiation
}

#[test]
fn events_within_a_verdict_and_on_new_issues() {
    let issues = "  x: {title: X, kind: yes-no}\n  y: {title: Y, kind: yes-no}\n  z: {title: Z, kind: yes-no}\n";
    let yes = |extra: &str| format!("{{accepts: [\"yes\"], note: n{extra}}}");
    // Old: x is blocked by a's requirement on y (a conflict).
    let old = round(
        issues,
        &format!(
            "  x: {}\n  y: {}\n  z: {}\n",
            yes(", requires: {y: \"yes\"}"),
            yes(""),
            yes("")
        ),
        &format!(
            "  x: {}\n  y: {{accepts: [\"no\"], note: n}}\n  z: {{accepts: [\"no\"], note: n}}\n",
            yes("")
        ),
    );
    // New: b adds a requirement on z (also a conflict), x stays blocked; and
    // a new issue w arrives in conflict.
    let new = round(
        &format!("{issues}  w: {{title: W, kind: yes-no}}\n"),
        &format!(
            "  x: {}\n  y: {}\n  z: {}\n  w: {}\n",
            yes(", requires: {y: \"yes\"}"),
            yes(""),
            yes(""),
            yes("")
        ),
        &format!(
            "  x: {}\n  y: {{accepts: [\"no\"], note: n}}\n  z: {{accepts: [\"no\"], note: n}}\n  w: {{accepts: [\"no\"], note: n}}\n",
            yes(", requires: {z: \"yes\"}")
        ),
    );
    let all = Listing {
        all: true,
        party: None,
    };
    let c = changes(&old, &new, ["old", "new"], all);
    let events = |issue: &str| {
        c.issues
            .iter()
            .find(|i| i.issue == issue)
            .map(|i| i.events.clone())
            .unwrap_or_default()
    };
    assert_eq!(events("x"), [Event::BlockAdded]);
    assert_eq!(events("w"), [Event::ConflictOpened, Event::IssueAdded]);
}
