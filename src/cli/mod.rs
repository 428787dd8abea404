//! The command line. clap types stop here: the library below takes paths,
//! ids and formats, and knows nothing of flags.

mod changes;
mod check;
mod compare;
mod deliver;
mod init;
mod manual;
mod messages;
mod schema;

/// Whether standard output is closed, recorded before the Rust runtime
/// starts: the binary's other entry point (`src/main.rs`).
pub use crate::output::record_stdout_state;
use clap::{Args, Parser, Subcommand, ValueEnum};
pub(crate) use messages::print_diagnostics;
use messages::{MessageFormat, Messages};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit codes: 0 fine, 1 found what `--fail-on` names or a stale report
/// under `--check`, 2 invalid input.
const FOUND: u8 = 1;
const INVALID: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "stance",
    version,
    about = "Compare the stated positions of the parties to a negotiation.",
    after_help = manual::EXAMPLES
)]
pub(crate) struct Cli {
    /// When to use colour: `auto` colours a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true)]
    color: ColorWhen,
    /// Print nothing but errors (and, with `check --strict`, warnings).
    #[arg(short, long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Start a negotiation: an agenda and one file per party, to fill in.
    ///
    /// What it writes passes `stance check` as it is, shows the rest of the
    /// format in comments, and names the JSON Schemas it writes beside it,
    /// for an editor to check the files as you type. It writes over nothing.
    #[command(after_help = manual::INIT_EXAMPLES)]
    Init {
        /// The folder to write into (made if missing).
        dir: PathBuf,
        /// The parties (comma-separated ids): one file each.
        #[arg(long, value_delimiter = ',', value_name = "IDS", required = true)]
        parties: Vec<String>,
        /// The issues (comma-separated ids), each a choice of two options
        /// to rename; the agenda shows every other kind in comments.
        #[arg(long, value_delimiter = ',', value_name = "IDS", required = true)]
        issues: Vec<String>,
    },
    /// Validate negotiation folders: exit 0 when valid, 2 when not.
    #[command(after_help = manual::CHECK_EXAMPLES)]
    Check {
        /// Negotiation folders (each holds `agenda.yaml` and one file per party).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
        #[command(flatten)]
        messages: MessageArgs,
    },
    /// Compare the positions in a negotiation folder and write the report.
    #[command(after_help = manual::COMPARE_EXAMPLES)]
    Compare {
        /// The negotiation folder.
        path: PathBuf,
        /// Only these parties (comma-separated ids).
        #[arg(long, value_delimiter = ',', value_name = "IDS")]
        parties: Option<Vec<String>>,
        /// Only these issues (comma-separated ids).
        #[arg(long, value_delimiter = ',', value_name = "IDS")]
        issues: Option<Vec<String>>,
        /// Add the view from this party's seat: where it stands alone, what
        /// its partners want that it rejects, its cheapest moves.
        #[arg(long, value_name = "PARTY")]
        focus: Option<String>,
        /// What each pair of parties shows: the issues behind its counts
        /// (`ids`), or the counts alone (`counts`); with `counts`, conflicts
        /// and blocks count their clashing pairs instead of listing them.
        /// `counts` keeps a report on hundreds of parties small.
        #[arg(long, value_enum, value_name = "DETAIL", default_value_t = compare::Pairs::Ids)]
        pairs: compare::Pairs,
        /// The fewest issues two parties must compare on (overlap, blocked
        /// or conflict between them) to group, or to be anyone's closest or
        /// furthest partner.
        #[arg(long, value_name = "N", default_value_t = crate::scope::DEFAULT_MIN_SHARED)]
        min_shared: usize,
        #[command(flatten)]
        out: Output,
        /// Exit 1 when the report has any of these verdicts.
        #[arg(long, value_enum, value_delimiter = ',', value_name = "VERDICTS")]
        fail_on: Vec<compare::FailOn>,
        #[command(flatten)]
        messages: MessageArgs,
    },
    /// Compare two rounds: who hardened, softened or moved, and what it did
    /// to the verdicts.
    #[command(after_help = manual::CHANGES_EXAMPLES)]
    Changes {
        /// The old round: a negotiation folder or a party file. With
        /// `--since`, the folder to compare with itself at REV.
        old: PathBuf,
        /// The new round: a negotiation folder, or the new version of the
        /// party file.
        #[arg(required_unless_present = "since")]
        new: Option<PathBuf>,
        /// Compare the folder with itself at this git revision.
        #[arg(long, value_name = "REV", conflicts_with = "new")]
        since: Option<String>,
        /// Also list the stances that did not change.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        out: Output,
        /// Exit 1 when any of these stance changes or issue events occur.
        #[arg(long, value_parser = changes::fail_on_values(), value_delimiter = ',', value_name = "CHANGES")]
        fail_on: Vec<String>,
        #[command(flatten)]
        messages: MessageArgs,
    },
    /// Print a shell's completion script for `stance` to standard output.
    #[command(after_help = manual::COMPLETIONS_EXAMPLES)]
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print the JSON Schema of the agenda or of a party file, for editors.
    ///
    /// An editor running yaml-language-server then completes and checks the
    /// files as you type.
    #[command(after_help = manual::SCHEMA_EXAMPLES)]
    Schema {
        /// Which file: `agenda` or `party`.
        #[arg(value_enum)]
        file: schema::SchemaFile,
        /// A party-file schema for this negotiation: its issue ids, and
        /// each issue's option ids, as its agenda lists them.
        #[arg(long = "for", value_name = "DIR")]
        negotiation: Option<PathBuf>,
        /// Write the schema to this file (atomically) instead of stdout.
        #[arg(short = 'o', long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Write nothing: exit 0 when the -o file is exactly what would be
        /// written, 1 with a diff when it is stale.
        #[arg(long, requires = "output")]
        check: bool,
    },
    /// Print the manual page (roff) to standard output, or write one page
    /// per command into a folder.
    #[command(after_help = manual::MAN_EXAMPLES)]
    Man {
        /// Write `stance.1` and a `stance-COMMAND.1` for each command into
        /// this folder instead.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// How diagnostics are printed; shared by the commands that read a
/// negotiation.
#[derive(Args, Debug)]
struct MessageArgs {
    /// How to print problems found in the input, on standard error:
    /// `human` (with the line and a caret), `json` (one object a line) or
    /// `github` (annotations in GitHub Actions).
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = MessageFormat::Human)]
    message_format: MessageFormat,
}

/// Where and how a report is written; shared by the commands that write one.
#[derive(Args, Debug)]
struct Output {
    /// Report format [default: from the -o extension, else text].
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// Write the report to this file (atomically) instead of stdout.
    #[arg(short = 'o', long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Write nothing: exit 0 when the -o file is exactly what would be
    /// written, 1 with a diff when it is stale.
    #[arg(long, requires = "output")]
    check: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FormatArg {
    Text,
    Markdown,
    Json,
    Html,
}

/// The `stance` command: parses the arguments, runs the command, and
/// returns its exit code (0, 1 for `--fail-on` and `--check`, 2 for
/// invalid input).
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.color {
        ColorWhen::Auto => {}
        ColorWhen::Always => anstream::ColorChoice::Always.write_global(),
        ColorWhen::Never => anstream::ColorChoice::Never.write_global(),
    }
    let format = match &cli.command {
        Command::Check { messages, .. }
        | Command::Compare { messages, .. }
        | Command::Changes { messages, .. } => messages.message_format,
        Command::Completions { .. }
        | Command::Man { .. }
        | Command::Schema { .. }
        | Command::Init { .. } => MessageFormat::Human,
    };
    messages::set(Messages {
        format,
        quiet: cli.quiet,
    });
    let code = match cli.command {
        Command::Check { paths, strict, .. } => check::run(&paths, strict),
        Command::Init {
            dir,
            parties,
            issues,
        } => init::run(&dir, &parties, &issues),
        Command::Completions { shell } => manual::completions(shell),
        Command::Man { dir } => manual::man(dir.as_deref()),
        Command::Schema {
            file,
            negotiation,
            output,
            check,
        } => schema::run(
            file,
            negotiation.as_deref(),
            &Output {
                format: None,
                output,
                check,
            },
        ),
        Command::Compare {
            path,
            parties,
            issues,
            focus,
            pairs,
            min_shared,
            out,
            fail_on,
            ..
        } => compare::run(&compare::Request {
            path: &path,
            parties,
            issues,
            focus: focus.as_deref(),
            pairs,
            min_shared,
            out: &out,
            fail_on: &fail_on,
        }),
        Command::Changes {
            old,
            new,
            since,
            all,
            out,
            fail_on,
            ..
        } => changes::run(&changes::Request {
            old: &old,
            new: new.as_deref(),
            since: since.as_deref(),
            all,
            out: &out,
            fail_on: &fail_on,
        }),
    };
    ExitCode::from(code)
}
