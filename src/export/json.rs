//! JSON for tools: the `Report` value as it is (`docs/json.md`).

use super::{ChangesExporter, Exporter};
use crate::changes::Changes;
use crate::report::Report;
use std::io::{self, Write};

/// The JSON format.
pub struct Json;

impl Exporter for Json {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, report)?;
        out.write_all(b"\n")
    }
}

impl ChangesExporter for Json {
    fn render_changes(&self, changes: &Changes, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, changes)?;
        out.write_all(b"\n")
    }
}
