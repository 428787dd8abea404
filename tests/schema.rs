//! The JSON Schemas (`stance schema`) against `stance check`: the
//! committed files are what the command prints, every file of every valid
//! negotiation in the repository validates, and the invalid fixtures that
//! a schema catches are pinned, beside those only `stance check` can.

use serde_json::Value;
use stance::load;
use std::path::{Path, PathBuf};

mod common;

/// A file read as an editor's YAML server reads it (YAML 1.2: `yes` is
/// text); `None` when it is not YAML at all (the editor flags that too).
fn as_json(path: &Path) -> Option<Value> {
    let text = std::fs::read_to_string(path).ok()?;
    let options = serde_saphyr::options! { strict_booleans: true };
    serde_saphyr::from_str_with_options::<Value>(&text, options).ok()
}

fn validator(schema: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(schema).expect("a schema is JSON");
    jsonschema::draft7::new(&schema).expect("a valid draft-07 schema")
}

/// Every folder under `root` that holds an `agenda.yaml`, sorted.
fn negotiations(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut todo = vec![root.to_path_buf()];
    while let Some(dir) = todo.pop() {
        if dir.join("agenda.yaml").is_file() {
            found.push(dir.clone());
        }
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                todo.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The YAML files of a folder, the agenda first.
fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.extension().is_some_and(|e| e == "yaml" || e == "yml")
                && !p.file_name().unwrap().to_string_lossy().starts_with('.')
        })
        .collect();
    files.sort_by_key(|p| (p.file_name().unwrap() != "agenda.yaml", p.clone()));
    files
}

/// What the schemas make of one folder's files: those the generic
/// schemas reject, and those the schema made for the folder rejects.
struct Verdict {
    not_yaml: Vec<String>,
    generic: Vec<String>,
    specific: Option<Vec<String>>,
}

fn judge(dir: &Path) -> Verdict {
    let agenda = validator(&stance::schema::agenda());
    let party = validator(&stance::schema::party());
    let specific = load::load_agenda(dir).ok().map(|loaded| {
        let n = &loaded.negotiation;
        validator(&stance::schema::party_for(&n.agenda, &n.title))
    });
    let mut verdict = Verdict {
        not_yaml: Vec::new(),
        generic: Vec::new(),
        specific: specific.as_ref().map(|_| Vec::new()),
    };
    for file in yaml_files(dir) {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let Some(value) = as_json(&file) else {
            verdict.not_yaml.push(name);
            continue;
        };
        let is_agenda = name == "agenda.yaml";
        let generic = if is_agenda { &agenda } else { &party };
        if !generic.is_valid(&value) {
            verdict.generic.push(name.clone());
        }
        if let (Some(v), Some(rejected)) = (&specific, &mut verdict.specific)
            && !is_agenda
            && !v.is_valid(&value)
        {
            rejected.push(name);
        }
    }
    verdict
}

#[test]
fn the_committed_schemas_are_what_stance_schema_prints() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    for (file, text) in [
        ("agenda.schema.json", stance::schema::agenda()),
        ("party.schema.json", stance::schema::party()),
    ] {
        let committed = std::fs::read_to_string(root.join(file)).unwrap_or_default();
        assert!(
            committed == text,
            "schemas/{file} is stale: run `stance schema {} -o schemas/{file}`",
            file.split('.').next().unwrap()
        );
    }
}

#[test]
fn every_file_of_every_valid_negotiation_validates() {
    // Guards the drift the schemas exist to prevent: a file `stance check`
    // accepts that an editor would underline.
    let mut checked = 0;
    for root in ["positions", "tests/fixtures", "examples"] {
        for dir in negotiations(Path::new(root)) {
            if load::load(&dir).is_err() {
                continue;
            }
            let v = judge(&dir);
            assert!(v.not_yaml.is_empty(), "{}: {:?}", dir.display(), v.not_yaml);
            assert!(v.generic.is_empty(), "{}: {:?}", dir.display(), v.generic);
            assert_eq!(v.specific, Some(Vec::new()), "{}", dir.display());
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} negotiations found");
}

#[test]
fn what_the_schemas_catch_among_the_invalid_fixtures() {
    // Pinned: for each invalid fixture, the files a schema rejects. `-`
    // is a fixture only `stance check` catches (an unknown source, a
    // `wants` outside `accepts`, a party file with no agenda...).
    let mut table = String::new();
    for dir in negotiations(Path::new("tests/fixtures/invalid")) {
        let v = judge(&dir);
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let list = |files: &[String]| {
            if files.is_empty() {
                "-".to_owned()
            } else {
                files.join(" ")
            }
        };
        let specific = match &v.specific {
            Some(files) => list(files),
            None => "(agenda invalid)".to_owned(),
        };
        table.push_str(&format!(
            "{name}\n  not YAML: {}\n  generic schemas reject: {}\n  schema --for rejects: {specific}\n",
            list(&v.not_yaml),
            list(&v.generic)
        ));
    }
    insta::assert_snapshot!(table);
}

#[test]
fn the_name_pattern_refuses_the_hidden_characters_stance_check_refuses() {
    // Guards the hand-written class in `schema::NAME_PATTERN` against
    // `visible::is_hidden`, over every character below U+10000.
    let pattern = serde_json::json!({"type": "string", "pattern": stance::schema::NAME_PATTERN});
    let v = jsonschema::draft7::new(&pattern).unwrap();
    for c in (0..0x1_0000u32).filter_map(char::from_u32) {
        let id = Value::String(format!("a{c}b"));
        let refused = c == ',' || stance::visible::is_hidden(c);
        assert_eq!(v.is_valid(&id), !refused, "U+{:04X}", c as u32);
    }
}

#[test]
fn the_command_prints_the_schemas_and_checks_the_committed_ones() {
    let out = common::stance(&[
        "schema",
        "party",
        "--for",
        "tests/fixtures/compare/requires",
    ]);
    assert!(out.status.success());
    let loaded = load::load_agenda(Path::new("tests/fixtures/compare/requires")).unwrap();
    let n = &loaded.negotiation;
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        stance::schema::party_for(&n.agenda, &n.title)
    );
    let check = [
        "schema",
        "agenda",
        "-o",
        "schemas/agenda.schema.json",
        "--check",
    ];
    assert_eq!(common::stance(&check).status.code(), Some(0));
    // The agenda's schema is one for every negotiation: `--for` is refused.
    let out = common::stance(&["schema", "agenda", "--for", "positions/ukraine-2025-03-18"]);
    assert_eq!(out.status.code(), Some(2));
    // A broken agenda makes no schema, and says why.
    let out = common::stance(&[
        "schema",
        "party",
        "--for",
        "tests/fixtures/invalid/unknown-kind",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown issue kind"));
}

#[test]
fn a_title_with_a_bidirectional_control_is_escaped_in_the_schema() {
    // Guards the terminal: the schema carries the agenda's title, and a
    // right-to-left override would reach it raw through JSON.
    let dir = tempfile::tempdir().unwrap();
    let agenda = "negotiation: \"Talks \\u202E evil\"\nissues:\n  x: {title: X, kind: yes-no}\n";
    std::fs::write(dir.path().join("agenda.yaml"), agenda).unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        "party: a\nname: A\nstances:\n  x: {accepts: [\"yes\"], note: n}\n",
    )
    .unwrap();
    let out = common::stance(&["schema", "party", "--for", dir.path().to_str().unwrap()]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\u{202e}'));
    assert!(text.contains("Talks \\u202e evil"));
    let read: Value = serde_json::from_str(&text).unwrap();
    assert!(read["description"].as_str().unwrap().contains('\u{202e}'));
}

#[test]
fn the_agenda_schema_holds_each_kind_to_its_fields() {
    // Guards the kind rules the schema takes from the issue table: a scale
    // with no options, a range with options, a unit on a yes-no issue,
    // each caught at its own issue.
    let v = validator(&stance::schema::agenda());
    let agenda = as_json(Path::new(
        "tests/fixtures/invalid/issue-fields-of-another-kind/agenda.yaml",
    ))
    .unwrap();
    let mut at: Vec<String> = v
        .iter_errors(&agenda)
        .map(|e| e.instance_path().to_string())
        .collect();
    at.sort();
    at.dedup();
    assert_eq!(at, ["/issues/a", "/issues/b", "/issues/c"]);
}
