//! A negotiation folder as it was at a git revision (`stance changes
//! --since REV`), read with `git ls-tree` and `git show` into the same
//! `Folder` the loader reads from disk.

use crate::diag::Diagnostic;
use crate::load::folder::is_party_file;
use crate::load::limits::{MAX_FILE_BYTES, MAX_FOLDER_BYTES, MAX_PARTIES};
use crate::load::read::{from_bytes, too_large};
use crate::load::texts::{Refused, TextFile, TextFiles, tidy};
use crate::load::{AGENDA, Contents, Folder, PartyFile};
use crate::visible;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The files of the folder at `path` as they were at `rev`.
pub fn folder_at(path: &Path, rev: &str) -> Result<Folder, Diagnostic> {
    let name = format!("{rev}:{}", path.display());
    let fail = |message: String| Diagnostic::file(path.display().to_string(), message);
    if !path.is_dir() {
        return Err(fail("`--since` needs the negotiation folder".to_owned()));
    }
    let shown = visible::line(rev);
    // Never taken for one of git's options (`--output=...`).
    if rev.starts_with('-') {
        return Err(fail(format!(
            "`{shown}` is not a revision: a revision does not start with `-`"
        )));
    }
    git(path, &["rev-parse", "--show-toplevel"]).map_err(|e| e.diagnostic(path))?;
    let commit = format!("{rev}^{{commit}}");
    if git(path, &["rev-parse", "--verify", "--quiet", &commit]).is_err() {
        return Err(unknown_revision(path, rev));
    }
    let listing = git(path, &["ls-tree", "-l", "-z", rev, "--", "."])
        .map_err(|e| fail(format!("cannot list the folder at `{shown}`: {}", e.said())))?;
    let entries = entries(&listing);
    let files: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.name == AGENDA || is_party_file(&e.name))
        .collect();
    let party_count = files.iter().filter(|e| e.name != AGENDA).count();
    if party_count > MAX_PARTIES {
        return Err(fail(format!(
            "more than {MAX_PARTIES} party files in this folder at `{shown}`"
        )));
    }
    let total: u64 = files.iter().map(|e| e.size).sum();
    if total > MAX_FOLDER_BYTES {
        return Err(fail(format!(
            "the folder holds {total} bytes at `{shown}`, over the limit of {MAX_FOLDER_BYTES} bytes"
        )));
    }
    let mut agenda = None;
    let mut parties = Vec::new();
    for entry in files {
        let file = format!("{name}/{}", entry.name);
        let source = read_entry(path, rev, entry, &entries, file.clone());
        if entry.name == AGENDA {
            agenda = Some(source);
        } else {
            parties.push(PartyFile {
                name: file,
                file_name: entry.name.clone(),
                contents: Contents::Read(source),
            });
        }
    }
    parties.sort_by(|a, b| a.file_name.cmp(&b.file_name));
    let Some(agenda) = agenda else {
        return Err(fail(format!("no `{AGENDA}` in this folder at `{shown}`")));
    };
    Ok(Folder {
        name,
        path: None,
        agenda,
        parties,
        inputs: Vec::new(),
        texts: texts_at(path.to_path_buf(), rev.to_owned()),
    })
}

/// The sources' texts of the folder at `path` as they were at `rev`: a
/// regular file of the repository (a link is not followed), its size
/// known before it is read.
fn texts_at(folder: PathBuf, rev: String) -> TextFiles {
    Box::new(move |path| {
        let shown = visible::line(&rev).into_owned();
        let refuse = |message: String| Refused {
            message,
            help: None,
        };
        let wanted = tidy(path);
        let listing = git(
            &folder,
            &[
                "--literal-pathspecs",
                "ls-tree",
                "-l",
                "-z",
                &rev,
                "--",
                &format!("./{wanted}"),
            ],
        )
        .map_err(|e| refuse(format!("cannot list it at `{shown}`: {}", e.said())))?;
        let entries = entries(&listing);
        let Some(entry) = entries.into_iter().find(|e| e.name == wanted) else {
            return Err(refuse(format!("no such file at `{shown}`")));
        };
        if entry.link {
            return Err(refuse(format!(
                "is a link at `{shown}`: from git, stance reads a source's text only from the file itself"
            )));
        }
        let (folder, rev) = (folder.clone(), rev.clone());
        Ok(TextFile {
            identity: entry.object,
            size: entry.size,
            read: Box::new(move |_| {
                git(&folder, &["show", &format!("{rev}:./{wanted}")])
                    .map_err(|e| format!("cannot read it from git: {}", e.said()))
            }),
            path: None,
        })
    })
}

/// One file of `git ls-tree -l`: `<mode> <type> <object> <size>\t<name>`.
struct Entry {
    name: String,
    link: bool,
    size: u64,
    /// The blob's object id: who the file is.
    object: String,
}

fn entries(listing: &[u8]) -> Vec<Entry> {
    let mut entries = Vec::new();
    for entry in listing.split(|b| *b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, name)) = entry.split_once('\t') else {
            continue;
        };
        let meta: Vec<&str> = meta.split_whitespace().collect();
        if meta.get(1) != Some(&"blob") {
            continue;
        }
        entries.push(Entry {
            name: name.to_owned(),
            link: meta.first() == Some(&"120000"),
            object: meta.get(2).map_or_else(String::new, |o| (*o).to_owned()),
            // Sizes from the listing: the limits hold before anything is read.
            size: meta.get(3).and_then(|s| s.parse().ok()).unwrap_or(0),
        });
    }
    entries
}

/// A file's text at `rev`. A symbolic link is followed as on disk only to
/// a file beside it (`latest.yaml -> round-3.yaml`); any other is refused.
fn read_entry(
    folder: &Path,
    rev: &str,
    entry: &Entry,
    entries: &[Entry],
    name: String,
) -> Result<crate::diag::SourceFile, Diagnostic> {
    let mut entry = entry;
    if entry.link {
        let target = show(folder, rev, &entry.name, name.clone())?;
        let target = target.text.trim_end_matches('\n');
        match entries.iter().find(|e| e.name == target && !e.link) {
            Some(beside) if !target.contains('/') => entry = beside,
            _ => {
                return Err(Diagnostic::file(
                    &name,
                    format!(
                        "is a link to `{}` at `{}`: from git, stance follows a link only to a file beside it",
                        visible::line(target),
                        visible::line(rev)
                    ),
                ));
            }
        }
    }
    if entry.size > MAX_FILE_BYTES {
        return Err(too_large(&name, entry.size));
    }
    show(folder, rev, &entry.name, name)
}

/// `rev` names no commit: say why, if the clone's history is cut short.
fn unknown_revision(folder: &Path, rev: &str) -> Diagnostic {
    let shallow = git(folder, &["rev-parse", "--is-shallow-repository"])
        .is_ok_and(|out| out.trim_ascii() == b"true");
    let d = Diagnostic::file(
        folder.display().to_string(),
        format!("unknown revision `{}`", visible::line(rev)),
    );
    if shallow {
        d.help(Some(
            "this clone is shallow: its history stops after the last few commits; fetch the rest with `git fetch --unshallow` (in CI, check out with `fetch-depth: 0`)".to_owned(),
        ))
    } else {
        d.help(Some(
            "give a commit, branch or tag of this repository; a branch of a remote must be fetched first (`git fetch origin NAME`)".to_owned(),
        ))
    }
}

fn show(
    folder: &Path,
    rev: &str,
    file_name: &str,
    name: String,
) -> Result<crate::diag::SourceFile, Diagnostic> {
    let bytes = git(folder, &["show", &format!("{rev}:./{file_name}")])
        .map_err(|e| Diagnostic::file(&name, format!("cannot read it from git: {}", e.said())))?;
    // Checked again: the listing's size may not have been readable.
    from_bytes(name, bytes)
}

/// Why git gave nothing.
enum GitError {
    /// No `git` on PATH.
    Missing,
    /// It could not be started for another reason.
    Start(std::io::Error),
    /// It ran and failed, saying this on stderr.
    Failed(String),
}

impl GitError {
    /// What git said, or why it did not run, on one line.
    fn said(&self) -> String {
        match self {
            GitError::Missing => "git is not on PATH".to_owned(),
            GitError::Start(e) => format!("cannot run git: {e}"),
            GitError::Failed(stderr) => {
                visible::line(stderr.lines().next().unwrap_or("")).into_owned()
            }
        }
    }

    /// The error for `--since` in `folder`, where git was to find the
    /// repository: what really happened, and what to do.
    fn diagnostic(&self, folder: &Path) -> Diagnostic {
        let file = folder.display().to_string();
        match self {
            GitError::Missing => Diagnostic::file(file, "`--since` reads the folder's history with git, and git is not installed or not on PATH")
                .help(Some("install git, or compare two folders: `stance changes OLD NEW`".to_owned())),
            GitError::Failed(stderr) if stderr.contains("dubious ownership") => {
                // "detected dubious ownership in repository at '/repo'"
                let repo = stderr
                    .split_once(" at '")
                    .and_then(|(_, rest)| rest.split_once('\''))
                    .map_or_else(|| file.clone(), |(repo, _)| repo.to_owned());
                Diagnostic::file(file, "git refuses to read this repository: it belongs to another user (git's \"dubious ownership\" check)")
                    .help(Some(format!(
                        "if you trust the repository, mark it safe: `git config --global --add safe.directory {}`",
                        visible::line(&repo)
                    )))
            }
            GitError::Failed(stderr) if stderr.contains("not a git repository") => Diagnostic::file(
                file,
                "not inside a git repository, so `--since` has no history to read",
            ),
            other => Diagnostic::file(file, format!("git cannot read this repository: {}", other.said())),
        }
    }
}

/// Runs git in `dir`; its stdout, or why it gave none.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, GitError> {
    let output = match Command::new("git").arg("-C").arg(dir).args(args).output() {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(GitError::Missing),
        Err(e) => return Err(GitError::Start(e)),
    };
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(GitError::Failed(
            String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        ))
    }
}
