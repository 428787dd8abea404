//! Who decides: a party's `role`, an issue's `decided_by`, a stance's
//! `salience` (`docs/format.md`, "Who decides"). Read here; the ids of
//! `decided_by` are checked against the folder's party files once those
//! are known (`check_deciders`), and the issues that fewer than two
//! parties decide are warned of once the roles are read (`few_deciders`).

use crate::diag::{Diagnostic, SourceFile, did_you_mean};
use crate::load::check::Checker;
use crate::load::tree::{Node, Value};
use crate::loc::Loc;
use crate::model::{Agenda, Party, Role};

/// A stance's `salience`: a whole number from 0 to 100.
pub fn salience(c: &mut Checker, node: &Node) -> Option<u8> {
    let spelt = |c: &Checker| node.spelling(&c.source.text).unwrap_or_default();
    match node.value {
        Value::Int(v) if (0..=100).contains(&v) => Some(v as u8),
        Value::Int(_) => {
            let shown = spelt(c);
            c.error(
                node.loc,
                format!("`salience` {shown} is outside 0 to 100"),
                "out of range",
                Some("salience is how much the issue matters to the party: 0 (not at all) to 100 (above all), default 50".to_owned()),
            );
            None
        }
        Value::Float(f) if f.is_finite() && f.fract() == 0.0 && (0.0..=100.0).contains(&f) => {
            Some(f as u8)
        }
        Value::Float(_) => {
            let shown = spelt(c);
            c.error(
                node.loc,
                format!("`salience` {shown} is not a whole number from 0 to 100"),
                "expected a whole number from 0 to 100",
                None,
            );
            None
        }
        _ => {
            let found = node.kind_name();
            c.error(
                node.loc,
                format!("`salience` must be a whole number from 0 to 100, found {found}"),
                "expected a whole number from 0 to 100",
                None,
            );
            None
        }
    }
}

/// A party's `role`.
pub fn role(c: &mut Checker, node: &Node) -> Option<Role> {
    c.keyword(node, "role", &Role::ALL)
}

/// An issue's `decided_by`: party ids, each once, each with its place for
/// the check against the folder's files. An empty list is refused: an
/// issue no one decides is no issue.
pub fn decided_by(c: &mut Checker, node: &Node, issue: &str) -> Option<Vec<(String, Loc)>> {
    let items = c.list(node, "`decided_by`")?;
    if items.is_empty() {
        c.error(
            node.loc,
            format!("issue `{issue}` has an empty `decided_by`"),
            "no party named",
            Some("name the parties whose consent settles it, or leave `decided_by` out for every principal".to_owned()),
        );
        return None;
    }
    let mut ids: Vec<(String, Loc)> = Vec::with_capacity(items.len());
    let mut ok = true;
    for item in items {
        let Some(id) = c.name(item, "a party id") else {
            ok = false;
            continue;
        };
        if ids.iter().any(|(seen, _)| *seen == id) {
            c.error(
                item.loc,
                format!("party `{id}` is listed twice in `decided_by` of issue `{issue}`"),
                "listed again here",
                None,
            );
            ok = false;
            continue;
        }
        ids.push((id, item.loc));
    }
    ok.then_some(ids)
}

/// Every id of every `decided_by` is a party of the folder (a stem of its
/// party files), with the nearest as a suggestion.
pub fn check_deciders(
    agenda: &SourceFile,
    deciders: &[(String, Vec<(String, Loc)>)],
    stems: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (issue, ids) in deciders {
        for (id, loc) in ids {
            if !stems.contains(&id.as_str()) {
                diagnostics.push(
                    Diagnostic::at(
                        agenda,
                        *loc,
                        format!("unknown party `{id}` in `decided_by` of issue `{issue}`"),
                    )
                    .label(format!("no file `{id}.yaml` beside the agenda"))
                    .help(did_you_mean(id, stems.iter().copied())),
                );
            }
        }
    }
}

/// Warnings for the issues that fewer than two parties of the negotiation
/// decide: there is then nothing to agree, and every report shows a gap.
/// One per issue with a short `decided_by`, at it; one for every issue
/// left to the principals when there are fewer than two.
pub fn few_deciders(
    agenda: &SourceFile,
    a: &Agenda,
    places: &[(String, Vec<(String, Loc)>)],
    parties: &[Party],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for issue in &a.issues {
        if let Some(ids) = &issue.decided_by
            && ids.len() < 2
        {
            let at = places
                .iter()
                .find(|(id, _)| *id == issue.id)
                .and_then(|(_, ids)| ids.first())
                .map(|(_, loc)| *loc);
            let message = format!(
                "issue `{}` is decided by one party alone: it is a gap in every report",
                issue.id
            );
            let help = Some(
                "list every party whose consent settles it, or leave `decided_by` out for every principal"
                    .to_owned(),
            );
            diagnostics.push(
                match at {
                    Some(loc) => Diagnostic::at(agenda, loc, message)
                        .label("one party")
                        .help(help),
                    None => Diagnostic::file(&agenda.name, message).help(help),
                }
                .warning(),
            );
        }
    }
    let principals = parties.iter().filter(|p| p.role == Role::Principal).count();
    let left: Vec<&str> = a
        .issues
        .iter()
        .filter(|i| i.decided_by.is_none())
        .map(|i| i.id.as_str())
        .collect();
    // Only where roles leave fewer than two principals among two or more
    // parties: a folder of one party was never warned of.
    if principals < 2 && !left.is_empty() && parties.len() >= 2 {
        let shown: Vec<String> = left.iter().take(5).map(|i| format!("`{i}`")).collect();
        let more = if left.len() > 5 {
            format!(" and {} more", left.len() - 5)
        } else {
            String::new()
        };
        diagnostics.push(
            Diagnostic::file(
                &agenda.name,
                format!(
                    "{} of the parties is a principal, and {}{more} {} no `decided_by`: {} a gap in every report",
                    if principals == 0 { "none" } else { "only one" },
                    shown.join(", "),
                    if left.len() == 1 { "has" } else { "have" },
                    if left.len() == 1 { "it is" } else { "each is" },
                ),
            )
            .help(Some(
                "give those issues a `decided_by`, or make the deciding parties principals (the default `role`)".to_owned(),
            ))
            .warning(),
        );
    }
}

/// What `decided_by` and the roles call for, at their places: an agenda
/// read fast has none, so when there is something to say it is read again
/// with them (as `party_order` does).
pub(super) fn deciders(
    source: &SourceFile,
    agenda: &super::agenda::AgendaFile,
    files: &[super::PartyFile],
    parties: &[Party],
) -> Vec<Diagnostic> {
    let stems: Vec<_> = files.iter().map(|f| crate::id::normal(f.stem())).collect();
    let stems: Vec<&str> = stems.iter().map(AsRef::as_ref).collect();
    let said = |a: &super::agenda::AgendaFile| {
        let mut found = Vec::new();
        check_deciders(source, &a.decided_by, &stems, &mut found);
        // Roles count only among parties that all loaded, and with every
        // listed id known.
        if found.is_empty()
            && parties.len() == files.len()
            && let Some(issues) = &a.issues
        {
            few_deciders(source, &issues.agenda, &a.decided_by, parties, &mut found);
        }
        found
    };
    let found = said(agenda);
    if found.is_empty() {
        return found;
    }
    let located = super::check_file(source, &mut Vec::new(), super::Read::Located, |c, root| {
        super::agenda::read_agenda(c, root)
    });
    match located {
        Some(located) => said(&located),
        None => found,
    }
}
