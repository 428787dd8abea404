//! Text for the terminal: a line per issue, marked like a diff.
//!
//! `+` overlap, `!` blocked, `-` conflict, `?` gap; colour only when asked
//! (the CLI asks when stdout is a terminal that takes colour and
//! `NO_COLOR` is unset, or with `--color always`).

use super::{Exporter, order_words, words};
use crate::report::{IssueReport, Report, Verdict};
use crate::visible::Escaping;
use anstyle::{AnsiColor, Style};
use std::io::{self, Write};

/// The text format.
pub struct Text {
    /// Whether to colour the verdicts (ANSI escapes).
    pub color: bool,
}

fn style(verdict: Verdict) -> Style {
    let color = match verdict {
        Verdict::Overlap => AnsiColor::Green,
        Verdict::Blocked => AnsiColor::Yellow,
        Verdict::Conflict => AnsiColor::Red,
        Verdict::Gap => AnsiColor::Cyan,
    };
    Style::new().fg_color(Some(color.into()))
}

pub fn marker(verdict: Verdict) -> char {
    match verdict {
        Verdict::Overlap => '+',
        Verdict::Blocked => '!',
        Verdict::Conflict => '-',
        Verdict::Gap => '?',
    }
}

impl Text {
    /// `text` in `style` when colour is on. Everything a text report says
    /// goes through `Escaping` (a title or a unit may hold a terminal's
    /// escape sequences): only the style's own escapes pass raw.
    pub(super) fn paint(&self, out: &mut Escaping, style: Style, text: &str) -> io::Result<()> {
        if self.color {
            out.raw(style.render().to_string().as_bytes())?;
        }
        out.write_all(text.as_bytes())?;
        if self.color {
            out.raw(style.render_reset().to_string().as_bytes())?;
        }
        Ok(())
    }
}

impl Exporter for Text {
    fn render(&self, r: &Report, out: &mut dyn Write) -> io::Result<()> {
        let out = &mut Escaping::new(out);
        let bold = Style::new().bold();
        let title = match &r.as_of {
            Some(date) => format!("{} (as of {date})", r.negotiation),
            None => r.negotiation.clone(),
        };
        self.paint(out, bold, &title)?;
        text_line!(out)?;
        let ids: Vec<String> = r.parties.iter().map(super::roles::party).collect();
        text_line!(out, "parties: {}", ids.join(", "))?;
        if let Some(who) = super::roles::default_deciders(r) {
            text_line!(out, "decided by: {who}")?;
        }
        // The conditions a party sets beyond single stances; a package as
        // one unit.
        for p in &r.parties {
            if !p.requires.is_empty() {
                text_line!(
                    out,
                    "  {} requires, for every stance: {}",
                    p.id,
                    words::requirements(&p.requires, |id| words::unit_of(r, id))
                )?;
            }
            for (id, issues) in &p.packages.0 {
                text_line!(
                    out,
                    "  {}'s package {id}: {}, accepted only together",
                    p.id,
                    words::and_list(&issues.iter().map(|i| i.to_string()).collect::<Vec<_>>())
                )?;
            }
        }
        let s = &r.summary;
        text_line!(
            out,
            "{} overlap, {} blocked, {} conflict, {} gap",
            s.overlap,
            s.blocked,
            s.conflict,
            s.gap
        )?;
        if let Some(quotes) = words::quote_counts(r.quotes()) {
            text_line!(out, "{quotes}")?;
        }
        text_line!(out)?;
        let width = r
            .issues
            .iter()
            .map(|i| words::width(&i.id))
            .max()
            .unwrap_or(0);
        // Verdicts in a column two wider than the longest: 17 but for a
        // contingent overlap.
        let verdicts: Vec<String> = r.issues.iter().map(words::issue_verdict).collect();
        let column = verdicts
            .iter()
            .map(|v| words::width(v))
            .max()
            .unwrap_or(0)
            .max(15)
            + 2;
        // Issues come by phase (`Scope`): a heading where a phase begins.
        let mut phase = None;
        for (issue, verdict) in r.issues.iter().zip(&verdicts) {
            if !r.phases.is_empty() && phase != Some(issue.phase) {
                phase_line(self, r, issue.phase, out)?;
                phase = Some(issue.phase);
            }
            let head = format!(
                "{} {}  {}",
                marker(issue.verdict),
                words::pad(&issue.id, width),
                words::pad(verdict, column)
            );
            self.paint(out, style(issue.verdict), &head)?;
            text_line!(out, "{}", detail(r, issue))?;
        }
        if !r.forward_dependencies.is_empty() {
            text_line!(out)?;
            self.paint(out, bold, "forward dependencies")?;
            text_line!(
                out,
                " (an earlier phase's stance requires a later phase's issue)"
            )?;
            for f in &r.forward_dependencies {
                text_line!(out, "  {}", order_words::forward(r, f))?;
            }
        }
        if !r.pairs.is_empty() {
            text_line!(out)?;
            self.paint(out, bold, "pairs: overlap / blocked / conflict / gap")?;
            text_line!(out)?;
            let width = r
                .pairs
                .iter()
                .map(|p| words::width(&p.parties[0]) + words::width(&p.parties[1]) + 3)
                .max()
                .unwrap_or(0);
            for p in &r.pairs {
                let name = format!("{} ~ {}", p.parties[0], p.parties[1]);
                // With salience given, what the pair's comparison weighs.
                let weight = p.weight.map_or_else(String::new, |w| {
                    format!("  weight {}", crate::outcome::Num(w))
                });
                text_line!(
                    out,
                    "  {}  {} / {} / {} / {}{weight}",
                    words::pad(&name, width),
                    p.counts.overlap,
                    p.counts.blocked,
                    p.counts.conflict,
                    p.counts.gap
                )?;
            }
        }
        super::mediation_text::render(self, r, out)
    }
}

/// The heading of a phase's issues, with whether it could be agreed now;
/// `None`: the issues with no phase.
fn phase_line(text: &Text, r: &Report, phase: Option<&str>, out: &mut Escaping) -> io::Result<()> {
    let bold = Style::new().bold();
    let line = match phase.and_then(|id| r.phases.iter().find(|p| p.id == id)) {
        Some(p) => format!(
            "phase {} — {}",
            order_words::phase_heading(p),
            order_words::phase_standing(p)
        ),
        None => "no phase".to_owned(),
    };
    text.paint(out, bold, &line)?;
    text_line!(out)
}

/// What follows the verdict: the zone (and what of it is available, and on
/// what), the clash, the block, or who spoke.
fn detail(r: &Report, issue: &IssueReport) -> String {
    let mut parts: Vec<String> = super::roles::decided_by(issue).into_iter().collect();
    if let Some(facts) = order_words::sequence(r, issue) {
        sequence_detail(issue, facts, &mut parts);
    } else {
        verdict_detail(r, issue, &mut parts);
    }
    parts.extend(super::roles::outside(r, issue));
    for (party, status) in &issue.no_position.0 {
        parts.push(format!("{party} {}", status.name()));
    }
    if !issue.silent.is_empty() {
        parts.push(format!("silent: {}", issue.silent.join(", ")));
    }
    parts.join("; ")
}

/// A sequence: its order, or on a conflict its clashes and the order the
/// bridge would leave; on a gap, the one stance.
fn sequence_detail(issue: &IssueReport, facts: Vec<String>, parts: &mut Vec<String>) {
    if issue.verdict == Verdict::Conflict {
        clashes(issue, parts);
    }
    if issue.verdict == Verdict::Gap {
        gap_speakers(issue, parts);
    }
    if issue.verdict != Verdict::Conflict {
        parts.push(format!("zone: {}", words::zone(issue, &issue.zone)));
    }
    parts.extend(facts);
}

fn verdict_detail(r: &Report, issue: &IssueReport, parts: &mut Vec<String>) {
    match issue.verdict {
        Verdict::Overlap => {
            parts.push(format!("zone: {}", words::zone(issue, &issue.zone)));
            if issue.narrows_zone() {
                parts.push(format!(
                    "available: {}",
                    words::zone(issue, &issue.available)
                ));
            }
            for c in &issue.conditional {
                parts.push(words::conditional(issue, c, |id| words::unit_of(r, id)));
            }
            if issue.is_contingent() {
                let links: Vec<String> = issue.contingent_on.iter().map(words::rests_on).collect();
                parts.push(format!("rests on: {}", links.join("; ")));
            }
        }
        Verdict::Blocked => {
            parts.push(format!("zone: {}", words::zone(issue, &issue.zone)));
            for b in &issue.blocked_by {
                parts.push(words::block_chain(b));
            }
        }
        Verdict::Conflict => clashes(issue, parts),
        Verdict::Gap => {
            gap_speakers(issue, parts);
            for c in &issue.conditional {
                parts.push(words::conditional(issue, c, |id| words::unit_of(r, id)));
            }
        }
    }
}

/// On a conflict, its clashing pairs, or that no pair clashes.
fn clashes(issue: &IssueReport, parts: &mut Vec<String>) {
    if issue.clashes.is_empty() {
        parts.push("no pair clashes, but nothing suits all".to_owned());
    } else {
        let pair = |[a, b]: [&str; 2]| format!("{a} vs {b}");
        parts.push(words::clash_list(&issue.clashes, pair, "; "));
    }
}

/// On a gap, what each deciding party with a position says: `only russia:
/// no` when one does, each by name when several do (and another decider
/// is silent). Those outside the decision are shown with `outside`.
fn gap_speakers(issue: &IssueReport, parts: &mut Vec<String>) {
    let speaking: Vec<_> = issue
        .stances
        .iter()
        .filter(|(party, stance)| stance.status.is_none() && issue.deciders.contains(party))
        .collect();
    let only = if speaking.len() == 1 { "only " } else { "" };
    for (party, stance) in speaking {
        let said = words::stance(words::Shape::of(issue), &stance);
        parts.push(format!("{only}{party}: {said}"));
    }
    let waiting = issue.waiting_on();
    if !waiting.is_empty() {
        parts.push(format!("waiting on {}", words::and_list(&waiting)));
    }
}
