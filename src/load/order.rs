//! Format 2's order: the agenda's `phases` and an issue's `phase`, a
//! sequence issue's `steps`, and a sequence stance's `order` chains.

use crate::diag::did_you_mean;
use crate::load::check::Checker;
use crate::load::fields;
use crate::load::limits::MAX_OPTIONS;
use crate::load::message::DiagnosticKind;
use crate::load::tree::{Node, Value};
use crate::model::{Choice, Issue, Phase, Position};
use crate::outcome::Constraints;

/// The agenda's `phases`: id → {title, days?}, in the order written.
pub fn read_phases(c: &mut Checker, node: &Node) -> Vec<Phase> {
    let entries = c.entries(node, "`phases`").unwrap_or_default();
    if entries.len() > MAX_OPTIONS {
        c.report(
            node.loc,
            DiagnosticKind::TooManyPhases {
                count: entries.len(),
            },
        );
        return Vec::new();
    }
    let mut phases = Vec::with_capacity(entries.len());
    for (id, key, value) in entries {
        if c.name(key, "a phase id").is_none() {
            continue;
        }
        let what = format!("phase `{id}`");
        let Some(f) = c.fields(value, &what, fields::PHASE) else {
            continue;
        };
        let title = f.get("title").and_then(|n| c.text(n, "`title`"));
        let days = f.get("days").and_then(|n| days(c, n));
        phases.push(Phase {
            id,
            title: title.unwrap_or_default(),
            days,
        });
    }
    phases
}

/// A phase's `days`: a whole number, at least 1.
fn days(c: &mut Checker, node: &Node) -> Option<u32> {
    let value = c.number(node, "`days`")?;
    if value.fract() != 0.0 || !(1.0..=1e6).contains(&value) {
        c.report(
            node.loc,
            DiagnosticKind::NotDays {
                found: crate::outcome::Num(value).to_string(),
            },
        );
        return None;
    }
    Some(value as u32)
}

/// An issue's `phase`: the place of one of the agenda's phases.
pub fn phase_of(c: &mut Checker, node: &Node, phases: &[Phase], what: &str) -> Option<usize> {
    let id = c.name(node, "`phase`")?;
    if let Some(k) = phases.iter().position(|p| p.id == id) {
        return Some(k);
    }
    let help = if phases.is_empty() {
        Some("the agenda lists no `phases`; add this one under `phases:`".to_owned())
    } else {
        did_you_mean(&id, phases.iter().map(|p| p.id.as_str())).or_else(|| {
            Some(super::stance::ids_listed(
                "the agenda",
                "phases",
                phases.iter().map(|p| p.id.as_str()),
            ))
        })
    };
    c.report(
        node.loc,
        DiagnosticKind::UnknownPhase {
            id,
            what: what.to_owned(),
            help,
        },
    );
    None
}

/// A sequence issue's `steps`: at least two, id → description.
pub fn read_steps(c: &mut Checker, node: &Node, what: &str) -> Option<Vec<Choice>> {
    let steps = super::agenda::read_options(c, node, what)?;
    if steps.len() < 2 {
        c.report(
            node.loc,
            DiagnosticKind::TooFewSteps {
                what: what.to_owned(),
            },
        );
        return None;
    }
    Some(steps)
}

/// A sequence stance's `order`: chains of at least two distinct steps of
/// `issue`, each step before the next; the party's own constraints hold
/// no cycle.
pub fn read_order(c: &mut Checker, issue: &Issue, node: &Node) -> Option<Position> {
    let chains_nodes = c.list(node, "`order`")?;
    if chains_nodes.is_empty() {
        c.report(node.loc, DiagnosticKind::NoChain);
        return None;
    }
    let mut complete = true;
    let mut chains: Vec<Vec<usize>> = Vec::with_capacity(chains_nodes.len());
    for chain in chains_nodes {
        let Value::Seq(items) = &chain.value else {
            c.report(
                chain.loc,
                DiagnosticKind::ChainNotAList {
                    first_step: issue.options[0].id.clone(),
                },
            );
            complete = false;
            continue;
        };
        let mut steps = Vec::with_capacity(items.len());
        for item in items {
            let Some(step) = step_of(c, issue, item) else {
                complete = false;
                continue;
            };
            if steps.contains(&step) {
                c.report(
                    item.loc,
                    DiagnosticKind::StepTwiceInChain {
                        step: issue.options[step].id.clone(),
                    },
                );
                complete = false;
                continue;
            }
            steps.push(step);
        }
        if steps.len() < 2 && complete {
            c.report(chain.loc, DiagnosticKind::ChainTooShort);
            complete = false;
        }
        chains.push(steps);
    }
    if !complete {
        return None;
    }
    let before = Constraints::new(
        issue.options.len(),
        chains
            .iter()
            .flat_map(|chain| chain.windows(2).map(|w| (w[0], w[1]))),
    );
    if let Some(cycle) = before.cycle() {
        let names: Vec<String> = cycle
            .iter()
            .chain(cycle.first())
            .map(|&s| format!("`{}`", issue.options[s].id))
            .collect();
        c.report(
            node.loc,
            DiagnosticKind::OrderCycle {
                cycle: names.join(" before "),
            },
        );
        return None;
    }
    Some(Position::Order { chains, before })
}

/// One step id of a sequence issue.
fn step_of(c: &mut Checker, issue: &Issue, node: &Node) -> Option<usize> {
    let id = c.name(node, "a step id")?;
    if let Some(k) = issue.option_index(&id) {
        return Some(k);
    }
    let help = did_you_mean(&id, issue.options.iter().map(|o| o.id.as_str()))
        .or_else(|| Some(super::stance::options_of(issue)));
    c.report(
        node.loc,
        DiagnosticKind::UnknownStep {
            id,
            issue: issue.id.clone(),
            help,
        },
    );
    None
}

/// A sequence stance takes no `requires` and no `alternatives` (Format 2:
/// an order is not conditional).
pub fn no_conditions(c: &mut Checker, fields: &crate::load::check::Fields, issue: &str) {
    for name in ["requires", "alternatives"] {
        if let Some(key) = fields.key(name) {
            c.report(
                key.loc,
                DiagnosticKind::SequenceTakesNoConditions {
                    issue: issue.to_owned(),
                    field: name,
                },
            );
        }
    }
}

/// No `requires` and no package may name a sequence issue: an order is
/// not an outcome another stance can wait on (Format 2).
pub fn named_in_condition(c: &mut Checker, loc: crate::loc::Loc, what: &str, issue: &str) {
    c.report(
        loc,
        DiagnosticKind::SequenceRequired {
            what: what.to_owned(),
            issue: issue.to_owned(),
        },
    );
}
