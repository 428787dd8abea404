//! A negotiation folder's files, listed (and checked for size) but not yet
//! parsed.

use super::AGENDA;
use super::limits::{MAX_FOLDER_BYTES, MAX_PARTIES};
use super::message::DiagnosticKind;
use super::read::{from_bytes, io_error, read_in, refused};
use super::texts::{self, TextFiles};
use crate::confine::{self, Dir, Refusal};
use crate::diag::{Diagnostic, SourceFile};
use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    /// Where the sources' texts are found, by their path from the folder.
    pub texts: TextFiles,
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
    /// not all in memory at once: `file` in the open `folder`.
    OnDisk {
        /// The folder, open.
        folder: Arc<Dir>,
        /// The file's name in it.
        file: OsString,
    },
    /// Read already (from memory, git or disk), or why it could not be.
    Read(Result<SourceFile, Diagnostic>),
}

impl PartyFile {
    /// The file's text, read now if it is still on disk. The folder keeps
    /// no copy: a party's text is dropped once the party is read.
    pub fn take_source(&mut self) -> Result<SourceFile, Diagnostic> {
        let taken = Contents::Read(Err(DiagnosticKind::ReadOnce.in_file(&self.name)));
        match std::mem::replace(&mut self.contents, taken) {
            Contents::OnDisk { folder, file } => read_in(&folder, &file, self.name.clone()),
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
    let (dir, folder) = folder_of(path)?;
    let name = folder.display().to_string();
    let agenda_path = folder.join(AGENDA);
    let stat = |file: &str| dir.stat(OsStr::new(file)).ok().flatten();
    if stat(AGENDA).is_none() {
        let help = if stat("agenda.yml").is_some() {
            format!("rename `agenda.yml` to `{AGENDA}`")
        } else {
            format!("a negotiation folder holds one `{AGENDA}` and one YAML file per party")
        };
        return Err(DiagnosticKind::NoAgenda { help }.in_file(&name));
    }
    let files = party_files(&dir, &name)?;
    let agenda = read_in(&dir, OsStr::new(AGENDA), agenda_path.display().to_string());
    let dir = Arc::new(dir);
    let mut inputs = vec![agenda_path];
    inputs.extend(files.iter().map(|f| folder.join(f)));
    let parties = files
        .into_iter()
        .map(|file| PartyFile {
            name: folder.join(&file).display().to_string(),
            file_name: file.to_string_lossy().into_owned(),
            contents: Contents::OnDisk {
                folder: Arc::clone(&dir),
                file,
            },
        })
        .collect();
    Ok(Folder {
        name,
        texts: texts::on_disk(dir, folder.clone()),
        path: Some(folder),
        agenda,
        parties,
        inputs,
    })
}

/// The folder a path names, opened, and its path: the folder itself, or
/// the folder of an `agenda.yaml` given by mistake for it.
fn folder_of(path: &Path) -> Result<(Dir, PathBuf), Diagnostic> {
    let name = path.display().to_string();
    let not_a_folder = match confine::open_folder(path) {
        Ok(dir) => return Ok((dir, path.to_path_buf())),
        Err(Refusal::Io(e))
            if e.raw_os_error() == Some(rustix::io::Errno::NOTDIR.raw_os_error()) =>
        {
            e
        }
        Err(refusal) => return Err(refused(&name, refusal)),
    };
    if path.file_name().is_some_and(|f| f == AGENDA) {
        let (dir, _) = confine::open_parent(path).map_err(|r| refused(&name, r))?;
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        return Ok((dir, folder));
    }
    if std::fs::symlink_metadata(path).is_ok_and(|m| !m.is_dir()) {
        return Err(DiagnosticKind::IsAFile.in_file(&name));
    }
    Err(io_error(&name, &not_a_folder))
}

/// Every `*.yaml` / `*.yml` file beside the agenda, sorted by name so that
/// the order of the file system never shows in a report.
fn party_files(dir: &Dir, name: &str) -> Result<Vec<OsString>, Diagnostic> {
    let names = dir.names().map_err(|e| io_error(name, &e))?;
    let mut files = Vec::new();
    for file in names {
        if is_party_file(&file.to_string_lossy()) {
            files.push(file);
            if files.len() > MAX_PARTIES {
                return Err(DiagnosticKind::TooManyPartyFiles.in_file(name));
            }
        }
    }
    files.sort();
    // Sizes first, so that nothing is read of a folder too large to load.
    // Through links: a thousand links to one large file are a thousand
    // files to read.
    let total: u64 = files
        .iter()
        .filter_map(|f| rustix::fs::statat(dir, f, rustix::fs::AtFlags::empty()).ok())
        .map(|s| u64::try_from(s.st_size).unwrap_or(0))
        .sum();
    if total > MAX_FOLDER_BYTES {
        return Err(DiagnosticKind::FolderTooLarge { total }.in_file(name));
    }
    Ok(files)
}

/// A folder whose files are given as bytes (tests, fuzzing, tools that
/// hold positions in memory), each by its path from the folder: the party
/// files beside the agenda, and any other file (a source's text, such as
/// `sources/article.txt`).
pub fn in_memory(name: &str, agenda: Vec<u8>, files: Vec<(String, Vec<u8>)>) -> Folder {
    let read = |file_name: &str, bytes: Vec<u8>| from_bytes(format!("{name}/{file_name}"), bytes);
    let (parties, others): (Vec<_>, Vec<_>) = files
        .into_iter()
        .partition(|(file_name, _)| !file_name.contains('/') && is_party_file(file_name));
    let others: HashMap<String, std::sync::Arc<[u8]>> = others
        .into_iter()
        .map(|(path, bytes)| (texts::tidy(&path), bytes.into()))
        .collect();
    let mut parties: Vec<PartyFile> = parties
        .into_iter()
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
        texts: texts::in_memory(others),
    }
}
