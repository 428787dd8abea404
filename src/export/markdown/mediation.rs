//! The mediator's sections: nearest compromises, what blocks a deal, who
//! stands together, and the view from one party's seat.

use super::escape::{inline, issue_link};
use super::tables::{NONE, Row, left, right, table};
use crate::export::words::{self, NOT_ADVICE};
use crate::outcome::Interval;
use crate::report::{Block, Report, Verdict};
use std::io::{self, Write};

pub(super) fn compromises(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## Nearest compromises")?;
    writeln!(
        out,
        "\n{NOT_ADVICE} For each conflict: on a scale, the option(s) reached in the fewest steps in all; \
         on a range, the midpoint of the gap between the closest ends; on a choice or yes-no, the \
         option(s) the most parties already accept; on a sequence, the fewest \
         \"before\" constraints to drop to leave no cycle. Ties are all listed."
    )?;
    let mut rows = Vec::new();
    for (issue, bridge) in r.bridges() {
        if let Some(order) = &bridge.order {
            rows.push(Row::from(vec![
                issue_link(&issue.id),
                inline(&crate::export::order_words::order_bridge(order)),
                NONE.to_owned(),
                NONE.to_owned(),
            ]));
        }
        for p in &bridge.proposals {
            let gap = bridge.distance.map_or_else(
                || NONE.to_owned(),
                |d| words::bounds(&Interval::point(d.0), issue.unit.as_deref()),
            );
            let red = if p.crosses_red_line.is_empty() {
                NONE.to_owned()
            } else {
                p.crosses_red_line.join(", ")
            };
            rows.push(Row::from(vec![
                issue_link(&issue.id),
                inline(&words::proposal(r, issue, p)),
                inline(&red),
                inline(&gap),
            ]));
        }
    }
    if rows.is_empty() {
        return writeln!(out, "\nNone: there is no conflict.");
    }
    table(
        out,
        &[
            left("issue"),
            left("proposal: who would move"),
            left("crosses a red line"),
            left("gap"),
        ],
        &rows,
    )
}

/// One line per requirement that blocks an issue, a list per blocked
/// issue in agenda order: the full report and the digest word the chain
/// each its own way, and the digest orders them round by round
/// (`words::varied`).
pub(super) fn block_lines(r: &Report, line: impl Fn(&str, &Block) -> String) -> Vec<Vec<String>> {
    r.issues
        .iter()
        .filter(|i| i.verdict == Verdict::Blocked)
        .map(|i| i.blocked_by.iter().map(|b| line(&i.id, b)).collect())
        .collect()
}

pub(super) fn deal(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## What blocks a deal")?;
    let chains = block_lines(r, |id, b| {
        format!("{} ← {}", issue_link(id), inline(&words::block_chain(b)))
    })
    .concat();
    if chains.is_empty() {
        writeln!(out, "\nNo agreement is blocked.")?;
    } else {
        writeln!(out)?;
        for chain in chains {
            writeln!(out, "- {chain}")?;
        }
    }
    let d = &r.mediation.deal;
    if d.changes.is_empty() {
        return writeln!(out, "\nNo conflict or block to clear.");
    }
    let how = if d.exact {
        "the fewest among the bridging proposals: every combination was tried".to_owned()
    } else if d.cut_short {
        format!(
            "the fewest found before the search was cut short: it tried {} combinations before its work budget ran out, so this is not proven the fewest",
            d.tried
        )
    } else {
        "a greedy answer, issue by issue, as the agenda is too large to try every combination: not proven the fewest".to_owned()
    };
    // With salience given, the deal makes the salience it changes least.
    let weighed = if r.mediation.weighed {
        format!(" (salience {} in all)", d.salience)
    } else {
        String::new()
    };
    writeln!(
        out,
        "\nIf {}{weighed} changed, accepting the nearest compromise (or dropping a requirement), every conflict and block in this report would become an overlap ({how}). {NOT_ADVICE}\n",
        if d.stances == 1 {
            "this one stance".to_owned()
        } else {
            format!("these {} stances", d.stances)
        }
    )?;
    let mut party = None;
    for change in &d.changes {
        if party != Some(&change.party) {
            writeln!(out, "- **{}**:", inline(change.party))?;
            party = Some(&change.party);
        }
        writeln!(out, "  - {}", inline(&words::deal_change(change)))?;
    }
    Ok(())
}

pub(super) fn together(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## Who stands together")?;
    if r.parties.len() < 2 {
        return writeln!(out, "\nOne party: nothing to compare.");
    }
    writeln!(
        out,
        "\nAgreement of each pair: overlaps / (overlaps + blocked + conflicts) over the issues both address \
         (counts in the Pairs table); {NONE} where they compare on nothing.{}",
        if r.mediation.weighed {
            " Each issue weighs the mean salience the two give it; in brackets, the pair's weight in all."
        } else {
            ""
        }
    )?;
    let mut head = vec![left("")];
    head.extend(r.parties.iter().map(|p| right(&inline(&p.id))));
    let rows: Vec<Row> = r
        .parties
        .iter()
        .enumerate()
        .map(|(k, a)| {
            let mut row = vec![inline(&a.id)];
            row.extend((0..r.parties.len()).map(|l| {
                if k == l {
                    NONE.to_owned()
                } else {
                    words::agreement_weighed(r.pair(k, l))
                }
            }));
            Row::from(row)
        })
        .collect();
    table(out, &head, &rows)?;
    groups_and_partners(
        r,
        "(built by complete linkage, the closest groups first)",
        out,
    )
}

/// The groups in a sentence (`how` says how they were built, or where
/// more is), then each party's closest and furthest partner.
pub(super) fn groups_and_partners(r: &Report, how: &str, out: &mut dyn Write) -> io::Result<()> {
    let groups: Vec<String> = r
        .mediation
        .coalitions
        .iter()
        .map(|g| g.iter().map(|p| inline(p)).collect::<Vec<_>>().join(", "))
        .collect();
    writeln!(
        out,
        "\nGroups, where every pair agrees {} {how}: {}.",
        words::group_rule(&r.mediation),
        if groups.is_empty() {
            "none".to_owned()
        } else {
            groups.join("; ")
        }
    )?;
    let rows: Vec<Row> = r
        .mediation
        .partners
        .0
        .iter()
        .map(|(party, p)| {
            let name = |n: &[String]| {
                if n.is_empty() {
                    NONE.to_owned()
                } else {
                    n.iter().map(|p| inline(p)).collect::<Vec<_>>().join(", ")
                }
            };
            Row::from(vec![inline(party), name(&p.closest), name(&p.furthest)])
        })
        .collect();
    table(
        out,
        &[
            left("party"),
            left("closest partner"),
            left("furthest partner"),
        ],
        &rows,
    )
}

pub(super) fn focus(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    let Some(f) = &r.mediation.focus else {
        return Ok(());
    };
    writeln!(out, "\n## From {}'s seat\n", inline(&f.party))?;
    let list = |items: &[String]| {
        if items.is_empty() {
            "none".to_owned()
        } else {
            items
                .iter()
                .map(|i| inline(i))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    writeln!(
        out,
        "- Stands alone (a conflict that would not be one without it) on: {}.",
        list(&f.alone)
    )?;
    writeln!(
        out,
        "- Partners (agreement above {}): {}.",
        r.mediation.coalition_threshold,
        list(&f.partners)
    )?;
    for rj in &f.rejected {
        let wants = words::outcomes(&rj.wants, None, ", ");
        writeln!(
            out,
            "- Its partner **{}** accepts {} on {}; {} accepts none of that.",
            inline(&rj.partner),
            inline(&wants),
            issue_link(&rj.issue),
            inline(&f.party)
        )?;
    }
    if f.moves.is_empty() {
        writeln!(out, "- Cheapest moves: {}.", words::NO_MOVE)?;
    }
    for m in &f.moves {
        let red = if m.red_line {
            ", across its red line"
        } else {
            ""
        };
        writeln!(
            out,
            "- Move on {} to {} (move {}{red}). {NOT_ADVICE}",
            issue_link(&m.issue),
            inline(&words::required(None, &m.to)),
            m.amount
        )?;
    }
    for o in &f.offers {
        let Some(issue) = r.issue(&o.issue) else {
            continue;
        };
        let own = match o.within {
            Some(true) => "; it could accept that itself",
            Some(false) => "; it could not accept that itself",
            None => "",
        };
        writeln!(
            out,
            "- Can offer on {} (it does not decide it): {} ({}){own}.",
            issue_link(&o.issue),
            inline(&words::required(issue.unit.as_deref(), &o.to)),
            inline(&words::asks(issue, &o.asks))
        )?;
    }
    Ok(())
}
