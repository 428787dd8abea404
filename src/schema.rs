//! JSON Schemas of the position format, for editors (yaml-language-server
//! and the like): built from the field tables `stance check` reads with
//! (`load::fields`), so the two cannot drift. A schema says the shape of
//! a file: the fields, what each holds, which are required, which kind of
//! issue each is for. What needs the rest of the folder (an unknown issue,
//! option or source id, `wants` outside `accepts`) only `stance check`
//! sees, except that a schema made `for` one negotiation (`party_for`)
//! knows its issue and option ids.
//!
//! Draft-07, the draft editors support best. Keys are written sorted, so
//! the text is the same whatever order the maps keep.

use crate::load::fields::{self, Field, Holds, Need, OPTION_KINDS};
use crate::model::{Agenda, Issue, Kind};
use crate::visible;
use serde_json::{Map, Value, json};

/// The characters of `visible::is_hidden` below U+10000, as a regex
/// class's contents.
macro_rules! hidden {
    () => {
        r"\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb"
    };
}

const DRAFT: &str = "http://json-schema.org/draft-07/schema#";

/// A name as `docs/format.md` defines it, as far as a pattern can: not
/// empty, no space at either end, no comma, and none of the hidden
/// characters of `visible::is_hidden` below U+10000 (the rest, tag
/// characters and the like, are left to `stance check`: a pattern that
/// names them needs a regex flag not every editor sets).
pub const NAME_PATTERN: &str = concat!(
    r"^[^,\s",
    hidden!(),
    r"]([^,",
    hidden!(),
    r"]*[^,\s",
    hidden!(),
    r"])?$"
);

/// The schema of `agenda.yaml`.
pub fn agenda() -> String {
    let mut schema = object(fields::AGENDA, &Kinds::Any);
    head(
        &mut schema,
        "stance agenda",
        "The agenda of a negotiation (agenda.yaml): its title and its issues. See docs/format.md.",
    );
    text(schema)
}

/// The schema of a party file, for any agenda.
pub fn party() -> String {
    let mut schema = object(fields::PARTY, &Kinds::Any);
    head(
        &mut schema,
        "stance party file",
        "One party's stances (one YAML file per party, the file stem its id). See docs/format.md.",
    );
    text(schema)
}

/// The schema of a party file of the negotiation whose agenda this is:
/// `stances` and `requires` take its issue ids only, and each issue's
/// stance the fields and the option ids of its kind.
pub fn party_for(agenda: &Agenda, title: &str) -> String {
    let mut schema = object(fields::PARTY, &Kinds::Of(agenda));
    head(
        &mut schema,
        "stance party file",
        &format!(
            "A party file of the negotiation `{title}`, its issues and options as its agenda lists them: run `stance schema party --for` again when the agenda changes."
        ),
    );
    text(schema)
}

/// What the stances of a schema know of the issues.
enum Kinds<'a> {
    /// Nothing: any issue id, any field of any kind.
    Any,
    /// This agenda's issues.
    Of(&'a Agenda),
}

fn head(schema: &mut Value, title: &str, description: &str) {
    let map = schema.as_object_mut().expect("a schema is an object");
    map.insert("$schema".to_owned(), json!(DRAFT));
    map.insert("title".to_owned(), json!(title));
    map.insert("description".to_owned(), json!(description));
}

/// The schema as text. A title from the agenda may hold a bidirectional
/// or invisible character, which JSON would carry raw to a terminal: it is
/// escaped (`\u202e`), as JSON allows in any string, and only a string
/// can hold one.
fn text(schema: Value) -> String {
    let raw = serde_json::to_string_pretty(&sorted(schema)).expect("a schema serialises");
    let mut out = String::with_capacity(raw.len() + 1);
    for c in raw.chars() {
        if c != '\n' && visible::is_hidden(c) {
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    out
}

/// `value` with every object's keys in order: serde_json keeps insertion
/// order when a crate in the build turns `preserve_order` on.
fn sorted(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

/// A mapping with the fields of `table`.
fn object(table: &'static [Field], kinds: &Kinds) -> Value {
    object_of(table, table.iter().collect(), kinds)
}

fn object_of(table: &'static [Field], shown: Vec<&'static Field>, kinds: &Kinds) -> Value {
    let properties: Map<String, Value> = shown
        .iter()
        .map(|f| {
            let mut schema = holds(&f.holds, kinds);
            if f.non_empty {
                schema["minProperties"] = json!(1);
            }
            described(&mut schema, f.doc);
            (f.name.to_owned(), schema)
        })
        .collect();
    let required: Vec<&str> = shown
        .iter()
        .filter(|f| f.need == Need::Required)
        .map(|f| f.name)
        .collect();
    let mut schema = json!({
        "type": "object",
        "additionalProperties": false,
        "properties": properties,
    });
    if !required.is_empty() {
        schema["required"] = json!(required);
    }
    let rules = kind_rules(table);
    if !rules.is_empty() {
        schema["allOf"] = Value::Array(rules);
    }
    schema
}

fn described(schema: &mut Value, doc: &str) {
    if let Some(map) = schema.as_object_mut() {
        map.insert("description".to_owned(), json!(doc));
    }
}

/// What the fields of `table` ask of each other: on an issue, the fields
/// its kind requires or rules out; on a stance, a position or a status,
/// never both.
fn kind_rules(table: &'static [Field]) -> Vec<Value> {
    let mut rules = Vec::new();
    let has_kind = fields::get(table, "kind").is_some();
    if has_kind {
        for f in table {
            if let Need::RequiredFor(kinds) = f.need {
                rules.push(json!({
                    "if": {"properties": {"kind": {"enum": names(kinds)}}, "required": ["kind"]},
                    "then": {"required": [f.name]},
                }));
            }
            if !f.kinds.is_empty() {
                let others: Vec<Kind> = all_kinds().filter(|k| !f.kinds.contains(k)).collect();
                rules.push(json!({
                    "if": {"properties": {"kind": {"enum": names(&others)}}, "required": ["kind"]},
                    "then": {"not": {"required": [f.name]}},
                }));
            }
        }
    }
    if let Some(status) = fields::get(table, "status") {
        let ruled_out: Vec<Value> = table
            .iter()
            .filter(|f| !f.with_status)
            .map(|f| json!({"required": [f.name]}))
            .collect();
        rules.push(json!({
            "if": {"required": [status.name]},
            "then": {"not": {"anyOf": ruled_out}},
        }));
        let mut either: Vec<Value> = vec![json!({"required": [status.name]})];
        either.extend(
            table
                .iter()
                .filter(|f| !f.kinds.is_empty())
                .map(|f| json!({"required": [f.name]})),
        );
        rules.push(json!({"anyOf": either}));
    }
    rules
}

fn all_kinds() -> impl Iterator<Item = Kind> {
    Kind::ALL.iter().map(|(_, k)| *k)
}

fn names(kinds: &[Kind]) -> Vec<&'static str> {
    kinds.iter().map(|k| k.name()).collect()
}

fn name() -> Value {
    json!({"type": ["string", "number", "boolean"], "pattern": NAME_PATTERN})
}

fn names_list(item: Value, at_least: usize) -> Value {
    let mut list = json!({"type": "array", "items": item, "uniqueItems": true});
    if at_least > 0 {
        list["minItems"] = json!(at_least);
    }
    list
}

fn holds(h: &Holds, kinds: &Kinds) -> Value {
    match h {
        // Any scalar: `title: 1.10` is the text `1.10`.
        Holds::Text | Holds::Url => {
            json!({"type": ["string", "number", "boolean"], "pattern": r"\S"})
        }
        Holds::Date => json!({"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}),
        Holds::Id => name(),
        Holds::Ids => json!({"anyOf": [name(), names_list(name(), 0)]}),
        Holds::IdList => names_list(name(), 0),
        Holds::Number => json!({"type": "number", "minimum": -1e15, "maximum": 1e15}),
        Holds::Percent => json!({"type": "integer", "minimum": 0, "maximum": 100}),
        Holds::Keyword(words) => json!({"enum": words}),
        Holds::Descriptions => json!({
            "type": "object",
            "propertyNames": {"pattern": NAME_PATTERN},
            "additionalProperties": holds(&Holds::Text, kinds),
        }),
        Holds::ById(table) => by_id(table, kinds),
        Holds::ByIssue(table) => by_issue(table, kinds),
        Holds::Requirements => requirements(kinds, None),
        Holds::ListOnIssue(table) => json!({"type": "array", "items": object(table, kinds)}),
        Holds::IssueLists => {
            let issue = match kinds {
                Kinds::Any => name(),
                Kinds::Of(agenda) => {
                    json!({"enum": agenda.issues.iter().map(|i| i.id.as_str()).collect::<Vec<_>>()})
                }
            };
            json!({
                "type": "object",
                "propertyNames": {"pattern": NAME_PATTERN},
                "additionalProperties": names_list(issue, 0),
            })
        }
        Holds::Chains => chains(name()),
    }
}

/// A sequence stance's `order`: chains of at least two distinct steps.
fn chains(step: Value) -> Value {
    json!({"type": "array", "minItems": 1, "items": names_list(step, 2)})
}

/// A mapping from issue ids to stances: for a known agenda, one property
/// per issue, with the fields and option ids of its kind.
fn by_issue(table: &'static [Field], kinds: &Kinds) -> Value {
    let Kinds::Of(agenda) = kinds else {
        return by_id(table, kinds);
    };
    let properties: Map<String, Value> = agenda
        .issues
        .iter()
        .map(|issue| {
            let mut schema = stance_on(table, issue, agenda);
            described(&mut schema, &issue.title);
            (issue.id.clone(), schema)
        })
        .collect();
    json!({"type": "object", "additionalProperties": false, "properties": properties})
}

/// A mapping from ids to mappings of `table`.
fn by_id(table: &'static [Field], kinds: &Kinds) -> Value {
    json!({
        "type": "object",
        "propertyNames": {"pattern": NAME_PATTERN},
        "additionalProperties": object(table, kinds),
    })
}

/// The stance on one issue of a known agenda.
fn stance_on(table: &'static [Field], issue: &Issue, agenda: &Agenda) -> Value {
    // A sequence takes no conditions, as `load::order` refuses them.
    let conditions = ["requires", "alternatives"];
    let shown: Vec<&'static Field> = table
        .iter()
        .filter(|f| f.is_for(issue.kind))
        .filter(|f| issue.kind != Kind::Sequence || !conditions.contains(&f.name))
        .collect();
    let mut schema = object_of(table, shown.clone(), &Kinds::Any);
    let properties: Map<String, Value> = shown
        .iter()
        .map(|f| {
            let mut field = match (&f.holds, f.name) {
                // A position field of an issue of options holds its ids.
                (Holds::Ids, _) if !f.kinds.is_empty() => {
                    json!({"anyOf": [option(issue), names_list(option(issue), 0)]})
                }
                (Holds::Id, _) if !f.kinds.is_empty() => option(issue),
                (Holds::Chains, _) => chains(option(issue)),
                (Holds::Requirements, _) => requirements(&Kinds::Of(agenda), Some(issue)),
                (Holds::ListOnIssue(table), _) => {
                    json!({"type": "array", "items": stance_on(table, issue, agenda)})
                }
                (h, _) => holds(h, &Kinds::Of(agenda)),
            };
            described(&mut field, f.doc);
            (f.name.to_owned(), field)
        })
        .collect();
    schema["properties"] = Value::Object(properties);
    schema
}

/// One option id of `issue`, as YAML may read it: `1.10` unquoted is a
/// number to an editor, `yes` and `true` alike to `stance`.
fn option(issue: &Issue) -> Value {
    let mut ids: Vec<Value> = Vec::new();
    for o in &issue.options {
        ids.push(json!(o.id));
        if let Ok(read) = serde_json::from_str::<Value>(&o.id)
            && (read.is_number() || read.is_boolean())
        {
            ids.push(read);
        }
    }
    if issue.kind == Kind::YesNo {
        ids.extend([json!(true), json!(false)]);
    }
    json!({"enum": ids})
}

/// `requires`: for a known agenda, one property per other issue, its
/// options or an interval as its kind asks.
fn requirements(kinds: &Kinds, of: Option<&Issue>) -> Value {
    let interval = {
        let mut schema = object(fields::INTERVAL, &Kinds::Any);
        schema["minProperties"] = json!(1);
        schema
    };
    let any = [name(), names_list(name(), 1), interval.clone()];
    let Kinds::Of(agenda) = kinds else {
        return json!({
            "type": "object",
            "propertyNames": {"pattern": NAME_PATTERN},
            "additionalProperties": {"anyOf": any},
        });
    };
    // The issue's own outcomes come first, for an editor to complete; but
    // a requirement that can never be met (an unknown option, options on
    // a range) is a warning of `stance check`, not an error, so any shape
    // of a requirement passes.
    let properties: Map<String, Value> = agenda
        .issues
        .iter()
        // A sequence cannot be required, as `load::order` refuses it.
        .filter(|i| of.is_none_or(|of| of.id != i.id) && i.kind != Kind::Sequence)
        .map(|i| {
            let ways = if OPTION_KINDS.contains(&i.kind) {
                let mut ways = vec![option(i), names_list(option(i), 1)];
                ways.extend(any.iter().cloned());
                ways
            } else {
                // A bare number on a range is an error (`{max: 10}` is
                // meant), where options are a warning.
                let word = json!({"type": ["string", "boolean"], "pattern": NAME_PATTERN});
                vec![interval.clone(), names_list(name(), 1), word]
            };
            (i.id.clone(), json!({"anyOf": ways}))
        })
        .collect();
    json!({"type": "object", "additionalProperties": false, "properties": properties})
}
