//! The Markdown of a conference (`export::scale`): what a reviewer can
//! read of 400,000 party-issue cells. The counts; what blocks a deal and
//! the deal, counted by party; the hard conflicts and the blocked issues,
//! each with what holds it; one row per issue counting its cells by mark;
//! who stands together. Every stance with its evidence is in the HTML and
//! the JSON, and the full Markdown of a few parties or issues is a
//! `--parties` or `--issues` away: the digest says so at the top.

use super::escape::inline;
use super::tables::{NONE, Row, counts, left, right, table};
use crate::export::cell::{Mark, Marks};
use crate::export::scale::{self, FULL_CELLS};
use crate::export::words::{self, LIST_HEAD, LIST_WHOLE, NOT_ADVICE};
use crate::report::{Report, Severity};
use rayon::prelude::*;
use std::io::{self, Write};

pub(super) fn render(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "\nA digest: {} parties × {} issues is {} party-issue cells, more than the {} a Markdown \
         review shows in full. Every stance with its evidence is in the HTML report (the same \
         `stance compare` with `-o report.html`) and the JSON (`--format json`); the full Markdown \
         of a few issues or parties is the same command with `--issues ID,...` or `--parties ID,...`.",
        r.parties.len(),
        r.issues.len(),
        scale::cells(r),
        FULL_CELLS,
    )?;
    writeln!(out, "\n## Summary\n\n{}", counts(r))?;
    blocks_and_deal(r, out)?;
    hard_conflicts(r, out)?;
    issues(r, out)?;
    together(r, out)
}

/// The first of `items` as a list, or all of them when there are few.
fn capped_list(items: &[String], out: &mut dyn Write) -> io::Result<()> {
    let shown = if items.len() > LIST_WHOLE {
        LIST_HEAD
    } else {
        items.len()
    };
    writeln!(out)?;
    for item in &items[..shown] {
        writeln!(out, "- {item}")?;
    }
    if items.len() > shown {
        writeln!(
            out,
            "- and {} more, in the HTML and JSON reports",
            items.len() - shown
        )?;
    }
    Ok(())
}

fn blocks_and_deal(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## What blocks a deal")?;
    // Round by round over the blocked issues (`words::varied`): the first
    // lines of a conference's list were all one issue's.
    let chains = words::varied(super::mediation::block_lines(r, |id, b| {
        inline(&format!("{id} ← {}", words::block_chain_counted(b)))
    }));
    if chains.is_empty() {
        writeln!(out, "\nNo agreement is blocked.")?;
    } else {
        capped_list(&chains, out)?;
    }
    let d = &r.mediation.deal;
    if d.changes.is_empty() {
        return writeln!(out, "\nNo conflict or block to clear.");
    }
    let how = if d.exact {
        "the fewest among the bridging proposals"
    } else {
        "a greedy answer, not proven the fewest"
    };
    writeln!(
        out,
        "\nThe deal: {} stance changes, accepting the nearest compromise (or dropping a requirement), \
         would turn every conflict and block into an overlap ({how}). {NOT_ADVICE} What it asks of \
         each party:",
        d.stances
    )?;
    // The changes come in party order: one run per party.
    let rows: Vec<Row> = d
        .changes
        .chunk_by(|a, b| a.party == b.party)
        .map(|run| Row::from(vec![inline(run[0].party), run.len().to_string()]))
        .collect();
    table(out, &[left("party"), right("stances to change")], &rows)
}

/// The conflicts where both parties of a clashing pair hold a red line:
/// the worst items, with the nearest compromise on each.
fn hard_conflicts(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## Hard conflicts")?;
    let hard: Vec<String> = r
        .bridges()
        .filter(|(i, _)| i.severity == Some(Severity::Hard))
        .map(|(issue, bridge)| {
            let mut nearest = bridge
                .proposals
                .first()
                .map_or_else(|| NONE.to_owned(), |p| words::proposal_counted(issue, p));
            if bridge.proposals.len() > 1 {
                nearest.push_str(&format!(" (or {} more, tied)", bridge.proposals.len() - 1));
            }
            format!(
                "{}: {}; {}; nearest compromise: {}",
                inline(&issue.id),
                inline(&issue.title),
                inline(&words::clash_count(&issue.clashes)),
                inline(&nearest),
            )
        })
        .collect();
    if hard.is_empty() {
        return writeln!(out, "\nNone.");
    }
    capped_list(&hard, out)
}

/// One row per issue: its verdict and how many of its cells got each mark.
fn issues(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## Issues")?;
    writeln!(
        out,
        "\nHow many parties' stances come to each mark on each issue: {}.",
        crate::export::cell::legend()
    )?;
    let mut head = vec![left("issue"), left("verdict")];
    head.extend(Mark::ALL.iter().map(|m| right(m.look().symbol)));
    let rows: Vec<Row> = r
        .issues
        .par_iter()
        .map(|issue| {
            let marks = Marks::new(issue, r.parties.len());
            let mut counts = [0usize; Mark::ALL.len()];
            let mut stances = issue.stances.outlines().peekable();
            for (place, p) in r.parties.iter().enumerate() {
                let stance = stances.next_if(|(id, _)| *id == p.id).map(|(_, s)| s);
                let mark = marks.of(place, &p.id, stance.as_ref());
                counts[Mark::ALL.iter().position(|m| *m == mark).unwrap_or(0)] += 1;
            }
            let mut row = vec![inline(&issue.id), words::issue_verdict(issue)];
            row.extend(counts.iter().map(|n| match n {
                0 => NONE.to_owned(),
                n => n.to_string(),
            }));
            Row::from(row)
        })
        .collect();
    table(out, &head, &rows)
}

fn together(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## Who stands together")?;
    super::mediation::groups_and_partners(
        r,
        "(the agreement of every pair is in the HTML report's matrix and the JSON)",
        out,
    )
}
