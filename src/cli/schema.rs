//! `stance schema agenda|party [--for DIR]`: the JSON Schema of a file of
//! the format, for editors, on standard output or in a file.

use super::deliver::{self, Delivered, Guard};
use super::messages::print_diagnostics;
use super::{INVALID, Output};
use crate::diag::Diagnostic;
use crate::load;
use crate::schema;
use clap::ValueEnum;
use std::path::{Path, PathBuf};

/// Which file a schema is for.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum SchemaFile {
    /// `agenda.yaml`.
    Agenda,
    /// A party file.
    Party,
}

pub(crate) fn run(file: SchemaFile, negotiation: Option<&Path>, out: &Output) -> u8 {
    let mut inputs: Vec<PathBuf> = Vec::new();
    let mut folders: Vec<PathBuf> = Vec::new();
    let text = match (file, negotiation) {
        (SchemaFile::Agenda, None) => schema::agenda(),
        (SchemaFile::Party, None) => schema::party(),
        (SchemaFile::Agenda, Some(_)) => {
            print_diagnostics(&[Diagnostic::file(
                "--for",
                "the agenda's schema is the same for every negotiation",
            )
            .help(Some(
                "`--for` makes a schema of party files: `stance schema party --for DIR`".to_owned(),
            ))]);
            return INVALID;
        }
        (SchemaFile::Party, Some(path)) => match load::load_agenda(path) {
            Ok(loaded) => {
                print_diagnostics(&loaded.warnings);
                inputs = loaded.inputs;
                folders.extend(loaded.folder);
                schema::party_for(&loaded.negotiation.agenda, &loaded.negotiation.title)
            }
            Err(invalid) => {
                print_diagnostics(&invalid.diagnostics);
                return INVALID;
            }
        },
    };
    let guard = Guard {
        inputs: &inputs,
        folders: &folders,
    };
    match deliver::deliver(out, &guard, |w, _| w.write_all(text.as_bytes())) {
        Delivered::Done => 0,
        Delivered::Stale => super::FOUND,
        Delivered::Failed => INVALID,
    }
}
