//! Conditions as a party file states them (`docs/format.md`): `requires`
//! on a stance, on an alternative and on the party; a stance's
//! `alternatives`; the party's `packages`.
//!
//! A requirement that can never be met is a warning, not an error:
//! blocked talks are a fact to report. Such a requirement is kept, with
//! what it asks for that the issue can take (nothing, when it asks only
//! for what the issue cannot take), and the engine finds it unmet.

use crate::diag::did_you_mean;
use crate::load::agenda::Issues;
use crate::load::check::Checker;
use crate::load::fields;
use crate::load::limits::MAX_ALTERNATIVES;
use crate::load::message::{DiagnosticKind, WHY_REQUIRES};
use crate::load::tree::{Node, Value};
use crate::loc::Loc;
use crate::model::{Agenda, Alternative, Issue, IssueIndex, Kind, Package, Position, Requirement};
use crate::outcome::{Interval, Num, OptionSet, OutcomeSet};

/// A requirement as it was written, kept to check once every stance of the
/// party is read: one that asks on an issue for nothing the party itself
/// could accept there can never be met.
pub struct Written {
    /// The requirement's value, to point at.
    pub loc: Loc,
    pub issue: IssueIndex,
    pub outcome: OutcomeSet,
}

/// Reads a `requires` mapping. `own`: the issue of the stance it belongs
/// to, which it may not name (a party-level `requires` has none).
pub fn requirements(
    c: &mut Checker,
    issues: &Issues,
    node: &Node,
    own: Option<&Issue>,
    written: &mut Vec<Written>,
) -> Vec<Requirement> {
    let agenda = &issues.agenda;
    let mut requires = Vec::new();
    for (issue_id, key, value) in c.entries(node, "`requires`").unwrap_or_default() {
        let Some(index) = agenda.index_of(&issue_id) else {
            // An issue known by id only has an error of its own already.
            if !issues.unread.contains(&issue_id) {
                let help = did_you_mean(&issue_id, issues.ids());
                c.report(
                    key.loc,
                    DiagnosticKind::UnknownIssueNamed {
                        what: "`requires`".to_owned(),
                        id: issue_id,
                        help,
                    },
                );
            }
            continue;
        };
        let issue = &agenda.issues[index];
        if issue.kind == Kind::Sequence {
            crate::load::order::named_in_condition(c, key.loc, "`requires`", &issue_id);
            continue;
        }
        if own.is_some_and(|own| own.id == issue.id) {
            c.report(
                key.loc,
                DiagnosticKind::RequiresOwnIssue { issue: issue_id },
            );
            continue;
        }
        if let Some(outcome) = outcome(c, issue, value) {
            if !outcome.is_empty() {
                written.push(Written {
                    loc: value.loc,
                    issue: index,
                    outcome: outcome.clone(),
                });
            }
            requires.push(Requirement {
                issue: index,
                outcome,
            });
        }
    }
    // Agenda order, like everything else in a report.
    requires.sort_by_key(|r| r.issue);
    requires
}

/// What one requirement asks of `issue`; `None` on an error. An outcome
/// the issue cannot take is warned of and left out: the set is empty when
/// that is all it asks for.
fn outcome(c: &mut Checker, issue: &Issue, value: &Node) -> Option<OutcomeSet> {
    let what = format!("the requirement on `{}`", issue.id);
    match (&value.value, issue.kind) {
        (Value::Map(_), Kind::Range) => {
            read_interval(c, value, issue).map(|i| OutcomeSet::Range(Some(i)))
        }
        // A bare number: `read_interval` says which intervals it may mean.
        (Value::Int(_) | Value::Float(_), Kind::Range) => {
            read_interval(c, value, issue).map(|i| OutcomeSet::Range(Some(i)))
        }
        (Value::Map(_), _) => {
            // The shape of a range requirement, on an issue of options.
            read_interval(c, value, issue)?;
            c.report(
                value.loc,
                DiagnosticKind::RequiresIntervalOnOptions {
                    what,
                    issue: issue.id.clone(),
                    kind: issue.kind.name(),
                },
            );
            Some(OutcomeSet::Options(OptionSet::empty(issue.options.len())))
        }
        (_, Kind::Range) => {
            c.list(value, &what)?;
            c.report(
                value.loc,
                DiagnosticKind::RequiresOptionsOnRange {
                    what,
                    issue: issue.id.clone(),
                },
            );
            Some(OutcomeSet::Range(None))
        }
        _ => {
            let list = c.list(value, &what)?;
            let mut set = OptionSet::empty(issue.options.len());
            for item in list {
                if let Some(index) = requirement_option(c, issue, item) {
                    set.insert(index);
                }
            }
            if list_is_empty(value) {
                c.report(value.loc, DiagnosticKind::RequiresNoOption { what });
                return None;
            }
            Some(OutcomeSet::Options(set))
        }
    }
}

fn list_is_empty(value: &Node) -> bool {
    matches!(&value.value, Value::Seq(items) if items.is_empty())
}

/// One option a requirement names: an unknown one is warned of, with the
/// nearest option, and left out.
fn requirement_option(c: &mut Checker, issue: &Issue, item: &Node) -> Option<usize> {
    let id = match (&item.value, issue.kind) {
        (Value::Bool(b), Kind::YesNo) => if *b { "yes" } else { "no" }.to_owned(),
        _ => c.name(item, "an option id")?,
    };
    if let Some(index) = issue.option_index(&id) {
        return Some(index);
    }
    let help = did_you_mean(&id, issue.options.iter().map(|o| o.id.as_str()))
        .unwrap_or_else(|| super::stance::options_of(issue));
    c.report(
        item.loc,
        DiagnosticKind::RequiresUnknownOption {
            id,
            issue: issue.id.clone(),
            help,
        },
    );
    None
}

/// A range requirement: `{min, max}`, either end open but not both; a
/// bare number, or an unknown field holding one (`{duration: 10}`), is
/// told what interval it may mean.
pub fn read_interval(c: &mut Checker, node: &Node, issue: &Issue) -> Option<Interval> {
    let what = format!("the requirement on `{}`", issue.id);
    let text = c.source.text.clone();
    let number = |node: &Node| match node.value {
        Value::Int(_) | Value::Float(_) => node.spelling(&text),
        _ => None,
    };
    if let Some(n) = number(node) {
        c.report(
            node.loc,
            DiagnosticKind::RequiresNumber {
                what,
                help: interval_help(&n),
            },
        );
        return None;
    }
    let errors = c.diagnostics.len();
    let hint = |_: &str, value: Option<&Node>| value.and_then(number).map(|n| interval_help(&n));
    let fields = c.fields_hinted(node, &what, fields::INTERVAL, &hint)?;
    let min = match fields.get("min") {
        Some(n) => Some(c.number(n, "`min`")?),
        None => None,
    };
    let max = match fields.get("max") {
        Some(n) => Some(c.number(n, "`max`")?),
        None => None,
    };
    if let (Some(lo), Some(hi)) = (min, max)
        && lo > hi
    {
        c.report(
            node.loc,
            DiagnosticKind::MinAboveMax {
                min: Num(lo).to_string(),
                max: Num(hi).to_string(),
            },
        );
        return None;
    }
    if min.is_none() && max.is_none() {
        // An unknown field there has said what is wrong already.
        if c.diagnostics.len() == errors {
            c.report(
                node.loc,
                DiagnosticKind::RequiresNoBound {
                    issue: issue.id.clone(),
                },
            );
        }
        return None;
    }
    Some(Interval { min, max })
}

/// How to say "about `n`" as the interval a requirement on a range issue
/// takes.
fn interval_help(n: &str) -> String {
    format!(
        "a requirement on a range issue is an interval: `{{max: {n}}}` for at most {n}, `{{min: {n}}}` for at least {n}, `{{min: {n}, max: {n}}}` for exactly {n}"
    )
}

/// Reads a stance's `alternatives`. `base`: the stance's own position,
/// when it read without error, which each alternative is held to.
pub fn alternatives(
    c: &mut Checker,
    issues: &Issues,
    issue: &Issue,
    node: &Node,
    base: Option<&Position>,
    written: &mut Vec<Written>,
) -> Vec<Alternative> {
    let Some(items) = list_of(c, node) else {
        return Vec::new();
    };
    if items.len() > MAX_ALTERNATIVES {
        c.report(
            node.loc,
            DiagnosticKind::TooManyAlternatives {
                issue: issue.id.clone(),
                count: items.len(),
            },
        );
        return Vec::new();
    }
    let base_set = base.and_then(Position::acceptable);
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        if let Some(alternative) = alternative(c, issues, issue, item, base_set.as_ref(), written) {
            out.push(alternative);
        }
    }
    out
}

fn list_of<'n>(c: &mut Checker, node: &'n Node<'n>) -> Option<Vec<&'n Node<'n>>> {
    match &node.value {
        Value::Seq(items) => Some(items.iter().collect()),
        _ => {
            c.report(
                node.loc,
                DiagnosticKind::AlternativesNotList {
                    found: node.kind_name(),
                },
            );
            None
        }
    }
}

fn alternative(
    c: &mut Checker,
    issues: &Issues,
    issue: &Issue,
    item: &Node,
    base: Option<&OutcomeSet>,
    written: &mut Vec<Written>,
) -> Option<Alternative> {
    let what = format!("an alternative on `{}`", issue.id);
    let errors = c.diagnostics.iter().filter(|d| d.is_error()).count();
    // An unknown field's help lists what an alternative takes on an issue
    // of this kind, not every field of the table.
    let hint = |name: &str, value: Option<&Node>| match value {
        None if name == "requires" => Some(WHY_REQUIRES.to_owned()),
        None => None,
        Some(_) => Some(format!(
            "{what} takes {}",
            fields::ALTERNATIVE
                .iter()
                .filter(|f| f.is_for(issue.kind))
                .map(|f| format!("`{}`", f.name))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    };
    let fields = c.fields_hinted(item, &what, fields::ALTERNATIVE, &hint)?;
    // The other kind's fields, as on a stance.
    for field in fields::ALTERNATIVE.iter().filter(|f| !f.is_for(issue.kind)) {
        if let Some(key) = fields.key(field.name) {
            c.report(
                key.loc,
                DiagnosticKind::AlternativeFieldNotForKind {
                    field: field.name,
                    issue: issue.id.clone(),
                    kind: issue.kind.name(),
                    range: issue.kind == Kind::Range,
                },
            );
        }
    }
    let requires = match fields.get("requires") {
        Some(n) => {
            let before = c.diagnostics.len();
            let requires = requirements(c, issues, n, Some(issue), written);
            if requires.is_empty() && c.diagnostics.len() == before {
                missing_requires(c, n.loc, issue);
            }
            requires
        }
        // Said by `fields`, with `WHY_REQUIRES`.
        None => Vec::new(),
    };
    let position = if issue.kind == Kind::Range {
        range(c, &fields, item, issue)
    } else {
        options(c, &fields, item, issue)
    };
    let errors_after = c.diagnostics.iter().filter(|d| d.is_error()).count();
    let position = position?;
    if errors_after > errors {
        return None;
    }
    let set = position.acceptable()?;
    if let Some(base) = base {
        if let (OutcomeSet::Range(Some(a)), OutcomeSet::Range(Some(b))) = (&set, base)
            && !a.touches(b)
        {
            c.report(
                item.loc,
                DiagnosticKind::AlternativeGap {
                    alternative: show(a),
                    base: show(b),
                },
            );
            return None;
        }
        if set.within(base) {
            c.report(
                item.loc,
                DiagnosticKind::AlternativeAddsNothing {
                    issue: issue.id.clone(),
                },
            );
        }
    }
    Some(Alternative {
        position,
        requires: requires.into(),
    })
}

fn missing_requires(c: &mut Checker, loc: Loc, issue: &Issue) {
    c.report(
        loc,
        DiagnosticKind::AlternativeWithoutRequires {
            issue: issue.id.clone(),
        },
    );
}

fn options(
    c: &mut Checker,
    fields: &crate::load::check::Fields,
    item: &Node,
    issue: &Issue,
) -> Option<Position> {
    let set = |c: &mut Checker, field: &str| {
        let node = fields.get(field)?;
        let mut set = OptionSet::empty(issue.options.len());
        let mut complete = true;
        for item in c.list(node, &format!("`{field}`"))? {
            match super::stance::option_of(c, issue, item) {
                Some(index) if set.contains(index) => {
                    c.report(
                        item.loc,
                        DiagnosticKind::OptionListedTwice {
                            option: issue.options[index].id.clone(),
                            field: field.to_owned(),
                        },
                    );
                }
                Some(index) => set.insert(index),
                None => complete = false,
            }
        }
        complete.then_some(set)
    };
    let accepts = set(c, "accepts");
    let rejects = set(c, "rejects");
    if fields.get("accepts").is_none() && fields.get("rejects").is_none() {
        if !fields.meant.contains(&"accepts") && !fields.meant.contains(&"rejects") {
            c.report(
                item.loc,
                DiagnosticKind::AlternativeNoPosition {
                    issue: issue.id.clone(),
                    range: false,
                },
            );
        }
        return None;
    }
    if let (Some(a), Some(r)) = (&accepts, &rejects) {
        for index in r.iter().filter(|&i| a.contains(i)) {
            c.report(
                item.loc,
                DiagnosticKind::AlternativeAcceptedAndRejected {
                    option: issue.options[index].id.clone(),
                },
            );
        }
    }
    let count = issue.options.len();
    let acceptable = match (&accepts, &rejects) {
        (Some(a), _) => a.clone(),
        (None, Some(r)) => OptionSet::full(count).minus(r),
        (None, None) => return None,
    };
    Some(Position::Options {
        accepts: acceptable,
        rejects: rejects.unwrap_or_else(|| OptionSet::empty(count)),
        wants: None,
    })
}

fn range(
    c: &mut Checker,
    fields: &crate::load::check::Fields,
    item: &Node,
    issue: &Issue,
) -> Option<Position> {
    let min = fields.get("min").and_then(|n| c.number(n, "`min`"));
    let max = fields.get("max").and_then(|n| c.number(n, "`max`"));
    if fields.get("min").is_none() && fields.get("max").is_none() {
        if !fields.meant.contains(&"min") && !fields.meant.contains(&"max") {
            c.report(
                item.loc,
                DiagnosticKind::AlternativeNoPosition {
                    issue: issue.id.clone(),
                    range: true,
                },
            );
        }
        return None;
    }
    if let (Some(lo), Some(hi)) = (min, max)
        && lo > hi
    {
        c.report(
            item.loc,
            DiagnosticKind::MinAboveMax {
                min: Num(lo).to_string(),
                max: Num(hi).to_string(),
            },
        );
        return None;
    }
    if (fields.get("min").is_some() && min.is_none())
        || (fields.get("max").is_some() && max.is_none())
    {
        return None;
    }
    Some(Position::Range {
        min,
        max,
        ideal: None,
    })
}

fn show(i: &Interval) -> String {
    let end = |v: Option<f64>| v.map_or_else(|| "…".to_owned(), |v| Num(v).to_string());
    format!("{}..{}", end(i.min), end(i.max))
}

/// Reads the party's `packages`: id to a list of issue ids, each an issue
/// the party takes a position on (`positioned`), once.
pub fn packages(
    c: &mut Checker,
    known: &Issues,
    node: &Node,
    positioned: &dyn Fn(IssueIndex) -> bool,
) -> Vec<Package> {
    let agenda = &known.agenda;
    let mut packages = Vec::new();
    for (id, key, value) in c.entries(node, "`packages`").unwrap_or_default() {
        if c.name(key, "a package id").is_none() {
            continue;
        }
        let what = format!("package `{id}`");
        let Some(items) = c.list(value, &what) else {
            continue;
        };
        let mut issues: Vec<IssueIndex> = Vec::with_capacity(items.len());
        let mut complete = true;
        for item in items {
            let Some(issue_id) = c.name(item, "an issue id") else {
                complete = false;
                continue;
            };
            let Some(index) = agenda.index_of(&issue_id) else {
                if !known.unread.contains(&issue_id) {
                    let help = did_you_mean(&issue_id, known.ids());
                    c.report(
                        item.loc,
                        DiagnosticKind::UnknownIssueNamed {
                            what: what.clone(),
                            id: issue_id,
                            help,
                        },
                    );
                }
                complete = false;
                continue;
            };
            if agenda.issues[index].kind == Kind::Sequence {
                crate::load::order::named_in_condition(c, item.loc, &what, &issue_id);
                complete = false;
                continue;
            }
            if issues.contains(&index) {
                c.report(
                    item.loc,
                    DiagnosticKind::PackageIssueTwice {
                        what: what.clone(),
                        id: issue_id,
                    },
                );
                complete = false;
                continue;
            }
            if !positioned(index) {
                c.report(
                    item.loc,
                    DiagnosticKind::PackageUnpositioned {
                        what: what.clone(),
                        id: issue_id,
                    },
                );
                complete = false;
                continue;
            }
            issues.push(index);
        }
        if !complete {
            continue;
        }
        if issues.is_empty() {
            c.report(value.loc, DiagnosticKind::EmptyPackage { what });
            continue;
        }
        if issues.len() == 1 {
            c.report(value.loc, DiagnosticKind::PackageOfOne { what });
        }
        issues.sort_unstable();
        packages.push(Package { id, issues });
    }
    packages
}

/// Warns of each requirement that asks, on an issue the party takes a
/// position on, for nothing it could accept there (`could`): the
/// required issue can only settle where every party with a position
/// accepts, so it can never be met.
pub fn check_against_own(
    c: &mut Checker,
    agenda: &Agenda,
    written: &[Written],
    could: &dyn Fn(IssueIndex) -> Option<OutcomeSet>,
) {
    for w in written {
        if let Some(own) = could(w.issue)
            && own.disjoint(&w.outcome)
        {
            let issue = &agenda.issues[w.issue];
            c.report(
                w.loc,
                DiagnosticKind::RequiresWhatPartyRefuses {
                    issue: issue.id.clone(),
                },
            );
        }
    }
}
