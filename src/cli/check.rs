//! `stance check`: validate, say so, exit 0 or 2.

use super::{INVALID, print_diagnostics};
use crate::load;
use crate::visible;
use std::io::Write;
use std::path::PathBuf;

pub fn run(paths: &[PathBuf], strict: bool) -> u8 {
    let mut failed = false;
    for path in paths {
        let loaded = load::load(path);
        print_diagnostics(&loaded.diagnostics);
        let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = loaded.diagnostics.len() - errors;
        failed |= errors > 0 || (strict && warnings > 0);
        let verdict = match &loaded.negotiation {
            Some(_) if errors == 0 && strict && warnings > 0 => {
                format!(
                    "{} (failing: --strict)",
                    count(warnings, "warning", "warnings")
                )
            }
            Some(n) if errors == 0 => format!(
                "ok, {}, {}{}",
                count(n.parties.len(), "party", "parties"),
                count(n.agenda.issues.len(), "issue", "issues"),
                also_warnings(warnings)
            ),
            _ => format!(
                "{}{}",
                count(errors, "error", "errors"),
                also_warnings(warnings)
            ),
        };
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
