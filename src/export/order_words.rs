//! Phases and sequences in words, for the text and Markdown reports alike.

use super::words;
use crate::model::Kind;
use crate::report::{ForwardDependency, IssueReport, OrderBridge, PhaseReport, Report};

/// Steps in order, each disputed one marked: `pilots* → tariffs → cranes*`.
pub fn step_order(order: &[&str], disputed: &[&str]) -> String {
    order
        .iter()
        .map(|s| {
            if disputed.contains(s) {
                format!("{s}*")
            } else {
                (*s).to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" → ")
}

/// What a sequence issue came to, beyond its verdict and zone: one order
/// that keeps the zone; on a conflict, the order once the bridge's drops
/// are made, the disputed steps marked. `None` for any other issue.
pub fn sequence(r: &Report, issue: &IssueReport) -> Option<Vec<String>> {
    if issue.kind != Kind::Sequence {
        return None;
    }
    let mut facts = Vec::new();
    if let Some(Some(order)) = &issue.order {
        facts.push(format!("order: {}", step_order(order, &[])));
    }
    if let Some(order) = r.bridge(&issue.id).and_then(|b| b.order.as_ref())
        && !order.order.is_empty()
    {
        facts.push(format!(
            "order once the bridge's drops are made: {} (* disputed)",
            step_order(&order.order, &order.disputed)
        ));
    }
    Some(facts)
}

/// A sequence bridge in words: `drop east's cranes before pilots`, and
/// whether the search hit its budget.
pub fn order_bridge(b: &OrderBridge) -> String {
    let drops: Vec<String> = b
        .drop
        .iter()
        .map(|d| format!("{}'s {} before {}", d.party, d.before[0], d.before[1]))
        .collect();
    let mut said = format!("drop {}", words::and_list(&drops));
    if !b.exact {
        said.push_str(
            " (the search hit its work budget: a heuristic's drops, perhaps not the fewest)",
        );
    }
    said
}

/// A phase's heading: `first: First 30 days (30 days)`.
pub fn phase_heading(p: &PhaseReport) -> String {
    match p.days {
        Some(1) => format!("{}: {} (1 day)", p.id, p.title),
        Some(days) => format!("{}: {} ({days} days)", p.id, p.title),
        None => format!("{}: {}", p.id, p.title),
    }
}

/// Whether a phase could be agreed now, and if not, what is in the way.
pub fn phase_standing(p: &PhaseReport) -> String {
    if p.issues.is_empty() {
        "no issue in this report".to_owned()
    } else if p.agreed_now {
        "could be agreed now".to_owned()
    } else {
        format!(
            "not yet: {} in the way",
            words::and_list(&p.blocking.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        )
    }
}

/// A forward dependency: `guards (first): east requires customs (second)`.
pub fn forward(r: &Report, f: &ForwardDependency) -> String {
    let phase = |id: &str| {
        r.issue(id)
            .and_then(|i| i.phase)
            .map(|p| format!(" ({p})"))
            .unwrap_or_default()
    };
    format!(
        "{}{}: {} requires {}{}",
        f.issue,
        phase(f.issue),
        f.party,
        f.requires,
        phase(f.requires)
    )
}
