//! The party × issue grid: one row per issue, one column per party, each
//! cell coloured and marked with what the stance comes to (`cell::Mark`:
//! the symbol is always there, so colour never carries it alone). Up to
//! conference scale a cell opens its stance, with its quote and source,
//! in a popover; with many parties the cells show their symbol only.
//! At conference scale the rows come in closed groups, each its own
//! table, so that the page opens without laying out 400,000 cells.

use super::compare::{held, issue_link, mark_chip, said, source_link, verdict_chip};
use super::conditions;
use super::text::Shown;
use super::write;
use crate::export::cell::Mark;
use crate::export::write_in_order;
use crate::export::{order_words, words};
use crate::report::{IssueReport, PartyInfo, Report, StanceReport, Verdict};
use maud::{Markup, Render, html};
use std::io::{self, Write};

/// With more parties than this, cells show their symbol alone (the words
/// are in the popover, or the cell's tooltip).
const WIDE_PARTIES: usize = 8;

/// Rows per group at conference scale: a group of 50 issues by 200
/// parties is 10,000 cells, which Chromium lays out in about half a
/// second when it is opened (docs/performance.md).
const GROUP: usize = 50;

pub(super) fn render(r: &Report, big: bool, out: &mut dyn Write) -> io::Result<()> {
    let compact = r.parties.len() > WIDE_PARTIES;
    write(
        out,
        html! {
            h2 #grid { "Parties × issues" }
            p.note {
                "One row per issue, one column per party. "
                @if big { "Each cell says what the stance comes to; hover for it in words. The issues come in groups of " (GROUP) ": open one to see it." }
                @else { "Each cell says what the stance comes to; click it for the stance with its source, quote and note." }
            }
            (legend())
        },
    )?;
    // The wrapper scrolls, so the header row and the issue column stay in
    // view; its tags are the page's own.
    out.write_all(b"<div class=\"gridwrap\">\n")?;
    let class = if compact { "grid compact" } else { "grid wide" };
    if big {
        let groups: Vec<(usize, &[IssueReport])> = r
            .issues
            .chunks(GROUP)
            .enumerate()
            .map(|(k, g)| (k * GROUP, g))
            .collect();
        write_in_order(out, &groups, 1, |(start, issues), buf| {
            let mut text = String::new();
            group(r, class, *start, issues).render_to(&mut text);
            text.push('\n');
            buf.extend_from_slice(text.as_bytes());
            Ok(())
        })?;
    } else {
        write(
            out,
            html! {
                table class=(class) {
                    @if compact { (columns(r)) }
                    (head(r))
                    tbody {
                        @for (k, issue) in r.issues.iter().enumerate() {
                            @if starts_phase(r, k) { (phase_row(r, issue)) }
                            (row(r, k, issue, compact, true))
                        }
                    }
                }
            },
        )?;
    }
    out.write_all(b"</div>\n")
}

/// Whether the issue at `k` is the first of its phase (issues come by
/// phase), on a phased agenda.
fn starts_phase(r: &Report, k: usize) -> bool {
    !r.phases.is_empty() && (k == 0 || r.issues[k - 1].phase != r.issues[k].phase)
}

/// The row that heads a phase's issues: its title, and whether it could
/// be agreed now.
fn phase_row(r: &Report, issue: &IssueReport) -> Markup {
    let heading = match issue
        .phase
        .and_then(|id| r.phases.iter().find(|p| p.id == id))
    {
        Some(p) => format!(
            "Phase {} — {}",
            order_words::phase_heading(p),
            order_words::phase_standing(p)
        ),
        None => "No phase".to_owned(),
    };
    html! {
        tr.phase { th.issue colspan=(r.parties.len() + 2) { (Shown(&heading)) } }
    }
}

fn legend() -> Markup {
    html! {
        ul.legend {
            @for m in Mark::ALL {
                @let look = m.look();
                li { span class={ "sw " (look.class) } { (look.symbol) } (look.label) }
            }
        }
    }
}

/// The columns' widths, so that a compact table is laid out from them
/// alone (`table-layout: fixed`), not from 20,000 cells.
fn columns(r: &Report) -> Markup {
    html! {
        colgroup { col.ci; col.cv; col.cp span=(r.parties.len()); }
    }
}

fn head(r: &Report) -> Markup {
    html! {
        thead {
            tr {
                th.issue { "issue" }
                th { "verdict" }
                @for p in &r.parties { th.p title=(Shown(&p.name)) { (Shown(&p.id)) } }
            }
        }
    }
}

/// One closed group of rows at conference scale, its verdicts counted.
fn group(r: &Report, class: &str, start: usize, issues: &[IssueReport]) -> Markup {
    let count = |v: Verdict| issues.iter().filter(|i| i.verdict == v).count();
    let first = &issues[0].id;
    let last = &issues[issues.len() - 1].id;
    html! {
        details.group {
            summary {
                "Issues " (start + 1) " to " (start + issues.len()) " (" (Shown(first)) " to " (Shown(last)) "): "
                (count(Verdict::Overlap)) " overlap, " (count(Verdict::Blocked)) " blocked, "
                (count(Verdict::Conflict)) " conflict, " (count(Verdict::Gap)) " gap"
            }
            table class=(class) {
                (columns(r))
                (head(r))
                tbody { @for (k, issue) in issues.iter().enumerate() { (row(r, start + k, issue, true, false)) } }
            }
        }
    }
}

/// One issue's row. `rich`: each stance opens in a popover.
fn row(r: &Report, k: usize, issue: &IssueReport, compact: bool, rich: bool) -> Markup {
    let marks = super::compare::marks(r, issue);
    let shape = words::Shape::of(issue);
    // Stances come in party order: one walk along both. A cell without
    // its popover needs the stance's few words only (its outline), not a
    // copy of its evidence: at conference scale, 320,000 of them.
    let mut stances: std::iter::Peekable<Box<dyn Iterator<Item = _>>> = if rich {
        (Box::new(issue.stances.iter()) as Box<dyn Iterator<Item = _>>).peekable()
    } else {
        (Box::new(issue.stances.outlines()) as Box<dyn Iterator<Item = _>>).peekable()
    };
    html! {
        tr {
            @if compact {
                th.issue title=(Shown(&issue.title)) { (issue_link(&issue.id)) }
            } @else {
                th.issue { (issue_link(&issue.id)) span.t { (Shown(&issue.title)) } }
            }
            td.v { (verdict_chip(issue)) }
            @for (place, p) in r.parties.iter().enumerate() {
                @let stance = stances.next_if(|(id, _)| *id == p.id).map(|(_, s)| s);
                @let mark = marks[place];
                @let look = mark.look();
                @match &stance {
                    Some(s) if rich => {
                        @let id = format!("c{k}-{place}");
                        @let said = words::stance(shape, s);
                        td class=(look.class) {
                            button type="button" popovertarget=(id) title=(Shown(&said)) {
                                span.sym { (look.symbol) }
                                @if !compact { (Shown(&said)) }
                            }
                            div.card popover id=(id) { (card(r, issue, p, mark, s)) }
                        }
                    }
                    Some(s) => {
                        td class=(look.class) title=(Shown(&words::stance(shape, s))) { (look.symbol) }
                    }
                    None if rich => {
                        td class=(look.class) title={ (Shown(&p.id)) ": silent" } { span { (look.symbol) } }
                    }
                    // Most of a conference's cells: the symbol says it all.
                    None => { td class=(look.class) { (look.symbol) } }
                }
            }
        }
    }
}

/// The stance behind a cell, with its evidence.
fn card(r: &Report, issue: &IssueReport, p: &PartyInfo, mark: Mark, s: &StanceReport) -> Markup {
    let said_words = words::stance(words::Shape::of(issue), s);
    html! {
        h4 { (Shown(&p.name)) " on " (Shown(&issue.title)) " " span.id { "(" (Shown(&issue.id)) ")" } }
        p { (mark_chip(mark.look(), &said_words)) }
        p.note { (mark.look().label) ". Held: " (held(s)) ". Source: " (source_link(p, s)) "." }
        (said(r, &p.id, s, true))
        (conditions::of_stance(r, issue, p, s))
    }
}
