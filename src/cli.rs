//! The command line. clap types stop here: the library below takes paths,
//! ids and formats, and knows nothing of flags.

use crate::diag::Diagnostic;
use crate::engine::{self, Scope};
use crate::export::{self, Format};
use crate::load::{self, Loaded};
use crate::output::{self, OutputError};
use crate::report::Report;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit codes: 0 fine, 1 `--fail-on` found what it names, 2 invalid input.
const FOUND: u8 = 1;
const INVALID: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "stance",
    version,
    about = "Compare the stated positions of the parties to a negotiation."
)]
struct Cli {
    /// When to use colour: `auto` colours a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true)]
    color: ColorWhen,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Validate negotiation folders: exit 0 when valid, 2 when not.
    Check {
        /// Negotiation folders (each holds `agenda.yaml` and one file per party).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
    },
    /// Compare the positions in a negotiation folder and write the report.
    Compare {
        /// The negotiation folder.
        path: PathBuf,
        /// Only these parties (comma-separated ids).
        #[arg(long, value_delimiter = ',', value_name = "IDS")]
        parties: Option<Vec<String>>,
        /// Only these issues (comma-separated ids).
        #[arg(long, value_delimiter = ',', value_name = "IDS")]
        issues: Option<Vec<String>>,
        /// Report format [default: from the -o extension, else text].
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
        /// Write the report to this file (atomically) instead of stdout.
        #[arg(short = 'o', long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Exit 1 when the report has any of these verdicts.
        #[arg(long, value_enum, value_delimiter = ',', value_name = "VERDICTS")]
        fail_on: Vec<FailOn>,
    },
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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Conflict,
    Blocked,
    Gap,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.color {
        ColorWhen::Auto => {}
        ColorWhen::Always => anstream::ColorChoice::Always.write_global(),
        ColorWhen::Never => anstream::ColorChoice::Never.write_global(),
    }
    let code = match cli.command {
        Command::Check { paths, strict } => check(&paths, strict),
        Command::Compare {
            path,
            parties,
            issues,
            format,
            output,
            fail_on,
        } => compare(&path, parties, issues, format, output, &fail_on),
    };
    ExitCode::from(code)
}

fn check(paths: &[PathBuf], strict: bool) -> u8 {
    let mut failed = false;
    for path in paths {
        let loaded = load::load(path);
        print_diagnostics(&loaded.diagnostics);
        let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = loaded.diagnostics.len() - errors;
        failed |= errors > 0 || (strict && warnings > 0);
        let mut stdout = anstream::stdout();
        let _ = match &loaded.negotiation {
            Some(_) if errors == 0 && strict && warnings > 0 => {
                writeln!(
                    stdout,
                    "{}: {warnings} warning{} (failing: --strict)",
                    path.display(),
                    if warnings == 1 { "" } else { "s" }
                )
            }
            Some(n) if errors == 0 => writeln!(
                stdout,
                "{}: ok, {}, {}{}",
                path.display(),
                count(n.parties.len(), "party", "parties"),
                count(n.agenda.issues.len(), "issue", "issues"),
                plural_warnings(warnings)
            ),
            _ => writeln!(
                stdout,
                "{}: {} error{}{}",
                path.display(),
                errors,
                if errors == 1 { "" } else { "s" },
                plural_warnings(warnings)
            ),
        };
    }
    if failed { INVALID } else { 0 }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn plural_warnings(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => ", 1 warning".to_owned(),
        n => format!(", {n} warnings"),
    }
}

fn compare(
    path: &Path,
    parties: Option<Vec<String>>,
    issues: Option<Vec<String>>,
    format: Option<FormatArg>,
    output: Option<PathBuf>,
    fail_on: &[FailOn],
) -> u8 {
    let Loaded {
        negotiation,
        diagnostics,
        inputs,
        folder,
    } = load::load(path);
    print_diagnostics(&diagnostics);
    let Some(negotiation) = negotiation else {
        return INVALID;
    };
    let scope = match Scope::select(&negotiation, parties.as_deref(), issues.as_deref()) {
        Ok(scope) => scope,
        Err(e) => {
            let flag = if e.of_parties {
                "--parties"
            } else {
                "--issues"
            };
            let d = Diagnostic::file(flag, e.message).help(e.help);
            print_diagnostics(&[d]);
            return INVALID;
        }
    };
    let format = match (format, &output) {
        (Some(FormatArg::Text), _) => Format::Text,
        (Some(FormatArg::Markdown), _) => Format::Markdown,
        (Some(FormatArg::Json), _) => Format::Json,
        (None, Some(out)) if !output::is_stdout(out) => match Format::from_extension(out) {
            Some(f) => f,
            None => {
                let d = Diagnostic::file(
                    out.display().to_string(),
                    "cannot tell the report format from this file name",
                )
                .help(Some(
                    "name the file `.md`, `.json` or `.txt`, or give `--format`".to_owned(),
                ));
                print_diagnostics(&[d]);
                return INVALID;
            }
        },
        (None, _) => Format::Text,
    };
    let report = engine::compare(&negotiation, &scope);
    let written = match &output {
        Some(out) if !output::is_stdout(out) => {
            let text = export::render_to_string(&report, format);
            output::write_report(
                out,
                text.as_bytes(),
                &inputs,
                folder.as_deref().unwrap_or(path),
            )
        }
        _ => {
            let mut stdout = anstream::stdout().lock();
            format
                .exporter(true)
                .render(&report, &mut stdout)
                .and_then(|()| stdout.flush())
                .map_err(|e| OutputError::Io("standard output".to_owned(), e))
        }
    };
    match written {
        // A reader that stopped early (`| head`) is not an error of ours.
        Err(OutputError::Io(_, e)) if e.kind() == std::io::ErrorKind::BrokenPipe => return 0,
        Err(e) => {
            print_diagnostics(&[e.diagnostic()]);
            return INVALID;
        }
        Ok(()) => {}
    }
    if found(&report, fail_on) { FOUND } else { 0 }
}

fn found(report: &Report, fail_on: &[FailOn]) -> bool {
    let s = &report.summary;
    fail_on.iter().any(|f| match f {
        FailOn::Conflict => s.conflict > 0,
        FailOn::Blocked => s.blocked > 0,
        FailOn::Gap => s.gap > 0,
    })
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    let mut stderr = anstream::stderr().lock();
    for d in diagnostics {
        let _ = writeln!(stderr, "{}\n", d.render(true));
    }
}
