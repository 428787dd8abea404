//! Writing a report to a file without ever losing data or being led
//! elsewhere: never over an input, never through a link, and atomically (a
//! temporary file beside the target, then a rename), so a reader sees the
//! old report or the new one, never half. The rules are those of
//! docs/limits.md, "Untrusted repositories".

use crate::confine::{self, Dir, Refusal, file_type, id_of, kind_name};
use crate::diag::Diagnostic;
use crate::interrupt;
use crate::load::read::io_message;
use rustix::fd::OwnedFd;
use rustix::fs::{AtFlags, FileType, Mode, OFlags};
use rustix::io::Errno;
use std::ffi::{OsStr, OsString};
use std::io::{BufWriter, Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

#[derive(Debug)]
pub enum OutputError {
    IsInput(String),
    InsideNegotiation(String),
    Io(String, std::io::Error),
    /// `--check` could not read the report it was to compare.
    Read(String, std::io::Error),
    /// `--check` was pointed at a device, a pipe or a folder.
    NotAFile(String),
    /// The report's own name is a symbolic link (to this target).
    Link(String, PathBuf),
    /// A link on the way, or a file that may not be read.
    Refused(String, Refusal),
    /// The report is there, and may not be written to.
    ReadOnly(String),
    /// A named pipe that no process reads.
    NoReader(String),
    /// Something a report is never written into.
    NotWritable(String, FileType),
    /// Standard output was closed when `stance` started.
    StdoutClosed,
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
            OutputError::Link(name, target) => Diagnostic::file(name, format!(
                "is a symbolic link (to `{}`): stance neither writes nor reads a report through a link",
                crate::visible::line(&target.display().to_string())
            ))
            .help(Some("remove the link, or give the path of the file itself".to_owned())),
            OutputError::Refused(name, refusal) => match (refusal, refusal.describe(Path::new(name))) {
                (Refusal::Io(e), _) => Diagnostic::file(name, format!("cannot write the report: {}", io_message(e))),
                (_, Some(what)) => Diagnostic::file(name, what),
                (_, None) => Diagnostic::file(name, "cannot write the report"),
            },
            OutputError::ReadOnly(name) => Diagnostic::file(name, "the report is read-only: refusing to replace it")
                .help(Some("make it writable (`chmod u+w`) if it is to be regenerated".to_owned())),
            OutputError::NoReader(name) => Diagnostic::file(name, format!(
                "is a named pipe that no process opened for reading within {} seconds",
                PIPE_READER_WAIT.as_secs()
            ))
            .help(Some("start the reader first, or write to a file".to_owned())),
            OutputError::NotWritable(name, kind) => Diagnostic::file(name, format!(
                "is {}: stance writes a report to a regular file, a named pipe or a character device",
                kind_name(*kind)
            )),
            OutputError::StdoutClosed => Diagnostic::file("standard output", "is closed, so the report would be lost")
                .help(Some("give `-o FILE`, or run without closing standard output (`>&-`)".to_owned())),
        }
    }
}

/// How much of a committed report `--check` reads beyond the new one.
const DIFF_READ_BYTES: u64 = 64 * 1024 * 1024;

/// How long a named pipe may go without a reader before `-o` gives up: a
/// reader started beside `stance` (`stance ... -o pipe & gzip < pipe`)
/// opens it within this, and no run waits forever.
pub const PIPE_READER_WAIT: Duration = Duration::from_secs(3);

/// A temporary report is `.stance-<pid>-<6 letters or digits>`, hidden
/// (never read as a party); one not touched for this long, whose process
/// is gone, was left by a run that was killed.
const STALE_AFTER: Duration = Duration::from_secs(60);
const TEMP_PREFIX: &str = ".stance-";

static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Records whether standard output is closed. Meant to run before the Rust
/// runtime starts (see `main.rs`): the runtime puts `/dev/null` in place
/// of a closed standard output, where a report would vanish with exit 0.
pub fn record_stdout_state() {
    // SAFETY: only asks the kernel about descriptor 1, open or not.
    let stdout = unsafe { rustix::fd::BorrowedFd::borrow_raw(1) };
    if rustix::io::fcntl_getfd(stdout) == Err(Errno::BADF) {
        STDOUT_CLOSED.store(true, Ordering::Relaxed);
    }
}

/// Whether standard output was closed when `stance` started.
pub fn stdout_closed() -> bool {
    STDOUT_CLOSED.load(Ordering::Relaxed)
}

/// `-` means standard output.
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The descriptor that `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` or
/// `/proc/self/fd/N` names: this process's own open files. These names
/// are links (to `/proc/self/fd/1`...); `stance` writes to the descriptor
/// itself rather than follow them.
fn own_descriptor(path: &Path) -> Option<i32> {
    let text = path.to_str()?;
    match text {
        "/dev/stdout" => Some(1),
        "/dev/stderr" => Some(2),
        _ => text
            .strip_prefix("/dev/fd/")
            .or_else(|| text.strip_prefix("/proc/self/fd/"))
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|n| n.parse().ok()),
    }
}

pub fn write_report(
    path: &Path,
    render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    inputs: &[PathBuf],
    folders: &[PathBuf],
) -> Result<(), OutputError> {
    let name = path.display().to_string();
    let io = |e: std::io::Error| OutputError::Io(name.clone(), e);
    if let Some(fd) = own_descriptor(path) {
        if fd == 1 && stdout_closed() {
            return Err(OutputError::StdoutClosed);
        }
        // SAFETY: duplicated at once; a closed descriptor is an error.
        let own = unsafe { rustix::fd::BorrowedFd::borrow_raw(fd) };
        let file = rustix::io::fcntl_dupfd_cloexec(own, 3).map_err(|e| io(e.into()))?;
        return stream(std::fs::File::from(file), render).map_err(io);
    }
    let (dir, file_name) =
        confine::open_parent(path).map_err(|r| OutputError::Refused(name.clone(), r))?;
    let yaml = Path::new(&file_name)
        .extension()
        .is_some_and(|e| e == "yaml" || e == "yml");
    let existing = dir.stat(&file_name).map_err(io)?;
    if existing.is_some_and(|s| is_one_of(&id_of(&s), inputs)) {
        return Err(OutputError::IsInput(name));
    }
    if yaml && is_one_of(&dir.id().map_err(io)?, folders) {
        return Err(OutputError::InsideNegotiation(name));
    }
    let replaced = match existing {
        None => None,
        Some(stat) => match file_type(&stat) {
            FileType::RegularFile => {
                if read_only(&dir, &file_name, &stat) {
                    return Err(OutputError::ReadOnly(name));
                }
                Some(Mode::from_raw_mode(stat.st_mode & 0o777))
            }
            FileType::Symlink => {
                return Err(OutputError::Link(name, link_target(&dir, &file_name)));
            }
            FileType::Directory => return Err(io(Errno::ISDIR.into())),
            // Written to as it is: renaming a file over a pipe or a device
            // would replace it.
            FileType::Fifo | FileType::CharacterDevice => {
                let file = open_stream(&dir, &file_name, &name)?;
                return stream(file, render).map_err(io);
            }
            kind => return Err(OutputError::NotWritable(name, kind)),
        },
    };
    remove_stale(&dir);
    let temp = Temp::create(&dir).map_err(io)?;
    if let Some(mode) = replaced {
        rustix::fs::fchmod(&temp.file, mode).map_err(|e| io(e.into()))?;
    }
    let _watch = interrupt::watch(
        &dir,
        &temp.name,
        format!(
            "stance: interrupted; removed the unfinished report `{}`, and `{}` is as it was\n",
            crate::visible::line(&dir.shown.join(&temp.name).display().to_string()),
            crate::visible::line(&name),
        ),
    );
    // Streamed: a report of hundreds of megabytes is never held whole.
    let mut out = BufWriter::with_capacity(1 << 16, &temp.file);
    render(&mut out).and_then(|()| out.flush()).map_err(io)?;
    drop(out);
    temp.file.sync_all().map_err(io)?;
    temp.persist(&file_name).map_err(io)
}

/// Writes `files` (name, text) as new files into the folder `folder`,
/// made first if it is missing (its parent must be there): never over
/// anything, and never through a link. Every name is looked at before
/// anything is written, and a name that is taken, by whatever it is,
/// writes nothing; files are created `O_EXCL`, and should one fail, those
/// written before it are removed.
pub fn create_new(folder: &Path, files: &[(String, String)]) -> Result<(), Vec<Diagnostic>> {
    // `talks/` names the folder `talks`.
    let folder: PathBuf = folder.components().collect();
    let name = folder.display().to_string();
    let refused = |r: Refusal| {
        let d = match (&r, r.describe(&folder)) {
            (Refusal::Io(e), _) => Diagnostic::file(&name, io_message(e)),
            (_, Some(what)) => Diagnostic::file(&name, what),
            (_, None) => Diagnostic::file(&name, "cannot open the folder"),
        };
        vec![d]
    };
    let dir = match confine::open_folder(&folder) {
        Ok(dir) => dir,
        Err(Refusal::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            let (parent, last) = confine::open_parent(&folder).map_err(refused)?;
            rustix::fs::mkdirat(&parent, &last, Mode::from_raw_mode(0o777))
                .map_err(|e| refused(Refusal::Io(e.into())))?;
            confine::open_folder(&folder).map_err(refused)?
        }
        Err(r) => return Err(refused(r)),
    };
    let shown = |file: &str| folder.join(file).display().to_string();
    let mut taken = Vec::new();
    for (file, _) in files {
        match dir.stat(OsStr::new(file)) {
            Ok(None) => {}
            Ok(Some(_)) => taken.push(
                Diagnostic::file(
                    shown(file),
                    "is there already: `stance init` writes over nothing",
                )
                .help(Some(
                    "choose a new folder, or move the file away".to_owned(),
                )),
            ),
            Err(e) => taken.push(Diagnostic::file(shown(file), io_message(&e))),
        }
    }
    if !taken.is_empty() {
        return Err(taken);
    }
    let mut written: Vec<&str> = Vec::new();
    for (file, text) in files {
        let created = rustix::fs::openat(
            &dir,
            file.as_str(),
            OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC,
            Mode::from_raw_mode(0o666),
        )
        .map_err(std::io::Error::from)
        .and_then(|fd| {
            written.push(file);
            let mut f = std::fs::File::from(fd);
            f.write_all(text.as_bytes())?;
            f.sync_all()
        });
        if let Err(e) = created {
            for done in &written {
                let _ = rustix::fs::unlinkat(&dir, *done, AtFlags::empty());
            }
            return Err(vec![
                Diagnostic::file(shown(file), format!("cannot write it: {}", io_message(&e)))
                    .help(Some("nothing was written".to_owned())),
            ]);
        }
    }
    Ok(())
}

/// Whether the file `id` names is one of `paths`.
fn is_one_of(id: &(u64, u64), paths: &[PathBuf]) -> bool {
    paths
        .iter()
        .filter_map(|p| rustix::fs::stat(p).ok())
        .any(|s| id_of(&s) == *id)
}

/// A report is read-only when its mode gives its owner no write
/// permission (`chmod a-w`, which root too is held to here), or when the
/// user running `stance` may not write to it.
fn read_only(dir: &Dir, name: &OsStr, stat: &rustix::fs::Stat) -> bool {
    stat.st_mode & 0o200 == 0
        || rustix::fs::accessat(dir, name, rustix::fs::Access::WRITE_OK, AtFlags::EACCESS).is_err()
}

fn link_target(dir: &Dir, name: &OsStr) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    rustix::fs::readlinkat(dir, name, Vec::new()).map_or_else(
        |_| PathBuf::from("?"),
        |t| PathBuf::from(OsString::from_vec(t.into_bytes())),
    )
}

/// A named pipe or a character device, opened without waiting: a pipe
/// with no reader gets `PIPE_READER_WAIT` for one to come.
fn open_stream(dir: &Dir, file_name: &OsStr, name: &str) -> Result<std::fs::File, OutputError> {
    let io = |e: Errno| OutputError::Io(name.to_owned(), e.into());
    let flags =
        OFlags::WRONLY | OFlags::NONBLOCK | OFlags::NOFOLLOW | OFlags::NOCTTY | OFlags::CLOEXEC;
    let deadline = Instant::now() + PIPE_READER_WAIT;
    let mut pause = Duration::from_millis(5);
    let fd: OwnedFd = loop {
        match rustix::fs::openat(dir, file_name, flags, Mode::empty()) {
            Ok(fd) => break fd,
            Err(Errno::NXIO) if Instant::now() < deadline => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(100));
            }
            Err(Errno::NXIO) => return Err(OutputError::NoReader(name.to_owned())),
            Err(e) => return Err(io(e)),
        }
    };
    match file_type(&rustix::fs::fstat(&fd).map_err(io)?) {
        FileType::Fifo | FileType::CharacterDevice => {}
        kind => return Err(OutputError::NotWritable(name.to_owned(), kind)),
    }
    // Once open, writes wait for the reader as writes to a pipe do.
    let flags = rustix::fs::fcntl_getfl(&fd).map_err(io)?;
    rustix::fs::fcntl_setfl(&fd, flags - OFlags::NONBLOCK).map_err(io)?;
    Ok(std::fs::File::from(fd))
}

/// Writes straight into an open pipe, device or descriptor; a failure can
/// leave there what was written already.
fn stream(
    file: std::fs::File,
    render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut out = BufWriter::new(file);
    render(&mut out).and_then(|()| out.flush())
}

/// The report being written, beside its target, under a name that says
/// which process writes it. Removed when dropped unless persisted.
struct Temp<'a> {
    dir: &'a Dir,
    name: OsString,
    file: std::fs::File,
    persisted: bool,
}

impl<'a> Temp<'a> {
    /// Created new (`O_EXCL`, never through a link) with mode 0666 less
    /// the umask, as any file the user makes.
    fn create(dir: &'a Dir) -> std::io::Result<Temp<'a>> {
        use std::hash::{BuildHasher, Hasher};
        let pid = std::process::id();
        let mut last = None;
        for attempt in 0u32..100 {
            let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
            hasher.write_u32(attempt);
            let tag: String = (0..6)
                .scan(hasher.finish(), |bits, _| {
                    let c = b"abcdefghijklmnopqrstuvwxyz0123456789"[(*bits % 36) as usize];
                    *bits /= 36;
                    Some(char::from(c))
                })
                .collect();
            let name = OsString::from(format!("{TEMP_PREFIX}{pid}-{tag}"));
            match rustix::fs::openat(
                dir,
                &name,
                OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::from_raw_mode(0o666),
            ) {
                Ok(fd) => {
                    return Ok(Temp {
                        dir,
                        name,
                        file: std::fs::File::from(fd),
                        persisted: false,
                    });
                }
                Err(Errno::EXIST) => last = Some(Errno::EXIST),
                Err(e) => return Err(e.into()),
            }
        }
        Err(last.unwrap_or(Errno::EXIST).into())
    }

    fn persist(mut self, target: &OsStr) -> std::io::Result<()> {
        rustix::fs::renameat(self.dir, &self.name, self.dir, target)?;
        self.persisted = true;
        Ok(())
    }
}

impl Drop for Temp<'_> {
    fn drop(&mut self) {
        if !self.persisted {
            let _ = rustix::fs::unlinkat(self.dir, &self.name, AtFlags::empty());
        }
    }
}

/// Removes the temporary reports that killed runs (SIGKILL, a power cut)
/// left in `dir`: only files named as `stance` names them, regular, owned
/// by this user, untouched for `STALE_AFTER`, and whose process is gone.
/// Anything else, whatever its name, is left alone.
pub fn remove_stale(dir: &Dir) {
    let Ok(names) = dir.names() else {
        return;
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let me = rustix::process::geteuid();
    for name in names {
        let Some(pid) = temp_pid(&name) else {
            continue;
        };
        let Ok(Some(stat)) = dir.stat(&name) else {
            continue;
        };
        #[allow(clippy::unnecessary_cast)] // the field type differs by platform
        let modified = stat.st_mtime as i64;
        let old = i64::try_from(now).is_ok_and(|now| now - modified > STALE_AFTER.as_secs() as i64);
        let gone = rustix::process::Pid::from_raw(pid)
            .is_some_and(|pid| rustix::process::test_kill_process(pid) == Err(Errno::SRCH));
        if file_type(&stat) == FileType::RegularFile && stat.st_uid == me.as_raw() && old && gone {
            let _ = rustix::fs::unlinkat(dir, &name, AtFlags::empty());
        }
    }
}

/// The process id in a temporary report's name, `.stance-<pid>-<tag>`.
fn temp_pid(name: &OsStr) -> Option<i32> {
    let rest = name.as_bytes().strip_prefix(TEMP_PREFIX.as_bytes())?;
    let dash = rest.iter().position(|b| *b == b'-')?;
    let (pid, tag) = (&rest[..dash], &rest[dash + 1..]);
    let digits = !pid.is_empty() && pid.len() <= 10 && pid.iter().all(u8::is_ascii_digit);
    let tagged = tag.len() == 6
        && tag
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    if !digits || !tagged {
        return None;
    }
    std::str::from_utf8(pid).ok()?.parse().ok()
}

/// What `--check` needs: `None` when `path` holds exactly `bytes`, else a
/// unified diff from the file to what would be written. A missing file is
/// stale, from nothing. The file is read only if it is a regular file
/// reached through no link: a link to `/proc/self/environ` would print
/// the environment as diff lines.
pub fn stale_diff(
    path: &Path,
    bytes: &[u8],
    inputs: &[PathBuf],
) -> Result<Option<String>, OutputError> {
    let name = path.display().to_string();
    if own_descriptor(path).is_some() {
        return Err(OutputError::NotAFile(name));
    }
    let read = |e: std::io::Error| OutputError::Read(name.clone(), e);
    let (dir, file_name) = confine::open_parent(path).map_err(|r| match r {
        Refusal::Io(e) => read(e),
        r => OutputError::Refused(name.clone(), r),
    })?;
    let old = match dir.stat(&file_name).map_err(read)? {
        None => Vec::new(),
        Some(stat) => match file_type(&stat) {
            FileType::Symlink => {
                return Err(OutputError::Link(name, link_target(&dir, &file_name)));
            }
            FileType::RegularFile if is_one_of(&id_of(&stat), inputs) => {
                return Err(OutputError::IsInput(name));
            }
            // A device or a pipe could be endless or never answer: a
            // committed report is a regular file.
            FileType::RegularFile => {
                let file = confine::open_regular(&dir, &file_name).map_err(|r| match r {
                    Refusal::Io(e) => read(e),
                    Refusal::NotRegular(_) => OutputError::NotAFile(name.clone()),
                    r => OutputError::Refused(name.clone(), r),
                })?;
                // Enough to show the diff, never an unbounded read: a longer
                // file is stale whatever the rest holds.
                let cap = (bytes.len() as u64 + 1).max(DIFF_READ_BYTES);
                let mut old = Vec::new();
                file.take(cap).read_to_end(&mut old).map_err(read)?;
                old
            }
            _ => return Err(OutputError::NotAFile(name)),
        },
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Only names `stance` itself gives are ever taken for its own.
    #[test]
    fn temporary_names_are_recognised_exactly() {
        assert_eq!(temp_pid(OsStr::new(".stance-123-ab12cd")), Some(123));
        for other in [
            ".stance-Ab12Cd",
            ".stance-123-ab12c",
            ".stance-123-AB12CD",
            ".stance--ab12cd",
            ".stance-12x-ab12cd",
            "stance-123-ab12cd",
            ".stance-123-ab12cd.md",
        ] {
            assert_eq!(temp_pid(OsStr::new(other)), None, "{other}");
        }
    }

    #[test]
    fn own_descriptors_are_named_exactly() {
        assert_eq!(own_descriptor(Path::new("/dev/stdout")), Some(1));
        assert_eq!(own_descriptor(Path::new("/dev/fd/63")), Some(63));
        assert_eq!(own_descriptor(Path::new("/proc/self/fd/3")), Some(3));
        for other in ["dev/stdout", "/dev/fd/", "/dev/fd/1/x", "/dev/stdin2"] {
            assert_eq!(own_descriptor(Path::new(other)), None, "{other}");
        }
    }
}
