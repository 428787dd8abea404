//! Who decides, in words every format shares: a party with its role, an
//! issue's deciders, and where the parties outside the decision stand
//! ("observer israel: against").

use crate::model::Role;
use crate::report::{IssueReport, PartyInfo, Report};

/// A party's id, with its role when it is not a principal:
/// `israel (observer)`.
pub fn party(p: &PartyInfo) -> String {
    match p.role {
        Role::Principal => p.id.clone(),
        role => format!("{} ({})", p.id, role.name()),
    }
}

/// Whether some party in scope is not a principal: reports then show
/// every party's role.
pub fn any_role(r: &Report) -> bool {
    r.parties.iter().any(|p| p.role != Role::Principal)
}

/// Who decides the issues that do not name their deciders, when not
/// every party does: `every principal (israel and hamas), unless an issue
/// names its deciders`. Each issue's own list follows it (`deciders`).
pub fn default_deciders(r: &Report) -> Option<String> {
    if !any_role(r) && r.issues.iter().all(|i| i.default_deciders) {
        return None;
    }
    let principals: Vec<String> = r
        .parties
        .iter()
        .filter(|p| p.role == Role::Principal)
        .map(|p| p.id.clone())
        .collect();
    let who = if principals.is_empty() {
        "no party in scope".to_owned()
    } else {
        super::words::and_list(&principals)
    };
    Some(format!(
        "every principal ({who}), unless an issue names its deciders"
    ))
}

/// Who a zone is the meeting of, as the report's section headings say it:
/// the deciders, once some issue is not every party's to decide.
pub fn zone_holders(r: &Report) -> &'static str {
    if any_role(r) || r.issues.iter().any(|i| !i.default_deciders) {
        "every deciding party with a position"
    } else {
        "every party with a position"
    }
}

/// What a gap is, as the section of gaps says it.
pub fn gap_lede(r: &Report) -> &'static str {
    if r.issues.iter().any(|i| !i.default_deciders) {
        "Fewer than two deciding parties take a position, or a party an issue names among its \
         deciders takes none, so there is nothing to agree yet."
    } else {
        "Fewer than two parties take a position, so there is nothing to compare."
    }
}

/// Who decides the issue, when its `decided_by` names them (the party
/// list already says who the principals are):
/// `decided by israel and hamas`; with the deciders the view leaves out.
pub fn decided_by(issue: &IssueReport) -> Option<String> {
    deciders(issue).map(|who| format!("decided by {who}"))
}

/// The same, for a line that says "who decides" already.
pub fn deciders(issue: &IssueReport) -> Option<String> {
    if issue.default_deciders {
        return None;
    }
    let ids = |list: &[&str]| list.iter().map(|p| (*p).to_owned()).collect::<Vec<_>>();
    let mut line = if issue.deciders.is_empty() {
        "no party in scope".to_owned()
    } else {
        super::words::and_list(&ids(&issue.deciders))
    };
    if !issue.undecidable_in_scope.is_empty() {
        line.push_str(&format!(
            "; cannot be decided in this view: {} out of scope",
            super::words::and_list(&ids(&issue.undecidable_in_scope))
        ));
    }
    Some(line)
}

/// Where each party with a position outside the decision stands, in
/// party order: `observer israel: against`.
pub fn outside(r: &Report, issue: &IssueReport) -> Vec<String> {
    issue
        .outside
        .0
        .iter()
        .map(|(id, side)| {
            let role = r.party(id).map_or(Role::Principal, |p| p.role);
            format!("{} {id}: {}", role.name(), side.name())
        })
        .collect()
}
