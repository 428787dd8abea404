//! Output formats. Each renders the one `Report` value and computes
//! nothing of its own, so that every format tells the same story.

/// `writeln!` for the text reports, which write through
/// `visible::Escaping`: the line goes through it (a `\n` inside is shown
/// as `\n`), its end is the renderer's own.
macro_rules! text_line {
    ($out:expr) => {
        $out.end_line()
    };
    ($out:expr, $($arg:tt)*) => {{
        write!($out, $($arg)*)?;
        $out.end_line()
    }};
}

mod changes_text;
mod json;
mod markdown;
mod mediation_text;
mod text;
mod words;

use crate::changes::Changes;
use crate::report::Report;
use std::io::{self, Write};

pub use json::Json;
pub use markdown::Markdown;
pub use text::Text;

/// A format of the comparison report.
pub trait Exporter {
    /// Writes the report to `out`.
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()>;
}

/// The same formats, for the report of `stance changes`.
pub trait ChangesExporter {
    /// Writes the changes report to `out`.
    fn render_changes(&self, changes: &Changes, out: &mut dyn Write) -> io::Result<()>;
}

/// A report format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Lines for the terminal, coloured when asked.
    Text,
    /// For review in a pull request.
    Markdown,
    /// For tools (`docs/json.md`).
    Json,
}

impl Format {
    /// The format a file name implies, from its extension.
    pub fn from_extension(path: &std::path::Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            "txt" | "text" => Some(Format::Text),
            _ => None,
        }
    }

    /// The renderer; `color` only matters for text.
    pub fn exporter(self, color: bool) -> Box<dyn Exporter> {
        match self {
            Format::Text => Box::new(Text { color }),
            Format::Markdown => Box::new(Markdown),
            Format::Json => Box::new(Json),
        }
    }

    /// The renderer of a changes report; `color` only matters for text.
    pub fn changes_exporter(self, color: bool) -> Box<dyn ChangesExporter> {
        match self {
            Format::Text => Box::new(Text { color }),
            Format::Markdown => Box::new(Markdown),
            Format::Json => Box::new(Json),
        }
    }
}

/// A report rendered to a string, as tests and `--check` want it.
pub fn render_to_string(report: &Report, format: Format) -> String {
    let mut out = Vec::new();
    format
        .exporter(false)
        .render(report, &mut out)
        .expect("writing to memory does not fail");
    String::from_utf8(out).expect("renderers write UTF-8")
}

/// A changes report rendered to a string, as tests and `--check` want it.
pub fn render_changes_to_string(changes: &Changes, format: Format) -> String {
    let mut out = Vec::new();
    format
        .changes_exporter(false)
        .render_changes(changes, &mut out)
        .expect("writing to memory does not fail");
    String::from_utf8(out).expect("renderers write UTF-8")
}
