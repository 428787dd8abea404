//! Walking one file's tree: each helper checks a shape, records what is
//! wrong, and hands back what it could read, so one pass finds every error.

use crate::diag::{Diagnostic, SourceFile, did_you_mean, nearest};
use crate::id;
use crate::load::fields::{self, Field, Need};
use crate::load::limits::{MAX_NUMBER, MAX_TEXT_CHARS};
use crate::load::tree::{Node, Value};
use crate::loc::Loc;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

pub struct Checker<'s> {
    pub source: &'s SourceFile,
    pub diagnostics: Vec<Diagnostic>,
}

/// The known fields of one mapping, once unknown ones were reported.
pub struct Fields<'n> {
    pub loc: Loc,
    /// The known fields that unknown ones were probably meant to be: a
    /// misspelt field is reported once, not also as missing.
    pub meant: Vec<&'static str>,
    entries: Vec<(&'n str, &'n Node<'n>, &'n Node<'n>)>,
}

impl<'n> Fields<'n> {
    pub fn get(&self, name: &str) -> Option<&'n Node<'n>> {
        self.entries
            .iter()
            .find(|(key, _, _)| *key == name)
            .map(|(_, _, value)| *value)
    }

    /// The key node of a field, to point at the field itself.
    pub fn key(&self, name: &str) -> Option<&'n Node<'n>> {
        self.entries
            .iter()
            .find(|(key, _, _)| *key == name)
            .map(|(_, key, _)| *key)
    }
}

impl<'s> Checker<'s> {
    pub fn new(source: &'s SourceFile) -> Self {
        Checker {
            source,
            diagnostics: Vec::new(),
        }
    }

    pub fn error(
        &mut self,
        loc: Loc,
        message: impl Into<String>,
        label: &str,
        help: Option<String>,
    ) {
        let d = Diagnostic::at(self.source, loc, message)
            .label(label)
            .help(help);
        self.diagnostics.push(d);
    }

    /// A problem that does not stop the negotiation from loading.
    pub fn warn(
        &mut self,
        loc: Loc,
        message: impl Into<String>,
        label: &str,
        help: Option<String>,
    ) {
        let d = Diagnostic::at(self.source, loc, message)
            .label(label)
            .help(help);
        self.diagnostics.push(d.warning());
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    fn wrong_type(&mut self, node: &Node, what: &str, expected: &str) {
        let found = node.kind_name();
        self.error(
            node.loc,
            format!("{what} must be {expected}, found {found}"),
            &format!("expected {expected}"),
            None,
        );
    }

    /// A mapping's entries as (key name, key node, value node).
    pub fn entries<'n>(
        &mut self,
        node: &'n Node<'n>,
        what: &str,
    ) -> Option<Vec<(String, &'n Node<'n>, &'n Node<'n>)>> {
        let Value::Map(entries) = &node.value else {
            self.wrong_type(node, what, "a mapping");
            return None;
        };
        // Keys are ids: a key that cannot be one is reported and left out,
        // and the rest are compared as ids are, in NFC.
        let spelled: Vec<Option<String>> = entries
            .iter()
            .map(|(key, _)| {
                let Some(name) = self.spelling(key) else {
                    self.wrong_type(key, &format!("a key in {what}"), "a name");
                    return None;
                };
                if let Some(c) = id::refused(&name) {
                    let shown = crate::visible::line(&name);
                    self.hidden_in_id(key.loc, &format!("`{shown}` in {what}"), c);
                    return None;
                }
                Some(id::normal(&name).into_owned())
            })
            .collect();
        // A party's stances mapping holds thousands of entries: a scan per
        // entry would be quadratic.
        let mut first: HashMap<&str, usize> = HashMap::with_capacity(entries.len());
        let mut keep = vec![false; entries.len()];
        for (i, (name, (key, _))) in spelled.iter().zip(entries).enumerate() {
            // YAML's own duplicate check compares typed keys: `1` and
            // `"1"` differ there, but are one name here.
            let Some(name) = name else { continue };
            match first.entry(name) {
                Entry::Occupied(at) => {
                    let (first_key, _) = &entries[*at.get()];
                    let help = self.spelt_otherwise(first_key, key);
                    self.error(
                        key.loc,
                        format!("`{name}` is given twice in {what}"),
                        &format!("first given on line {}", first_key.loc.line),
                        help,
                    );
                }
                Entry::Vacant(at) => {
                    at.insert(i);
                    keep[i] = true;
                }
            }
        }
        drop(first);
        let named = spelled
            .into_iter()
            .zip(entries)
            .zip(keep)
            .filter_map(|((name, (key, value)), keep)| Some((name.filter(|_| keep)?, key, value)))
            .collect();
        Some(named)
    }

    /// A mapping with the fields of `table`: unknown ones are errors with
    /// a suggestion, missing required ones are errors at the mapping, and a
    /// field given twice is an error at the second, pointing at the first.
    pub fn fields<'n>(
        &mut self,
        node: &'n Node<'n>,
        what: &str,
        table: &'static [Field],
    ) -> Option<Fields<'n>> {
        self.fields_hinted(node, what, table, &|_, _| None)
    }

    /// `fields`, with a help of the caller's: `hint(name, Some(value))`
    /// for an unknown field that is no misspelling of a known one,
    /// `hint(name, None)` for a required field that is missing.
    pub fn fields_hinted<'n>(
        &mut self,
        node: &'n Node<'n>,
        what: &str,
        table: &'static [Field],
        hint: &dyn Fn(&str, Option<&Node>) -> Option<String>,
    ) -> Option<Fields<'n>> {
        let known = || fields::names(table);
        let Value::Map(entries) = &node.value else {
            self.wrong_type(node, what, "a mapping");
            return None;
        };
        let mut fields = Fields {
            loc: node.loc,
            meant: Vec::new(),
            entries: Vec::new(),
        };
        for (key, value) in entries {
            let Value::Str(name) = &key.value else {
                self.wrong_type(key, &format!("a field name in {what}"), "a name");
                continue;
            };
            if let Some((_, first, _)) = fields
                .entries
                .iter()
                .find(|(seen, _, _)| *seen == name.as_ref())
            {
                self.error(
                    key.loc,
                    format!("`{name}` is given twice in {what}"),
                    &format!("first given on line {}", first.loc.line),
                    Some("keep one of the two".to_owned()),
                );
            } else if known().any(|k| k == name.as_ref()) {
                fields.entries.push((name.as_ref(), key, value));
            } else {
                fields.meant.extend(nearest(name, known()));
                let help = did_you_mean(name, known())
                    .or_else(|| hint(name, Some(value)))
                    .or_else(|| {
                        Some(format!(
                            "{what} takes {}",
                            known()
                                .map(|k| format!("`{k}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ))
                    });
                self.error(
                    key.loc,
                    format!("unknown field `{name}` in {what}"),
                    "unknown field",
                    help,
                );
            }
        }
        for name in table
            .iter()
            .filter(|f| f.need == Need::Required)
            .map(|f| f.name)
        {
            if fields.get(name).is_none() && !fields.meant.contains(&name) {
                self.error(
                    node.loc,
                    format!("{what} is missing the field `{name}`"),
                    &format!("`{name}` is required here"),
                    hint(name, None),
                );
            }
        }
        Some(fields)
    }

    /// A text value: any scalar but null, read as written (`1.10` stays
    /// `1.10`, where the number would print `1.1`).
    pub fn text(&mut self, node: &Node, what: &str) -> Option<String> {
        match &node.value {
            Value::Seq(_) | Value::Map(_) | Value::Null => {
                self.wrong_type(node, what, "text");
                None
            }
            Value::Str(s) if s.len() > MAX_TEXT_CHARS && s.chars().count() > MAX_TEXT_CHARS => {
                let n = s.chars().count();
                self.error(
                    node.loc,
                    format!("{what} is {n} characters long, over the limit of {MAX_TEXT_CHARS}"),
                    "too long",
                    None,
                );
                None
            }
            Value::Str(s) if s.trim().is_empty() => {
                self.error(
                    node.loc,
                    format!("{what} is empty"),
                    "expected text here",
                    None,
                );
                None
            }
            _ => self.spelling(node),
        }
    }

    /// A scalar as the user spelt it: `1.10` stays `1.10` and `0x1F` stays
    /// `0x1F`, where the number YAML reads would print `1.1` and `31`. Keys
    /// and values go through here alike, so an id matches itself.
    fn spelling(&self, node: &Node) -> Option<String> {
        node.spelling(&self.source.text)
    }

    /// A name (an id): a scalar with no spaces at either end, no comma and
    /// no hidden character, in NFC (`id`).
    pub fn name(&mut self, node: &Node, what: &str) -> Option<String> {
        let name = self.text(node, what)?;
        if let Some(c) = id::refused(&name) {
            let shown = crate::visible::line(&name);
            self.hidden_in_id(node.loc, &format!("{what} `{shown}`"), c);
            return None;
        }
        if name.contains(',') {
            self.error(
                node.loc,
                format!("{what} `{name}` contains a comma"),
                "not allowed in a name",
                Some("commas separate names on the command line (`--issues a,b`)".to_owned()),
            );
            return None;
        }
        if name.trim().is_empty() || name.trim() != name {
            self.error(
                node.loc,
                format!("{what} `{name}` is not a valid name"),
                "names may not be empty or start or end with spaces",
                None,
            );
            return None;
        }
        Some(id::normal(&name).into_owned())
    }

    /// An id that holds `c`, a character ids may not hold.
    fn hidden_in_id(&mut self, loc: Loc, id: &str, c: char) {
        self.error(
            loc,
            format!("{id} {}", id::refusal(c)),
            "not allowed in an id",
            Some(id::WHY_REFUSED.to_owned()),
        );
    }

    /// For two keys that are one id: how their spellings differ, when
    /// they do (in Unicode form only, as they read the same).
    fn spelt_otherwise(&self, first: &Node, again: &Node) -> Option<String> {
        let (a, b) = (self.spelling(first)?, self.spelling(again)?);
        (a != b).then(|| {
            format!(
                "the two are spelt in different Unicode forms ({} on line {}, {} here), which stance reads as one id",
                id::code_points(&a),
                first.loc.line,
                id::code_points(&b)
            )
        })
    }

    /// A date written `YYYY-MM-DD`.
    pub fn date(&mut self, node: &Node, what: &str) -> Option<String> {
        let text = self.text(node, what)?;
        if is_date(&text) {
            Some(text)
        } else {
            self.error(
                node.loc,
                format!("{what} `{text}` is not a date"),
                "expected a date like 2025-03-18",
                None,
            );
            None
        }
    }

    /// A finite number.
    pub fn number(&mut self, node: &Node, what: &str) -> Option<f64> {
        let v = match node.value {
            Value::Int(i) => i as f64,
            Value::Float(f) if f.is_finite() => f,
            _ => {
                self.wrong_type(node, what, "a number");
                return None;
            }
        };
        if v.abs() > MAX_NUMBER {
            self.error(
                node.loc,
                format!(
                    "{what} {} is beyond the largest number stance takes, ±10^15",
                    self.spelling(node).unwrap_or_default()
                ),
                "too large",
                None,
            );
            return None;
        }
        Some(v)
    }

    /// A list of items; a single scalar is taken as a list of one.
    pub fn list<'n>(&mut self, node: &'n Node<'n>, what: &str) -> Option<Vec<&'n Node<'n>>> {
        match &node.value {
            Value::Seq(items) => Some(items.iter().collect()),
            Value::Map(_) | Value::Null => {
                self.wrong_type(node, what, "a list");
                None
            }
            _ => Some(vec![node]),
        }
    }

    /// One of a fixed set of words, with a suggestion when it is not.
    pub fn keyword<T: Copy>(&mut self, node: &Node, what: &str, table: &[(&str, T)]) -> Option<T> {
        let word = self.text(node, what)?;
        if let Some((_, value)) = table.iter().find(|(name, _)| *name == word) {
            return Some(*value);
        }
        let names: Vec<&str> = table.iter().map(|(n, _)| *n).collect();
        let help = did_you_mean(&word, names.iter().copied());
        self.error(
            node.loc,
            format!("unknown {what} `{word}`"),
            &format!(
                "expected {}",
                names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            help,
        );
        None
    }
}

fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !digits(0..4)
        || !digits(5..7)
        || !digits(8..10)
    {
        return false;
    }
    let year: u32 = text[0..4].parse().unwrap_or(0);
    let month: u32 = text[5..7].parse().unwrap_or(0);
    let day: u32 = text[8..10].parse().unwrap_or(0);
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}
