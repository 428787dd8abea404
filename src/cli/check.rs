//! `stance check`: validate, say so, exit 0 or 2.

use super::INVALID;
use super::messages::{print_diagnostics, print_failing, quiet};
use crate::load;
use crate::visible;
use std::io::Write;
use std::path::PathBuf;

pub(crate) fn run(paths: &[PathBuf], strict: bool) -> u8 {
    let mut failed = false;
    for path in paths {
        let loaded = load::load(path);
        let diagnostics = load::diagnostics(&loaded);
        // Under --strict a warning fails, and is shown even with --quiet.
        if strict {
            print_failing(diagnostics);
        } else {
            print_diagnostics(diagnostics);
        }
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = diagnostics.len() - errors;
        failed |= errors > 0 || (strict && warnings > 0);
        let verdict = match &loaded {
            Ok(_) if strict && warnings > 0 => {
                format!(
                    "{} (failing: --strict)",
                    count(warnings, "warning", "warnings")
                )
            }
            Ok(loaded) => format!(
                "ok, {}, {}{}",
                count(loaded.negotiation.parties.len(), "party", "parties"),
                count(loaded.negotiation.agenda.issues.len(), "issue", "issues"),
                also_warnings(warnings)
            ),
            Err(_) => format!(
                "{}{}",
                count(errors, "error", "errors"),
                also_warnings(warnings)
            ),
        };
        if quiet() {
            continue;
        }
        // A folder's name may come from a pull request as much as its files.
        let shown = path.display().to_string();
        let _ = writeln!(anstream::stdout(), "{}: {verdict}", visible::line(&shown));
    }
    if failed { INVALID } else { 0 }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn also_warnings(n: usize) -> String {
    if n == 0 {
        String::new()
    } else {
        format!(", {}", count(n, "warning", "warnings"))
    }
}
