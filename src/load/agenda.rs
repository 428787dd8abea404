//! `agenda.yaml`: the title, the issues and their options, the party order.

use crate::load::check::Checker;
use crate::load::limits::{MAX_ISSUES, MAX_OPTIONS, MAX_PARTIES};
use crate::load::tree::Node;
use crate::loc::Loc;
use crate::model::{Agenda, Choice, Issue, Kind};

pub struct AgendaFile {
    /// `None` when missing or unreadable (an error says so); the rest of
    /// the agenda is still used to check the party files.
    pub title: Option<String>,
    pub as_of: Option<String>,
    /// The optional `parties:` order, each id with its place for errors.
    pub parties: Option<Vec<(String, Loc)>>,
    /// Where the `parties:` list is, to point at it.
    pub parties_at: Loc,
    pub agenda: Agenda,
}

const FIELDS: &[&str] = &["negotiation", "as_of", "parties", "issues", "note"];
const ISSUE_FIELDS: &[&str] = &["title", "kind", "options", "unit", "note"];

pub fn read_agenda(c: &mut Checker, root: &Node) -> Option<AgendaFile> {
    let fields = c.fields(root, "the agenda", FIELDS, &["negotiation", "issues"])?;
    let title = fields
        .get("negotiation")
        .and_then(|n| c.text(n, "`negotiation`"));
    let as_of = fields.get("as_of").and_then(|n| c.date(n, "`as_of`"));
    if let Some(note) = fields.get("note") {
        c.text(note, "`note`");
    }
    let parties = fields.get("parties").and_then(|n| read_party_order(c, n));
    let parties_at = fields.get("parties").map_or(fields.loc, |n| n.loc);
    let mut issues = Vec::new();
    if let Some(node) = fields.get("issues") {
        let entries = c.entries(node, "`issues`").unwrap_or_default();
        if entries.len() > MAX_ISSUES {
            c.error(
                node.loc,
                format!(
                    "the agenda lists {} issues, over the limit of {MAX_ISSUES}",
                    entries.len()
                ),
                "too many issues",
                None,
            );
            return None;
        }
        if entries.is_empty() && !c.has_errors() {
            c.error(
                node.loc,
                "the agenda lists no issues",
                "add at least one issue",
                None,
            );
        }
        for (id, key, value) in entries {
            if let Some(issue) = read_issue(c, id, key, value) {
                issues.push(issue);
            }
        }
    }
    Some(AgendaFile {
        title,
        as_of,
        parties,
        parties_at,
        agenda: Agenda::new(issues),
    })
}

fn read_party_order(c: &mut Checker, node: &Node) -> Option<Vec<(String, Loc)>> {
    let mut order: Vec<(String, Loc)> = Vec::new();
    if let crate::load::tree::Value::Seq(items) = &node.value
        && items.len() > MAX_PARTIES
    {
        c.error(
            node.loc,
            format!(
                "`parties` lists {} parties, over the limit of {MAX_PARTIES}",
                items.len()
            ),
            "too many parties",
            None,
        );
        return None;
    }
    for item in c.list(node, "`parties`")? {
        let Some(id) = c.name(item, "a party id") else {
            continue;
        };
        if order.iter().any(|(seen, _)| *seen == id) {
            c.error(
                item.loc,
                format!("party `{id}` is listed twice in `parties`"),
                "listed again here",
                None,
            );
        } else {
            order.push((id, item.loc));
        }
    }
    Some(order)
}

fn read_issue(c: &mut Checker, id: String, key: &Node, node: &Node) -> Option<Issue> {
    c.name(key, "an issue id")?;
    let what = format!("issue `{id}`");
    let fields = c.fields(node, &what, ISSUE_FIELDS, &["title", "kind"])?;
    let title = fields.get("title").and_then(|n| c.text(n, "`title`"));
    let kind = fields
        .get("kind")
        .and_then(|n| c.keyword(n, "issue kind", &Kind::ALL));
    let unit = fields.get("unit").and_then(|n| c.text(n, "`unit`"));
    let note = fields.get("note").and_then(|n| c.text(n, "`note`"));
    let kind = kind?;
    let options = match kind {
        Kind::Choice | Kind::Scale => match fields.get("options") {
            Some(n) => read_options(c, n, &what)?,
            None => {
                c.error(
                    fields.key("kind").map_or(fields.loc, |k| k.loc),
                    format!("{what} is a {} but lists no `options`", kind.name()),
                    "options are required for this kind",
                    None,
                );
                return None;
            }
        },
        Kind::YesNo => read_yes_no_options(c, fields.get("options"), &what)?,
        Kind::Range => {
            if let Some(key) = fields.key("options") {
                c.error(
                    key.loc,
                    format!("{what} is a range and takes no `options`"),
                    "remove this field",
                    Some("a range stance gives `min`, `max` or `ideal` instead".to_owned()),
                );
            }
            Vec::new()
        }
    };
    if kind != Kind::Range
        && let Some(key) = fields.key("unit")
    {
        c.error(
            key.loc,
            format!("{what} is a {} and takes no `unit`", kind.name()),
            "only range issues have a unit",
            None,
        );
    }
    Some(Issue::new(id, title?, kind, options, unit, note))
}

fn read_options(c: &mut Checker, node: &Node, what: &str) -> Option<Vec<Choice>> {
    let errors = c.diagnostics.len();
    let entries = c.entries(node, &format!("the options of {what}"))?;
    // A key refused there is left out: the options are incomplete, and
    // counting the rest would add an error that is not one.
    let all_read = c.diagnostics.len() == errors;
    if entries.len() > MAX_OPTIONS {
        c.error(
            node.loc,
            format!(
                "{what} lists {} options, over the limit of {MAX_OPTIONS}",
                entries.len()
            ),
            "too many options",
            None,
        );
        return None;
    }
    let mut options = Vec::with_capacity(entries.len());
    let mut complete = all_read;
    for (id, key, value) in entries {
        let name = c.name(key, "an option id");
        let description = c.text(value, &format!("the description of option `{id}`"));
        match (name, description) {
            (Some(_), Some(description)) => options.push(Choice { id, description }),
            _ => complete = false,
        }
    }
    if !complete {
        return None;
    }
    if options.len() < 2 {
        c.error(
            node.loc,
            format!("{what} lists fewer than two options"),
            "add options",
            None,
        );
        return None;
    }
    Some(options)
}

/// Yes-no issues always have the options `yes` and `no`; the agenda may
/// describe them.
fn read_yes_no_options(c: &mut Checker, node: Option<&Node>, what: &str) -> Option<Vec<Choice>> {
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
        return Some(options);
    };
    for (id, key, value) in c.entries(node, &format!("the options of {what}"))? {
        let description = c.text(value, &format!("the description of option `{id}`"))?;
        // A YAML boolean key is read as written: `true:` means yes.
        let index = match id.as_str() {
            "yes" | "true" => 0,
            "no" | "false" => 1,
            _ => {
                c.error(
                    key.loc,
                    format!("{what} is yes-no: its options are `yes` and `no`, not `{id}`"),
                    "unknown option",
                    crate::diag::did_you_mean(&id, ["yes", "no"]),
                );
                continue;
            }
        };
        if described[index] {
            let option = &options[index].id;
            c.error(
                key.loc,
                format!("option `{option}` of {what} is described twice"),
                "described again here",
                None,
            );
        }
        described[index] = true;
        options[index].description = description;
    }
    Some(options)
}
