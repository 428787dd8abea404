//! From a negotiation folder on disk to a validated `Negotiation`, or to
//! every diagnostic the files deserve. Nothing here compares positions.

mod agenda;
mod check;
mod conditions;
pub(crate) mod fast;
pub mod fields;
pub(crate) mod folder;
pub mod limits;
mod message;
mod party;
mod provenance;
pub(crate) mod read;
mod stance;
pub mod texts;
pub(crate) mod tree;
pub(crate) mod yaml;

use crate::diag::SourceFile;
use crate::diag::{Diagnostic, did_you_mean};
use crate::loc::Loc;
use crate::model::{Negotiation, Party};
use crate::suggest;
use check::Checker;
pub use folder::{Contents, Folder, PartyFile, in_memory, read_folder};
use message::DiagnosticKind;
use provenance::Missing;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// A folder that loaded: the negotiation, valid as a whole, and what else
/// loading found.
#[derive(Debug)]
pub struct Loaded {
    /// The negotiation, every stance checked against the agenda.
    pub negotiation: Negotiation,
    /// In file order. Warnings only: an error leaves no negotiation.
    pub warnings: Vec<Diagnostic>,
    /// Every file read, so that no output is ever written over one.
    pub inputs: Vec<PathBuf>,
    /// The negotiation folder on disk; `None` for one read from git or
    /// from memory.
    pub folder: Option<PathBuf>,
}

/// Why a folder did not load: every diagnostic its files deserve, in file
/// order, at least one of them an error. A report is never built from half
/// a negotiation.
#[derive(Debug)]
pub struct Invalid {
    /// In file order.
    pub diagnostics: Vec<Diagnostic>,
}

/// One line per diagnostic: `file:line:column: message`.
impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (k, d) in self.diagnostics.iter().enumerate() {
            if k > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

/// The diagnostics of a load, whether it gave a negotiation or not.
pub fn diagnostics(loaded: &Result<Loaded, Invalid>) -> &[Diagnostic] {
    match loaded {
        Ok(loaded) => &loaded.warnings,
        Err(invalid) => &invalid.diagnostics,
    }
}

/// The agenda's file name, beside the party files.
pub(crate) const AGENDA: &str = "agenda.yaml";

/// Reads and validates the negotiation folder at `path`.
pub fn load(path: &Path) -> Result<Loaded, Invalid> {
    load_read(read_folder(path))
}

/// Reads and validates the agenda of the negotiation folder at `path`
/// alone, for what needs only the issues (a schema for the negotiation):
/// a negotiation with no parties, its party files listed but not read.
pub fn load_agenda(path: &Path) -> Result<Loaded, Invalid> {
    let folder = read_folder(path).map_err(|d| Invalid {
        diagnostics: vec![d],
    })?;
    let mut diagnostics = Vec::new();
    let negotiation = read_agenda_file(&folder, &mut diagnostics).and_then(|a| {
        let issues = a.issues?;
        Some(Negotiation {
            title: a.title?,
            as_of: a.as_of,
            agenda: issues.unread.is_empty().then_some(issues.agenda)?,
            parties: Vec::new(),
        })
    });
    loaded(negotiation, diagnostics, folder)
}

/// The folder's agenda as far as it could be read; its diagnostics go to
/// `diagnostics`.
fn read_agenda_file(
    folder: &Folder,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<agenda::AgendaFile> {
    match &folder.agenda {
        // Read fast too: should the party order disagree with the files,
        // the agenda is read again for the places (`party_order`).
        Ok(source) => check_file(source, diagnostics, Read::Fast, |c, root| {
            agenda::read_agenda(c, root)
        }),
        Err(d) => {
            diagnostics.push(d.clone());
            None
        }
    }
}

/// A negotiation when there is one and no error, else every diagnostic.
fn loaded(
    negotiation: Option<Negotiation>,
    diagnostics: Vec<Diagnostic>,
    folder: Folder,
) -> Result<Loaded, Invalid> {
    match negotiation {
        Some(negotiation) if !diagnostics.iter().any(Diagnostic::is_error) => Ok(Loaded {
            negotiation,
            warnings: diagnostics,
            inputs: folder.inputs,
            folder: folder.path,
        }),
        _ => {
            debug_assert!(diagnostics.iter().any(Diagnostic::is_error));
            Err(Invalid { diagnostics })
        }
    }
}

/// Validates a folder's files, or carries the error that kept them from
/// being read.
pub fn load_read(read: Result<Folder, Diagnostic>) -> Result<Loaded, Invalid> {
    match read {
        Ok(folder) => load_folder(folder),
        Err(d) => Err(Invalid {
            diagnostics: vec![d],
        }),
    }
}

/// Validates a folder's files, wherever they were read from (disk, git,
/// memory).
pub fn load_folder(folder: Folder) -> Result<Loaded, Invalid> {
    load_as(folder, Missing::Error)
}

/// `load_read` for a round of history, as `stance changes` reads both of
/// its rounds: a quote found in none of its sources' texts is a warning
/// (and `quote_verified: false` in the report), not an error, since the
/// past cannot be corrected and the change is what is to be shown.
pub fn load_history(read: Result<Folder, Diagnostic>) -> Result<Loaded, Invalid> {
    match read {
        Ok(folder) => load_as(folder, Missing::Warning),
        Err(d) => Err(Invalid {
            diagnostics: vec![d],
        }),
    }
}

fn load_as(mut folder: Folder, missing: Missing) -> Result<Loaded, Invalid> {
    let mut diagnostics = Vec::new();
    let negotiation = validate(&mut folder, &mut diagnostics, missing);
    loaded(negotiation, diagnostics, folder)
}

/// The negotiation, when the files make one with no error; every
/// diagnostic, in `diagnostics`.
fn validate(
    folder: &mut Folder,
    diagnostics: &mut Vec<Diagnostic>,
    missing: Missing,
) -> Option<Negotiation> {
    let agenda_file = read_agenda_file(folder, diagnostics);
    // Whatever else is wrong with the agenda, the party files are checked
    // against the issues it could read, so that one pass finds every error.
    let issues = agenda_file.as_ref().and_then(|a| a.issues.as_ref());

    let party_ids: Vec<String> = folder
        .parties
        .iter()
        .map(|f| crate::id::normal(f.stem()).into_owned())
        .collect();
    let around = party::Around {
        as_of: agenda_file.as_ref().and_then(|a| a.as_of.as_deref()),
        parties: &party_ids,
    };
    // Party files are independent of each other: they are read in
    // parallel, and their diagnostics kept in file order. A file whose
    // sources have texts is kept, for the quotes checked against them.
    let mut read: Vec<(Option<Party>, Vec<Diagnostic>, Option<SourceFile>)> = folder
        .parties
        .par_iter_mut()
        .map(|file| {
            let mut found = Vec::new();
            match file.take_source() {
                Ok(source) => {
                    let party = check_file(&source, &mut found, Read::Fast, |c, root| {
                        party::read_party(c, root, &file.file_name, issues, around)
                    });
                    let texts = party
                        .as_ref()
                        .is_some_and(|p| p.sources.iter().any(|s| s.text.is_some()));
                    (party, found, texts.then_some(source))
                }
                Err(d) => {
                    found.push(d);
                    (None, found, None)
                }
            }
        })
        .collect();
    let mut file_level = Vec::new();
    if let Some(agenda) = issues.map(|i| &i.agenda) {
        let mut loaded: Vec<provenance::Loaded> = read
            .iter_mut()
            .filter_map(|(party, found, source)| {
                Some(provenance::Loaded {
                    party: party.as_mut()?,
                    source: source.as_ref()?,
                    diagnostics: found,
                })
            })
            .collect();
        let texts = (&folder.texts, folder.name.as_str());
        file_level = provenance::check(texts, agenda, &mut loaded, missing, &mut folder.inputs);
    }
    let mut parties: Vec<Party> = Vec::with_capacity(read.len());
    for (party, mut found, _) in read {
        parties.extend(party);
        found.sort_by_key(|d| d.at.as_ref().map(|(_, loc)| (loc.line, loc.column)));
        diagnostics.append(&mut found);
    }
    diagnostics.append(&mut file_level);
    if folder.parties.is_empty() {
        diagnostics.push(DiagnosticKind::NoPartyFiles.in_file(&folder.name));
    }
    file_names(&folder.parties, diagnostics);
    check_one_file_per_party(&folder.parties, diagnostics);
    if let (Some(a), Ok(source)) = (&agenda_file, &folder.agenda) {
        diagnostics.append(&mut party_order(source, a, &folder.parties));
    }
    if diagnostics.iter().any(Diagnostic::is_error) {
        return None;
    }
    let agenda_file = agenda_file?;
    let title = agenda_file.title?;
    let issues = agenda_file.issues?;
    // An issue left unread has an error of its own; no negotiation is made
    // without it, whatever happens.
    if !issues.unread.is_empty() {
        return None;
    }
    match &agenda_file.parties {
        Some(order) => parties.sort_by_key(|p| order.iter().position(|(id, _)| *id == p.id)),
        None => parties.sort_by(|a, b| a.id.cmp(&b.id)),
    }
    Some(Negotiation {
        title,
        as_of: agenda_file.as_of,
        agenda: issues.agenda,
        parties,
    })
}

/// A file stem is a party id, and may hold no hidden character either
/// (`id`): checked here, where a broken party file is still named.
fn file_names(files: &[PartyFile], diagnostics: &mut Vec<Diagnostic>) {
    for file in files {
        if let Some(c) = crate::id::refused(file.stem()) {
            let kind = DiagnosticKind::FileNameHidden {
                shown: crate::visible::line(&file.file_name).into_owned(),
                hidden: c,
            };
            diagnostics.push(kind.in_file(&file.name));
        }
    }
}

/// File stems are party ids (the party files check that), so these checks
/// hold even when a party file is broken. They are compared as ids are.
fn check_one_file_per_party(files: &[PartyFile], diagnostics: &mut Vec<Diagnostic>) {
    let stems: Vec<_> = files.iter().map(|f| crate::id::normal(f.stem())).collect();
    for (i, file) in files.iter().enumerate() {
        if let Some(first) = (0..i).find(|&k| stems[k] == stems[i]).map(|k| &files[k]) {
            let kind = DiagnosticKind::SecondFile {
                stem: file.stem().to_owned(),
                first: first.name.clone(),
            };
            diagnostics.push(kind.in_file(&file.name));
        }
    }
}

/// `check_party_order` on the agenda as read. An agenda read fast has no
/// places to point at: when there is something to say, it is read again
/// with them.
fn party_order(
    source: &SourceFile,
    agenda: &agenda::AgendaFile,
    files: &[PartyFile],
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let Some(order) = &agenda.parties else {
        return found;
    };
    let bytes = source.text.len();
    suggest::within_budget(bytes, || {
        check_party_order(source, order, agenda.parties_at, files, &mut found);
    });
    if found.is_empty() {
        return found;
    }
    let located = check_file(source, &mut Vec::new(), Read::Located, |c, root| {
        agenda::read_agenda(c, root)
    });
    if let Some(located) = located
        && let Some(order) = &located.parties
    {
        found.clear();
        suggest::within_budget(bytes, || {
            check_party_order(source, order, located.parties_at, files, &mut found);
        });
    }
    found
}

/// When the agenda lists `parties:`, every file listed and every listed id
/// with a file.
fn check_party_order(
    agenda: &SourceFile,
    order: &[(String, Loc)],
    parties_at: Loc,
    files: &[PartyFile],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let stems: Vec<_> = files.iter().map(|f| crate::id::normal(f.stem())).collect();
    let stems: Vec<&str> = stems.iter().map(AsRef::as_ref).collect();
    for (id, loc) in order {
        if !stems.contains(&id.as_str()) {
            let kind = DiagnosticKind::PartyWithoutFile {
                id: id.clone(),
                help: did_you_mean(id, stems.iter().copied()),
            };
            diagnostics.push(kind.at(agenda, *loc));
        }
    }
    for (file, id) in files.iter().zip(&stems) {
        if !order.iter().any(|(listed, _)| listed == id) {
            let kind = DiagnosticKind::PartyNotListed {
                id: id.to_string(),
                file: file.name.clone(),
            };
            diagnostics.push(kind.at(agenda, parties_at));
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Read {
    /// Try `fast::parse` first, for a file with nothing to report.
    Fast,
    Located,
}

/// Parses one file and walks it with `read`, keeping its diagnostics in
/// the order of the file, as a reader goes through it.
fn check_file<T>(
    source: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
    how: Read,
    read: impl Fn(&mut Checker, &tree::Node) -> Option<T>,
) -> Option<T> {
    // Each reading gets the file's budget of "did you mean" work.
    let bytes = source.text.len();
    if how == Read::Fast
        && let Some(root) = fast::parse(&source.text)
    {
        let mut checker = Checker::new(source);
        let value = suggest::within_budget(bytes, || read(&mut checker, &root));
        // Diagnostics need locations, which only the full parser keeps.
        if value.is_some() && checker.diagnostics.is_empty() {
            return value;
        }
    }
    let root = match yaml::parse(source) {
        Ok(root) => root,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let mut checker = Checker::new(source);
    let value = suggest::within_budget(bytes, || read(&mut checker, &root));
    checker
        .diagnostics
        .sort_by_key(|d| d.at.as_ref().map(|(_, loc)| (loc.line, loc.column)));
    diagnostics.append(&mut checker.diagnostics);
    value
}
