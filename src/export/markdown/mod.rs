//! Markdown for review in a pull request.
//!
//! The report reads top-down from overview to evidence: title, parties,
//! summary and a table of issues by parties; then one section per verdict
//! (conflicts, blocked agreements, overlaps, gaps) where every stance is
//! printed with its strength, basis, source, quote and note, so a reviewer
//! can check each claim beside its evidence; then the pairs, and the
//! sources that every stance links to.
//!
//! All user text goes through `inline`, so a `|`, `*` or line break in a
//! note cannot break a table or turn into formatting that misquotes it.

mod changes;
mod escape;
mod mediation;
mod sections;
mod tables;

use super::Exporter;
use crate::report::{PartyInfo, Report};
use escape::{autolink, heading_text, inline, source_anchor};
use rayon::prelude::*;
use sections::{blocked, conflicts, gaps, overlaps};
use std::io::{self, Write};
use tables::{pairs, parties, summary};

/// The Markdown format.
pub struct Markdown;

/// `items`, each rendered by `render`, written in order: rendered in
/// parallel, `per_task` items to a task and `TASKS` tasks at a time, so
/// that memory holds a bounded batch of the report, never the whole.
fn write_in_order<T: Sync>(
    out: &mut dyn Write,
    items: &[T],
    per_task: usize,
    render: impl Fn(&T, &mut Vec<u8>) -> io::Result<()> + Sync,
) -> io::Result<()> {
    for batch in items.chunks(per_task * TASKS) {
        let parts: Vec<Vec<u8>> = batch
            .par_chunks(per_task)
            .map(|chunk| {
                let mut part = Vec::new();
                for item in chunk {
                    render(item, &mut part)?;
                }
                Ok(part)
            })
            .collect::<io::Result<_>>()?;
        for part in parts {
            out.write_all(&part)?;
        }
    }
    Ok(())
}

/// Tasks in flight: enough to keep many cores busy.
const TASKS: usize = 64;

impl Exporter for Markdown {
    fn render(&self, r: &Report, out: &mut dyn Write) -> io::Result<()> {
        title(r, out)?;
        parties(r, out)?;
        summary(r, out)?;
        conflicts(r, out)?;
        blocked(r, out)?;
        overlaps(r, out)?;
        gaps(r, out)?;
        mediation::render(r, out)?;
        pairs(r, out)?;
        sources(r, out)
    }
}

// Every block after the title starts with a blank line, so blocks never
// run together and the file ends with exactly one newline.

fn title(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# {}", heading_text(&inline(&r.negotiation)))?;
    if let Some(date) = &r.as_of {
        writeln!(out, "\nAs of {}.", inline(date))?;
    }
    Ok(())
}

fn sources(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## Sources")?;
    for party in &r.parties {
        writeln!(
            out,
            "\n### {}: {}",
            inline(&party.id),
            heading_text(&inline(&party.name))
        )?;
        if party.sources.is_empty() {
            writeln!(out, "\nNone.")?;
            continue;
        }
        writeln!(out)?;
        for source in &party.sources {
            writeln!(out, "- {}", source_item(party, source))?;
        }
    }
    Ok(())
}

fn source_item(party: &PartyInfo, s: &crate::model::Source) -> String {
    let date = s
        .date
        .as_deref()
        .map_or_else(|| "no date".to_owned(), inline);
    let mut item = format!(
        "<a name=\"{}\"></a>**{}** ({date}): {}",
        source_anchor(&party.id, &s.id),
        inline(&s.id),
        inline(&s.title)
    );
    if let Some(url) = &s.url {
        item.push(' ');
        item.push_str(&autolink(url));
    }
    item
}
