//! What `stance init` writes: a negotiation that `stance check` accepts
//! as it is, with the rest of the format in comments beside it, and the
//! schemas an editor checks the files against. Files as text; writing
//! them is the command line's (`output::create_new`).

use crate::diag::Diagnostic;
use crate::load::{self, limits};
use crate::schema;
use crate::visible;

/// The schema files, beside the YAML files that name them on their first
/// line: a relative path works offline and moves with the folder.
pub const AGENDA_SCHEMA: &str = "agenda.schema.json";
/// See `AGENDA_SCHEMA`.
pub const PARTY_SCHEMA: &str = "party.schema.json";

/// The files of a new negotiation of these parties and issues, by name,
/// the agenda first; or why the ids cannot be used.
pub fn files(parties: &[String], issues: &[String]) -> Result<Vec<(String, String)>, Diagnostic> {
    let parties = ids("--parties", "party", parties, limits::MAX_PARTIES)?;
    let issues = ids("--issues", "issue", issues, limits::MAX_ISSUES)?;
    for party in &parties {
        if party == "agenda" || party.starts_with('.') || party.contains('/') {
            return Err(Diagnostic::file(
                "--parties",
                format!(
                    "party id `{}` cannot be a file name here",
                    visible::line(party)
                ),
            )
            .help(Some(
                "the file stem is the party id: no `/`, no leading `.`, and not `agenda`"
                    .to_owned(),
            )));
        }
    }
    let agenda = agenda(&parties, &issues);
    let party_files: Vec<(String, String)> = parties
        .iter()
        .map(|p| (format!("{p}.yaml"), party(p, &issues)))
        .collect();
    // What is written is what `stance check` accepts, with no warning:
    // loaded here first, and the schema for it made from what loaded.
    let folder = load::in_memory(
        "init",
        agenda.clone().into_bytes(),
        party_files
            .iter()
            .map(|(name, text)| (name.clone(), text.clone().into_bytes()))
            .collect(),
    );
    let loaded = match load::load_folder(folder) {
        Ok(loaded) if loaded.warnings.is_empty() => loaded,
        other => {
            let said = match &other {
                Ok(loaded) => loaded.warnings.first(),
                Err(invalid) => invalid.diagnostics.first(),
            };
            return Err(Diagnostic::file(
                "init",
                format!(
                    "the new negotiation does not load: {}",
                    said.map_or_else(String::new, ToString::to_string)
                ),
            ));
        }
    };
    let n = &loaded.negotiation;
    let mut files = vec![("agenda.yaml".to_owned(), agenda)];
    files.extend(party_files);
    files.push((AGENDA_SCHEMA.to_owned(), schema::agenda()));
    files.push((
        PARTY_SCHEMA.to_owned(),
        schema::party_for(&n.agenda, &n.title),
    ));
    Ok(files)
}

/// The ids of one option, checked as `stance check` checks ids, in NFC.
fn ids(flag: &str, what: &str, given: &[String], limit: usize) -> Result<Vec<String>, Diagnostic> {
    let mut out: Vec<String> = Vec::with_capacity(given.len());
    for id in given {
        let shown = visible::line(id);
        let refusal = if let Some(c) = crate::id::refused(id) {
            Some((
                format!("{what} id `{shown}` {}", crate::id::refusal(c)),
                crate::id::WHY_REFUSED.to_owned(),
            ))
        } else if id.is_empty() {
            Some((
                format!("an empty {what} id"),
                "two commas in a row, or one at either end?".to_owned(),
            ))
        } else if id.trim().is_empty() || id.trim() != id {
            Some((
                format!("{what} id `{shown}` is not a valid name"),
                "names may not be empty or start or end with spaces".to_owned(),
            ))
        } else {
            None
        };
        if let Some((message, help)) = refusal {
            return Err(Diagnostic::file(flag, message).help(Some(help)));
        }
        let id = crate::id::normal(id).into_owned();
        if out.contains(&id) {
            return Err(Diagnostic::file(
                flag,
                format!("{what} id `{id}` is given twice"),
            ));
        }
        out.push(id);
    }
    if out.is_empty() {
        return Err(Diagnostic::file(flag, format!("no {what} named"))
            .help(Some(format!("name at least one {what}, comma-separated"))));
    }
    if out.len() > limit {
        return Err(Diagnostic::file(
            flag,
            format!("{} {what} ids, over the limit of {limit}", out.len()),
        ));
    }
    Ok(out)
}

/// A name or a text as YAML reads it back unchanged: plain when that is
/// safe, else double-quoted (JSON's escapes are YAML's).
fn scalar(text: &str) -> String {
    let plain = text.chars().next().is_some_and(char::is_alphabetic)
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
    if plain {
        text.to_owned()
    } else {
        serde_json::to_string(text).expect("a string serialises")
    }
}

fn agenda(parties: &[String], issues: &[String]) -> String {
    let order: Vec<String> = parties.iter().map(|p| scalar(p)).collect();
    let mut out = format!(
        "# yaml-language-server: $schema={AGENDA_SCHEMA}
# The agenda: the negotiation's title and the issues on the table, in the
# order of every report. `stance check .` says what is wrong, and where;
# the format is in docs/format.md.
negotiation: Title of the negotiation (replace)
# as_of: 2025-03-18             # the date the positions are as of
parties: [{}]{}
issues:
",
        order.join(", "),
        "     # the order of the parties in reports"
    );
    for issue in issues {
        out.push_str(&format!(
            "  {}:
    title: {}
    kind: choice                # choice | scale | yes-no | range (see below)
    options:                    # option id: description
      option-1: The first option (replace)
      option-2: The second option (replace)
",
            scalar(issue),
            scalar(&format!("What {issue} is about (replace)"))
        ));
    }
    out.push_str(EXAMPLE_ISSUES);
    out
}

const EXAMPLE_ISSUES: &str = "
  # One issue of each kind, to copy and adapt:
  #
  # ceasefire-scope:
  #   title: What a ceasefire covers
  #   kind: choice              # any set of its options may be acceptable
  #   options:
  #     energy: No strikes on energy infrastructure
  #     black-sea: Maritime ceasefire in the Black Sea
  #     full: Full ceasefire on land, at sea and in the air
  # nato:
  #   title: Ukraine and NATO
  #   kind: scale               # options ordered from one end to the other
  #   options:
  #     member: Ukraine joins NATO
  #     guarantees: Security guarantees short of membership
  #     neutral: Ukraine gives up its NATO ambition
  # military-aid:
  #   title: Foreign military aid continues
  #   kind: yes-no              # its options are yes and no
  # ceasefire-days:
  #   title: Length of the ceasefire
  #   kind: range               # a number: stances give min, max, ideal
  #   unit: days
";

fn party(id: &str, issues: &[String]) -> String {
    let mut out = format!(
        "# yaml-language-server: $schema={PARTY_SCHEMA}
# The stances of one party; the file name is its id. After a change to the
# agenda's issues or options, `stance schema party --for . -o {PARTY_SCHEMA}`
# brings the editor's completions up to date.
party: {}
name: {}
# as_of: 2025-03-18
sources:                        # where the stances come from, by id
  statement:
    title: The statement the stances come from (replace)
    # date: 2025-03-18
    # url: https://example.org/statement
    # text: sources/statement.txt   # its text, in this folder: quotes are checked against it
stances:                        # one per issue the party spoke to; leave out the rest
",
        scalar(id),
        scalar(&format!("Party {id} (replace with its name)"))
    );
    for issue in issues {
        out.push_str(&format!(
            "  {}:
    accepts: [option-1]         # every acceptable option; the rest are not
    # rejects: [option-2]       # options rejected out loud
    # wants: option-1           # the first choice, among those accepted
    strength: firm              # red-line | firm | flexible
    basis: stated               # stated | reported | inferred
    source: statement
    # quote: \"the party's own words\"
    # speaker: Foreign minister   # who said it, when not the party as a whole
    # as_of: 2025-03-18         # when the stance was taken
    note: {}
",
            scalar(issue),
            scalar(&format!("What the party said on {issue} (replace)"))
        ));
    }
    out.push_str(EXAMPLE_STANCES);
    out
}

const EXAMPLE_STANCES: &str = "
  # A stance of each other shape, on the agenda's example issues:
  #
  # ceasefire-days:             # a range: any of min, max, ideal
  #   min: 30
  #   max: 30
  #   ideal: 30
  #   source: statement
  # military-aid:               # a yes-no issue, with a condition
  #   accepts: [\"no\"]           # quote yes and no
  #   strength: red-line
  #   requires:                 # the stance holds only if...
  #     ceasefire-scope: [energy]   # ...that issue settles on these options
  #     ceasefire-days: {max: 30}   # ...or, for a range, in this interval
  #   source: statement
  # nato:                       # spoke to it, but took no position
  #   status: undecided         # undecided | ambiguous | not-applicable
  #   source: statement
  # ceasefire-scope:            # also acceptable, but only under conditions
  #   accepts: [energy]
  #   alternatives:
  #     - accepts: [full]
  #       requires: {military-aid: \"no\"}
  #   source: statement
#
# For the whole party (beside `stances:`, not under it):
# requires: {military-aid: \"no\"}   # every stance holds only if...
# packages:                         # accepted only together
#   truce: [ceasefire-scope, ceasefire-days]
";
