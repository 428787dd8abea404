//! The sources' texts: the files a source's `text` names inside the
//! negotiation folder, found (on disk, in memory, or in git at a revision)
//! and read as position files are: confined to the folder, regular files,
//! within the size limits, UTF-8. Each file is read once, however many
//! sources, in however many party files, name it, and by whatever path.

use super::limits::{MAX_FILE_BYTES, MAX_SOURCE_TEXT_BYTES};
use super::message::DiagnosticKind;
use super::read::{decode, io_message, refused, too_large};
use crate::confine::{self, Dir};
use crate::diag::Diagnostic;
use std::collections::{HashMap, HashSet};
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// A source's text file, found but not yet read.
pub struct TextFile {
    /// Who the file is, whatever path named it: two paths to one file
    /// read it once.
    pub identity: String,
    /// Its size, before anything is read.
    pub size: u64,
    /// Reads it: at most the given number of bytes and one more.
    pub read: Box<dyn FnOnce(u64) -> Result<Vec<u8>, String> + Send>,
    /// The file on disk: no report is ever written over it.
    pub path: Option<PathBuf>,
}

/// Why a source's text was not read: what to say at its `text`.
#[derive(Clone, Debug)]
pub struct Refused {
    /// What is wrong with the file, after its path: `no such file or
    /// folder`.
    pub message: String,
    /// What to do.
    pub help: Option<String>,
}

/// How a folder finds its sources' texts, by their path from the folder.
pub type TextFiles = Box<dyn Fn(&str) -> Result<TextFile, Refused> + Send + Sync>;

/// The path as compared: no `.` parts, one `/` between parts.
pub fn tidy(path: &str) -> String {
    path.split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect::<Vec<_>>()
        .join("/")
}

/// Texts inside the folder `dir` on disk, named `folder` in messages.
pub fn on_disk(dir: Arc<Dir>, folder: PathBuf) -> TextFiles {
    let position_files = OnceLock::new();
    Box::new(move |path| {
        let shown = folder.join(path);
        let name = shown.display().to_string();
        let file = confine::open_below(&dir, Path::new(path)).map_err(|r| match r {
            confine::Refusal::NotRegular(rustix::fs::FileType::Directory) => Refused {
                message: "is a folder, not a file".to_owned(),
                help: None,
            },
            r => {
                let d = refused(&name, r);
                Refused {
                    message: d.message,
                    help: d.help,
                }
            }
        })?;
        let meta = file.metadata().map_err(|e| Refused {
            message: io_message(&e),
            help: None,
        })?;
        use std::os::unix::fs::MetadataExt as _;
        // A link inside the folder to the agenda or a party file would
        // "verify" every quote of that file: its text holds them all.
        // `text: alpha.yaml` is refused where it is read; by a link, here.
        if position_files
            .get_or_init(|| identities_of_position_files(&dir))
            .contains(&(meta.dev(), meta.ino()))
        {
            return Err(Refused {
                message: "is a position file of this folder, reached through a link, not a source's text".to_owned(),
                help: Some("keep the source's own words in a file of their own, such as `sources/article.txt`".to_owned()),
            });
        }
        Ok(TextFile {
            identity: format!("{}:{}", meta.dev(), meta.ino()),
            size: meta.len(),
            read: Box::new(move |limit| {
                let mut bytes = Vec::new();
                file.take(limit + 1)
                    .read_to_end(&mut bytes)
                    .map_err(|e| io_message(&e))?;
                Ok(bytes)
            }),
            path: Some(shown),
        })
    })
}

/// The files `stance` reads as positions in `dir` (the agenda and the party
/// files), by device and inode, as reached through any link.
fn identities_of_position_files(dir: &Dir) -> HashSet<(u64, u64)> {
    use std::os::unix::fs::MetadataExt as _;
    let names = dir.names().unwrap_or_default();
    names
        .iter()
        .filter(|name| {
            let name = name.to_string_lossy();
            name == super::AGENDA || super::folder::is_party_file(&name)
        })
        .filter_map(|name| confine::open_below(dir, Path::new(name)).ok())
        .filter_map(|file| file.metadata().ok())
        .map(|meta| (meta.dev(), meta.ino()))
        .collect()
}

/// Texts given as bytes, by path from the folder (tests, fuzzing).
pub fn in_memory(files: HashMap<String, Arc<[u8]>>) -> TextFiles {
    Box::new(move |path| {
        let path = tidy(path);
        let bytes = files.get(&path).cloned().ok_or_else(|| Refused {
            message: "no such file or folder".to_owned(),
            help: None,
        })?;
        Ok(TextFile {
            identity: path,
            size: bytes.len() as u64,
            read: Box::new(move |_| Ok(bytes.to_vec())),
            path: None,
        })
    })
}

/// One text, read.
pub struct Text {
    /// As named in messages: the folder's name, then the path.
    pub name: String,
    /// What it holds.
    pub content: Arc<str>,
}

/// What became of one source's `text`.
#[derive(Clone, Debug)]
pub enum Reached {
    /// Read: the text's place in `Texts::texts`.
    Read(usize),
    /// Refused: to be said at the source's `text`.
    Refused(Refused),
    /// The file itself is broken (too large, not UTF-8): its own
    /// diagnostic says so, once.
    Broken,
}

/// The texts of a folder's sources, each read once.
pub struct Texts {
    /// In the order first named.
    pub texts: Vec<Text>,
    /// For each path asked for, in that order.
    pub reached: Vec<Reached>,
    /// About the files themselves, and the folder's limit.
    pub diagnostics: Vec<Diagnostic>,
    /// The files read from disk.
    pub inputs: Vec<PathBuf>,
}

/// Reads the texts `paths` name (tidied, each once), in order, within the
/// limits: each file as a position file, and all of them together
/// `MAX_SOURCE_TEXT_BYTES`, counted in the order named so that the same
/// folder always stops at the same file.
pub fn read_texts(open: &TextFiles, folder: &str, paths: &[String]) -> Texts {
    let mut out = Texts {
        texts: Vec::new(),
        reached: Vec::with_capacity(paths.len()),
        diagnostics: Vec::new(),
        inputs: Vec::new(),
    };
    let mut by_identity: HashMap<String, Reached> = HashMap::new();
    let mut total: u64 = 0;
    let mut over = false;
    for path in paths {
        let name = format!("{folder}/{path}");
        let reached = match open(path) {
            Err(refusal) => Reached::Refused(refusal),
            Ok(_) if over => Reached::Broken,
            Ok(file) => {
                if let Some(known) = by_identity.get(&file.identity) {
                    out.reached.push(known.clone());
                    continue;
                }
                let identity = file.identity.clone();
                let reached = read_one(file, name, &mut total, &mut out);
                over = total > MAX_SOURCE_TEXT_BYTES;
                if over {
                    out.diagnostics.push(
                        DiagnosticKind::TextsTooLarge {
                            path: crate::visible::line(path).into_owned(),
                        }
                        .in_file(folder),
                    );
                }
                by_identity.insert(identity, reached.clone());
                reached
            }
        };
        out.reached.push(reached);
    }
    out
}

fn read_one(file: TextFile, name: String, total: &mut u64, out: &mut Texts) -> Reached {
    if file.size > MAX_FILE_BYTES {
        out.diagnostics.push(too_large(&name, file.size));
        return Reached::Broken;
    }
    *total += file.size;
    if *total > MAX_SOURCE_TEXT_BYTES {
        return Reached::Broken;
    }
    let bytes = match (file.read)(MAX_FILE_BYTES) {
        Ok(bytes) => bytes,
        Err(message) => {
            out.diagnostics
                .push(DiagnosticKind::Io { message }.in_file(&name));
            return Reached::Broken;
        }
    };
    // The size may have changed since it was looked at.
    if bytes.len() as u64 > MAX_FILE_BYTES {
        out.diagnostics.push(too_large(&name, bytes.len() as u64));
        return Reached::Broken;
    }
    *total += (bytes.len() as u64).saturating_sub(file.size);
    match decode(name.clone(), bytes) {
        Ok(source) => {
            out.inputs.extend(file.path);
            out.texts.push(Text {
                name,
                content: source.text,
            });
            Reached::Read(out.texts.len() - 1)
        }
        Err(d) => {
            out.diagnostics.push(d);
            Reached::Broken
        }
    }
}
