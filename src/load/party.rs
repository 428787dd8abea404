//! A party file: who the party is, its sources, and its stance per issue.

use crate::diag::did_you_mean;
use crate::load::agenda::Issues;
use crate::load::check::Checker;
use crate::load::conditions;
use crate::load::fields;
use crate::load::message::DiagnosticKind;
use crate::load::stance::StanceReader;
use crate::load::tree::Node;
use crate::loc::Loc;
use crate::model::{Issue, Kind, Party, Source, SourceText, Speaker};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// What a party file is read against besides the agenda: the rest of its
/// folder.
#[derive(Clone, Copy, Debug, Default)]
pub struct Around<'a> {
    /// The agenda's `as_of`, for a file that gives none.
    pub as_of: Option<&'a str>,
    /// The ids of the folder's parties (its party files' stems), which a
    /// source's or a speaker's `party` names.
    pub parties: &'a [String],
}

/// Reads a party file against the agenda's issues as far as they could
/// be read. Without them (the agenda lists none it could read) only the
/// file's own shape is checked, so that its errors still show.
pub fn read_party(
    c: &mut Checker,
    root: &Node,
    file_name: &str,
    issues: Option<&Issues>,
    around: Around,
) -> Option<Party> {
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem);
    // A file name is an id like any other (a stem that holds a hidden
    // character is refused with the folder's files, `load::file_names`).
    let stem_id = crate::id::normal(stem);
    let fields = c.fields(root, "a party file", fields::PARTY)?;
    let id = fields.get("party").and_then(|n| {
        let id = c.name(n, "`party`")?;
        if id != stem_id && crate::id::refused(stem).is_none() {
            c.report(
                n.loc,
                DiagnosticKind::PartyIdNotFileName {
                    id: id.clone(),
                    file_name: file_name.to_owned(),
                    stem: stem.to_owned(),
                    extension: file_name[stem.len()..].to_owned(),
                },
            );
        }
        Some(id)
    });
    let name = fields.get("name").and_then(|n| c.text(n, "`name`"));
    let role = fields
        .get("role")
        .map_or(Some(crate::model::Role::Principal), |n| {
            super::roles::role(c, n)
        });
    let as_of = fields.get("as_of").and_then(|n| c.date(n, "`as_of`"));
    if let Some(note) = fields.get("note") {
        c.text(note, "`note`");
    }
    // No source or stance is dated after the file (or, without a date of
    // its own, the agenda).
    let dated = as_of.as_deref().or(around.as_of);
    let (sources, source_places) = fields
        .get("sources")
        .map(|n| read_sources(c, n, dated, around.parties))
        .unwrap_or_default();
    let speakers = fields
        .get("speakers")
        .map(|n| read_speakers(c, n, around.parties))
        .unwrap_or_default();
    let stances_node = fields.get("stances")?;
    let errors = c.diagnostics.len();
    let entries = c.entries(stances_node, "`stances`")?;
    // Empty only when nothing was refused there either.
    if entries.is_empty() && c.diagnostics.len() == errors {
        c.report(stances_node.loc, DiagnosticKind::NoStances);
    }
    let issues = issues?;
    let agenda = &issues.agenda;
    let mut stances = vec![None; agenda.issues.len()];
    // One string per source, shared by every stance that names it, found
    // by id: a file may list a hundred thousand sources.
    let source_ids: HashMap<&str, (Arc<str>, usize)> = sources
        .iter()
        .enumerate()
        .map(|(k, s)| (s.id.as_str(), (Arc::from(s.id.as_str()), k)))
        .collect();
    let speaker_ids: HashMap<&str, usize> = speakers
        .iter()
        .enumerate()
        .map(|(k, s)| (s.id.as_str(), k))
        .collect();
    let party = id.as_deref().unwrap_or(&stem_id);
    // A stance on an issue known by id only is checked, then dropped: what
    // it cites is not kept, so no source is said to be cited by none.
    let mut on_unread = false;
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
                    party,
                    as_of: dated,
                    speakers: &speakers,
                    speaker_ids: &speaker_ids,
                };
                // Requirements on an issue that cannot be judged are checked
                // for their own shape, not against the party's stance.
                reader.read(c, key, value, &mut Vec::new());
                on_unread = true;
                continue;
            }
            // `min:` under `stances:` is a stance's field indented too little.
            let help = match fields::get(fields::STANCE, &issue_id) {
                Some(field) => Some(format!(
                    "`{}` is a field of a stance, not an issue: indent it under the issue it is for",
                    field.name
                )),
                None => did_you_mean(&issue_id, issues.ids()),
            };
            c.report(key.loc, DiagnosticKind::UnknownIssue { id: issue_id, help });
            continue;
        };
        let reader = StanceReader {
            issues,
            issue: &agenda.issues[index],
            sources: &sources,
            source_ids: &source_ids,
            party,
            as_of: dated,
            speakers: &speakers,
            speaker_ids: &speaker_ids,
        };
        stances[index.get()] = reader.read(c, key, value, &mut written).map(Box::new);
    }
    // Party-level conditions, once every stance is known.
    let requires = fields
        .get("requires")
        .map(|n| conditions::requirements(c, issues, n, None, &mut written))
        .unwrap_or_default();
    let positioned = |i: crate::model::IssueIndex| {
        stances[i.get()]
            .as_deref()
            .is_some_and(crate::model::Stance::has_position)
    };
    let packages = fields
        .get("packages")
        .map(|n| conditions::packages(c, issues, n, &positioned))
        .unwrap_or_default();
    let could = |i: crate::model::IssueIndex| {
        stances[i.get()]
            .as_deref()
            .and_then(crate::model::Stance::could_accept)
    };
    conditions::check_against_own(c, agenda, &written, &could);
    if c.has_errors() {
        return None;
    }
    // Only once every stance was read: a stance refused for an error
    // cites its sources all the same.
    if !on_unread {
        uncited(c, &sources, &source_places, &stances);
    }
    Some(Party {
        id: id?,
        name: name?,
        as_of,
        sources,
        speakers,
        stances,
        requires: requires.into(),
        packages,
        role: role?,
    })
}

/// A source no stance cites: listed for nothing, or a stance forgot it.
fn uncited(
    c: &mut Checker,
    sources: &[Source],
    places: &[Loc],
    stances: &[Option<Box<crate::model::Stance>>],
) {
    let cited: HashSet<&str> = stances
        .iter()
        .flatten()
        .flat_map(|s| s.sources.iter().map(|id| &**id))
        .collect();
    for (source, &at) in sources.iter().zip(places) {
        if !cited.contains(source.id.as_str()) {
            c.report(
                at,
                DiagnosticKind::SourceCitedNowhere {
                    id: source.id.clone(),
                },
            );
        }
    }
}

/// The file's `sources`, and where each one's id is written.
fn read_sources(
    c: &mut Checker,
    node: &Node,
    dated: Option<&str>,
    parties: &[String],
) -> (Vec<Source>, Vec<Loc>) {
    let mut sources = Vec::new();
    let mut places = Vec::new();
    for (id, key, value) in c.entries(node, "`sources`").unwrap_or_default() {
        if c.name(key, "a source id").is_none() {
            continue;
        }
        let what = format!("source `{id}`");
        let Some(fields) = c.fields(value, &what, fields::SOURCE) else {
            continue;
        };
        let title = fields.get("title").and_then(|n| c.text(n, "`title`"));
        let date = fields.get("date").and_then(|n| {
            let date = c.date(n, "`date`")?;
            if let Some(file) = dated
                && date.as_str() > file
            {
                c.report(
                    n.loc,
                    DiagnosticKind::SourceAfterFile {
                        id: id.clone(),
                        date: date.clone(),
                        file: file.to_owned(),
                    },
                );
            }
            Some(date)
        });
        let text = fields.get("text").and_then(|n| text_path(c, n));
        let party = fields
            .get("party")
            .and_then(|n| party_id(c, n, "`party`", parties));
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
                text: text.map(|path| SourceText {
                    path,
                    content: Arc::from(""),
                }),
                party,
            });
            places.push(key.loc);
        }
    }
    (sources, places)
}

/// The file's `speakers`: id to name, and optionally role and party.
fn read_speakers(c: &mut Checker, node: &Node, parties: &[String]) -> Vec<Speaker> {
    let mut speakers = Vec::new();
    for (id, key, value) in c.entries(node, "`speakers`").unwrap_or_default() {
        if c.name(key, "a speaker id").is_none() {
            continue;
        }
        let what = format!("speaker `{id}`");
        let Some(fields) = c.fields(value, &what, fields::SPEAKER) else {
            continue;
        };
        let name = fields.get("name").and_then(|n| c.text(n, "`name`"));
        let role = fields.get("role").and_then(|n| c.text(n, "`role`"));
        let party = fields
            .get("party")
            .and_then(|n| party_id(c, n, "`party`", parties));
        if let Some(note) = fields.get("note") {
            c.text(note, "`note`");
        }
        if let Some(name) = name {
            speakers.push(Speaker {
                id,
                name,
                role,
                party,
            });
        }
    }
    speakers
}

/// A party of the folder, by id.
fn party_id(c: &mut Checker, node: &Node, what: &str, parties: &[String]) -> Option<String> {
    let id = c.name(node, what)?;
    if parties.contains(&id) {
        return Some(id);
    }
    let help = did_you_mean(&id, parties.iter().map(String::as_str)).or_else(|| {
        let listed: Vec<String> = parties.iter().take(50).map(|p| format!("`{p}`")).collect();
        let more = if parties.len() > listed.len() {
            ", …"
        } else {
            ""
        };
        Some(format!(
            "the parties of this folder are {}{more}",
            listed.join(", ")
        ))
    });
    c.report(
        node.loc,
        DiagnosticKind::UnknownParty {
            what: what.to_owned(),
            id,
            help,
        },
    );
    None
}

/// A source's `text`: a path inside the negotiation folder, from it, with
/// `/` between folders. Whether the file is there, and stays inside, is
/// seen when it is read (`texts`).
fn text_path(c: &mut Checker, node: &Node) -> Option<String> {
    let path = c.text(node, "`text`")?;
    let shown = crate::visible::line(&path).into_owned();
    let parts: Vec<&str> = path
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    let refused = if path.starts_with('/') {
        Some(DiagnosticKind::TextPathAbsolute { shown })
    } else if path.contains('\\') {
        Some(DiagnosticKind::TextPathBackslash { shown })
    } else if parts.contains(&"..") {
        Some(DiagnosticKind::TextPathClimbs { shown })
    } else if parts.is_empty() || path.ends_with('/') {
        Some(DiagnosticKind::TextPathFolder { shown })
    } else if let [name] = parts.as_slice()
        && (*name == super::AGENDA || super::folder::is_party_file(name))
    {
        // A position file holds the very quotes that would be looked for
        // in it: every one would be "verified".
        Some(DiagnosticKind::TextPathPositionFile { shown })
    } else {
        None
    };
    match refused {
        Some(kind) => {
            c.report(node.loc, kind);
            None
        }
        None => Some(path),
    }
}

/// A url that the Markdown report will show as text: a warning, since the
/// reader loses the link, and a url that is not one may be a trap
/// (`javascript:`, raw HTML, a right-to-left override in the address).
fn not_a_link(c: &mut Checker, node: &Node, url: &str) {
    use crate::visible;
    let shown = visible::line(url).into_owned();
    let kind = match url.chars().find(|&ch| visible::is_hidden(ch)) {
        Some(ch) => DiagnosticKind::UrlHidden {
            shown,
            code_point: visible::code_point(ch),
            hidden: visible::kind(ch),
        },
        None => DiagnosticKind::UrlNotLink { shown },
    };
    c.report(node.loc, kind);
}
