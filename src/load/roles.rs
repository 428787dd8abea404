//! Who decides: a party's `role`, an issue's `decided_by`, a stance's
//! `salience` (`docs/format.md`, "Who decides"). Read here; the ids of
//! `decided_by` are checked against the folder's party files once those
//! are known (`check_deciders`), and the issues that fewer than two
//! parties decide are warned of once the roles are read (`few_deciders`).

use crate::diag::{Diagnostic, SourceFile, did_you_mean};
use crate::load::check::Checker;
use crate::load::message::DiagnosticKind;
use crate::load::tree::Node;
use crate::loc::Loc;
use crate::model::{Agenda, Party, Role};

/// A stance's `salience`: a whole number from 0 to 100.
pub fn salience(c: &mut Checker, node: &Node) -> Option<u8> {
    let value = c.number(node, "`salience`")?;
    if value.fract() != 0.0 || !(0.0..=100.0).contains(&value) {
        let found = crate::outcome::Num(value).to_string();
        c.report(node.loc, DiagnosticKind::NotSalience { found });
        return None;
    }
    Some(value as u8)
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
        let issue = issue.to_owned();
        c.report(node.loc, DiagnosticKind::EmptyDecidedBy { issue });
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
            let issue = issue.to_owned();
            c.report(item.loc, DiagnosticKind::DeciderTwice { id, issue });
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
                let kind = DiagnosticKind::UnknownDecider {
                    id: id.clone(),
                    issue: issue.clone(),
                    help: did_you_mean(id, stems.iter().copied()),
                };
                diagnostics.push(kind.at(agenda, *loc));
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
            let issue = issue.id.clone();
            diagnostics.push(DiagnosticKind::OneDecider { issue }.placed(agenda, at));
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
        let kind = DiagnosticKind::FewPrincipals {
            none: principals == 0,
            issues: format!("{}{more}", shown.join(", ")),
            one: left.len() == 1,
        };
        diagnostics.push(kind.in_file(&agenda.name));
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
        // Every "did you mean" of the agenda's ids within one budget, as
        // `party_order`'s: an agenda of many unknown ids among many files
        // is otherwise minutes of edit distances.
        crate::suggest::within_budget(source.text.len(), || {
            check_deciders(source, &a.decided_by, &stems, &mut found);
        });
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
