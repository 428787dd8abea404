//! `stance init`: what it writes passes `stance check` and its own
//! schemas, and it writes over nothing, through no link, from no bad id.

use serde_json::Value;
use std::os::unix::fs::symlink;
use std::path::Path;

mod common;
use common::stance;

fn init(dir: &Path, parties: &str, issues: &str) -> std::process::Output {
    let dir = dir.to_str().unwrap();
    stance(&["init", dir, "--parties", parties, "--issues", issues])
}

fn stderr(out: &std::process::Output, tmp: &Path) -> String {
    String::from_utf8_lossy(&out.stderr).replace(&tmp.display().to_string(), "<tmp>")
}

/// Every file and its bytes, sorted: to prove that nothing was touched.
fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let bytes = std::fs::read(e.path()).unwrap_or_default();
            (name, bytes)
        })
        .collect();
    all.sort();
    all
}

#[test]
fn init_writes_a_negotiation_that_check_accepts_without_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("talks");
    let out = init(&dir, "russia,ukraine,united-states", "ceasefire-scope,aid");
    assert!(out.status.success(), "{}", stderr(&out, tmp.path()));
    let check = stance(&["check", "--strict", dir.to_str().unwrap()]);
    assert!(check.status.success());
    assert_eq!(String::from_utf8_lossy(&check.stderr), "");
    insta::assert_snapshot!(
        "agenda",
        std::fs::read_to_string(dir.join("agenda.yaml")).unwrap()
    );
    insta::assert_snapshot!(
        "party",
        std::fs::read_to_string(dir.join("russia.yaml")).unwrap()
    );
}

#[test]
fn the_files_init_writes_validate_against_the_schemas_it_writes() {
    // Guards the first line of each file: the schema it names is there,
    // and accepts the file as written.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("talks");
    assert!(init(&dir, "a,b", "x,y").status.success());
    for (file, schema) in [
        ("agenda.yaml", "agenda.schema.json"),
        ("a.yaml", "party.schema.json"),
        ("b.yaml", "party.schema.json"),
    ] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        assert_eq!(
            text.lines().next(),
            Some(format!("# yaml-language-server: $schema={schema}").as_str())
        );
        let schema: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join(schema)).unwrap()).unwrap();
        let value: Value = serde_saphyr::from_str(&text).unwrap();
        let v = jsonschema::draft7::new(&schema).unwrap();
        let errors: Vec<String> = v.iter_errors(&value).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{file}: {errors:?}");
        // And the party schema knows this negotiation's options.
        if file == "a.yaml" {
            let mut wrong = value.clone();
            wrong["stances"]["x"]["accepts"] = serde_json::json!(["option-3"]);
            assert!(!v.is_valid(&wrong));
        }
    }
}

#[test]
fn init_into_a_folder_with_any_of_its_files_refuses_and_touches_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("b.yaml"), "mine").unwrap();
    std::fs::write(dir.join("notes.txt"), "also mine").unwrap();
    let before = contents(dir);
    let out = init(dir, "a,b", "x");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(contents(dir), before);
    insta::assert_snapshot!(stderr(&out, dir), @r"
    error: <tmp>/b.yaml: is there already: `stance init` writes over nothing
    help: choose a new folder, or move the file away
    ");
}

#[test]
fn init_writes_through_no_link() {
    // A link where a file would go, even one to nowhere, is a name taken:
    // `O_CREAT` would otherwise make its target.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("talks");
    std::fs::create_dir(&dir).unwrap();
    let target = tmp.path().join("elsewhere.yaml");
    symlink(&target, dir.join("agenda.yaml")).unwrap();
    let out = init(&dir, "a", "x");
    assert_eq!(out.status.code(), Some(2));
    assert!(!target.exists());
    assert_eq!(contents(&dir).len(), 1);
    // A folder that is a link out of where it is, is not written into.
    let outside = tempfile::tempdir().unwrap();
    let link = tmp.path().join("away");
    symlink(outside.path(), &link).unwrap();
    let out = init(&link, "a", "x");
    assert_eq!(out.status.code(), Some(2));
    assert!(contents(outside.path()).is_empty());
    assert!(stderr(&out, tmp.path()).contains("out of the folder that holds it"));
}

#[test]
fn bad_ids_are_refused_before_anything_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("talks");
    let cases = [
        ("rus\u{200b}sia,ukraine", "x"),
        ("a", " x"),
        ("a,b,a", "x"),
        ("agenda", "x"),
        ("../escape", "x"),
        (".hidden", "x"),
        ("a", "x,,y"),
    ];
    let mut said = String::new();
    for (parties, issues) in cases {
        let out = init(&dir, parties, issues);
        assert_eq!(out.status.code(), Some(2), "{parties} / {issues}");
        said.push_str(&stderr(&out, tmp.path()));
    }
    assert!(!dir.exists());
    assert!(!tmp.path().join("escape.yaml").exists());
    insta::assert_snapshot!(said);
}

/// Uncomments every line after the line holding `marker` (but a note
/// line saying where the block goes, and bare `#` lines).
fn uncommented(text: &str, marker: &str) -> String {
    let mut on = false;
    let mut out = Vec::new();
    for line in text.lines() {
        let body = line.trim_start();
        if line.contains(marker) {
            on = true;
        } else if on && (body == "#" || body.starts_with("# For the whole")) {
        } else if on && body.starts_with('#') {
            let indent = &line[..line.len() - body.len()];
            let rest = body.strip_prefix("# ").unwrap_or(&body[1..]);
            out.push(format!("{indent}{rest}"));
        } else {
            out.push(line.to_owned());
        }
    }
    out.join("\n")
}

#[test]
fn the_examples_in_comments_pass_check_once_uncommented() {
    // Guards the commented examples against drifting from the format: an
    // issue of each kind, a stance of each shape, and the party-level
    // fields, uncommented, are a negotiation `stance check --strict`
    // accepts.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("talks");
    assert!(init(&dir, "a,b", "x").status.success());
    for (file, marker) in [
        ("agenda.yaml", "One issue of each kind"),
        ("a.yaml", "A stance of each other shape"),
    ] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        std::fs::write(dir.join(file), uncommented(&text, marker)).unwrap();
    }
    let check = stance(&["check", "--strict", dir.to_str().unwrap()]);
    assert_eq!(String::from_utf8_lossy(&check.stderr), "");
    assert_eq!(
        String::from_utf8_lossy(&check.stdout),
        format!("{}: ok, 2 parties, 5 issues\n", dir.display())
    );
}
