//! Markdown for review in a pull request.

use super::Exporter;
use crate::report::Report;
use std::io::{self, Write};

pub struct Markdown;

impl Exporter for Markdown {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "# {}", report.negotiation)
    }
}
