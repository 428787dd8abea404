//! A negotiation folder's files, listed (and checked for size) but not yet
//! parsed.

use super::AGENDA;
use super::limits::{MAX_FOLDER_BYTES, MAX_PARTIES};
use super::read::{from_bytes, io_message, read_source};
use crate::diag::{Diagnostic, SourceFile};
use std::path::{Path, PathBuf};

/// The files of one negotiation, on disk or read (from memory, or from git
/// at a revision) but not parsed: loading works the same on either.
pub struct Folder {
    /// The folder as named in messages.
    pub name: String,
    /// The folder on disk, when it is on disk.
    pub path: Option<PathBuf>,
    /// `agenda.yaml`, or why it could not be read.
    pub agenda: Result<SourceFile, Diagnostic>,
    /// In file name order, so the file system's order never shows.
    pub parties: Vec<PartyFile>,
    /// Every file on disk that is read (party files when loaded).
    pub inputs: Vec<PathBuf>,
}

/// One party's file in a folder.
pub struct PartyFile {
    /// As named in messages.
    pub name: String,
    /// The bare file name, whose stem is the party id.
    pub file_name: String,
    /// Its text, or where to read it.
    pub contents: Contents,
}

/// A party file's text, read or still on disk.
pub enum Contents {
    /// Read when the file's turn comes, so that a conference's files are
    /// not all in memory at once.
    OnDisk(PathBuf),
    /// Read already (from memory, git or disk), or why it could not be.
    Read(Result<SourceFile, Diagnostic>),
}

impl PartyFile {
    /// The file's text, read now if it is still on disk. The folder keeps
    /// no copy: a party's text is dropped once the party is read.
    pub fn take_source(&mut self) -> Result<SourceFile, Diagnostic> {
        let taken = Contents::Read(Err(Diagnostic::file(&self.name, "read once already")));
        match std::mem::replace(&mut self.contents, taken) {
            Contents::OnDisk(path) => read_source(&path),
            Contents::Read(read) => read,
        }
    }

    /// The file name's stem: the party id it holds.
    pub fn stem(&self) -> &str {
        self.file_name
            .rsplit_once('.')
            .map_or(&self.file_name, |(stem, _)| stem)
    }
}

/// Whether a file beside the agenda is a party file.
pub fn is_party_file(file_name: &str) -> bool {
    let yaml = file_name.ends_with(".yaml") || file_name.ends_with(".yml");
    yaml && !file_name.starts_with('.') && file_name != AGENDA && file_name != "agenda.yml"
}

/// Every file of the folder at `path`. A missing folder or agenda is an
/// error here; a file that cannot be read is an error kept for its place.
pub fn read_folder(path: &Path) -> Result<Folder, Diagnostic> {
    let folder = folder_of(path)?;
    let name = folder.display().to_string();
    let agenda_path = folder.join(AGENDA);
    if !agenda_path.exists() {
        let help = if folder.join("agenda.yml").is_file() {
            format!("rename `agenda.yml` to `{AGENDA}`")
        } else {
            format!("a negotiation folder holds one `{AGENDA}` and one YAML file per party")
        };
        return Err(
            Diagnostic::file(&name, format!("no `{AGENDA}` in this folder")).help(Some(help)),
        );
    }
    let paths = party_paths(&folder)?;
    let mut inputs = vec![agenda_path.clone()];
    inputs.extend(paths.iter().cloned());
    let parties = paths
        .iter()
        .map(|p| PartyFile {
            name: p.display().to_string(),
            file_name: p
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default(),
            contents: Contents::OnDisk(p.clone()),
        })
        .collect();
    Ok(Folder {
        name,
        path: Some(folder),
        agenda: read_source(&agenda_path),
        parties,
        inputs,
    })
}

/// The folder a path names: the folder itself, or the folder of an
/// `agenda.yaml` given by mistake for it.
fn folder_of(path: &Path) -> Result<PathBuf, Diagnostic> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| Diagnostic::file(&name, io_message(&e)))?;
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
fn party_paths(folder: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let name = folder.display().to_string();
    let entries = std::fs::read_dir(folder).map_err(|e| Diagnostic::file(&name, io_message(&e)))?;
    let mut paths = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Diagnostic::file(&name, io_message(&e)))?;
        if is_party_file(&entry.file_name().to_string_lossy()) {
            paths.push(entry.path());
            if paths.len() > MAX_PARTIES {
                return Err(Diagnostic::file(
                    &name,
                    format!("more than {MAX_PARTIES} party files in one folder"),
                ));
            }
        }
    }
    paths.sort();
    // Sizes first, so that nothing is read of a folder too large to load.
    let total: u64 = paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    if total > MAX_FOLDER_BYTES {
        return Err(Diagnostic::file(
            &name,
            format!(
                "the party files hold {total} bytes, over the limit of {MAX_FOLDER_BYTES} bytes ({} MiB) for one negotiation",
                MAX_FOLDER_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok(paths)
}

/// A folder whose files are given as bytes (tests, fuzzing, tools that
/// hold positions in memory). Party files are named by `file_name`.
pub fn in_memory(name: &str, agenda: Vec<u8>, parties: Vec<(String, Vec<u8>)>) -> Folder {
    let read = |file_name: &str, bytes: Vec<u8>| from_bytes(format!("{name}/{file_name}"), bytes);
    let mut parties: Vec<PartyFile> = parties
        .into_iter()
        .filter(|(file_name, _)| is_party_file(file_name))
        .map(|(file_name, bytes)| PartyFile {
            name: format!("{name}/{file_name}"),
            contents: Contents::Read(read(&file_name, bytes)),
            file_name,
        })
        .collect();
    parties.sort_by(|a, b| a.file_name.cmp(&b.file_name));
    Folder {
        name: name.to_owned(),
        path: None,
        agenda: read(AGENDA, agenda),
        parties,
        inputs: Vec::new(),
    }
}
