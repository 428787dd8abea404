//! What the command line says about itself: the examples under `--help`,
//! shell completions (clap_complete) and the manual page (clap_mangen),
//! all generated from the one definition of the flags in `cli`.

use super::deliver::{self, Delivered, Guard};
use super::{Cli, INVALID, Output};
use clap::CommandFactory;
use std::io::{self, Write};
use std::path::Path;

pub(crate) const EXAMPLES: &str = "\
Examples:
  stance init talks --parties russia,ukraine --issues ceasefire-scope,military-aid
  stance check positions/ukraine-2025-03-18
  stance compare positions/ukraine-2025-03-18 -o report.md
  stance changes positions/ukraine-2025-03-11 positions/ukraine-2025-03-18
  stance completions bash > ~/.local/share/bash-completion/completions/stance

Exit codes: 0 done; 1 `--fail-on` found what it names, or `--check` found the
report stale; 2 invalid input, or a report that cannot be written.";

pub(crate) const INIT_EXAMPLES: &str = "\
Examples:
  stance init talks --parties russia,ukraine --issues ceasefire-scope,military-aid
  stance check talks

Writes talks/agenda.yaml, one file per party, and agenda.schema.json and
party.schema.json, which the first line of each YAML file names for an editor.";

pub(crate) const CHECK_EXAMPLES: &str = "\
Examples:
  stance check positions/ukraine-2025-03-18
  stance check --strict positions/*/
  stance check -q positions/ukraine-2025-03-18            # errors only, no tally
  stance check --message-format github positions/ukraine-2025-03-18
  stance check --message-format json positions/ukraine-2025-03-18 2> problems.jsonl";

pub(crate) const COMPARE_EXAMPLES: &str = "\
Examples:
  stance compare positions/ukraine-2025-03-18
  stance compare positions/ukraine-2025-03-18 -o report.md
  stance compare positions/ukraine-2025-03-18 --format json --parties russia,ukraine
  stance compare positions/ukraine-2025-03-18 --focus ukraine
  stance compare positions/ukraine-2025-03-18 --fail-on conflict     # exit 1 on a conflict
  stance compare positions/ukraine-2025-03-18 -o report.md --check   # exit 1 if stale";

pub(crate) const CHANGES_EXAMPLES: &str = "\
Examples:
  stance changes positions/ukraine-2025-03-11 positions/ukraine-2025-03-18
  stance changes old/russia.yaml new/russia.yaml
  stance changes positions/ukraine-2025-03-18 --since origin/main --fail-on conflict-opened";

pub(crate) const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  stance completions bash > ~/.local/share/bash-completion/completions/stance
  stance completions zsh > ~/.zfunc/_stance     # with fpath+=(~/.zfunc) before compinit
  stance completions fish > ~/.config/fish/completions/stance.fish
  stance completions powershell >> $PROFILE
  stance completions elvish >> ~/.config/elvish/rc.elv";

pub(crate) const SCHEMA_EXAMPLES: &str = "\
Examples:
  stance schema party                                   # any negotiation's party files
  stance schema party --for talks -o talks/party.schema.json   # this one's issues and options
  stance schema agenda -o schemas/agenda.schema.json --check   # exit 1 if stale

Then, at the top of a YAML file: # yaml-language-server: $schema=party.schema.json";

pub(crate) const MAN_EXAMPLES: &str = "\
Examples:
  stance man | man -l -
  stance man --dir ~/.local/share/man/man1";

/// `stance completions SHELL`: the script on standard output.
pub(crate) fn completions(shell: clap_complete::Shell) -> u8 {
    // Rendered to memory first: clap_complete panics on a failed write,
    // and a closed pipe is no reason to.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "stance", &mut script);
    to_stdout(|w| w.write_all(&script))
}

/// `stance man`: the page of `stance` on standard output; with `--dir`,
/// it and one page per command (`stance-check.1`...) written there, each
/// as a report is (atomically, never through a link).
pub(crate) fn man(dir: Option<&Path>) -> u8 {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let Some(dir) = dir else {
        return to_stdout(|w| clap_mangen::Man::new(cmd.clone()).render(w));
    };
    let pages = std::iter::once(cmd.clone()).chain(cmd.get_subcommands().cloned());
    for page in pages {
        let man = clap_mangen::Man::new(page);
        let out = Output {
            format: None,
            output: Some(dir.join(man.get_filename())),
            check: false,
        };
        let guard = Guard {
            inputs: &[],
            folders: &[],
        };
        if let Delivered::Failed = deliver::deliver(&out, &guard, |w, _| man.render(w)) {
            return INVALID;
        }
    }
    0
}

/// Writes to standard output as a report is: a reader that stops early
/// is no error, a closed standard output is.
fn to_stdout(render: impl Fn(&mut dyn Write) -> io::Result<()>) -> u8 {
    let out = Output {
        format: None,
        output: None,
        check: false,
    };
    let guard = Guard {
        inputs: &[],
        folders: &[],
    };
    match deliver::deliver(&out, &guard, |w, _| render(w)) {
        Delivered::Failed => INVALID,
        Delivered::Done | Delivered::Stale => 0,
    }
}
