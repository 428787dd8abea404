//! The overview tables: parties, the summary of issues by parties, and
//! the pairs. They are padded so the file also reads as plain text.

use super::escape::{inline, issue_link};
use super::sections::verdict_name;
use crate::export::cell::{self, Marks};
use crate::export::words;
use crate::export::write_in_order;
use crate::report::{PairReport, Report, Verdict};
use rayon::prelude::*;
use std::io::{self, Write};

pub(super) fn parties(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## Parties")?;
    // Roles shown once some party is not a principal.
    let roles = crate::export::roles::any_role(r);
    let rows = r
        .parties
        .iter()
        .map(|p| {
            let mut row = vec![inline(&p.id), inline(&p.name)];
            if roles {
                row.push(p.role.name().to_owned());
            }
            row.push(p.as_of.as_deref().map_or_else(|| NONE.to_owned(), inline));
            Row::from(row)
        })
        .collect::<Vec<_>>();
    let head = if roles {
        vec![left("party"), left("name"), left("role"), left("as of")]
    } else {
        vec![left("party"), left("name"), left("as of")]
    };
    table(out, &head, &rows)?;
    // The conditions a party sets on all its stances, or on several
    // together: each package shown as one unit.
    let conditional: Vec<_> = r
        .parties
        .iter()
        .filter(|p| !p.requires.is_empty() || !p.packages.is_empty())
        .collect();
    if conditional.is_empty() {
        return Ok(());
    }
    writeln!(out, "\nConditions a party sets beyond single stances:\n")?;
    for p in conditional {
        if !p.requires.is_empty() {
            writeln!(
                out,
                "- **{}** requires, for every stance but one on the issue named: {}",
                inline(&p.id),
                super::sections::requirements(r, &p.requires)
            )?;
        }
        for (id, issues) in &p.packages.0 {
            let issues: Vec<String> = issues.iter().map(|i| inline(i)).collect();
            writeln!(
                out,
                "- **{}**, package {}: {}, accepted only together",
                inline(&p.id),
                inline(id),
                words::and_list(&issues)
            )?;
        }
    }
    Ok(())
}

/// The counts, then one row per issue: its verdict, and each party's
/// stance marked with what it comes to (`cell::Mark`), so that a diff
/// shows a cell turning from ✖ to ✔.
pub(super) fn summary(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## Summary")?;
    writeln!(out, "\n{}", counts(r))?;
    if let Some(who) = crate::export::roles::default_deciders(r) {
        writeln!(out, "\nDecided by {}.", inline(&who))?;
    }
    let phased = !r.phases.is_empty();
    let mut head = vec![left("issue"), left("verdict")];
    if phased {
        head.insert(1, left("phase"));
    }
    head.extend(r.parties.iter().map(|p| left(&inline(&p.id))));
    let rows = r
        .issues
        .par_iter()
        .map(|issue| {
            let mut row = vec![issue_link(&issue.id), verdict_name(issue)];
            if phased {
                row.insert(1, issue.phase.map_or_else(|| NONE.to_owned(), inline));
            }
            let marks = Marks::new(issue, r.parties.len());
            // Stances come in party order: one walk along both.
            let mut stances = issue.stances.outlines().peekable();
            for (place, p) in r.parties.iter().enumerate() {
                let stance = stances.next_if(|(id, _)| *id == p.id).map(|(_, s)| s);
                let symbol = marks.of(place, &p.id, stance.as_ref()).look().symbol;
                row.push(match stance {
                    Some(s) => format!(
                        "{symbol} {}",
                        inline(&words::stance(words::Shape::of(issue), &s))
                    ),
                    None => symbol.to_owned(),
                });
            }
            Row::from(row)
        })
        .collect::<Vec<_>>();
    table(out, &head, &rows)?;
    writeln!(out, "\n{}; (first) marks a first choice.", cell::legend())
}

/// `14 issues among 4 parties: 3 overlap, 1 blocked, 3 conflict, 7 gap.`
pub(super) fn counts(r: &Report) -> String {
    let s = &r.summary;
    format!(
        "{} {} among {} {}: {} overlap, {} blocked, {} conflict, {} gap.",
        r.issues.len(),
        plural(r.issues.len(), "issue", "issues"),
        r.parties.len(),
        plural(r.parties.len(), "party", "parties"),
        s.overlap,
        s.blocked,
        s.conflict,
        s.gap,
    )
}

pub(super) fn pairs(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## Pairs")?;
    if r.pairs.is_empty() {
        return writeln!(out, "\nNone.");
    }
    let rows = r.pairs.par_iter().map(pair_row).collect::<Vec<_>>();
    let mut head = vec![
        left("parties"),
        right("overlap"),
        right("blocked"),
        right("conflict"),
        right("gap"),
        right("agreement"),
    ];
    // With salience given: what each pair's comparison weighs.
    if r.pairs.iter().any(|p| p.weight.is_some()) {
        head.push(right("weight"));
    }
    // Counts only when the comparison was asked for no more.
    if r.pairs.iter().any(|p| p.issues.is_some()) {
        head.extend([left("conflict on"), left("blocked on")]);
    }
    table(out, &head, &rows)
}

fn pair_row(p: &PairReport) -> Row {
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
    if let Some(w) = p.weight {
        row.push(crate::outcome::Num(w).to_string());
    }
    if p.issues.is_some() {
        row.push(ids(Verdict::Conflict, c.conflict));
        row.push(ids(Verdict::Blocked, c.blocked));
    }
    Row::from(row)
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

/// One row of a table: its cells' text end to end, and where each cell
/// ends and how wide it is. A conference's summary has 400,000 cells; one
/// string per row, not per cell, keeps it to a few megabytes.
pub(super) struct Row {
    text: String,
    /// Each cell's end in `text`, and its width in columns.
    cells: Vec<(u32, u32)>,
}

impl Row {
    fn cells(&self) -> impl Iterator<Item = (&str, usize)> {
        let starts = std::iter::once(0).chain(self.cells.iter().map(|&(end, _)| end));
        starts.zip(&self.cells).map(|(start, &(end, width))| {
            (&self.text[start as usize..end as usize], width as usize)
        })
    }
}

/// Cells must already be inline Markdown (escaped, on one line).
impl From<Vec<String>> for Row {
    fn from(cells: Vec<String>) -> Row {
        let mut row = Row {
            text: String::with_capacity(cells.iter().map(String::len).sum()),
            cells: Vec::with_capacity(cells.len()),
        };
        for cell in &cells {
            row.text.push_str(cell);
            // A cell, like the whole report, is far below 4 GB.
            row.cells.push((row.text.len() as u32, width(cell) as u32));
        }
        row
    }
}

/// A table padded to its widest cells, so that it also reads as plain text.
/// Rows are written out in parallel (`write_in_order`).
pub(super) fn table(out: &mut dyn Write, head: &[Column], rows: &[Row]) -> io::Result<()> {
    let mut widths: Vec<usize> = head.iter().map(|col| width(&col.name).max(3)).collect();
    for row in rows {
        for (w, &(_, cell)) in widths.iter_mut().zip(&row.cells) {
            *w = (*w).max(cell as usize);
        }
    }
    let line = |buf: &mut Vec<u8>, cells: &mut dyn Iterator<Item = (&str, usize)>| {
        buf.push(b'|');
        for (c, (text, width)) in cells.enumerate() {
            let fill = widths[c] - width;
            buf.push(b' ');
            if head[c].right {
                buf.resize(buf.len() + fill, b' ');
                buf.extend_from_slice(text.as_bytes());
            } else {
                buf.extend_from_slice(text.as_bytes());
                buf.resize(buf.len() + fill, b' ');
            }
            buf.extend_from_slice(b" |");
        }
        buf.push(b'\n');
    };
    let mut top = b"\n".to_vec();
    line(
        &mut top,
        &mut head.iter().map(|col| (col.name.as_str(), width(&col.name))),
    );
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
    line(&mut top, &mut rule.iter().map(|r| (r.as_str(), r.len())));
    out.write_all(&top)?;
    // A row is small: a few to a task.
    write_in_order(out, rows, 4, |row, buf| {
        line(buf, &mut row.cells());
        Ok(())
    })
}

/// Columns on a terminal, so that CJK and emoji cells line up too.
fn width(text: &str) -> usize {
    words::width(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cell wider than 65,535 characters, as the causes of an issue in
    /// `stance changes` between two unrelated conferences: padding it
    /// through a format width panicked ("Formatting argument out of range").
    #[test]
    fn a_cell_wider_than_a_format_width_is_padded() {
        let wide = "x".repeat(70_000);
        let rows = [
            Row::from(vec![wide.clone(), "a".to_owned()]),
            Row::from(vec!["y".to_owned(), "b".to_owned()]),
        ];
        let mut out = Vec::new();
        table(&mut out, &[left("one"), right("two")], &rows).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[3], format!("| {wide} |   a |"));
        assert_eq!(lines[4], format!("| y{} |   b |", " ".repeat(69_999)));
    }
}
