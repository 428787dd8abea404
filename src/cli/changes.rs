//! `stance changes`: between two rounds of a negotiation.

use super::deliver::{self, Delivered};
use super::{FOUND, INVALID, Output, print_diagnostics};
use crate::changes::{self, Changes, Event, Label};
use crate::diag::Diagnostic;
use crate::git;
use crate::load::{self, Folder, read_folder};
use clap::builder::PossibleValuesParser;
use std::path::{Path, PathBuf};

/// What `--fail-on` takes: the stance labels and the issue events, named
/// as the library names them.
pub(crate) fn fail_on_values() -> PossibleValuesParser {
    let labels = Label::ALL
        .iter()
        .filter(|l| **l != Label::Unchanged)
        .map(|l| l.name());
    PossibleValuesParser::new(labels.chain(Event::ALL.iter().map(|e| e.id())))
}

/// Whether the report holds a stance change or an issue event of that name.
fn found(c: &Changes, name: &str) -> bool {
    c.stances.iter().any(|s| s.label.name() == name)
        || c.issues
            .iter()
            .any(|i| i.events.iter().any(|e| e.id() == name))
}

pub(crate) struct Request<'a> {
    pub(crate) old: &'a Path,
    pub(crate) new: Option<&'a Path>,
    pub(crate) since: Option<&'a str>,
    pub(crate) all: bool,
    pub(crate) out: &'a Output,
    pub(crate) fail_on: &'a [String],
}

pub(crate) fn run(req: &Request) -> u8 {
    let Some(rounds) = rounds(req) else {
        return INVALID;
    };
    let Some(format) = deliver::format(req.out) else {
        return INVALID;
    };
    let sources = [rounds.old.1.as_str(), &rounds.new.1];
    let listing = changes::Listing {
        all: req.all,
        party: rounds.party.as_deref(),
    };
    let report = changes::changes(&rounds.old.0, &rounds.new.0, sources, listing);
    let guard = deliver::Guard {
        inputs: &rounds.inputs,
        folders: &rounds.folders,
    };
    match deliver::deliver(req.out, &guard, |w, color| {
        format.changes_exporter(color).render_changes(&report, w)
    }) {
        Delivered::Failed => INVALID,
        Delivered::Stale => FOUND,
        Delivered::Done if req.fail_on.iter().any(|name| found(&report, name)) => FOUND,
        Delivered::Done => 0,
    }
}

/// Both rounds, loaded and valid, with where they came from.
struct Rounds {
    old: (crate::model::Negotiation, String),
    new: (crate::model::Negotiation, String),
    /// When two party files were given: that party.
    party: Option<String>,
    inputs: Vec<PathBuf>,
    folders: Vec<PathBuf>,
}

fn rounds(req: &Request) -> Option<Rounds> {
    let (old, new, party) = match (req.new, req.since) {
        (None, Some(rev)) => (git::folder_at(req.old, rev), read_folder(req.old), None),
        (Some(new), None) if is_party_file(req.old) && is_party_file(new) => {
            let (old, new, party) = party_rounds(req.old, new)?;
            (old, new, Some(party))
        }
        (Some(new), None) => (read_folder(req.old), read_folder(new), None),
        _ => {
            let d = Diagnostic::file(
                "stance changes",
                "give two rounds, OLD and NEW, or one folder with `--since REV`",
            );
            print_diagnostics(&[d]);
            return None;
        }
    };
    let old_name = old
        .as_ref()
        .map_or_else(|_| req.old.display().to_string(), |f| f.name.clone());
    let new_name = new
        .as_ref()
        .map_or_else(|_| String::new(), |f| f.name.clone());
    // Rounds are history: a quote no longer found in its source's text is
    // an event of the report, not a refusal to make it.
    let old = load::load_history(old);
    let new = load::load_history(new);
    print_diagnostics(load::diagnostics(&old));
    print_diagnostics(load::diagnostics(&new));
    let (Ok(old), Ok(new)) = (old, new) else {
        return None;
    };
    let mut inputs = old.inputs;
    inputs.extend(new.inputs);
    let folders = old.folder.into_iter().chain(new.folder).collect();
    Some(Rounds {
        old: (old.negotiation, old_name),
        new: (new.negotiation, new_name),
        party,
        inputs,
        folders,
    })
}

fn is_party_file(path: &Path) -> bool {
    path.is_file()
        && path
            .file_name()
            .is_some_and(|f| load::folder::is_party_file(&f.to_string_lossy()))
}

/// A round's files, or why they could not be read.
type RoundFiles = Result<Folder, Diagnostic>;

/// Two versions of one party file: the new one's folder is the new round;
/// the old round is the same folder with the old file in the party's place.
fn party_rounds(old: &Path, new: &Path) -> Option<(RoundFiles, RoundFiles, String)> {
    // `Path::parent` of a bare file name is the empty path: the folder is `.`.
    let folder = match new.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = new.file_name()?.to_string_lossy().into_owned();
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name.as_str(), |(stem, _)| stem);
    // The party id, as ids are compared (`id`).
    let party = crate::id::normal(stem).into_owned();
    let new_round = read_folder(&folder);
    let old_round = read_folder(&folder).map(|mut f| {
        f.name = format!("{} (with {} as {file_name})", f.name, old.display());
        for p in &mut f.parties {
            if p.file_name == file_name {
                p.name = old.display().to_string();
                p.contents = load::Contents::Read(load::read::read_source(old));
            }
        }
        f.inputs.push(old.to_path_buf());
        f
    });
    Some((old_round, new_round, party))
}
