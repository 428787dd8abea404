//! Writing a report to a file without ever losing data: never over an
//! input, and atomically (a temporary file beside the target, then a
//! rename), so a reader sees the old report or the new one, never half.

use crate::diag::Diagnostic;
use crate::load::read::io_message;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub enum OutputError {
    IsInput(String),
    InsideNegotiation(String),
    Io(String, std::io::Error),
    /// `--check` could not read the report it was to compare.
    Read(String, std::io::Error),
    /// `--check` was pointed at a device, a pipe or a folder.
    NotAFile(String),
}

impl OutputError {
    pub fn diagnostic(&self) -> Diagnostic {
        match self {
            OutputError::IsInput(name) => Diagnostic::file(name, "refusing to write the report over one of its input files")
                .help(Some("choose another output path".to_owned())),
            OutputError::InsideNegotiation(name) => Diagnostic::file(name, "refusing to write a YAML file into the negotiation folder: it would be read as a party")
                .help(Some("write the report outside the folder, or name it `.md`, `.json` or `.txt`".to_owned())),
            OutputError::Io(name, e) => Diagnostic::file(name, format!("cannot write the report: {}", io_message(e))),
            OutputError::NotAFile(name) => Diagnostic::file(name, "`--check` compares a report file, and this is not a regular file"),
            OutputError::Read(name, e) => Diagnostic::file(name, format!("cannot read the report to check it: {}", io_message(e))),
        }
    }
}

/// How much of a committed report `--check` reads beyond the new one.
const DIFF_READ_BYTES: u64 = 64 * 1024 * 1024;

/// `-` means standard output.
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

pub fn write_report(
    path: &Path,
    render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    inputs: &[PathBuf],
    folders: &[PathBuf],
) -> Result<(), OutputError> {
    let name = path.display().to_string();
    // Through a symbolic link, the report replaces the file it points to,
    // not the link.
    let resolved;
    let regular_target = std::fs::metadata(path).is_ok_and(|m| m.is_file());
    let path = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() && regular_target => {
            resolved = std::fs::canonicalize(path).map_err(|e| OutputError::Io(name.clone(), e))?;
            resolved.as_path()
        }
        _ => path,
    };
    if is_input(path, inputs) {
        return Err(OutputError::IsInput(name));
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
    if yaml
        && let Ok(a) = std::fs::canonicalize(&parent)
        && folders
            .iter()
            .filter_map(|f| std::fs::canonicalize(f).ok())
            .any(|b| a == b)
    {
        return Err(OutputError::InsideNegotiation(name));
    }
    // A device, a pipe or /dev/stdout is written to as it is: renaming a
    // file over it would replace the device node.
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
    {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(|e| OutputError::Io(name.clone(), e))?;
        let mut out = BufWriter::new(file);
        return render(&mut out)
            .and_then(|()| out.flush())
            .map_err(|e| OutputError::Io(name, e));
    }
    let temp = tempfile::Builder::new()
        .prefix(".stance-")
        .tempfile_in(&parent)
        .map_err(|e| OutputError::Io(name.clone(), e))?;
    set_permissions(temp.as_file(), path).map_err(|e| OutputError::Io(name.clone(), e))?;
    // Streamed: a report of hundreds of megabytes is never held whole.
    let mut out = BufWriter::with_capacity(1 << 16, temp.as_file());
    render(&mut out)
        .and_then(|()| out.flush())
        .map_err(|e| OutputError::Io(name.clone(), e))?;
    drop(out);
    temp.as_file()
        .sync_all()
        .map_err(|e| OutputError::Io(name.clone(), e))?;
    temp.persist(path)
        .map_err(|e| OutputError::Io(name, e.error))?;
    Ok(())
}

/// A new report is readable like any file the user makes (0644); a
/// replaced one keeps its mode. (A temporary file starts as 0600.)
#[cfg(unix)]
fn set_permissions(temp: &std::fs::File, target: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let permissions = match std::fs::metadata(target) {
        Ok(meta) => meta.permissions(),
        Err(_) => std::fs::Permissions::from_mode(0o644),
    };
    temp.set_permissions(permissions)
}

#[cfg(not(unix))]
fn set_permissions(_temp: &std::fs::File, _target: &Path) -> std::io::Result<()> {
    Ok(())
}

/// What `--check` needs: `None` when `path` holds exactly `bytes`, else a
/// unified diff from the file to what would be written. A missing file is
/// stale, from nothing.
pub fn stale_diff(
    path: &Path,
    bytes: &[u8],
    inputs: &[PathBuf],
) -> Result<Option<String>, OutputError> {
    let name = path.display().to_string();
    if is_input(path, inputs) {
        return Err(OutputError::IsInput(name));
    }
    let old = match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(OutputError::Read(name, e)),
        // A device or a pipe could be endless or never answer: a committed
        // report is a regular file.
        Ok(meta) if !meta.is_file() => return Err(OutputError::NotAFile(name)),
        Ok(_) => {
            // Enough to show the diff, never an unbounded read: a longer
            // file is stale whatever the rest holds.
            let cap = (bytes.len() as u64 + 1).max(DIFF_READ_BYTES);
            let mut old = Vec::new();
            std::fs::File::open(path)
                .and_then(|f| f.take(cap).read_to_end(&mut old))
                .map_err(|e| OutputError::Read(name.clone(), e))?;
            old
        }
    };
    if old == bytes {
        return Ok(None);
    }
    let old = String::from_utf8_lossy(&old);
    let new = String::from_utf8_lossy(bytes);
    let diff = similar::TextDiff::from_lines(old.as_ref(), new.as_ref());
    let header_old = format!("{name} (as it is)");
    let header_new = format!("{name} (as stance would write it)");
    Ok(Some(
        diff.unified_diff()
            .context_radius(3)
            .header(&header_old, &header_new)
            .to_string(),
    ))
}

/// Whether `path` names one of the files a report was made from.
fn is_input(path: &Path, inputs: &[PathBuf]) -> bool {
    let Ok(target) = std::fs::canonicalize(path) else {
        return false;
    };
    inputs
        .iter()
        .filter_map(|i| std::fs::canonicalize(i).ok())
        .any(|i| i == target)
}
