//! Who stands together: the agreement of every pair as a shaded matrix
//! (inline SVG), the parties of each group side by side and outlined,
//! then each party's closest and furthest partner. Every cell has its
//! numbers in a tooltip; on a small matrix they are written on it too.

use super::style::AGREEMENT;
use super::text::Shown;
use crate::export::words;
use crate::report::Report;
use maud::{Markup, html};

/// Cell sides in pixels, by how many parties there are. Past 60 parties
/// the matrix is kept within about 1,100 pixels, so that at 200 it fits a
/// laptop's page whole, its groups' outlines included.
fn cell_size(n: usize) -> usize {
    match n {
        0..=8 => 56,
        9..=20 => 30,
        21..=60 => 14,
        _ => (1100 / n).clamp(1, 6),
    }
}

/// Up to this many parties the shares are written in the cells, and the
/// parties named on the axes.
const LABELLED: usize = 20;

pub(super) fn section(r: &Report) -> Markup {
    let m = &r.mediation;
    html! {
        section #together {
            h2 { "Who stands together" }
            @if r.parties.len() < 2 {
                p { "One party: nothing to compare." }
            } @else {
                p.note {
                    "The agreement of each pair: overlaps / (overlaps + blocked + conflicts) over the issues "
                    "both address, from white (none) to dark blue (all)."
                    @if m.weighed { " Each issue weighs the mean salience the two give it." }
                    " Groups, where every pair agrees " (words::group_rule(m)) ", are outlined in orange."
                }
                (scale())
                div.heat { (matrix(r)) }
                p {
                    "Groups: "
                    @if m.coalitions.is_empty() { "none." }
                    @for (k, g) in m.coalitions.iter().enumerate() {
                        @if k > 0 { "; " }
                        (Shown(&g.join(", ")))
                    }
                }
                table.plain {
                    thead { tr { th { "party" } th { "closest partner" } th { "furthest partner" } } }
                    tbody {
                        @for (party, p) in &m.partners.0 {
                            tr {
                                td { (Shown(party)) }
                                td { (Shown(&partner_list(&p.closest))) }
                                td { (Shown(&partner_list(&p.furthest))) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The shade of an agreement: tenths, rounded.
fn shade(agreement: f64) -> usize {
    ((agreement * 10.0).round() as usize).min(AGREEMENT.len() - 1)
}

fn scale() -> Markup {
    html! {
        div.scale aria-hidden="true" {
            span.end { "none" }
            @for k in 0..AGREEMENT.len() { span class={ "k" (k) } { (format!("{:.1}", k as f64 / 10.0)) } }
            span.end { "all" }
        }
    }
}

/// The parties in the matrix's order: each group's members together, the
/// groups in the report's order, then everyone else in party order; with
/// the span of each group.
fn order(r: &Report) -> (Vec<usize>, Vec<(usize, usize)>) {
    let place = |id: &str| r.parties.iter().position(|p| p.id == id);
    let mut order = Vec::with_capacity(r.parties.len());
    let mut spans = Vec::new();
    let mut placed = vec![false; r.parties.len()];
    for g in &r.mediation.coalitions {
        let start = order.len();
        for k in g.iter().filter_map(|id| place(id)) {
            if !placed[k] {
                placed[k] = true;
                order.push(k);
            }
        }
        spans.push((start, order.len() - start));
    }
    order.extend((0..r.parties.len()).filter(|&k| !placed[k]));
    (order, spans)
}

fn matrix(r: &Report) -> Markup {
    let n = r.parties.len();
    let cell = cell_size(n);
    let labelled = n <= LABELLED;
    let margin = if labelled { 130 } else { 8 };
    let side = margin + n * cell + 8;
    let (order, spans) = order(r);
    html! {
        svg width=(side) height=(side) viewBox={ "0 0 " (side) " " (side) }
            role="img" aria-label="The agreement of each pair of parties" {
            @if labelled {
                @for (row, &a) in order.iter().enumerate() {
                    text.lbl x=(margin - 6) y=(margin + row * cell + cell / 2 + 4) text-anchor="end" {
                        (Shown(&r.parties[a].id))
                    }
                    text.lbl text-anchor="start"
                        transform={ "translate(" (margin + row * cell + cell / 2 + 4) "," (margin - 6) ") rotate(-60)" } {
                        (Shown(&r.parties[a].id))
                    }
                }
            }
            @for (row, &a) in order.iter().enumerate() {
                @for (col, &b) in order.iter().enumerate() {
                    @let (x, y) = (margin + col * cell, margin + row * cell);
                    @if a == b {
                        rect.diag x=(x) y=(y) width=(cell) height=(cell) {}
                    } @else {
                        @let pair = r.pair(a, b);
                        @let agreement = pair.and_then(|p| p.agreement);
                        rect class=(agreement.map_or_else(|| "none".to_owned(), |v| format!("a{}", shade(v))))
                            x=(x) y=(y) width=(cell) height=(cell) {
                            title {
                                (Shown(&r.parties[a].id)) " ~ " (Shown(&r.parties[b].id)) ": agreement "
                                (words::agreement(agreement))
                                @if let Some(p) = pair {
                                    " (" (p.counts.overlap) " overlap, " (p.counts.blocked) " blocked, "
                                    (p.counts.conflict) " conflict, " (p.counts.gap) " gap)"
                                    @if let Some(w) = p.weight { ", weight " (crate::outcome::Num(w)) }
                                }
                            }
                        }
                        @if let (true, Some(v)) = (labelled, agreement) {
                            text class={ "a" (shade(v)) "t" } x=(x + cell / 2) y=(y + cell / 2 + 4) text-anchor="middle" {
                                (format!("{v:.2}"))
                            }
                        }
                    }
                }
            }
            @for (start, len) in &spans {
                rect.grp x=(margin + start * cell) y=(margin + start * cell) width=(len * cell) height=(len * cell) {}
            }
        }
    }
}

/// Tied partners, in party order; a dash for none.
fn partner_list(partners: &[String]) -> String {
    if partners.is_empty() {
        "—".to_owned()
    } else {
        partners.join(", ")
    }
}
