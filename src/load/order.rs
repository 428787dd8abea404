//! Format 2's order: the agenda's `phases` and an issue's `phase`, a
//! sequence issue's `steps`, and a sequence stance's `order` chains.

use crate::diag::did_you_mean;
use crate::load::check::Checker;
use crate::load::fields;
use crate::load::limits::MAX_OPTIONS;
use crate::load::tree::{Node, Value};
use crate::model::{Choice, Issue, Phase, Position};
use crate::outcome::Constraints;

/// The agenda's `phases`: id → {title, days?}, in the order written.
pub fn read_phases(c: &mut Checker, node: &Node) -> Vec<Phase> {
    let entries = c.entries(node, "`phases`").unwrap_or_default();
    if entries.len() > MAX_OPTIONS {
        c.error(
            node.loc,
            format!(
                "the agenda lists {} phases, over the limit of {MAX_OPTIONS}",
                entries.len()
            ),
            "too many phases",
            None,
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
        c.error(
            node.loc,
            format!(
                "`days` must be a whole number of days from 1 to 1000000, found {}",
                crate::outcome::Num(value)
            ),
            "not a number of days",
            None,
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
            Some(format!(
                "the phases are {}",
                listed(phases.iter().map(|p| p.id.as_str()))
            ))
        })
    };
    c.error(
        node.loc,
        format!("unknown phase `{id}` for {what}"),
        "not under the agenda's `phases`",
        help,
    );
    None
}

/// A sequence issue's `steps`: at least two, id → description.
pub fn read_steps(c: &mut Checker, node: &Node, what: &str) -> Option<Vec<Choice>> {
    let steps = super::agenda::read_options(c, node, what)?;
    if steps.len() < 2 {
        c.error(
            node.loc,
            format!("{what} lists fewer than two steps"),
            "nothing to put in order",
            Some("a sequence orders at least two steps".to_owned()),
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
        c.error(
            node.loc,
            "`order` lists no chain",
            "an empty list",
            Some("write each chain as a list of steps, the first first: `[[a, b]]`".to_owned()),
        );
        return None;
    }
    let mut complete = true;
    let mut chains: Vec<Vec<usize>> = Vec::with_capacity(chains_nodes.len());
    let mut first_at = Vec::new();
    for chain in chains_nodes {
        if !matches!(chain.value, Value::Seq(_)) {
            c.error(
                chain.loc,
                "each chain of `order` must be a list of steps",
                "not a list",
                Some(format!(
                    "write `order: [[{}, ...]]`: a list of chains, each a list of steps",
                    issue.options[0].id
                )),
            );
            complete = false;
            continue;
        }
        let Some(items) = c.list(chain, "a chain of `order`") else {
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
                c.error(
                    item.loc,
                    format!(
                        "step `{}` is listed twice in one chain",
                        issue.options[step].id
                    ),
                    "listed again",
                    Some(
                        "a chain puts each step once; a step cannot come before itself".to_owned(),
                    ),
                );
                complete = false;
                continue;
            }
            steps.push(step);
        }
        if steps.len() < 2 && complete {
            c.error(
                chain.loc,
                "a chain of `order` names fewer than two steps",
                "nothing comes before anything",
                Some("a chain lists at least two steps, the first first".to_owned()),
            );
            complete = false;
        }
        first_at.push(chain.loc);
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
        c.error(
            node.loc,
            format!(
                "the chains of `order` contradict each other: {}",
                names.join(" before ")
            ),
            "a cycle",
            Some(
                "a party's own order cannot put a step before itself; drop or reverse one of these"
                    .to_owned(),
            ),
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
    c.error(
        node.loc,
        format!("unknown step `{id}` for issue `{}`", issue.id),
        "not a step of this issue",
        did_you_mean(&id, issue.options.iter().map(|o| o.id.as_str())).or_else(|| {
            Some(format!(
                "the steps of `{}` are {}",
                issue.id,
                listed(issue.options.iter().take(50).map(|o| o.id.as_str()))
            ))
        }),
    );
    None
}

fn listed<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    ids.map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A sequence stance takes no `requires` and no `alternatives` (Format 2:
/// an order is not conditional).
pub fn no_conditions(c: &mut Checker, fields: &crate::load::check::Fields, issue: &str) {
    for name in ["requires", "alternatives"] {
        if let Some(key) = fields.key(name) {
            c.error(
                key.loc,
                format!("the stance on `{issue}`, a sequence, takes no `{name}`"),
                "not for a sequence",
                Some("an order is not conditional: state the chains the party holds in `order`, and any condition in a `note`".to_owned()),
            );
        }
    }
}

/// No `requires` and no package may name a sequence issue: an order is
/// not an outcome another stance can wait on (Format 2).
pub fn named_in_condition(c: &mut Checker, loc: crate::loc::Loc, what: &str, issue: &str) {
    c.error(
        loc,
        format!("{what} names `{issue}`, a sequence issue"),
        "a sequence cannot be required",
        Some("conditions name issues of options or ranges; say what the order must be in the stance's `order`, or in a `note`".to_owned()),
    );
}
