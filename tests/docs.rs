//! Keeps the JSON examples of the docs true: each example is the real
//! output of the seed, trimmed. Every key it shows must be in the real
//! report with the value shown; a string that ends in `...` is a start of
//! the real one; a list of objects may leave items out (those it shows are
//! in the real list, in order); any other list is shown whole.

use serde_json::Value;
use std::process::Command;

const SEED: &str = "positions/ukraine-2025-03-18";
const EARLIER: &str = "positions/ukraine-2025-03-11";

fn stance(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_stance"))
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "stance {args:?} failed");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The first ```json block after `heading` in a doc.
fn example(doc: &str, heading: &str) -> Value {
    let text = std::fs::read_to_string(doc).unwrap();
    let after = &text[text.find(heading).expect("the heading is in the doc")..];
    let start = after.find("```json\n").expect("a JSON example follows") + "```json\n".len();
    let end = start + after[start..].find("```").unwrap();
    serde_json::from_str(&after[start..end])
        .unwrap_or_else(|e| panic!("the example under {heading:?} in {doc} is not JSON: {e}"))
}

/// Where `shown` differs from `real`, as a path, or `None` when it is a
/// fair trim of it.
fn differs(shown: &Value, real: &Value, path: &str) -> Option<String> {
    match (shown, real) {
        (Value::Object(shown), Value::Object(real)) => shown.iter().find_map(|(key, value)| {
            let at = format!("{path}.{key}");
            match real.get(key) {
                Some(real) => differs(value, real, &at),
                None => Some(format!("{at}: not in the real report")),
            }
        }),
        (Value::Array(shown), Value::Array(real)) if shown.iter().any(Value::is_object) => {
            let mut rest = real.iter();
            shown.iter().enumerate().find_map(|(k, item)| {
                let at = format!("{path}[{k}]");
                match rest.find(|r| differs(item, r, &at).is_none()) {
                    Some(_) => None,
                    None => Some(format!(
                        "{at}: no such item (in this order) in the real report"
                    )),
                }
            })
        }
        (Value::Array(shown), Value::Array(real)) => {
            if shown.len() != real.len() {
                return Some(format!(
                    "{path}: {} items shown, {} real",
                    shown.len(),
                    real.len()
                ));
            }
            shown
                .iter()
                .zip(real)
                .enumerate()
                .find_map(|(k, (s, r))| differs(s, r, &format!("{path}[{k}]")))
        }
        (Value::String(shown), Value::String(real)) => {
            let fits = match shown.strip_suffix("...") {
                Some(start) => real.starts_with(start.trim_end()),
                None => shown == real,
            };
            (!fits).then(|| format!("{path}: shown {shown:?}, real {real:?}"))
        }
        _ => (shown != real).then(|| format!("{path}: shown {shown}, real {real}")),
    }
}

#[test]
fn the_compare_example_is_the_real_report() {
    let real = stance(&["compare", SEED, "--format", "json"]);
    let shown = example("docs/json.md", "## An example");
    if let Some(at) = differs(&shown, &real, "") {
        panic!("docs/json.md's example is not the seed's report: {at}");
    }
}

#[test]
fn the_changes_example_is_the_real_report() {
    let real = stance(&["changes", EARLIER, SEED, "--format", "json"]);
    let shown = example("docs/workflow.md", "### The JSON report");
    if let Some(at) = differs(&shown, &real, "") {
        panic!("docs/workflow.md's example is not the seed's changes: {at}");
    }
}

#[test]
fn a_wrong_example_is_caught() {
    // The check itself: a changed value, a key that is not there, a list
    // cut short and items out of order are each told apart from a trim.
    let real: Value = serde_json::from_str(
        r#"{"a": "a long text", "b": [1, 2], "c": [{"id": "x"}, {"id": "y"}]}"#,
    )
    .unwrap();
    let fair: Value = serde_json::from_str(r#"{"a": "a long ...", "c": [{"id": "y"}]}"#).unwrap();
    assert_eq!(differs(&fair, &real, ""), None);
    for wrong in [
        r#"{"a": "a short ..."}"#,
        r#"{"d": 1}"#,
        r#"{"b": [1]}"#,
        r#"{"c": [{"id": "y"}, {"id": "x"}]}"#,
    ] {
        let wrong: Value = serde_json::from_str(wrong).unwrap();
        assert!(differs(&wrong, &real, "").is_some(), "{wrong} passed");
    }
}
