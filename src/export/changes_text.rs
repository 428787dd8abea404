//! `stance changes` as text for the terminal: a line per stance change,
//! grouped by party, then a line per issue whose verdict moved.

use super::words::{self, Shape};
use super::{ChangesExporter, Text};
use crate::changes::{Changes, IssueChange, Label, StanceChange};
use crate::visible::Escaping;
use anstyle::{AnsiColor, Style};
use std::io::{self, Write};

pub fn marker(label: Label) -> char {
    match label {
        Label::New => '+',
        Label::Withdrawn => '-',
        Label::Hardened => '>',
        Label::Softened => '<',
        Label::Moved => '~',
        Label::Recast => '^',
        Label::Reweighed => '*',
        Label::Clarified => '=',
        Label::Unchanged => ' ',
    }
}

fn color(label: Label) -> Option<AnsiColor> {
    match label {
        Label::New | Label::Softened => Some(AnsiColor::Green),
        Label::Withdrawn | Label::Hardened => Some(AnsiColor::Red),
        Label::Moved | Label::Recast => Some(AnsiColor::Yellow),
        Label::Reweighed | Label::Clarified | Label::Unchanged => None,
    }
}

impl ChangesExporter for Text {
    fn render_changes(&self, c: &Changes, out: &mut dyn Write) -> io::Result<()> {
        let out = &mut Escaping::new(out);
        let bold = Style::new().bold();
        let head = format!("changes: {} -> {}", round(&c.old), round(&c.new));
        self.paint(out, bold, &head)?;
        text_line!(out)?;
        let counts: Vec<String> = c
            .summary
            .labels
            .iter()
            .filter(|(l, n)| **n > 0 && **l != Label::Unchanged)
            .map(|(l, n)| format!("{n} {}", l.name()))
            .collect();
        let unchanged = c
            .summary
            .labels
            .get(&Label::Unchanged)
            .copied()
            .unwrap_or(0);
        text_line!(
            out,
            "stances: {}; {unchanged} unchanged",
            none_if_empty(&counts)
        )?;
        let events = words::event_counts(c);
        text_line!(out, "issues: {}", none_if_empty(&events))?;
        let width = c
            .stances
            .iter()
            .map(|s| words::width(&s.issue))
            .max()
            .unwrap_or(0);
        let mut party = None;
        for s in &c.stances {
            if party != Some(&s.party) {
                text_line!(out)?;
                self.paint(out, bold, &s.party)?;
                text_line!(out)?;
                party = Some(&s.party);
            }
            let head = format!(
                "  {} {}  {:10}",
                marker(s.label),
                words::pad(&s.issue, width),
                s.label.name()
            );
            let style = Style::new().fg_color(color(s.label).map(Into::into));
            self.paint(out, style, &head)?;
            text_line!(out, "{}", stance_line(s))?;
        }
        if !c.issues.is_empty() {
            text_line!(out)?;
            self.paint(out, bold, "what it did to the negotiation")?;
            text_line!(out)?;
            let width = c
                .issues
                .iter()
                .map(|i| words::width(&i.issue))
                .max()
                .unwrap_or(0);
            for i in &c.issues {
                text_line!(out, "  {}  {}", words::pad(&i.issue, width), issue_line(i))?;
            }
        }
        Ok(())
    }
}

fn round(r: &crate::changes::Round) -> String {
    match &r.as_of {
        Some(date) => format!("{} ({date})", r.source),
        None => r.source.clone(),
    }
}

fn none_if_empty(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(", ")
    }
}

/// Before -> after, in a few words, and which fields changed.
fn stance_line(s: &StanceChange) -> String {
    let shape = Shape {
        unit: s.unit.as_deref(),
        options: s.options,
    };
    let say = |st: &Option<crate::report::StanceReport>| match st {
        Some(st) => words::stance(shape, st),
        None => "(silent)".to_owned(),
    };
    let mut line = match s.label {
        Label::Unchanged | Label::Clarified | Label::Recast | Label::Reweighed
            if s.before.is_some() && s.after.is_some() =>
        {
            say(&s.after)
        }
        _ => format!("{} -> {}", say(&s.before), say(&s.after)),
    };
    // A stance that appears or goes changes every field: no list then.
    if let Some(fields) = words::fields_changed(s)
        && !matches!(s.label, Label::New | Label::Withdrawn)
    {
        line.push_str(&format!("  [{fields}]"));
    }
    line
}

fn issue_line(i: &IssueChange) -> String {
    let events = words::events(i);
    let mut line = format!(
        "{}: {} -> {}",
        events,
        words::verdict_at(&i.before),
        words::verdict_at(&i.after)
    );
    if let Some(causes) = words::causes(i) {
        line.push_str(&format!("; because {causes}"));
    }
    line
}
