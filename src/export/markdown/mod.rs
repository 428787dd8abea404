//! Markdown for review in a pull request.
//!
//! The report reads top-down from overview to evidence, in the order a
//! mediator asks: the title, then the summary (the counts, and a table of
//! issues by parties whose every cell is marked with what it comes to:
//! ✔ in the zone, ✖ clashing, ⊘ a red line ...), then what blocks a deal
//! and the deal, the nearest compromises and the view from one seat; then
//! the detail: one section per verdict (conflicts, blocked agreements,
//! overlaps, gaps) where every stance is printed with its strength,
//! basis, source, quote and note, so a reviewer can check each claim
//! beside its evidence; then who stands together, the pairs, the parties
//! and the sources that every stance links to.
//!
//! At conference scale (`export::scale`) the Markdown is a digest
//! instead (`digest.rs`): counts, the worst items, and where to find the
//! rest.
//!
//! All user text goes through `inline`, so a `|`, `*` or line break in a
//! note cannot break a table or turn into formatting that misquotes it.

mod changes;
mod digest;
mod escape;
mod mediation;
mod phases;
mod sections;
mod tables;

use super::{Exporter, scale};
use crate::export::anchor::source_anchor;
use crate::report::{PartyInfo, Report};
use escape::{autolink, heading_text, inline};
use sections::{blocked, conflicts, gaps, overlaps};
use std::io::{self, Write};
use tables::{pairs, parties, summary};

/// The Markdown format.
pub struct Markdown;

impl Exporter for Markdown {
    fn render(&self, r: &Report, out: &mut dyn Write) -> io::Result<()> {
        title(r, out)?;
        if scale::is_conference(r) {
            return digest::render(r, out);
        }
        summary(r, out)?;
        phases::phases(r, out)?;
        mediation::deal(r, out)?;
        mediation::compromises(r, out)?;
        mediation::focus(r, out)?;
        conflicts(r, out)?;
        blocked(r, out)?;
        overlaps(r, out)?;
        gaps(r, out)?;
        mediation::together(r, out)?;
        pairs(r, out)?;
        parties(r, out)?;
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
