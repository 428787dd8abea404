//! How problems are printed: for a person, for a tool, for GitHub
//! Actions; all of them or the errors alone (`--quiet`). Diagnostics
//! always go to standard error, whatever their format, so that they
//! never mix with a report on standard output (GitHub reads workflow
//! commands from either).

use crate::diag::{self, Diagnostic};
use clap::ValueEnum;
use std::io::Write;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum MessageFormat {
    /// rustc-style: the line, a caret under the value, the help.
    Human,
    /// one JSON object a line (docs/workflow.md).
    Json,
    /// workflow commands that GitHub Actions shows as annotations.
    Github,
}

/// The command line's choice, made once before any command runs, as
/// the colour choice is.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Messages {
    pub(crate) format: MessageFormat,
    pub(crate) quiet: bool,
}

static MESSAGES: OnceLock<Messages> = OnceLock::new();

pub(crate) fn set(messages: Messages) {
    let _ = MESSAGES.set(messages);
}

fn get() -> Messages {
    MESSAGES.get().copied().unwrap_or(Messages {
        format: MessageFormat::Human,
        quiet: false,
    })
}

/// Whether `--quiet` was given: nothing but errors is printed.
pub(crate) fn quiet() -> bool {
    get().quiet
}

/// Every diagnostic, or with `--quiet` the errors alone.
pub(crate) fn print_diagnostics(diagnostics: &[Diagnostic]) {
    print(diagnostics, !quiet());
}

/// Every diagnostic, warnings included even under `--quiet`: for
/// `check --strict`, where a warning fails.
pub(crate) fn print_failing(diagnostics: &[Diagnostic]) {
    print(diagnostics, true);
}

/// The first `diag::SHOWN` diagnostics printed, and a line counting the
/// rest; in JSON, every one, since a tool may want them all.
fn print(diagnostics: &[Diagnostic], warnings: bool) {
    let kept: Vec<&Diagnostic>;
    let diagnostics: Vec<&Diagnostic> = if warnings {
        diagnostics.iter().collect()
    } else {
        kept = diagnostics.iter().filter(|d| d.is_error()).collect();
        kept
    };
    let format = get().format;
    let mut stderr = std::io::BufWriter::new(anstream::stderr().lock());
    let shown = match format {
        MessageFormat::Json => diagnostics.len(),
        MessageFormat::Human | MessageFormat::Github => diag::SHOWN,
    };
    for d in diagnostics.iter().take(shown) {
        let _ = match format {
            MessageFormat::Human => writeln!(stderr, "{}\n", d.render(true)),
            MessageFormat::Json => writeln!(stderr, "{}", diag::json_line(d)),
            MessageFormat::Github => writeln!(stderr, "{}", diag::github_command(d)),
        };
    }
    let rest = diagnostics.get(shown..).unwrap_or_default();
    if let Some(line) = diag::not_shown(rest.iter().copied()) {
        let _ = match format {
            MessageFormat::Github => {
                let error = rest.iter().any(|d| d.is_error());
                writeln!(stderr, "{}", diag::github_line(&line, error))
            }
            _ => writeln!(stderr, "{line}\n"),
        };
    }
    let _ = stderr.flush();
}
