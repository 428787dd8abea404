//! From a negotiation folder on disk to a validated `Negotiation`, or to
//! every diagnostic the files deserve. Nothing here compares positions.

pub mod agenda;
pub mod check;
pub mod limits;
pub mod party;
pub mod read;
pub mod stance;
pub mod tree;
pub mod yaml;

use crate::diag::{Diagnostic, did_you_mean};
use crate::model::{Negotiation, Party};
use check::Checker;
use std::path::{Path, PathBuf};
use tree::Loc;

/// What loading a folder produced. `negotiation` is `Some` only when no
/// diagnostic is an error: a report is never built from half a negotiation.
pub struct Loaded {
    pub negotiation: Option<Negotiation>,
    pub diagnostics: Vec<Diagnostic>,
    /// Every file read, so that no output is ever written over one.
    pub inputs: Vec<PathBuf>,
    /// The negotiation folder, once found.
    pub folder: Option<PathBuf>,
}

pub const AGENDA: &str = "agenda.yaml";

pub fn load(path: &Path) -> Loaded {
    let mut loaded = Loaded {
        negotiation: None,
        diagnostics: Vec::new(),
        inputs: Vec::new(),
        folder: None,
    };
    let folder = match folder_of(path) {
        Ok(folder) => folder,
        Err(d) => {
            loaded.diagnostics.push(d);
            return loaded;
        }
    };
    loaded.folder = Some(folder.clone());
    let agenda_path = folder.join(AGENDA);
    let party_paths = match party_files(&folder) {
        Ok(paths) => paths,
        Err(d) => {
            loaded.diagnostics.push(d);
            return loaded;
        }
    };
    if !agenda_path.exists() {
        let help = if folder.join("agenda.yml").is_file() {
            format!("rename `agenda.yml` to `{AGENDA}`")
        } else {
            format!("a negotiation folder holds one `{AGENDA}` and one YAML file per party")
        };
        loaded.diagnostics.push(
            Diagnostic::file(
                folder.display().to_string(),
                format!("no `{AGENDA}` in this folder"),
            )
            .help(Some(help)),
        );
        return loaded;
    }
    loaded.inputs.push(agenda_path.clone());
    loaded.inputs.extend(party_paths.iter().cloned());

    let agenda_file = read_file(&agenda_path, &mut loaded.diagnostics, |c, root| {
        agenda::read_agenda(c, root)
    });
    let agenda_ok = agenda_file.is_some() && !loaded.diagnostics.iter().any(Diagnostic::is_error);
    let agenda = agenda_file
        .as_ref()
        .filter(|_| agenda_ok)
        .map(|a| &a.agenda);

    let mut parties: Vec<Party> = Vec::new();
    for path in &party_paths {
        let file_name = path
            .file_name()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        if let Some(party) = read_file(path, &mut loaded.diagnostics, |c, root| {
            party::read_party(c, root, &file_name, agenda)
        }) {
            parties.push(party);
        }
    }
    if party_paths.is_empty() {
        loaded.diagnostics.push(Diagnostic::file(
            folder.display().to_string(),
            "no party files in this folder (one YAML file per party, beside `agenda.yaml`)",
        ));
    }
    check_one_file_per_party(&party_paths, &mut loaded.diagnostics);
    if let Some(a) = &agenda_file
        && let Some(order) = &a.parties
    {
        check_party_order(
            &agenda_path,
            order,
            a.parties_at,
            &party_paths,
            &mut loaded.diagnostics,
        );
    }
    if loaded.diagnostics.iter().any(Diagnostic::is_error) {
        return loaded;
    }
    let Some(agenda_file) = agenda_file else {
        return loaded;
    };
    let Some(title) = agenda_file.title else {
        return loaded;
    };
    match &agenda_file.parties {
        Some(order) => parties.sort_by_key(|p| order.iter().position(|(id, _)| *id == p.id)),
        None => parties.sort_by(|a, b| a.id.cmp(&b.id)),
    }
    loaded.negotiation = Some(Negotiation {
        title,
        as_of: agenda_file.as_of,
        agenda: agenda_file.agenda,
        parties,
    });
    loaded
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// File stems are party ids (the party files check that), so these checks
/// hold even when a party file is broken.
fn check_one_file_per_party(party_paths: &[PathBuf], diagnostics: &mut Vec<Diagnostic>) {
    for (i, path) in party_paths.iter().enumerate() {
        if let Some(first) = party_paths[..i].iter().find(|p| stem(p) == stem(path)) {
            diagnostics.push(
                Diagnostic::file(
                    path.display().to_string(),
                    format!("a second file for party `{}`", stem(path)),
                )
                .help(Some(format!(
                    "`{}` already holds this party; keep one of the two",
                    first.display()
                ))),
            );
        }
    }
}

/// When the agenda lists `parties:`, every file listed and every listed id
/// with a file.
fn check_party_order(
    agenda_path: &Path,
    order: &[(String, Loc)],
    parties_at: Loc,
    party_paths: &[PathBuf],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let stems: Vec<String> = party_paths.iter().map(|p| stem(p)).collect();
    let source = read::read_source(agenda_path).ok();
    for (id, loc) in order {
        if !stems.contains(id)
            && let Some(source) = &source
        {
            diagnostics.push(
                Diagnostic::at(
                    source,
                    *loc,
                    format!("party `{id}` has no file in this folder"),
                )
                .label(format!("expected `{id}.yaml` beside the agenda"))
                .help(did_you_mean(id, stems.iter().map(String::as_str))),
            );
        }
    }
    for (path, id) in party_paths.iter().zip(&stems) {
        if !order.iter().any(|(listed, _)| listed == id)
            && let Some(source) = &source
        {
            diagnostics.push(
                Diagnostic::at(
                    source,
                    parties_at,
                    format!("party `{id}` has a file but is not listed in `parties`"),
                )
                .label(format!("`{id}` is missing from this list"))
                .help(Some(format!(
                    "add `{id}` here, or remove `{}`",
                    path.display()
                ))),
            );
        }
    }
}

/// The folder a path names: the folder itself, or the folder of an
/// `agenda.yaml` given by mistake for it.
fn folder_of(path: &Path) -> Result<PathBuf, Diagnostic> {
    let name = path.display().to_string();
    let meta =
        std::fs::metadata(path).map_err(|e| Diagnostic::file(&name, read::io_message(&e)))?;
    if meta.is_dir() {
        return Ok(path.to_path_buf());
    }
    if path.file_name().is_some_and(|f| f == AGENDA) {
        return Ok(path
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf));
    }
    Err(
        Diagnostic::file(&name, "is a file; stance reads a negotiation folder").help(Some(
            format!("give the folder that holds `{AGENDA}` and the party files"),
        )),
    )
}

/// Every `*.yaml` / `*.yml` file beside the agenda, sorted by name so that
/// the order of the file system never shows in a report.
fn party_files(folder: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let name = folder.display().to_string();
    let entries =
        std::fs::read_dir(folder).map_err(|e| Diagnostic::file(&name, read::io_message(&e)))?;
    let mut paths = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Diagnostic::file(&name, read::io_message(&e)))?;
        let path = entry.path();
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let yaml = file_name.ends_with(".yaml") || file_name.ends_with(".yml");
        if yaml && !file_name.starts_with('.') && file_name != AGENDA && file_name != "agenda.yml" {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}

fn read_file<T>(
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
    read: impl FnOnce(&mut Checker, &tree::Node) -> Option<T>,
) -> Option<T> {
    let source = match read::read_source(path) {
        Ok(source) => source,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let root = match yaml::parse(&source) {
        Ok(root) => root,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let mut checker = Checker::new(&source);
    let value = read(&mut checker, &root);
    // In the order of the file, as a reader goes through it.
    checker
        .diagnostics
        .sort_by_key(|d| d.at.as_ref().map(|(_, loc)| (loc.line, loc.column)));
    diagnostics.append(&mut checker.diagnostics);
    value
}
