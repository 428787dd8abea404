//! `stance changes` in Markdown, for the pull request that updates the
//! positions: the summary, a table of stance changes, each change with
//! its evidence before and after, and what it did to each issue.

use super::Markdown;
use super::escape::{code, inline};
use super::tables::{NONE, Row, left, table};
use crate::changes::{Changes, IssueChange, Label, Round, StanceChange};
use crate::export::ChangesExporter;
use crate::export::words;
use crate::report::StanceReport;
use std::io::{self, Write};

impl ChangesExporter for Markdown {
    fn render_changes(&self, c: &Changes, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "# Changes: {}", inline(&c.new.negotiation))?;
        writeln!(out, "\nFrom {} to {}.", round(&c.old), round(&c.new))?;
        summary(c, out)?;
        stance_table(c, out)?;
        evidence(c, out)?;
        issues(c, out)
    }
}

fn round(r: &Round) -> String {
    match &r.as_of {
        Some(date) => format!("{} (as of {date})", code(&r.source)),
        None => code(&r.source),
    }
}

fn summary(c: &Changes, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## Summary\n")?;
    let labels: Vec<String> = words::label_counts(c);
    writeln!(out, "- Stances: {}.", labels.join(", "))?;
    let events = words::event_counts(c);
    let events = if events.is_empty() {
        "no verdict changed".to_owned()
    } else {
        events.join(", ")
    };
    writeln!(out, "- Issues: {events}.")
}

fn stance_table(c: &Changes, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## Stance changes")?;
    if c.stances.is_empty() {
        return writeln!(out, "\nNone.");
    }
    let rows: Vec<Row> = c
        .stances
        .iter()
        .map(|s| {
            Row::from(vec![
                inline(&s.party),
                inline(&s.issue),
                format!("**{}**", s.label.name()),
                inline(&words::changed_stance(s, &s.before)),
                inline(&words::changed_stance(s, &s.after)),
                inline(&words::fields_changed(s).unwrap_or_else(|| NONE.to_owned())),
            ])
        })
        .collect();
    let head = [
        "party",
        "issue",
        "change",
        "before",
        "after",
        "fields changed",
    ]
    .map(left);
    table(out, &head, &rows)
}

/// Each change with what it rests on, before and after, so a reviewer can
/// check the label against the evidence.
fn evidence(c: &Changes, out: &mut dyn Write) -> io::Result<()> {
    let shown: Vec<&StanceChange> = c
        .stances
        .iter()
        .filter(|s| s.label != Label::Unchanged)
        .collect();
    if shown.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n## Evidence")?;
    for s in shown {
        writeln!(
            out,
            "\n### {} on {}: {}\n",
            inline(&s.party),
            inline(&s.issue),
            s.label.name()
        )?;
        for (when, st) in [("before", &s.before), ("after", &s.after)] {
            writeln!(out, "- {when}: {}", inline(&words::changed_stance(s, st)))?;
            if let Some(st) = st {
                writeln!(out, "  - {}", provenance(st))?;
                if let Some(quote) = &st.quote {
                    writeln!(
                        out,
                        "  - quote ({}): \"{}\"",
                        words::quote_check(st.quote_verified),
                        inline(quote)
                    )?;
                }
                if let Some(note) = &st.note {
                    writeln!(out, "  - note: {}", inline(note))?;
                }
            }
        }
    }
    Ok(())
}

fn provenance(st: &StanceReport) -> String {
    let mut parts = Vec::new();
    if let Some(strength) = st.strength {
        parts.push(format!("strength: {}", strength.name()));
    }
    parts.push(format!("basis: {}", st.basis.name()));
    if !st.source.is_empty() {
        parts.push(format!("source: {}", inline(&st.source.0.join(", "))));
    }
    if let Some(date) = &st.as_of {
        parts.push(format!("as of {}", inline(date)));
    }
    if let Some(speaker) = &st.speaker {
        parts.push(format!("speaker: {}", inline(speaker)));
    }
    if !st.requires.is_empty() {
        let reqs: Vec<String> = st
            .requires
            .0
            .iter()
            .map(|(issue, r)| format!("{issue}: {}", words::required(None, r)))
            .collect();
        parts.push(format!("requires: {}", inline(&reqs.join("; "))));
    }
    parts.join("; ")
}

fn issues(c: &Changes, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## What it did to the negotiation")?;
    if c.issues.is_empty() {
        return writeln!(out, "\nNo verdict changed.");
    }
    let rows: Vec<Row> = c.issues.iter().map(issue_row).map(Row::from).collect();
    let head = ["issue", "what happened", "before", "after", "because"].map(left);
    table(out, &head, &rows)
}

fn issue_row(i: &IssueChange) -> Vec<String> {
    let events = words::events(i);
    vec![
        inline(&i.issue),
        events,
        inline(&words::verdict_at(&i.before)),
        inline(&words::verdict_at(&i.after)),
        words::causes(i).map_or_else(|| NONE.to_owned(), |c| inline(&c)),
    ]
}
