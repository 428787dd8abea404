//! JSON for tools: the `Report` value as it is (`docs/json.md`).

use super::Exporter;
use crate::report::Report;
use std::io::{self, Write};

pub struct Json;

impl Exporter for Json {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, report)?;
        out.write_all(b"\n")
    }
}
