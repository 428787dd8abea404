//! `agenda.yaml`: the title, the issues and their options, the party order.

use crate::load::check::{Checker, Fields};
use crate::load::fields::{self, Need};
use crate::load::limits::{MAX_ISSUES, MAX_OPTIONS, MAX_PARTIES};
use crate::load::message::DiagnosticKind;
use crate::load::tree::{Node, Value};
use crate::loc::Loc;
use crate::model::{Agenda, Choice, Issue, Kind};
use std::collections::BTreeSet;

pub struct AgendaFile {
    /// `None` when missing or unreadable (an error says so); the rest of
    /// the agenda is still used to check the party files.
    pub title: Option<String>,
    pub as_of: Option<String>,
    /// The optional `parties:` order, each id with its place for errors.
    pub parties: Option<Vec<(String, Loc)>>,
    /// Where the `parties:` list is, to point at it.
    pub parties_at: Loc,
    /// `None` when the agenda lists no issues it could read (an error says
    /// so): the party files are then checked for their own shape only.
    pub issues: Option<Issues>,
}

/// The agenda's issues as far as they could be read, which the party
/// files are checked against whatever else is wrong with the agenda, so
/// that one pass finds the errors of every file.
pub struct Issues {
    /// Every issue whose kind and options were read.
    pub agenda: Agenda,
    /// The issues known by id only (a wrong `kind`, a broken option; an
    /// error says why): a stance on one names no unknown issue, but what
    /// it accepts cannot be checked.
    pub unread: BTreeSet<String>,
}

impl Issues {
    /// Every issue id the agenda gives, read or not.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        issue_ids(&self.agenda, &self.unread)
    }
}

/// Every issue id of an agenda, read or not: the names a misspelt one may
/// have meant.
pub fn issue_ids<'a>(
    agenda: &'a Agenda,
    unread: &'a BTreeSet<String>,
) -> impl Iterator<Item = &'a str> {
    let read = agenda.issues.iter().map(|i| i.id.as_str());
    read.chain(unread.iter().map(String::as_str))
}

pub fn read_agenda(c: &mut Checker, root: &Node) -> Option<AgendaFile> {
    let fields = c.fields(root, "the agenda", fields::AGENDA)?;
    let title = fields
        .get("negotiation")
        .and_then(|n| c.text(n, "`negotiation`"));
    let as_of = fields.get("as_of").and_then(|n| c.date(n, "`as_of`"));
    if let Some(note) = fields.get("note") {
        c.text(note, "`note`");
    }
    let parties = fields.get("parties").and_then(|n| read_party_order(c, n));
    let parties_at = fields.get("parties").map_or(fields.loc, |n| n.loc);
    let mut issues = None;
    if let Some(node) = fields.get("issues") {
        let entries = c.entries(node, "`issues`").unwrap_or_default();
        if entries.len() > MAX_ISSUES {
            c.report(
                node.loc,
                DiagnosticKind::TooManyIssues {
                    count: entries.len(),
                },
            );
            return None;
        }
        if entries.is_empty() && !c.has_errors() {
            c.report(node.loc, DiagnosticKind::NoIssues);
        }
        // With no issue listed, a party's every stance would be on an
        // unknown issue: the agenda's one error says it all.
        if !entries.is_empty() {
            let mut read = Vec::with_capacity(entries.len());
            let mut unread = BTreeSet::new();
            for (id, key, value) in entries {
                match read_issue(c, id.clone(), key, value) {
                    Some(issue) => read.push(issue),
                    None => {
                        unread.insert(id);
                    }
                }
            }
            issues = Some(Issues {
                agenda: Agenda::new(read),
                unread,
            });
        }
    }
    Some(AgendaFile {
        title,
        as_of,
        parties,
        parties_at,
        issues,
    })
}

fn read_party_order(c: &mut Checker, node: &Node) -> Option<Vec<(String, Loc)>> {
    let mut order: Vec<(String, Loc)> = Vec::new();
    if let crate::load::tree::Value::Seq(items) = &node.value
        && items.len() > MAX_PARTIES
    {
        c.report(
            node.loc,
            DiagnosticKind::TooManyParties { count: items.len() },
        );
        return None;
    }
    for item in c.list(node, "`parties`")? {
        let Some(id) = c.name(item, "a party id") else {
            continue;
        };
        if order.iter().any(|(seen, _)| *seen == id) {
            c.report(item.loc, DiagnosticKind::PartyListedTwice { id });
        } else {
            order.push((id, item.loc));
        }
    }
    Some(order)
}

/// An issue whose kind and options were read, for the party files to be
/// checked against; its other fields are checked too, and when its title
/// is wrong (an error says so) it is kept with none, as no negotiation is
/// made from an agenda with an error.
fn read_issue(c: &mut Checker, id: String, key: &Node, node: &Node) -> Option<Issue> {
    c.name(key, "an issue id")?;
    let what = format!("issue `{id}`");
    let fields = c.fields(node, &what, fields::ISSUE)?;
    let title = fields.get("title").and_then(|n| c.text(n, "`title`"));
    let kind = fields
        .get("kind")
        .and_then(|n| c.keyword(n, "issue kind", &Kind::ALL));
    let unit = fields.get("unit").and_then(|n| c.text(n, "`unit`"));
    let note = fields.get("note").and_then(|n| c.text(n, "`note`"));
    if let Some(kind) = kind {
        fields_for_kind(c, &fields, kind, &what);
    }
    let options = match kind {
        Some(Kind::Choice | Kind::Scale) => fields.get("options").and_then(|n| {
            read_options(c, n, &what).inspect(|options| {
                if options.len() < 2 {
                    c.report(n.loc, DiagnosticKind::TooFewOptions { what: what.clone() });
                }
            })
        }),
        Some(Kind::YesNo) => Some(read_yes_no_options(c, fields.get("options"), &what)),
        Some(Kind::Range) => Some(Vec::new()),
        // A wrong kind hides no error after it: the options are still
        // checked for what every kind asks of them.
        None => {
            if let Some(n) = fields.get("options") {
                read_options(c, n, &what);
            }
            None
        }
    };
    Some(Issue::new(
        id,
        title.unwrap_or_default(),
        kind?,
        options?,
        unit,
        note,
    ))
}

/// What the issue table (`fields::ISSUE`) says of an issue of `kind`:
/// the fields it requires, and those it takes no part of (`unit` on a
/// choice, `options` on a range).
fn fields_for_kind(c: &mut Checker, fields: &Fields, kind: Kind, what: &str) {
    for field in fields::ISSUE {
        match fields.key(field.name) {
            Some(key) if !field.is_for(kind) => {
                let kinds: Vec<&str> = field.kinds.iter().map(|k| k.name()).collect();
                c.report(
                    key.loc,
                    DiagnosticKind::FieldNotForKind {
                        what: what.to_owned(),
                        kind: kind.name(),
                        field: field.name,
                        kinds,
                    },
                );
            }
            None if matches!(field.need, Need::RequiredFor(kinds) if kinds.contains(&kind)) => {
                c.report(
                    fields.key("kind").map_or(fields.loc, |k| k.loc),
                    DiagnosticKind::FieldRequiredForKind {
                        what: what.to_owned(),
                        kind: kind.name(),
                        field: field.name,
                    },
                );
            }
            _ => {}
        }
    }
}

/// The options of a choice or a scale, each id with its description;
/// `None` when an id could not be read, as a stance naming it would then
/// be taken for one naming an unknown option.
fn read_options(c: &mut Checker, node: &Node, what: &str) -> Option<Vec<Choice>> {
    if let Value::Seq(items) = &node.value {
        return options_as_list(c, node, items, what);
    }
    let errors = c.diagnostics.len();
    let entries = c.entries(node, &format!("the options of {what}"))?;
    // A key refused there is left out: the options are incomplete.
    let mut complete = c.diagnostics.len() == errors;
    if entries.len() > MAX_OPTIONS {
        c.report(
            node.loc,
            DiagnosticKind::TooManyOptions {
                what: what.to_owned(),
                count: entries.len(),
            },
        );
        return None;
    }
    let mut options = Vec::with_capacity(entries.len());
    for (id, key, value) in entries {
        let name = c.name(key, "an option id");
        // A wrong description is an error of its own, and leaves the id
        // known.
        let description = c.text(value, &format!("the description of option `{id}`"));
        match name {
            Some(_) => options.push(Choice {
                id,
                description: description.unwrap_or_default(),
            }),
            None => complete = false,
        }
    }
    complete.then_some(options)
}

/// An item `- id: description` of a list of options: its key and value.
fn one_entry<'n>(item: &'n Node<'n>) -> Option<(&'n Node<'n>, &'n Node<'n>)> {
    match &item.value {
        Value::Map(entries) if entries.len() == 1 => Some((&entries[0].0, &entries[0].1)),
        _ => None,
    }
}

/// `options: [a, b]`, or `- a: description` one a line: an error that
/// shows the mapping it should be. The options are still read, so that
/// the party files are checked against them in the same pass.
fn options_as_list(
    c: &mut Checker,
    node: &Node,
    items: &[Node],
    what: &str,
) -> Option<Vec<Choice>> {
    let help = if items.iter().all(|item| one_entry(item).is_some()) {
        "drop the `- ` before each option: under `options:`, each is `id: description`, one a line"
            .to_owned()
    } else {
        let shown: Vec<String> = items
            .iter()
            .take(3)
            .map(|item| match item.as_name() {
                Some(id) => format!("`{id}: <description>`"),
                None => "`<id>: <description>`".to_owned(),
            })
            .collect();
        let more = if items.len() > 3 { ", ..." } else { "" };
        format!(
            "under `options:`, write each option as `id: description`, one a line: {}{more}",
            shown.join(", ")
        )
    };
    c.report(
        node.loc,
        DiagnosticKind::OptionsAsList {
            what: what.to_owned(),
            help,
        },
    );
    let mut options: Vec<Choice> = Vec::with_capacity(items.len());
    for item in items {
        let (id, description) = match one_entry(item) {
            Some((key, value)) => (
                c.name(key, "an option id")?,
                c.text(value, "a description")?,
            ),
            None => (c.name(item, "an option id")?, String::new()),
        };
        if options.iter().any(|o| o.id == id) {
            return None;
        }
        options.push(Choice { id, description });
    }
    Some(options)
}

/// Yes-no issues always have the options `yes` and `no`; the agenda may
/// describe them.
fn read_yes_no_options(c: &mut Checker, node: Option<&Node>, what: &str) -> Vec<Choice> {
    let mut options = vec![
        Choice {
            id: "yes".to_owned(),
            description: "Yes".to_owned(),
        },
        Choice {
            id: "no".to_owned(),
            description: "No".to_owned(),
        },
    ];
    let mut described = [false, false];
    let Some(node) = node else {
        return options;
    };
    let entries = c
        .entries(node, &format!("the options of {what}"))
        .unwrap_or_default();
    for (id, key, value) in entries {
        let description = c.text(value, &format!("the description of option `{id}`"));
        // A YAML boolean key is read as written: `true:` means yes.
        let index = match id.as_str() {
            "yes" | "true" => 0,
            "no" | "false" => 1,
            _ => {
                let help = crate::diag::did_you_mean(&id, ["yes", "no"]);
                c.report(
                    key.loc,
                    DiagnosticKind::NotYesOrNo {
                        what: what.to_owned(),
                        id,
                        help,
                    },
                );
                continue;
            }
        };
        if described[index] {
            let option = &options[index].id;
            c.report(
                key.loc,
                DiagnosticKind::OptionDescribedTwice {
                    what: what.to_owned(),
                    option: option.clone(),
                },
            );
        }
        described[index] = true;
        if let Some(description) = description {
            options[index].description = description;
        }
    }
    options
}
