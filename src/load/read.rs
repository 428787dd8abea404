//! Reading a file from disk into text, within limits, or a clear error.
//! Files are opened through `confine`: a regular file inside its folder
//! (or a link that stays inside it), never a pipe, a device, a file of
//! `/proc` or a link that leads out, and nothing of a refused file is ever
//! shown.

use crate::confine::{self, Dir, Refusal};
use crate::diag::{Diagnostic, SourceFile};
use crate::load::limits::MAX_FILE_BYTES;
use crate::load::message::DiagnosticKind;
use crate::loc::Loc;
use rustix::fs::FileType;
use std::ffi::OsStr;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

/// The file `file` in the folder `dir`, named `name` in messages.
pub fn read_in(dir: &Dir, file: &OsStr, name: String) -> Result<SourceFile, Diagnostic> {
    let opened = confine::open_regular(dir, file).map_err(|r| refused(&name, r))?;
    let size = opened.metadata().map_err(|e| io_error(&name, &e))?.len();
    if size > MAX_FILE_BYTES {
        return Err(too_large(&name, size));
    }
    // The size may change between the check and the read: never read more
    // than one byte past the limit.
    let mut bytes = Vec::new();
    opened
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(&name, &e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(&name, bytes.len() as u64));
    }
    decode(name, bytes)
}

/// A file named by the user (not found in a folder), read as `read_in`
/// reads one.
pub fn read_source(path: &Path) -> Result<SourceFile, Diagnostic> {
    let name = path.display().to_string();
    let (dir, file) = confine::open_parent(path).map_err(|r| refused(&name, r))?;
    read_in(&dir, &file, name)
}

/// Why the file `name` was not read, in words; none of its content.
pub fn refused(name: &str, refusal: Refusal) -> Diagnostic {
    let kind = match refusal {
        Refusal::Io(e) => return io_error(name, &e),
        Refusal::NotRegular(FileType::Directory) => DiagnosticKind::IsAFolder,
        Refusal::LinkLeaves { .. } => DiagnosticKind::LinkLeaves {
            described: refusal.describe(Path::new(name)).unwrap_or_default(),
        },
        other => DiagnosticKind::Refused {
            described: other.describe(Path::new(name)).unwrap_or_default(),
        },
    };
    kind.in_file(name)
}

/// Bytes read some other way (from memory, from git): the same limit and
/// decoding as a file on disk.
pub fn from_bytes(name: String, bytes: Vec<u8>) -> Result<SourceFile, Diagnostic> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(&name, bytes.len() as u64));
    }
    decode(name, bytes)
}

pub fn too_large(name: &str, size: u64) -> Diagnostic {
    DiagnosticKind::FileTooLarge { size }.in_file(name)
}

/// Text from bytes, or an error pointing at the first byte that is not UTF-8.
pub fn decode(name: String, bytes: Vec<u8>) -> Result<SourceFile, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile {
            name,
            text: Arc::from(text),
        }),
        Err(e) => {
            let bad = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let before = String::from_utf8_lossy(&bytes[..bad]);
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let lossy = String::from_utf8_lossy(&bytes).into_owned();
            let start = before.len();
            let end = lossy[start..]
                .chars()
                .next()
                .map_or(start, |c| start + c.len_utf8());
            let source = SourceFile {
                name,
                text: Arc::from(lossy),
            };
            let loc = Loc {
                line,
                column,
                start,
                end,
            };
            Err(DiagnosticKind::NotUtf8 { byte: bytes[bad] }.at(&source, loc))
        }
    }
}

/// An error of the operating system on `name`, in its words.
pub fn io_error(name: &str, e: &std::io::Error) -> Diagnostic {
    DiagnosticKind::Io {
        message: io_message(e),
    }
    .in_file(name)
}

pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => {
            let text = e.to_string();
            // "Is a directory (os error 21)" -> "is a directory (os error 21)"
            let mut chars = text.chars();
            chars.next().map_or(text.clone(), |c| {
                c.to_lowercase().collect::<String>() + chars.as_str()
            })
        }
    }
}
