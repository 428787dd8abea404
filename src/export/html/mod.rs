//! HTML: one self-contained page to look at, for a mediator, a journalist
//! or a reviewer opening a CI artifact. Everything is inline (the
//! stylesheet, the charts as SVG) and nothing is fetched: the page works
//! offline, and its Content-Security-Policy forbids any load and any
//! script (`style.rs`). There is no script: the stance behind a cell opens
//! in a popover (`popovertarget`), and long sections fold into
//! `<details>`.
//!
//! Markup is written with maud, which escapes every interpolated value;
//! user text goes through `text::Shown` as well, which shows hidden
//! characters as escapes (`visible`). The page renders the `Report` (or
//! the `Changes`) and computes nothing of its own: what a cell of the grid
//! is comes from `export::cell`, the same as in the Markdown.
//!
//! The order is a mediator's: the title and the counts; what blocks a
//! deal, and the deal; the party × issue grid; who stands together, as a
//! shaded matrix; then each conflict with its bridge, each blocked issue
//! with its chain, the overlaps, the gaps, and the sources. At conference
//! scale (`export::scale`) the page stays one file of tens of megabytes
//! that opens in seconds: sections of it are closed `<details>` or laid
//! out only when scrolled to (`content-visibility`), and stances keep
//! their evidence on the conflicts and blocked issues (docs/limits.md).

mod changes;
mod compare;
mod conditions;
mod evidence;
mod grid;
mod heatmap;
mod style;
mod text;

use super::{ChangesExporter, Exporter};
use crate::changes::Changes;
use crate::report::Report;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use std::io::{self, Write};
use text::Shown;

/// The HTML format.
pub struct Html;

impl Exporter for Html {
    fn render(&self, r: &Report, out: &mut dyn Write) -> io::Result<()> {
        page(out, &r.negotiation, |out| compare::body(r, out))
    }
}

impl ChangesExporter for Html {
    fn render_changes(&self, c: &Changes, out: &mut dyn Write) -> io::Result<()> {
        let title = format!("Changes: {}", c.new.negotiation);
        page(out, &title, |out| changes::body(c, out))
    }
}

/// The page around `body`: its head, with the policy and the stylesheet.
fn page(
    out: &mut dyn Write,
    title: &str,
    body: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let style = style::style();
    let head = html! {
        head {
            meta charset="utf-8";
            meta http-equiv="Content-Security-Policy" content=(style.policy);
            meta name="viewport" content="width=device-width, initial-scale=1";
            meta name="generator" content="stance";
            title { (Shown(title)) }
            style { (PreEscaped(&style.css)) }
        }
    };
    // The document's own tags around the parts, which maud renders whole
    // (the page is written a part at a time: at conference scale it is
    // tens of megabytes).
    write(out, html! { (DOCTYPE) })?;
    out.write_all(b"<html lang=\"en\">\n")?;
    write(out, head)?;
    out.write_all(b"\n<body>\n<main>\n")?;
    body(out)?;
    write(out, footer())?;
    out.write_all(b"</main>\n</body>\n</html>\n")
}

fn footer() -> Markup {
    html! {
        footer {
            p {
                "Made by " code { "stance" } " from the positions as written. "
                (super::words::NOT_ADVICE)
            }
        }
    }
}

fn write(out: &mut dyn Write, markup: Markup) -> io::Result<()> {
    out.write_all(markup.into_string().as_bytes())?;
    out.write_all(b"\n")
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}
