//! The overview tables: parties, the summary of issues by parties, and
//! the pairs. They are padded so the file also reads as plain text.

use super::escape::inline;
use super::sections::verdict_name;
use crate::export::words;
use crate::report::{PairReport, Report, Verdict};
use rayon::prelude::*;
use std::io::{self, Write};

pub(super) fn parties(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## Parties")?;
    let rows = r
        .parties
        .iter()
        .map(|p| {
            vec![
                inline(&p.id),
                inline(&p.name),
                p.as_of.as_deref().map_or_else(|| NONE.to_owned(), inline),
            ]
        })
        .collect::<Vec<_>>();
    table(out, &[left("party"), left("name"), left("as of")], &rows)
}

pub(super) fn summary(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    let s = &r.summary;
    writeln!(out, "\n## Summary")?;
    writeln!(
        out,
        "\n{} {} among {} {}: {} overlap, {} blocked, {} conflict, {} gap.",
        r.issues.len(),
        plural(r.issues.len(), "issue", "issues"),
        r.parties.len(),
        plural(r.parties.len(), "party", "parties"),
        s.overlap,
        s.blocked,
        s.conflict,
        s.gap,
    )?;
    let mut head = vec![left("issue"), left("verdict")];
    head.extend(r.parties.iter().map(|p| left(&inline(&p.id))));
    let rows = r
        .issues
        .par_iter()
        .map(|issue| {
            let mut row = vec![inline(&issue.id), verdict_name(issue)];
            // Stances come in party order: one walk along both.
            let mut stances = issue.stances.iter().peekable();
            for p in &r.parties {
                row.push(match stances.next_if(|(id, _)| *id == p.id) {
                    Some((_, s)) => inline(&words::stance(words::Shape::of(issue), &s)),
                    None => NONE.to_owned(),
                });
            }
            row
        })
        .collect::<Vec<_>>();
    table(out, &head, &rows)?;
    writeln!(
        out,
        "\n{NONE} is silent, no stance at all; (undecided), (ambiguous) and \
         (not-applicable) spoke to the issue without taking a position; \
         (first) marks a first choice."
    )
}

pub(super) fn pairs(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## Pairs")?;
    if r.pairs.is_empty() {
        return writeln!(out, "\nNone.");
    }
    let rows = r.pairs.iter().map(pair_row).collect::<Vec<_>>();
    let mut head = vec![
        left("parties"),
        right("overlap"),
        right("blocked"),
        right("conflict"),
        right("gap"),
        right("agreement"),
    ];
    // Counts only when the comparison was asked for no more.
    if r.pairs.iter().any(|p| p.issues.is_some()) {
        head.extend([left("conflict on"), left("blocked on")]);
    }
    table(out, &head, &rows)
}

fn pair_row(p: &PairReport) -> Vec<String> {
    let ids = |verdict: Verdict, total: usize| {
        if total == 0 {
            NONE.to_owned()
        } else {
            words::capped(p.with(verdict).map(inline), total, ", ")
        }
    };
    let c = &p.counts;
    let mut row = vec![
        format!("{} ~ {}", inline(&p.parties[0]), inline(&p.parties[1])),
        c.overlap.to_string(),
        c.blocked.to_string(),
        c.conflict.to_string(),
        c.gap.to_string(),
        words::agreement(p.agreement),
    ];
    if p.issues.is_some() {
        row.push(ids(Verdict::Conflict, c.conflict));
        row.push(ids(Verdict::Blocked, c.blocked));
    }
    row
}

/// What a table or list shows for "nothing here".
pub(super) const NONE: &str = "—";

pub(super) fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

pub(super) struct Column {
    name: String,
    right: bool,
}

pub(super) fn left(name: &str) -> Column {
    Column {
        name: name.to_owned(),
        right: false,
    }
}

pub(super) fn right(name: &str) -> Column {
    Column {
        name: name.to_owned(),
        right: true,
    }
}

/// A table padded to its widest cells, so that it also reads as plain text.
/// Cells must already be inline Markdown (escaped, on one line).
pub(super) fn table(out: &mut dyn Write, head: &[Column], rows: &[Vec<String>]) -> io::Result<()> {
    let widths: Vec<usize> = head
        .iter()
        .enumerate()
        .map(|(c, col)| {
            rows.iter()
                .map(|row| width(&row[c]))
                .chain([width(&col.name), 3])
                .max()
                .unwrap_or(3)
        })
        .collect();
    // Written cell by cell: the summary of a conference is 400,000 cells.
    let line = |out: &mut dyn Write, cells: &mut dyn Iterator<Item = (usize, &str)>| {
        out.write_all(b"|")?;
        for (c, text) in cells {
            let fill = widths[c] - width(text);
            if head[c].right {
                write!(out, " {:fill$}{text} |", "")?;
            } else {
                write!(out, " {text}{:fill$} |", "")?;
            }
        }
        out.write_all(b"\n")
    };
    writeln!(out)?;
    line(
        out,
        &mut head.iter().map(|col| col.name.as_str()).enumerate(),
    )?;
    let rule: Vec<String> = head
        .iter()
        .zip(&widths)
        .map(|(col, &w)| {
            if col.right {
                format!("{}:", "-".repeat(w - 1))
            } else {
                "-".repeat(w)
            }
        })
        .collect();
    line(out, &mut rule.iter().map(String::as_str).enumerate())?;
    for row in rows {
        line(out, &mut row.iter().map(String::as_str).enumerate())?;
    }
    Ok(())
}

fn width(text: &str) -> usize {
    text.chars().count()
}
