//! Format 2's conditions on the page: on what a party accepts (the
//! detail behind a cell), and on what an issue's outcomes are available
//! (its section). What counts as conditional is `cell::Marks`'s; this
//! says why.

use super::compare::{chain, issue_link};
use super::text::Shown;
use crate::export::words;
use crate::report::{IssueReport, PartyInfo, Report, StanceReport, Verdict};
use maud::{Markup, html};

/// Each condition the stance of `p` on `issue` holds under, as a list
/// (nothing when it holds under none). Its own `requires` are with its
/// quote (`compare::said`).
pub(super) fn of_stance(
    r: &Report,
    issue: &IssueReport,
    p: &PartyInfo,
    s: &StanceReport,
) -> Markup {
    let unit = |id: &str| words::unit_of(r, id);
    let party_wide: Vec<_> = p
        .requires
        .0
        .iter()
        .filter(|(id, _)| *id != issue.id)
        .collect();
    let packages: Vec<_> = p
        .packages
        .0
        .iter()
        .filter(|(_, ids)| ids.len() > 1 && ids.contains(&issue.id.as_str()))
        .collect();
    let reached: Vec<_> = issue
        .conditional
        .iter()
        .filter(|c| c.party == p.id)
        .collect();
    let blocking: Vec<_> = issue
        .blocked_by
        .iter()
        .filter(|b| b.party == p.id)
        .collect();
    let any = !s.alternatives.is_empty()
        || !party_wide.is_empty()
        || !packages.is_empty()
        || !reached.is_empty()
        || !blocking.is_empty()
        || issue.is_contingent();
    html! {
        @if any {
            p.note { "Conditions:" }
            ul.conds {
                @for (k, a) in s.alternatives.iter().enumerate() {
                    li {
                        "Its " (words::ordinal(k)) " alternative: also accepts "
                        (Shown(&words::outcomes(&a.accepts, issue.unit.as_deref(), ", ")))
                        " if " (Shown(&words::requirements(&a.requires, unit)))
                    }
                }
                @for c in &reached {
                    li { "Accepts now, only through an alternative: " (Shown(&words::conditional(issue, c, unit))) }
                }
                @for (id, req) in &party_wide {
                    li {
                        "Its party requires, of every stance: " (issue_link(id)) " to be "
                        (Shown(&words::required(unit(id), req)))
                    }
                }
                @for (id, ids) in &packages {
                    li {
                        "Its package " span.id { (Shown(id)) } ": holds only with its stances on "
                        @for (k, other) in ids.iter().filter(|i| **i != issue.id).enumerate() {
                            @if k > 0 { ", " }
                            (issue_link(other))
                        }
                    }
                }
                @for b in &blocking {
                    li { "Unmet, so it blocks: " (chain(r, b)) }
                }
                @if issue.is_contingent() {
                    li {
                        "The overlap is contingent; it rests on: "
                        @for (k, b) in issue.contingent_on.iter().enumerate() {
                            @if k > 0 { "; " }
                            (chain(r, b))
                        }
                    }
                }
            }
        }
    }
}

/// What of an issue's zone is available, when that is less than the
/// zone, and what is available only on some party's conditions; on a
/// contingent overlap, what it rests on. As `dt`/`dd` pairs.
pub(super) fn availability(r: &Report, issue: &IssueReport) -> Markup {
    let unit = |id: &str| words::unit_of(r, id);
    html! {
        @if issue.verdict != Verdict::Blocked && issue.narrows_zone() {
            dt { "Available" } dd { (Shown(&words::zone(issue, &issue.available))) }
        }
        @for c in &issue.conditional {
            dt { "On conditions" } dd { (Shown(&words::conditional(issue, c, unit))) }
        }
        @if issue.is_contingent() {
            dt { "Contingent" }
            dd { "This overlap rests on a gap: a requirement met only because fewer than two parties speak to the issue it names." }
            @for b in &issue.contingent_on {
                dt { "Rests on" } dd { (Shown(&words::holder(b))) " requires " (chain_from(r, b)) }
            }
        }
    }
}

/// A requirement's issue, what it asks there and why that holds (or
/// not), from the issue on: `chain` without its holder.
fn chain_from(r: &Report, b: &crate::report::Block) -> Markup {
    let unit = b.unit.as_deref();
    html! {
        @if r.issue(&b.issue).is_some() { (issue_link(&b.issue)) } @else { (Shown(&b.issue)) }
        " to be " (Shown(&words::required(unit, &b.requires))) ". "
        span.note { "Chain: " (Shown(&words::rests_on(b))) }
    }
}
