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

mod anchor;
mod cell;
mod changes_text;
mod html;
mod json;
mod markdown;
mod mediation_text;
pub(crate) mod order_words;
mod roles;
pub mod scale;
mod text;
mod words;

use crate::changes::Changes;
use crate::report::Report;
use rayon::prelude::*;
use std::io::{self, Write};

pub use html::Html;
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

/// `items`, each rendered by `render`, written in order: rendered in
/// parallel, `per_task` items to a task and `TASKS_PER_THREAD` tasks per
/// thread of the pool at a time, so
/// that memory holds a bounded batch of the report, never the whole.
pub(crate) fn write_in_order<T: Sync>(
    out: &mut dyn Write,
    items: &[T],
    per_task: usize,
    render: impl Fn(&T, &mut Vec<u8>) -> io::Result<()> + Sync,
) -> io::Result<()> {
    // Enough tasks in flight to keep every thread busy, and no more: the
    // parts of a batch are held till it is written (at conference scale
    // an issue's HTML is about 20 KB).
    let tasks = TASKS_PER_THREAD * rayon::current_num_threads().max(1);
    for batch in items.chunks(per_task * tasks) {
        let parts: Vec<Vec<u8>> = batch
            .par_chunks(per_task)
            .map(|chunk| {
                let mut part = Vec::new();
                for item in chunk {
                    render(item, &mut part)?;
                }
                Ok(part)
            })
            .collect::<io::Result<_>>()?;
        for part in parts {
            out.write_all(&part)?;
        }
    }
    Ok(())
}

/// Tasks in flight per thread of the pool.
const TASKS_PER_THREAD: usize = 4;

/// A report format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Lines for the terminal, coloured when asked.
    Text,
    /// For review in a pull request.
    Markdown,
    /// For tools (`docs/json.md`).
    Json,
    /// One self-contained page to look at in a browser.
    Html,
}

impl Format {
    /// Whether a report of `cells` party-issue cells in this format names
    /// the issues behind each pair's counts: JSON does, and the full
    /// Markdown's table of pairs; the text, the HTML and the Markdown
    /// digest give the counts and the agreement only. At conference scale
    /// the lists are 20 MB a report holds for nothing.
    pub fn lists_pair_issues(self, cells: usize) -> bool {
        match self {
            Format::Json => true,
            Format::Markdown => cells <= scale::FULL_CELLS,
            Format::Text | Format::Html => false,
        }
    }

    /// The format a file name implies, from its extension.
    pub fn from_extension(path: &std::path::Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            "txt" | "text" => Some(Format::Text),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }

    /// The renderer; `color` only matters for text.
    pub fn exporter(self, color: bool) -> Box<dyn Exporter> {
        match self {
            Format::Text => Box::new(Text { color }),
            Format::Markdown => Box::new(Markdown),
            Format::Json => Box::new(Json),
            Format::Html => Box::new(Html),
        }
    }

    /// The renderer of a changes report; `color` only matters for text.
    pub fn changes_exporter(self, color: bool) -> Box<dyn ChangesExporter> {
        match self {
            Format::Text => Box::new(Text { color }),
            Format::Markdown => Box::new(Markdown),
            Format::Json => Box::new(Json),
            Format::Html => Box::new(Html),
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
