//! `stance init DIR --parties a,b --issues x,y`: a new negotiation that
//! `stance check` accepts, to fill in.

use super::INVALID;
use super::messages::{print_diagnostics, quiet};
use crate::{output, scaffold, visible};
use std::io::Write;
use std::path::Path;

pub(crate) fn run(dir: &Path, parties: &[String], issues: &[String]) -> u8 {
    let files = match scaffold::files(parties, issues) {
        Ok(files) => files,
        Err(d) => {
            print_diagnostics(&[d]);
            return INVALID;
        }
    };
    if let Err(diagnostics) = output::create_new(dir, &files) {
        print_diagnostics(&diagnostics);
        return INVALID;
    }
    if !quiet() {
        let shown = visible::line(&dir.display().to_string()).into_owned();
        let names: Vec<String> = files
            .iter()
            .map(|(f, _)| visible::line(f).into_owned())
            .collect();
        let _ = writeln!(
            anstream::stdout(),
            "{shown}: wrote {}\nnext: fill in the files (an editor with yaml-language-server checks them as you type), then `stance check {shown}`",
            names.join(", ")
        );
    }
    0
}
