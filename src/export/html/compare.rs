//! The comparison's page, part by part: the header and its counts, what
//! blocks a deal and the deal, the view from one seat, then (after the
//! grid and the matrix) one section per issue, by verdict, and the
//! sources.

use super::text::Shown;
use super::{conditions, evidence, grid, heatmap, plural, write};
use crate::export::anchor::{issue_anchor, source_anchor};
use crate::export::cell::{Look, Mark, Marks};
use crate::export::words::{self, LIST_HEAD, LIST_WHOLE, NOT_ADVICE};
use crate::export::{order_words, scale, write_in_order};
use crate::outcome::Interval;
use crate::report::{
    Block, Focus, IssueReport, Outcomes, PartyInfo, Report, Severity, StanceReport, Verdict,
};
use maud::{Markup, Render, html};
use std::io::{self, Write};

pub(super) fn body(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    let big = scale::is_conference(r);
    write(out, header(r))?;
    write(out, phases(r))?;
    write(out, deal(r, big))?;
    if let Some(f) = &r.mediation.focus {
        write(out, focus(r, f))?;
    }
    grid::render(r, big, out)?;
    write(out, heatmap::section(r))?;
    issue_sections(r, big, out)?;
    write(out, sources(r))
}

/// A verdict's chip: its class and its words.
pub(super) fn verdict_class(verdict: Verdict, severity: Option<Severity>) -> &'static str {
    match (verdict, severity) {
        (Verdict::Overlap, _) => "v-overlap",
        (Verdict::Blocked, _) => "v-blocked",
        (Verdict::Conflict, Some(Severity::Hard)) => "v-hard",
        (Verdict::Conflict, _) => "v-conflict",
        (Verdict::Gap, _) => "v-gap",
    }
}

pub(super) fn verdict_chip(issue: &IssueReport) -> Markup {
    // A contingent overlap wears the colours of its conditional cells.
    let class = if issue.is_contingent() {
        "v-contingent"
    } else {
        verdict_class(issue.verdict, issue.severity)
    };
    html! {
        span class={ "chip " (class) } {
            (words::issue_verdict(issue))
        }
    }
}

/// A link to an issue's section.
pub(super) fn issue_link(id: &str) -> Markup {
    html! { a.id href={ "#" (issue_anchor(id)) } { (Shown(id)) } }
}

/// The conflicts, hard first, then in agenda order.
fn conflicts<'r, 'n>(r: &'r Report<'n>) -> Vec<&'r IssueReport<'n>> {
    let mut issues = of_verdict(r, Verdict::Conflict);
    issues.sort_by_key(|i| i.severity != Some(Severity::Hard));
    issues
}

fn of_verdict<'r, 'n>(r: &'r Report<'n>, verdict: Verdict) -> Vec<&'r IssueReport<'n>> {
    r.issues.iter().filter(|i| i.verdict == verdict).collect()
}

fn header(r: &Report) -> Markup {
    let s = &r.summary;
    let hard = r
        .issues
        .iter()
        .filter(|i| i.severity == Some(Severity::Hard))
        .count();
    let total = r.issues.len().max(1);
    let bar = [
        ("v-overlap", s.overlap),
        ("v-blocked", s.blocked),
        ("v-hard", hard),
        ("v-conflict", s.conflict - hard),
        ("v-gap", s.gap),
    ];
    html! {
        header {
            h1 { (Shown(&r.negotiation)) }
            p.sub {
                @if let Some(date) = &r.as_of { "As of " (Shown(date)) ". " }
                (r.issues.len()) " " (plural(r.issues.len(), "issue", "issues")) " among "
                (r.parties.len()) " " (plural(r.parties.len(), "party", "parties"))
                @if r.parties.len() <= 12 {
                    ": "
                    @for (k, p) in r.parties.iter().enumerate() {
                        @if k > 0 { ", " }
                        (Shown(&p.name)) " (" span.id { (Shown(&p.id)) }
                        @if p.role != crate::model::Role::Principal { ", " (p.role.name()) }
                        ")"
                    }
                }
                "."
            }
            @if let Some(who) = crate::export::roles::default_deciders(r) {
                p.note { "Decided by " (Shown(&who)) "." }
            }
            @if let Some(quotes) = words::quote_counts(r.quotes()) {
                p.note { "Provenance: " (quotes) "." }
            }
            div.counts {
                div.count.v-overlap { b { (s.overlap) } "overlap" }
                div.count.v-blocked { b { (s.blocked) } "blocked" }
                div class={ "count " @if hard > 0 { "v-hard" } @else { "v-conflict" } } {
                    b { (s.conflict) } "conflict"
                    @if hard > 0 { " (" (hard) " hard)" }
                }
                div.count.v-gap { b { (s.gap) } "gap" }
            }
            svg.bar viewBox={ "0 0 " (total) " 1" } preserveAspectRatio="none" aria-hidden="true" {
                @for (x, (class, n)) in offsets(&bar) {
                    rect class=(class) x=(x) y="0" width=(n) height="1" {}
                }
            }
            nav.toc {
                a href="#deal" { "What blocks a deal" }
                @if r.mediation.focus.is_some() { a href="#focus" { "From one seat" } }
                a href="#grid" { "Parties × issues" }
                a href="#together" { "Who stands together" }
                a href="#conflicts" { "Conflicts" }
                a href="#blocked" { "Blocked" }
                a href="#overlaps" { "Overlaps" }
                a href="#gaps" { "Gaps" }
                a href="#sources" { "Sources" }
            }
        }
    }
}

/// Each part of a stacked bar with where it starts.
fn offsets<'a>(parts: &'a [(&'a str, usize)]) -> impl Iterator<Item = (usize, (&'a str, usize))> {
    parts.iter().scan(0, |x, &(class, n)| {
        let at = *x;
        *x += n;
        Some((at, (class, n)))
    })
}

/// Up to `LIST_WHOLE` items whole, else the first `LIST_HEAD` and how
/// many more there are further down the page.
fn capped<T>(items: &[T]) -> (&[T], usize) {
    let shown = if items.len() > LIST_WHOLE {
        LIST_HEAD
    } else {
        items.len()
    };
    (&items[..shown], items.len() - shown)
}

fn deal(r: &Report, big: bool) -> Markup {
    let conflicts = conflicts(r);
    // Round by round over the blocked issues when the list is cut
    // (`words::varied`), as in the Markdown digest.
    let blocked: Vec<(&IssueReport, &Block)> = words::varied(
        of_verdict(r, Verdict::Blocked)
            .into_iter()
            .map(|i| i.blocked_by.iter().map(|b| (i, b)).collect())
            .collect(),
    );
    let blocked_issues = r.summary.blocked;
    let (chains, more_chains) = capped(&blocked);
    let (shown_conflicts, more_conflicts) = capped(&conflicts);
    let d = &r.mediation.deal;
    html! {
        section #deal {
            h2 { "What blocks a deal" }
            @if conflicts.is_empty() && blocked.is_empty() {
                p.lede { "Nothing: no issue is a conflict, and no agreement is blocked." }
            } @else {
                p.lede {
                    (conflicts.len()) " " (plural(conflicts.len(), "conflict", "conflicts"))
                    " and " (blocked_issues) " blocked " (plural(blocked_issues, "issue", "issues"))
                    " stand between the parties and a deal on every issue."
                }
            }
            @if !blocked.is_empty() {
                h3 { "Blocked, and what holds each up" }
                ul.chains {
                    @for (issue, b) in chains {
                        li { (issue_link(&issue.id)) span.arrow { "←" } (chain(r, b)) }
                    }
                    @if more_chains > 0 { li.note { "and " (more_chains) " more, under Blocked below" } }
                }
            }
            @if !conflicts.is_empty() {
                h3 { "Conflicts" }
                ul.chains {
                    @for issue in shown_conflicts {
                        li {
                            (verdict_chip(issue)) " " (issue_link(&issue.id)) " " (Shown(&issue.title)) ": "
                            @if issue.clashes.is_empty() { (Shown(&clashing(issue))) }
                            @else { (Shown(&words::clash_count(&issue.clashes))) }
                        }
                    }
                    @if more_conflicts > 0 { li.note { "and " (more_conflicts) " more, under Conflicts below" } }
                }
            }
            h3 { "The deal" }
            @if d.changes.is_empty() {
                p { "No conflict or block to clear." }
            } @else {
                p {
                    "If " @if d.stances == 1 { "this one stance" } @else { "these " (d.stances) " stances" }
                    @if r.mediation.weighed { " (salience " (d.salience) " in all)" }
                    " changed, accepting the nearest compromise (or dropping a requirement), every conflict "
                    "and block would become an overlap ("
                    @if d.exact { "the fewest among the bridging proposals: every combination was tried" }
                    @else { "a greedy answer, issue by issue, as the agenda is too large to try every combination: not proven the fewest" }
                    "). " (NOT_ADVICE)
                }
                // The changes come in party order: one run per party.
                @if big {
                    @for run in d.changes.chunk_by(|a, b| a.party == b.party) {
                        details.group {
                            summary { (party_name(r, run[0].party)) ": " (run.len()) " " (plural(run.len(), "change", "changes")) }
                            ul.plain { @for c in run { li { (Shown(&words::deal_change(c))) } } }
                        }
                    }
                } @else {
                    div.deal {
                        @for run in d.changes.chunk_by(|a, b| a.party == b.party) {
                            div.party-card {
                                h3 { (party_name(r, run[0].party)) }
                                ul { @for c in run { li { (Shown(&words::deal_change(c))) } } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Why a requirement is unmet, down the chain, each issue linked: the
/// clash on the required issue, or the blocks that hold it in turn.
pub(super) fn chain(r: &Report, b: &Block) -> Markup {
    let unit = b.unit.as_deref();
    html! {
        (Shown(&words::holder(b))) " requires "
        @if r.issue(&b.issue).is_some() { (issue_link(&b.issue)) } @else { (Shown(&b.issue)) }
        ": " (Shown(&words::required(unit, &b.requires)))
        span.arrow { "←" }
        (Shown(&words::link_why(b, &words::clash_count)))
        @if !b.blocked_by.is_empty() {
            "; " (words::link_word(b, false)) ": "
            @for (k, next) in b.blocked_by.iter().enumerate() {
                @if k > 0 { "; " }
                (chain(r, next))
            }
        }
    }
}

/// Who clashes on a conflict, in words.
fn clashing(issue: &IssueReport) -> String {
    if issue.clashes.is_empty() {
        "no two parties clash, but nothing suits all of them".to_owned()
    } else {
        words::clash_list(&issue.clashes, |[a, b]| format!("{a} ~ {b}"), ", ")
    }
}

/// A party's name and id.
pub(super) fn party_name(r: &Report, id: &str) -> Markup {
    let name = r.parties.iter().find(|p| p.id == id).map(|p| &p.name);
    html! {
        @if let Some(name) = name { (Shown(name)) " " }
        span.id { "(" (Shown(id)) ")" }
    }
}

fn focus(r: &Report, f: &Focus) -> Markup {
    let list = |items: &[String]| {
        if items.is_empty() {
            "none".to_owned()
        } else {
            items.join(", ")
        }
    };
    html! {
        section #focus {
            h2 { "From " (Shown(&f.party)) "'s seat" }
            ul.plain {
                li { "Stands alone (a conflict that would not be one without it) on: " (Shown(&list(&f.alone))) "." }
                li { "Partners: " (Shown(&list(&f.partners))) "." }
                @for rj in &f.rejected {
                    li {
                        "Its partner " strong { (Shown(&rj.partner)) } " accepts "
                        (Shown(&words::outcomes(&rj.wants, None, ", "))) " on " (issue_link(&rj.issue))
                        "; " (Shown(&f.party)) " accepts none of that."
                    }
                }
                @if f.moves.is_empty() { li { "Cheapest moves: " (words::NO_MOVE) "." } }
                @for m in &f.moves {
                    li {
                        "Move on " (issue_link(&m.issue)) " to " (Shown(&words::required(None, &m.to)))
                        " (move " (m.amount) @if m.red_line { ", across its red line" } "). " (NOT_ADVICE)
                    }
                }
                @for o in &f.offers {
                    @if let Some(issue) = r.issue(&o.issue) {
                        li {
                            "Can offer on " (issue_link(&o.issue)) " (it does not decide it): "
                            (Shown(&words::required(issue.unit.as_deref(), &o.to)))
                            " (" (Shown(&words::asks(issue, &o.asks))) ")"
                            @match o.within {
                                Some(true) => { "; it could accept that itself" }
                                Some(false) => { "; it could not accept that itself" }
                                None => {}
                            }
                            "."
                        }
                    }
                }
            }
        }
    }
}

/// The sections of conflicts, blocked issues, overlaps and gaps; an issue
/// is rendered a task at a time (`write_in_order`).
fn issue_sections(r: &Report, big: bool, out: &mut dyn Write) -> io::Result<()> {
    let holders = crate::export::roles::zone_holders(r);
    let parts: [(&str, &str, String, Vec<&IssueReport>); 4] = [
        (
            "conflicts",
            "Conflicts",
            format!(
                "No outcome suits {holders}. Hard conflicts first: both parties of some \
                 clashing pair hold the issue as a red line. Each with its nearest compromises: \
                 arithmetic on stated positions, not advice."
            ),
            conflicts(r),
        ),
        (
            "blocked",
            "Blocked agreements",
            "The parties share a zone, but a party's stance holds only if another issue settles on \
             an outcome outside that issue's zone."
                .to_owned(),
            of_verdict(r, Verdict::Blocked),
        ),
        (
            "overlaps",
            "Overlaps",
            format!("The zone is what {holders} accepts."),
            of_verdict(r, Verdict::Overlap),
        ),
        (
            "gaps",
            "Gaps",
            crate::export::roles::gap_lede(r).to_owned(),
            of_verdict(r, Verdict::Gap),
        ),
    ];
    for (id, title, lede, issues) in parts {
        write(
            out,
            html! {
                h2 #(id) { (title) " " span.note { "(" (issues.len()) ")" } }
                p.note {
                    (lede)
                    @if big {
                        " At this scale each issue lists its parties by what their stances come to, with the "
                        "source and quote of the first ten of those that hold it up hardest: red lines that "
                        "clash, and requirements that block. Every stance is on its cell of the grid, in "
                        "words; its source, quote and note are in the JSON report, and in this page made for "
                        "fewer issues or parties (" code { "--issues" } ", " code { "--parties" } ")."
                    }
                }
                @if issues.is_empty() { p { "None." } }
            },
        )?;
        write_in_order(out, &issues, 4, |issue, buf| {
            let mut text = String::new();
            issue_section(r, issue, big).render_to(&mut text);
            text.push('\n');
            buf.extend_from_slice(text.as_bytes());
            Ok(())
        })?;
    }
    Ok(())
}

/// The mark of each party's cell on `issue`, by the party's place: from
/// what a mark needs of each stance (`Stances::held`), no stance made up
/// for it (a conference has 320,000).
pub(super) fn marks(r: &Report, issue: &IssueReport) -> Vec<Mark> {
    let marks = Marks::new(issue, r.parties.len());
    let mut held = issue.stances.held().peekable();
    r.parties
        .iter()
        .enumerate()
        .map(|(place, p)| {
            let held = held
                .next_if(|(id, ..)| *id == p.id)
                .map(|(_, status, strength)| (status, strength));
            marks.of_held(place, &p.id, held)
        })
        .collect()
}

fn issue_section(r: &Report, issue: &IssueReport, big: bool) -> Markup {
    // At conference scale few stances show their evidence, and no other
    // stance is made up: the marks say who holds the issue up hardest.
    let marks = marks(r, issue);
    html! {
        details.issue id=(issue_anchor(&issue.id)) open[!big] {
            summary {
                (verdict_chip(issue)) " " span.id { (Shown(&issue.id)) } " " span.t { (Shown(&issue.title)) }
            }
            div {
                dl.facts {
                    (facts(r, issue, big))
                    @if !big { (who_did_not_speak(issue)) }
                }
                @if words::has_descriptions(issue) {
                    p.note { (words::options_heading(issue)) ":" }
                    ul.plain {
                        @for o in &issue.options { li { span.id { (Shown(&o.id)) } ": " (Shown(&o.description)) } }
                    }
                }
                @if big {
                    (by_mark(r, &marks))
                    @let hardest: Vec<_> = r.parties.iter().zip(&marks).filter(|(_, m)| matches!(m, Mark::RedLine | Mark::Blocking)).collect();
                    @let (shown, more) = capped(&hardest);
                    @let whole: Vec<_> = shown.iter().filter_map(|(p, m)| Some((*p, **m, issue.stances.get(&p.id)?))).collect();
                    @if !whole.is_empty() { (stances(r, issue, &whole.iter().collect::<Vec<_>>(), false)) }
                    @if more > 0 {
                        p.note { "And " (more) " more stances that are red lines or blocking requirements: in the JSON report." }
                    }
                } @else if issue.stances.is_empty() {
                    p { "No stances." }
                } @else {
                    (stances(r, issue, &stance_rows(r, issue, &marks).iter().collect::<Vec<_>>(), true))
                }
            }
        }
    }
}

/// The parties of an issue grouped by what their stances come to, in the
/// legend's order: at conference scale, who stands where at a glance.
/// A group of more than `LIST_WHOLE` is counted, its parties left to the
/// grid: most of a conference is in the zone, or clashing.
fn by_mark<'r>(r: &'r Report, marks: &[Mark]) -> Markup {
    let mut groups: Vec<(Mark, Vec<&'r str>)> =
        Mark::ALL.iter().map(|&m| (m, Vec::new())).collect();
    for (p, &mark) in r.parties.iter().zip(marks) {
        if let Some((_, ids)) = groups.iter_mut().find(|(m, _)| *m == mark) {
            ids.push(&p.id);
        }
    }
    html! {
        dl.facts {
            @for (mark, ids) in groups.iter().filter(|(_, ids)| !ids.is_empty()) {
                @let look = mark.look();
                dt { span class=(look.class) { span.sym { (look.symbol) } " " (look.label) } " (" (ids.len()) ")" }
                dd {
                    @if ids.len() <= LIST_WHOLE { (Shown(&ids.join(", "))) }
                    @else { span.note { "their cells in the grid" } }
                }
            }
        }
    }
}

/// What is particular to the issue's verdict. At conference scale an
/// issue can be blocked by a hundred parties' requirements: the first are
/// shown, and how many more.
fn facts(r: &Report, issue: &IssueReport, big: bool) -> Markup {
    let (blocks, more_blocks) = if big {
        capped(&issue.blocked_by)
    } else {
        (&issue.blocked_by[..], 0)
    };
    let outside = crate::export::roles::outside(r, issue);
    html! {
        @if let Some(who) = crate::export::roles::deciders(issue) {
            dt { "Who decides" } dd { (Shown(&who)) }
        }
        (verdict_facts(r, issue, big, blocks, more_blocks))
        @if !outside.is_empty() {
            dt { "Outside the decision" } dd { (Shown(&outside.join(", "))) }
        }
    }
}

/// What is particular to the issue's verdict.
fn verdict_facts(
    r: &Report,
    issue: &IssueReport,
    big: bool,
    blocks: &[Block],
    more_blocks: usize,
) -> Markup {
    html! {
        @match issue.verdict {
            Verdict::Conflict => {
                dt { "Clashing pairs" } dd { (Shown(&clashing(issue))) }
                @if let Some(bridge) = r.bridge(&issue.id) {
                    dt { "Nearest compromise" }
                    dd {
                        ul.plain {
                            @if let Some(order) = &bridge.order {
                                li { (Shown(&order_words::order_bridge(order))) }
                            }
                            @for p in &bridge.proposals {
                                li {
                                    @if big { (Shown(&words::proposal_counted(issue, p))) }
                                    @else { (Shown(&words::proposal(r, issue, p))) }
                                    @if !big && !p.crosses_red_line.is_empty() {
                                        " — crosses the red line of " (Shown(&p.crosses_red_line.join(", ")))
                                    }
                                }
                            }
                        }
                        @if let Some(d) = bridge.distance {
                            "Gap between the closest ends: " (Shown(&words::bounds(&Interval::point(d.0), issue.unit.as_deref())))
                        }
                    }
                }
            }
            Verdict::Blocked => {
                dt { "Zone" } dd { (zone(issue, &issue.zone)) }
                @for b in blocks {
                    dt { "Blocked by" } dd { (block(r, b)) }
                }
                @if more_blocks > 0 {
                    dt { "Blocked by" } dd { "and " (more_blocks) " more requirements: see the stances marked ⚠ below" }
                }
            }
            Verdict::Overlap => {
                dt { "Zone" } dd { (zone(issue, &issue.zone)) }
                (conditions::availability(r, issue))
            }
            Verdict::Gap => {
                dt { "Position" }
                dd {
                    @let with: Vec<&str> = issue.stances.outlines().filter(|(p, s)| s.status.is_none() && issue.deciders.contains(p)).map(|(p, _)| p).collect();
                    @if with.is_empty() { "none" } @else { (Shown(&with.join(", "))) }
                }
                (conditions::availability(r, issue))
            }
        }
        @if let Some(lines) = order_words::sequence(r, issue) {
            // Each fact names itself: "order: a → b", "order once the
            // bridge's drops are made: ...".
            @for line in lines {
                @let (what, said) = line.split_once(": ").unwrap_or(("Order", &line));
                dt { (Shown(&words::capitalised(what))) } dd { (Shown(said)) }
            }
        }
    }
}

/// A phased agenda: each phase and whether it could be agreed now, and
/// the forward dependencies; nothing on an agenda with no phases.
fn phases(r: &Report) -> Markup {
    html! {
        @if !r.phases.is_empty() {
            h2 #phases { "Phases" }
            ul {
                @for p in &r.phases {
                    li { strong { (Shown(&order_words::phase_heading(p))) } ": " (Shown(&order_words::phase_standing(p))) }
                }
            }
            h3 { "Forward dependencies" }
            p.note { "An earlier phase's stance that requires a later phase's issue." }
            @if r.forward_dependencies.is_empty() { p { "None." } }
            @else {
                ul { @for f in &r.forward_dependencies { li { (Shown(&order_words::forward(r, f))) } } }
            }
        }
    }
}

/// One requirement that blocks, linked to the issue it is on.
fn block(r: &Report, b: &Block) -> Markup {
    let unit = b.unit.as_deref();
    html! {
        strong { (Shown(&words::holder(b))) } " requires "
        @if r.issue(&b.issue).is_some() { (issue_link(&b.issue)) } @else { (Shown(&b.issue)) " (not among this report's issues)" }
        " to be " (Shown(&words::required(unit, &b.requires))) "; it is "
        strong { (b.verdict.name()) } ", zone: " (Shown(&words::zone_in(unit, &b.zone))) ". "
        span.note { "Chain: " (chain(r, b)) }
    }
}

/// Who said nothing, and who spoke without taking a position.
fn who_did_not_speak(issue: &IssueReport) -> Markup {
    let silent: Vec<&str> = issue.silent.to_vec();
    html! {
        dt { "Silent" }
        dd { @if silent.is_empty() { "none" } @else { (Shown(&silent.join(", "))) } }
        @let waiting = issue.waiting_on();
        @if !waiting.is_empty() { dt { "Waiting on" } dd { (Shown(&words::and_list(&waiting))) } }
        @if !issue.no_position.is_empty() {
            dt { "No position" }
            dd {
                @for (k, (p, status)) in issue.no_position.0.iter().enumerate() {
                    @if k > 0 { ", " }
                    (Shown(p)) " (" (status.name()) ")"
                }
            }
        }
    }
}

/// Option ids with their descriptions, where the descriptions add anything.
fn zone(issue: &IssueReport, zone: &Outcomes) -> Markup {
    html! {
        @if zone.ids().next().is_none() || !words::has_descriptions(issue) {
            (Shown(&words::zone(issue, zone)))
        } @else {
            @for (k, id) in zone.ids().enumerate() {
                @if k > 0 { ", " }
                span.id { (Shown(id)) }
                @if let Some(o) = issue.options.iter().find(|o| o.id == id) { " (" (Shown(&o.description)) ")" }
            }
        }
    }
}

/// Each stance on the issue in party order, with its party and mark
/// (`marks`, by the party's place).
fn stance_rows<'r, 'n>(
    r: &'r Report<'n>,
    issue: &'r IssueReport<'n>,
    marks: &[Mark],
) -> Vec<(&'r PartyInfo<'n>, Mark, StanceReport<'n>)> {
    let mut stances = issue.stances.iter().peekable();
    r.parties
        .iter()
        .zip(marks)
        .filter_map(|(p, &mark)| {
            let (_, s) = stances.next_if(|(id, _)| *id == p.id)?;
            Some((p, mark, s))
        })
        .collect()
}

/// Stances, marked, each with its strength, basis, source, quote and note
/// beside it.
fn stances(
    r: &Report,
    issue: &IssueReport,
    rows: &[&(&PartyInfo, Mark, StanceReport)],
    notes: bool,
) -> Markup {
    let shape = words::Shape::of(issue);
    html! {
        table.stances {
            thead { tr { th { "party" } th { "stance" } th { "held" } th { "source" } th { "in its words" } } }
            tbody {
                @for (p, mark, s) in rows.iter().copied() {
                    tr {
                        td { (Shown(&p.id)) }
                        td.mk { (mark_chip(mark.look(), &words::stance(shape, s))) }
                        td { (held(s)) }
                        td { (source_link(p, s)) }
                        td { (said(r, &p.id, s, notes)) }
                    }
                }
            }
        }
    }
}

/// A mark as a small chip: its symbol, then the stance in words.
pub(super) fn mark_chip(look: Look, words: &str) -> Markup {
    html! {
        span class=(look.class) title=(look.label) { span.sym { (look.symbol) } " " (Shown(words)) }
    }
}

/// How firmly and on what basis a stance is held.
pub(super) fn held(s: &StanceReport) -> Markup {
    html! {
        @if let Some(strength) = s.strength { (strength.name()) ", " }
        (s.basis.name())
    }
}

/// The source a stance cites, linked to its entry under Sources.
pub(super) fn source_link(p: &PartyInfo, s: &StanceReport) -> Markup {
    html! {
        @if s.source.is_empty() { "none" }
        @for (k, id) in s.source.0.iter().enumerate() {
            @if k > 0 { ", " }
            @let title = p.sources.iter().find(|src| &src.id == id).map(|src| src.title.as_str());
            a href={ "#" (source_anchor(&p.id, id)) } title=(Shown(title.unwrap_or(id))) { (Shown(id)) }
        }
    }
}

/// A stance's quote with how it stands against its sources' texts (the
/// passage in context behind a click), (with `notes`) the analyst's note,
/// and what it rejects out loud or requires.
pub(super) fn said(r: &Report, party: &str, s: &StanceReport, notes: bool) -> Markup {
    html! {
        (evidence::quote(r, party, s, false))
        @if let (true, Some(n)) = (notes, &s.note) { p.note { (Shown(n)) } }
        @if !s.rejects.is_empty() {
            p.note { "Rejects: " (Shown(&s.rejects.ids().collect::<Vec<_>>().join(", "))) }
        }
        @if !s.requires.is_empty() {
            p.note {
                "Requires: "
                @for (k, (id, req)) in s.requires.0.iter().enumerate() {
                    @if k > 0 { "; " }
                    @let unit = r.issue(id).and_then(|i| i.unit.as_deref());
                    (issue_link(id)) " to be " (Shown(&words::required(unit, req)))
                }
            }
        }
    }
}

fn sources(r: &Report) -> Markup {
    html! {
        section #sources {
            h2 { "Sources" }
            @for p in &r.parties {
                h3 { (Shown(&p.name)) " " span.id { "(" (Shown(&p.id)) ")" } }
                @if p.sources.is_empty() { p.note { "None." } }
                @else {
                    ul.plain {
                        @for s in &p.sources {
                            li id=(source_anchor(&p.id, &s.id)) {
                                strong { (Shown(&s.id)) } " (" (Shown(s.date.as_deref().unwrap_or("no date"))) "): "
                                (Shown(&s.title))
                                @if let Some(url) = &s.url { " " (link(url)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A source's url: a link when it is an http, https or mailto address
/// (`url::is_link`), else text said to be no link.
fn link(url: &str) -> Markup {
    html! {
        @if crate::url::is_link(url) {
            a href=(crate::url::href(url)) rel="noopener noreferrer" referrerpolicy="no-referrer" { (Shown(url)) }
        } @else {
            span.note { "(not linked: " (Shown(url)) ")" }
        }
    }
}
