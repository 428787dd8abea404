//! Walking one file's tree: each helper checks a shape, records what is
//! wrong, and hands back what it could read, so one pass finds every error.

use crate::diag::{Diagnostic, SourceFile, did_you_mean, nearest};
use crate::id;
use crate::load::fields::{self, Field, Need};
use crate::load::limits::{MAX_NUMBER, MAX_TEXT_CHARS};
use crate::load::message::DiagnosticKind;
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

    /// Records the problem `kind` at `loc`, an error or a warning as the
    /// kind says.
    pub fn report(&mut self, loc: Loc, kind: DiagnosticKind) {
        self.diagnostics.push(kind.at(self.source, loc));
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    fn wrong_type(&mut self, node: &Node, what: &str, expected: &'static str) {
        self.report(
            node.loc,
            DiagnosticKind::WrongType {
                what: what.to_owned(),
                expected,
                found: node.kind_name(),
            },
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
                    let spelt = self.spelt_otherwise(first_key, key);
                    self.report(
                        key.loc,
                        DiagnosticKind::KeyTwice {
                            name: name.clone(),
                            what: what.to_owned(),
                            first_line: first_key.loc.line,
                            spelt,
                        },
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
                self.report(
                    key.loc,
                    DiagnosticKind::FieldTwice {
                        name: name.to_string(),
                        what: what.to_owned(),
                        first_line: first.loc.line,
                    },
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
                self.report(
                    key.loc,
                    DiagnosticKind::UnknownField {
                        name: name.to_string(),
                        what: what.to_owned(),
                        help,
                    },
                );
            }
        }
        for name in table
            .iter()
            .filter(|f| f.need == Need::Required)
            .map(|f| f.name)
        {
            if fields.get(name).is_none() && !fields.meant.contains(&name) {
                self.report(
                    node.loc,
                    DiagnosticKind::MissingField {
                        name,
                        what: what.to_owned(),
                        help: hint(name, None),
                    },
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
                self.report(
                    node.loc,
                    DiagnosticKind::TextTooLong {
                        what: what.to_owned(),
                        chars: s.chars().count(),
                    },
                );
                None
            }
            Value::Str(s) if s.trim().is_empty() => {
                self.report(
                    node.loc,
                    DiagnosticKind::EmptyText {
                        what: what.to_owned(),
                    },
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
            self.report(
                node.loc,
                DiagnosticKind::CommaInName {
                    what: what.to_owned(),
                    name,
                },
            );
            return None;
        }
        if name.trim().is_empty() || name.trim() != name {
            self.report(
                node.loc,
                DiagnosticKind::NotAName {
                    what: what.to_owned(),
                    name,
                },
            );
            return None;
        }
        Some(id::normal(&name).into_owned())
    }

    /// An id that holds `c`, a character ids may not hold.
    fn hidden_in_id(&mut self, loc: Loc, id: &str, c: char) {
        self.report(
            loc,
            DiagnosticKind::HiddenInId {
                id: id.to_owned(),
                hidden: c,
            },
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
            self.report(
                node.loc,
                DiagnosticKind::NotADate {
                    what: what.to_owned(),
                    text,
                },
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
            self.report(
                node.loc,
                DiagnosticKind::NumberTooLarge {
                    what: what.to_owned(),
                    spelt: self.spelling(node).unwrap_or_default(),
                },
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
        self.report(
            node.loc,
            DiagnosticKind::UnknownKeyword {
                what: what.to_owned(),
                word,
                expected: names.iter().map(|n| (*n).to_owned()).collect(),
                help,
            },
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
