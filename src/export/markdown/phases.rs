//! A phased agenda's section: what each phase came to, and the
//! requirements that reach forward from an earlier phase to a later one.

use super::escape::{inline, issue_link};
use crate::export::order_words;
use crate::report::Report;
use std::io::{self, Write};

/// Nothing when the agenda has no phases.
pub(super) fn phases(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    if r.phases.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n## Phases")?;
    writeln!(
        out,
        "\nIn phase order; a phase could be agreed now when every one of its issues is an overlap.\n"
    )?;
    for p in &r.phases {
        let issues: Vec<String> = p.issues.iter().map(|i| issue_link(i)).collect();
        let listed = if issues.is_empty() {
            String::new()
        } else {
            format!(" Issues: {}.", issues.join(", "))
        };
        writeln!(
            out,
            "- **{}**: {}.{listed}",
            inline(&order_words::phase_heading(p)),
            inline(&order_words::phase_standing(p)),
        )?;
    }
    writeln!(
        out,
        "\nForward dependencies (an earlier phase's stance requires a later phase's issue):\n"
    )?;
    if r.forward_dependencies.is_empty() {
        return writeln!(out, "None.");
    }
    for f in &r.forward_dependencies {
        writeln!(out, "- {}", inline(&order_words::forward(r, f)))?;
    }
    Ok(())
}
