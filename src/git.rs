//! A negotiation folder as it was at a git revision (`stance changes
//! --since REV`), read with `git ls-tree` and `git show` into the same
//! `Folder` the loader reads from disk.

use crate::diag::Diagnostic;
use crate::load::folder::is_party_file;
use crate::load::limits::{MAX_FILE_BYTES, MAX_FOLDER_BYTES, MAX_PARTIES};
use crate::load::read::{from_bytes, too_large};
use crate::load::{AGENDA, Contents, Folder, PartyFile};
use std::path::Path;
use std::process::Command;

/// The files of the folder at `path` as they were at `rev`.
pub fn folder_at(path: &Path, rev: &str) -> Result<Folder, Diagnostic> {
    let name = format!("{rev}:{}", path.display());
    let fail = |message: String| Diagnostic::file(path.display().to_string(), message);
    if !path.is_dir() {
        return Err(fail("`--since` needs the negotiation folder".to_owned()));
    }
    git(path, &["rev-parse", "--show-toplevel"]).map_err(|_| {
        fail("not inside a git repository, so `--since` has no history to read".to_owned())
    })?;
    let commit = format!("{rev}^{{commit}}");
    git(path, &["rev-parse", "--verify", "--quiet", &commit])
        .map_err(|_| fail(format!("unknown revision `{rev}`")))?;
    let listing = git(path, &["ls-tree", "-l", "-z", rev, "--", "."])
        .map_err(|e| fail(format!("cannot list the folder at `{rev}`: {e}")))?;
    // "<mode> <type> <object> <size>\t<file name>": the files and their
    // sizes, so that the limits hold before anything is read.
    let mut files = Vec::new();
    for entry in listing.split(|b| *b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, file_name)) = entry.split_once('\t') else {
            continue;
        };
        let meta: Vec<&str> = meta.split_whitespace().collect();
        if meta.get(1) != Some(&"blob") || !(file_name == AGENDA || is_party_file(file_name)) {
            continue;
        }
        let size: u64 = meta.get(3).and_then(|s| s.parse().ok()).unwrap_or(0);
        files.push((file_name.to_owned(), size));
    }
    let party_count = files.iter().filter(|(f, _)| f != AGENDA).count();
    if party_count > MAX_PARTIES {
        return Err(fail(format!(
            "more than {MAX_PARTIES} party files in this folder at `{rev}`"
        )));
    }
    let total: u64 = files.iter().map(|(_, size)| size).sum();
    if total > MAX_FOLDER_BYTES {
        return Err(fail(format!(
            "the folder holds {total} bytes at `{rev}`, over the limit of {MAX_FOLDER_BYTES} bytes"
        )));
    }
    let mut agenda = None;
    let mut parties = Vec::new();
    for (file_name, size) in files {
        let file = format!("{name}/{file_name}");
        // Sizes from the listing: nothing too large is read.
        let source = if size > MAX_FILE_BYTES {
            Err(too_large(&file, size))
        } else {
            show(path, rev, &file_name, file.clone())
        };
        if file_name == AGENDA {
            agenda = Some(source);
        } else {
            parties.push(PartyFile {
                name: file,
                file_name,
                contents: Contents::Read(source),
            });
        }
    }
    parties.sort_by(|a, b| a.file_name.cmp(&b.file_name));
    let Some(agenda) = agenda else {
        return Err(fail(format!("no `{AGENDA}` in this folder at `{rev}`")));
    };
    Ok(Folder {
        name,
        path: None,
        agenda,
        parties,
        inputs: Vec::new(),
    })
}

fn show(
    folder: &Path,
    rev: &str,
    file_name: &str,
    name: String,
) -> Result<crate::diag::SourceFile, Diagnostic> {
    let bytes = git(folder, &["show", &format!("{rev}:./{file_name}")])
        .map_err(|e| Diagnostic::file(&name, format!("cannot read it from git: {e}")))?;
    // Checked again: the listing's size may not have been readable.
    from_bytes(name, bytes)
}

/// Runs git in `dir`; its stdout, or what it said on stderr.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_owned())
    }
}
