//! A party file: who the party is, its sources, and its stance per issue.

use crate::diag::did_you_mean;
use crate::load::agenda::Issues;
use crate::load::check::Checker;
use crate::load::conditions;
use crate::load::stance::StanceReader;
use crate::load::tree::Node;
use crate::model::{Issue, Kind, Party, Source};
use std::collections::HashMap;
use std::sync::Arc;

const FIELDS: &[&str] = &[
    "party", "name", "as_of", "sources", "stances", "note", "requires", "packages",
];
const SOURCE_FIELDS: &[&str] = &["title", "date", "url", "note"];
/// Reads a party file against the agenda's issues as far as they could
/// be read. Without them (the agenda lists none it could read) only the
/// file's own shape is checked, so that its errors still show.
pub fn read_party(
    c: &mut Checker,
    root: &Node,
    file_name: &str,
    issues: Option<&Issues>,
) -> Option<Party> {
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem);
    // A file name is an id like any other (a stem that holds a hidden
    // character is refused with the folder's files, `load::file_names`).
    let stem_id = crate::id::normal(stem);
    let fields = c.fields(root, "a party file", FIELDS, &["party", "name", "stances"])?;
    let id = fields.get("party").and_then(|n| {
        let id = c.name(n, "`party`")?;
        if id != stem_id && crate::id::refused(stem).is_none() {
            c.error(
                n.loc,
                format!("party id `{id}` does not match the file name `{file_name}`"),
                "the file stem is the party id",
                Some(format!(
                    "set `party: {stem}`, or rename the file to `{id}{}`",
                    &file_name[stem.len()..]
                )),
            );
        }
        Some(id)
    });
    let name = fields.get("name").and_then(|n| c.text(n, "`name`"));
    let as_of = fields.get("as_of").and_then(|n| c.date(n, "`as_of`"));
    if let Some(note) = fields.get("note") {
        c.text(note, "`note`");
    }
    let sources = fields
        .get("sources")
        .map(|n| read_sources(c, n))
        .unwrap_or_default();
    let stances_node = fields.get("stances")?;
    let errors = c.diagnostics.len();
    let entries = c.entries(stances_node, "`stances`")?;
    // Empty only when nothing was refused there either.
    if entries.is_empty() && c.diagnostics.len() == errors {
        c.error(
            stances_node.loc,
            "the party states no stances",
            "no stances here",
            Some(
                "give at least one stance; an issue a party is silent on is simply left out"
                    .to_owned(),
            ),
        );
    }
    let issues = issues?;
    let agenda = &issues.agenda;
    let mut stances = vec![None; agenda.issues.len()];
    // One string per source, shared by every stance that names it, found
    // by id: a file may list a hundred thousand sources.
    let source_ids: HashMap<&str, Arc<str>> = sources
        .iter()
        .map(|s| (s.id.as_str(), Arc::from(s.id.as_str())))
        .collect();
    let mut written = Vec::new();
    for (issue_id, key, value) in entries {
        let Some(index) = agenda.index_of(&issue_id) else {
            if issues.unread.contains(&issue_id) {
                // Known by id only: everything but what the stance accepts
                // is checked, against an issue that stands for its id.
                let unread = Issue::new(
                    issue_id,
                    String::new(),
                    Kind::Choice,
                    Vec::new(),
                    None,
                    None,
                );
                let reader = StanceReader {
                    issues,
                    issue: &unread,
                    sources: &sources,
                    source_ids: &source_ids,
                };
                // Requirements on an issue that cannot be judged are checked
                // for their own shape, not against the party's stance.
                reader.read(c, key, value, &mut Vec::new());
                continue;
            }
            c.error(
                key.loc,
                format!("unknown issue `{issue_id}`"),
                "not an issue of the agenda",
                did_you_mean(&issue_id, issues.ids()),
            );
            continue;
        };
        let reader = StanceReader {
            issues,
            issue: &agenda.issues[index],
            sources: &sources,
            source_ids: &source_ids,
        };
        stances[index.get()] = reader.read(c, key, value, &mut written);
    }
    // Party-level conditions, once every stance is known.
    let requires = fields
        .get("requires")
        .map(|n| conditions::requirements(c, issues, n, None, &mut written))
        .unwrap_or_default();
    let positioned = |i: crate::model::IssueIndex| {
        stances[i.get()]
            .as_ref()
            .is_some_and(crate::model::Stance::has_position)
    };
    let packages = fields
        .get("packages")
        .map(|n| conditions::packages(c, issues, n, &positioned))
        .unwrap_or_default();
    let could = |i: crate::model::IssueIndex| {
        stances[i.get()]
            .as_ref()
            .and_then(crate::model::Stance::could_accept)
    };
    conditions::check_against_own(c, agenda, &written, &could);
    if c.has_errors() {
        return None;
    }
    Some(Party {
        id: id?,
        name: name?,
        as_of,
        sources,
        stances,
        requires: requires.into(),
        packages,
    })
}

fn read_sources(c: &mut Checker, node: &Node) -> Vec<Source> {
    let mut sources = Vec::new();
    for (id, key, value) in c.entries(node, "`sources`").unwrap_or_default() {
        if c.name(key, "a source id").is_none() {
            continue;
        }
        let what = format!("source `{id}`");
        let Some(fields) = c.fields(value, &what, SOURCE_FIELDS, &["title"]) else {
            continue;
        };
        let title = fields.get("title").and_then(|n| c.text(n, "`title`"));
        let date = fields.get("date").and_then(|n| c.date(n, "`date`"));
        let url = fields.get("url").and_then(|n| {
            let url = c.text(n, "`url`")?;
            if !crate::url::is_link(&url) {
                not_a_link(c, n, &url);
            }
            Some(url)
        });
        if let Some(note) = fields.get("note") {
            c.text(note, "`note`");
        }
        if let Some(title) = title {
            sources.push(Source {
                id,
                title,
                date,
                url,
            });
        }
    }
    sources
}

/// A url that the Markdown report will show as text: a warning, since the
/// reader loses the link, and a url that is not one may be a trap
/// (`javascript:`, raw HTML, a right-to-left override in the address).
fn not_a_link(c: &mut Checker, node: &Node, url: &str) {
    use crate::visible;
    let shown = visible::line(url);
    let message = match url.chars().find(|&ch| visible::is_hidden(ch)) {
        Some(ch) => format!(
            "`url` `{shown}` holds {}, {}",
            visible::code_point(ch),
            visible::kind(ch)
        ),
        None => format!("`url` `{shown}` is not an http, https or mailto address"),
    };
    c.warn(
        node.loc,
        message,
        "shown as text, not as a link",
        Some("give the full address, starting `https://`; reports link no other kind".to_owned()),
    );
}
