//! The page of `stance changes`: who moved, as one bar per party of its
//! stance changes by kind (hardened, softened, moved, new, withdrawn,
//! clarified), each count written beside its colour; then what that did
//! to the negotiation, each issue's events with their causes; then every
//! stance change with its words before and after.

use super::text::Shown;
use super::{plural, write};
use crate::changes::{Changes, Event, IssueChange, Label, Round};
use crate::export::words;
use crate::report::StanceReport;
use maud::{Markup, html};
use std::io::{self, Write};

/// Up to this many stance changes, each party's list is open.
const OPEN: usize = 500;

pub(super) fn body(c: &Changes, out: &mut dyn Write) -> io::Result<()> {
    write(out, header(c))?;
    write(out, who_moved(c))?;
    write(out, events(c))?;
    write(out, stance_changes(c))
}

fn round(r: &Round) -> Markup {
    html! {
        code { (Shown(&r.source)) }
        @if let Some(date) = &r.as_of { " (as of " (Shown(date)) ")" }
    }
}

fn header(c: &Changes) -> Markup {
    let counts: Vec<String> = words::label_counts(c);
    let events = words::event_counts(c);
    html! {
        header {
            h1 { "Changes: " (Shown(&c.new.negotiation)) }
            p.sub { "From " (round(&c.old)) " to " (round(&c.new)) "." }
            p.lede { "Stances: " (counts.join(", ")) "." }
            p.lede {
                "Issues: "
                @if events.is_empty() { "no verdict changed." } @else { (events.join(", ")) "." }
            }
            nav.toc {
                a href="#moved" { "Who moved" }
                a href="#events" { "What it did" }
                a href="#stances" { "Every stance change" }
            }
        }
    }
}

/// The kinds of change a party's bar shows: all but unchanged.
const MOVES: [Label; 8] = [
    Label::Hardened,
    Label::Softened,
    Label::Moved,
    Label::New,
    Label::Withdrawn,
    Label::Recast,
    Label::Reweighed,
    Label::Clarified,
];

/// Each party that changed a stance, in report order, with how many
/// stances it changed of each kind.
fn moves_by_party<'c>(c: &'c Changes) -> Vec<(&'c str, [usize; MOVES.len()])> {
    let mut parties: Vec<(&str, [usize; MOVES.len()])> = Vec::new();
    for s in &c.stances {
        let Some(k) = MOVES.iter().position(|l| *l == s.label) else {
            continue;
        };
        match parties.iter_mut().find(|(p, _)| *p == s.party) {
            Some((_, counts)) => counts[k] += 1,
            None => {
                let mut counts = [0; MOVES.len()];
                counts[k] = 1;
                parties.push((&s.party, counts));
            }
        }
    }
    parties
}

/// One party's bar: each kind of change it made, with where its segment
/// starts and how wide it is.
struct Bar<'c> {
    party: &'c str,
    segments: Vec<(Label, usize, f64, f64)>,
    end: f64,
}

fn bars<'c>(c: &'c Changes, start: f64, width: f64) -> Vec<Bar<'c>> {
    let parties = moves_by_party(c);
    let most = parties
        .iter()
        .map(|(_, n)| n.iter().sum::<usize>())
        .max()
        .unwrap_or(1);
    let unit = width / most as f64;
    parties
        .into_iter()
        .map(|(party, counts)| {
            let mut x = start;
            let segments = MOVES
                .iter()
                .zip(counts)
                .filter(|(_, n)| *n > 0)
                .map(|(l, n)| {
                    let w = n as f64 * unit;
                    x += w;
                    (*l, n, x - w, w)
                })
                .collect();
            Bar {
                party,
                segments,
                end: x,
            }
        })
        .collect()
}

fn who_moved(c: &Changes) -> Markup {
    let (label_width, row) = (150usize, 26usize);
    let bars = bars(c, label_width as f64, 520.0);
    let height = bars.len() * row + 4;
    html! {
        section #moved {
            h2 { "Who moved" }
            ul.legend {
                @for l in MOVES { li { span class={ "sw lc-" (l.name()) } { "\u{a0}" } (l.name()) } }
            }
            @if bars.is_empty() {
                p { "No party changed a stance." }
            } @else {
                div.moves {
                    svg width=(label_width + 520 + 300) height=(height) role="img"
                        aria-label="Each party's stance changes, by kind" {
                        @for (k, bar) in bars.iter().enumerate() {
                            @let y = k * row + 2;
                            text.lbl x=(label_width - 8) y=(y + 16) text-anchor="end" { (Shown(bar.party)) }
                            @for (l, n, x, w) in &bar.segments {
                                rect class={ "l-" (l.name()) } x=(format!("{x:.1}")) y=(y) width=(format!("{w:.1}")) height=(row - 6) {
                                    title { (Shown(bar.party)) ": " (n) " " (l.name()) }
                                }
                                @if *w >= 22.0 {
                                    text class={ "l-" (l.name()) "-t" } x=(format!("{:.1}", x + w / 2.0)) y=(y + 15) text-anchor="middle" { (n) }
                                }
                            }
                            text.lbl x=(format!("{:.1}", bar.end + 8.0)) y=(y + 15) {
                                (bar.segments.iter().map(|(l, n, _, _)| format!("{n} {}", l.name())).collect::<Vec<_>>().join(", "))
                            }
                        }
                    }
                }
            }
        }
    }
}

fn event_chip(e: Event) -> Markup {
    let (class, symbol) = if e.is_setback() {
        ("ev-down", "▼")
    } else if e.is_progress() {
        ("ev-up", "▲")
    } else {
        ("ev-side", "•")
    };
    html! { span class={ "chip " (class) } { (symbol) " " (e.name()) } }
}

fn events(c: &Changes) -> Markup {
    html! {
        section #events {
            h2 { "What it did to the negotiation" }
            p.note { "▲ brings the parties nearer to a deal, ▼ takes them further, • neither." }
            @if c.issues.is_empty() {
                p { "No verdict changed." }
            } @else {
                table.plain {
                    thead { tr { th { "issue" } th { "what happened" } th { "before" } th { "after" } th { "because" } } }
                    tbody { @for i in &c.issues { (event_row(i)) } }
                }
            }
        }
    }
}

fn event_row(i: &IssueChange) -> Markup {
    html! {
        tr {
            td { span.id { (Shown(&i.issue)) } br; span.note { (Shown(&i.title)) } }
            td { @for (k, e) in i.events.iter().enumerate() { @if k > 0 { " " } (event_chip(*e)) } }
            td { (Shown(&words::verdict_at(&i.before))) }
            td { (Shown(&words::verdict_at(&i.after))) }
            td { (Shown(&words::causes(i).unwrap_or_else(|| "—".to_owned()))) }
        }
    }
}

fn stance_changes(c: &Changes) -> Markup {
    let open = c.stances.len() <= OPEN;
    html! {
        section #stances {
            h2 { "Every stance change" }
            @if c.stances.is_empty() { p { "None." } }
            @for run in c.stances.chunk_by(|a, b| a.party == b.party) {
                details.issue open[open] {
                    summary { (Shown(&run[0].party)) ": " (run.len()) " " (plural(run.len(), "stance", "stances")) }
                    div {
                        table.stances.changes {
                            thead { tr { th { "issue" } th { "change" } th { "before" } th { "after" } th { "fields changed" } } }
                            tbody {
                                @for s in run {
                                    tr {
                                        td { span.id { (Shown(&s.issue)) } }
                                        td { span class={ "chip lc-" (s.label.name()) } { (s.label.name()) } }
                                        td { (Shown(&words::changed_stance(s, &s.before))) (evidence(&s.before)) }
                                        td { (Shown(&words::changed_stance(s, &s.after))) (evidence(&s.after)) }
                                        td { (Shown(&words::fields_changed(s).unwrap_or_else(|| "—".to_owned()))) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn evidence(st: &Option<StanceReport>) -> Markup {
    html! {
        @if let Some(st) = st {
            @if let Some(q) = &st.quote { blockquote { "“" (Shown(q)) "”" } }
            @if !st.source.is_empty() { p.note { "Source: " (Shown(&st.source.0.join(", "))) } }
        }
    }
}
