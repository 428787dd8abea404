//! Getting a rendered report where it goes: stdout, a file, or (with
//! `--check`) a comparison against the file already there.

use super::print_diagnostics;
use super::{FormatArg, Output};
use crate::diag::Diagnostic;
use crate::export::Format;
use crate::output::{self, OutputError};
use anstream::ColorChoice;
use anstyle::{AnsiColor, Style};
use std::io::{self, Write};
use std::path::PathBuf;

/// What `stance` must never write over or into.
pub struct Guard<'a> {
    pub inputs: &'a [PathBuf],
    pub folders: &'a [PathBuf],
}

pub enum Delivered {
    Done,
    /// `--check` found the file differs from what would be written.
    Stale,
    /// Said on stderr already.
    Failed,
}

/// The format asked for, or the one the -o file name implies; `None` (with
/// the error said) when neither tells.
pub fn format(out: &Output) -> Option<Format> {
    match (out.format, &out.output) {
        (Some(FormatArg::Text), _) => Some(Format::Text),
        (Some(FormatArg::Markdown), _) => Some(Format::Markdown),
        (Some(FormatArg::Json), _) => Some(Format::Json),
        (Some(FormatArg::Html), _) => Some(Format::Html),
        (None, Some(file)) if !output::is_stdout(file) => {
            let format = Format::from_extension(file);
            if format.is_none() {
                let d = Diagnostic::file(
                    file.display().to_string(),
                    "cannot tell the report format from this file name",
                )
                .help(Some(
                    "name the file `.md`, `.json`, `.txt` or `.html`, or give `--format`"
                        .to_owned(),
                ));
                print_diagnostics(&[d]);
            }
            format
        }
        (None, _) => Some(Format::Text),
    }
}

/// Renders with `render(writer, colour)` and delivers the result.
pub fn deliver(
    out: &Output,
    guard: &Guard,
    render: impl Fn(&mut dyn Write, bool) -> io::Result<()>,
) -> Delivered {
    // Before anything is written: a signal must find the file to remove.
    crate::interrupt::install();
    let file = out.output.as_ref().filter(|f| !output::is_stdout(f));
    if out.check && file.is_none() {
        let d = Diagnostic::file(
            "--check",
            "needs a report file to check: give `-o FILE`, not standard output",
        );
        print_diagnostics(&[d]);
        return Delivered::Failed;
    }
    let result = match file {
        Some(file) if out.check => {
            let mut bytes = Vec::new();
            render(&mut bytes, false).expect("rendering to memory does not fail");
            return check(file, &bytes, guard.inputs);
        }
        Some(file) => output::write_report(file, |w| render(w, false), guard.inputs, guard.folders),
        None if output::stdout_closed() => Err(OutputError::StdoutClosed),
        None => {
            // Colour is decided once, and the report goes out as rendered:
            // through anstream's stripping, a Markdown or JSON report lost
            // the escape bytes it quotes from a position. Buffered: a
            // report is written in many small pieces.
            let color = anstream::AutoStream::choice(&io::stdout()) != ColorChoice::Never;
            let mut stdout = io::BufWriter::new(io::stdout().lock());
            render(&mut stdout, color)
                .and_then(|()| stdout.flush())
                .map_err(|e| OutputError::Io("standard output".to_owned(), e))
        }
    };
    match result {
        Ok(()) => Delivered::Done,
        // A reader that stopped early (`| head`) is not an error of ours.
        Err(OutputError::Io(_, e)) if e.kind() == io::ErrorKind::BrokenPipe => Delivered::Done,
        Err(e) => {
            print_diagnostics(&[e.diagnostic()]);
            Delivered::Failed
        }
    }
}

/// `--check`: nothing is written; a stale file gets a unified diff on
/// stdout (coloured on a terminal) and a line on stderr.
fn check(file: &std::path::Path, bytes: &[u8], inputs: &[PathBuf]) -> Delivered {
    let diff = match output::stale_diff(file, bytes, inputs) {
        Ok(None) => return Delivered::Done,
        Ok(Some(diff)) => diff,
        Err(e) => {
            print_diagnostics(&[e.diagnostic()]);
            return Delivered::Failed;
        }
    };
    let mut stdout = anstream::stdout().lock();
    for line in diff.lines() {
        let style = match line.as_bytes().first() {
            Some(b'+') => Style::new().fg_color(Some(AnsiColor::Green.into())),
            Some(b'-') => Style::new().fg_color(Some(AnsiColor::Red.into())),
            Some(b'@') => Style::new().fg_color(Some(AnsiColor::Cyan.into())),
            _ => Style::new(),
        };
        // The committed file is anyone's bytes: shown, never obeyed.
        let line = crate::visible::line(line);
        let _ = writeln!(stdout, "{style}{line}{style:#}");
    }
    let _ = writeln!(
        anstream::stderr(),
        "{}: stale; run the same command without `--check` to update it",
        file.display()
    );
    Delivered::Stale
}
