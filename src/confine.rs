//! Opening the files `stance` reads and writes without following a
//! symbolic link out of where the user pointed. Links come with a pull
//! request like any other file: a report `reports/r.md` that is a link to
//! `~/.bashrc`, a folder `reports` that is a link to `/etc`, a party file
//! that is a link to `~/.aws/credentials`.
//!
//! The rule (docs/limits.md, "Links"): a link is followed only when it
//! stays inside the folder that holds it (`latest -> round-3`, never
//! `-> /etc` or `-> ../..`). A path is walked one part at a time from an
//! open folder (`openat` with `O_NOFOLLOW`), so what is checked is what is
//! used: a link swapped in after a check is refused, not followed.

use rustix::fd::{AsFd, BorrowedFd, OwnedFd};
use rustix::fs::{AtFlags, CWD, FileType, Mode, OFlags, Stat};
use rustix::io::Errno;
use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Component, Path, PathBuf};

/// Links one path may go through: the kernel's own limit.
const MAX_LINKS: u32 = 40;

/// Why a path was not opened.
#[derive(Debug)]
pub enum Refusal {
    /// A link on the way leads out of the folder that holds it.
    LinkLeaves {
        link: PathBuf,
        target: PathBuf,
    },
    /// Not a regular file: a folder, a pipe, a device, a socket.
    NotRegular(FileType),
    /// A file of `/proc` or `/sys`: made up by the kernel as it is read
    /// (a process's environment, its memory), never a position.
    Kernel,
    Io(std::io::Error),
}

impl From<Errno> for Refusal {
    fn from(e: Errno) -> Self {
        Refusal::Io(e.into())
    }
}

impl From<std::io::Error> for Refusal {
    fn from(e: std::io::Error) -> Self {
        Refusal::Io(e)
    }
}

impl Refusal {
    /// What is wrong, in words, for a message about `file`, the file that
    /// was to be opened. `None` for an I/O error, which the caller words.
    pub fn describe(&self, file: &Path) -> Option<String> {
        Some(match self {
            Refusal::LinkLeaves { link, target } => {
                let target = crate::visible::line(&target.display().to_string()).into_owned();
                let what = if link == file {
                    format!("is a link to `{target}`")
                } else {
                    let link = link.display().to_string();
                    format!("`{}` is a link to `{target}`", crate::visible::line(&link))
                };
                format!(
                    "{what}, out of the folder that holds it: stance follows a link only when it stays inside its folder"
                )
            }
            Refusal::NotRegular(kind) => format!("is not a regular file ({})", kind_name(*kind)),
            Refusal::Kernel => {
                "is a file of `/proc` or `/sys`, made up by the kernel: stance does not read it"
                    .to_owned()
            }
            Refusal::Io(_) => return None,
        })
    }
}

/// `a named pipe`, `a folder`...: what a file that is not a regular file is.
pub fn kind_name(kind: FileType) -> &'static str {
    match kind {
        FileType::Directory => "a folder",
        FileType::Fifo => "a named pipe",
        FileType::CharacterDevice => "a character device",
        FileType::BlockDevice => "a block device",
        FileType::Socket => "a socket",
        FileType::Symlink => "a symbolic link",
        FileType::RegularFile => "a regular file",
        _ => "an unknown kind of file",
    }
}

/// An open folder, reached through no link that leaves where it is.
#[derive(Debug)]
pub struct Dir {
    fd: OwnedFd,
    /// The folder as named in messages.
    pub shown: PathBuf,
}

impl AsFd for Dir {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.fd.as_fd()
    }
}

impl Dir {
    /// The folder's identity (device and inode), to tell whether two paths
    /// name one folder.
    pub fn id(&self) -> std::io::Result<(u64, u64)> {
        Ok(id_of(&rustix::fs::fstat(&self.fd)?))
    }

    /// The names in the folder, in no order.
    pub fn names(&self) -> std::io::Result<Vec<OsString>> {
        let fd = rustix::fs::openat(
            &self.fd,
            ".",
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )?;
        let mut names = Vec::new();
        for entry in rustix::fs::Dir::new(fd)? {
            let name = entry?.file_name().to_bytes().to_vec();
            if name != b"." && name != b".." {
                names.push(OsString::from_vec(name));
            }
        }
        Ok(names)
    }

    /// `name` in this folder, not followed if it is a link; `None` when
    /// there is nothing of that name.
    pub fn stat(&self, name: &OsStr) -> std::io::Result<Option<Stat>> {
        match rustix::fs::statat(&self.fd, name, AtFlags::SYMLINK_NOFOLLOW) {
            Ok(stat) => Ok(Some(stat)),
            Err(Errno::NOENT) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }
}

/// A file's identity (device and inode).
#[allow(clippy::unnecessary_cast)] // the field types differ by platform
pub fn id_of(stat: &Stat) -> (u64, u64) {
    (stat.st_dev as u64, stat.st_ino as u64)
}

pub fn file_type(stat: &Stat) -> FileType {
    FileType::from_raw_mode(stat.st_mode)
}

/// Opens a folder only to look names up in it: no read permission is
/// needed to pass through (`O_PATH`, where the system has it).
fn open_dir_at(dir: BorrowedFd, name: &OsStr) -> rustix::io::Result<OwnedFd> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let lookup = OFlags::PATH;
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    let lookup = OFlags::RDONLY;
    rustix::fs::openat(
        dir,
        name,
        lookup | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
        Mode::empty(),
    )
}

/// A link being followed: the walk must not go back above `depth`.
struct Floor<'a> {
    depth: usize,
    link: &'a Path,
    target: &'a Path,
}

/// A walk down a path, one folder at a time.
struct Walk {
    /// Every folder from the start to where the walk is: `..` steps back
    /// up this stack, as the kernel would, never through a link's name.
    stack: Vec<OwnedFd>,
    /// Where the walk is, as a path for messages.
    shown: PathBuf,
    links: u32,
}

impl Walk {
    /// From the root for an absolute path, else from the working folder.
    fn start(path: &Path) -> Result<Walk, Refusal> {
        let (from, shown) = if path.has_root() {
            ("/", PathBuf::from("/"))
        } else {
            (".", PathBuf::new())
        };
        Ok(Walk {
            stack: vec![open_dir_at(CWD, OsStr::new(from))?],
            shown,
            links: 0,
        })
    }

    fn inside(dir: &Dir) -> Result<Walk, Refusal> {
        Ok(Walk {
            stack: vec![rustix::io::dup(&dir.fd)?],
            shown: dir.shown.clone(),
            links: 0,
        })
    }

    fn top(&self) -> BorrowedFd<'_> {
        self.stack
            .last()
            .expect("a walk starts in a folder")
            .as_fd()
    }

    fn into_dir(mut self) -> Dir {
        let fd = self.stack.pop().expect("a walk starts in a folder");
        Dir {
            fd,
            shown: self.shown,
        }
    }

    /// Steps through `parts`, each a folder.
    fn folders(&mut self, parts: &[Component], floor: Option<&Floor>) -> Result<(), Refusal> {
        for part in parts {
            match part {
                Component::Prefix(_) | Component::RootDir | Component::CurDir => {}
                Component::ParentDir => self.up(floor)?,
                Component::Normal(name) => self.down(name)?,
            }
        }
        Ok(())
    }

    fn up(&mut self, floor: Option<&Floor>) -> Result<(), Refusal> {
        let depth = self.stack.len() - 1;
        match floor {
            Some(f) if depth <= f.depth => Err(Refusal::LinkLeaves {
                link: f.link.to_path_buf(),
                target: f.target.to_path_buf(),
            }),
            // Above where the user's own path started: theirs to take.
            _ if depth == 0 => {
                self.stack[0] = open_dir_at(self.top(), OsStr::new(".."))?;
                self.shown.push("..");
                Ok(())
            }
            _ => {
                self.stack.pop();
                self.shown.pop();
                Ok(())
            }
        }
    }

    fn down(&mut self, name: &OsStr) -> Result<(), Refusal> {
        let stat = rustix::fs::statat(self.top(), name, AtFlags::SYMLINK_NOFOLLOW)?;
        match file_type(&stat) {
            FileType::Symlink => match self.follow(name)? {
                Some(last) => self.down(&last),
                None => Ok(()),
            },
            FileType::Directory => {
                // `O_NOFOLLOW`: a link put in its place since is refused.
                let fd = open_dir_at(self.top(), name)?;
                self.stack.push(fd);
                self.shown.push(name);
                Ok(())
            }
            _ => Err(Refusal::Io(Errno::NOTDIR.into())),
        }
    }

    /// Follows the link `name` in the top folder up to its last part,
    /// which it returns (`None` when the target ends in a folder, `.` or
    /// `..`). The target must stay inside the folder holding the link.
    fn follow(&mut self, name: &OsStr) -> Result<Option<OsString>, Refusal> {
        self.links += 1;
        if self.links > MAX_LINKS {
            return Err(Refusal::Io(Errno::LOOP.into()));
        }
        let target = rustix::fs::readlinkat(self.top(), name, Vec::new())?;
        let target = PathBuf::from(OsString::from_vec(target.into_bytes()));
        let link = self.shown.join(name);
        if target.has_root() {
            return Err(Refusal::LinkLeaves { link, target });
        }
        let floor = Floor {
            depth: self.stack.len() - 1,
            link: &link,
            target: &target,
        };
        let parts: Vec<Component> = target.components().collect();
        match parts.split_last() {
            Some((Component::Normal(last), before)) => {
                self.folders(before, Some(&floor))?;
                Ok(Some(last.to_os_string()))
            }
            _ => {
                self.folders(&parts, Some(&floor))?;
                Ok(None)
            }
        }
    }

    /// The file `name` in the top folder, through links that stay inside
    /// their folders: the name it has in the folder the walk ends in.
    fn last(&mut self, name: &OsStr) -> Result<OsString, Refusal> {
        let mut name = name.to_os_string();
        loop {
            match rustix::fs::statat(self.top(), &name, AtFlags::SYMLINK_NOFOLLOW) {
                Ok(stat) if file_type(&stat) == FileType::Symlink => match self.follow(&name)? {
                    Some(last) => name = last,
                    None => return Err(Refusal::NotRegular(FileType::Directory)),
                },
                _ => return Ok(name),
            }
        }
    }
}

/// The folder `path` names, opened.
pub fn open_folder(path: &Path) -> Result<Dir, Refusal> {
    let mut walk = Walk::start(path)?;
    let parts: Vec<Component> = path.components().collect();
    walk.folders(&parts, None)?;
    let mut dir = walk.into_dir();
    dir.shown = path.to_path_buf();
    Ok(dir)
}

/// The folder holding the file `path` names, and the file's name in it.
/// The file itself is not looked at: the caller decides what it may be.
pub fn open_parent(path: &Path) -> Result<(Dir, OsString), Refusal> {
    // `report.md/` or `..` names a folder, and `Path` would drop the slash.
    let name = match path.file_name() {
        Some(name) if !path.as_os_str().as_bytes().ends_with(b"/") => name.to_os_string(),
        _ => return Err(Refusal::Io(Errno::NOTDIR.into())),
    };
    let parent = path.parent().unwrap_or(Path::new(""));
    let mut walk = Walk::start(path)?;
    let parts: Vec<Component> = parent.components().collect();
    walk.folders(&parts, None)?;
    let mut dir = walk.into_dir();
    dir.shown = parent.to_path_buf();
    Ok((dir, name))
}

/// The regular file `name` in `dir`, opened for reading, through links
/// that stay inside their folders. A pipe or a device is refused from its
/// metadata, never opened: opening a pipe waits for a writer, and opening
/// some devices does something.
pub fn open_regular(dir: &Dir, name: &OsStr) -> Result<std::fs::File, Refusal> {
    let walk = Walk::inside(dir)?;
    open_last(walk, name)
}

/// The regular file at `path` below `dir` (a source's text): each folder
/// on the way and the file itself through links that stay inside their own
/// folders, as `open_regular`. The path is relative and holds no `..`
/// (the caller refuses those with a message of its own); one that does is
/// refused here too, never walked above `dir`.
pub fn open_below(dir: &Dir, path: &Path) -> Result<std::fs::File, Refusal> {
    let parts: Vec<Component> = path.components().collect();
    let Some((Component::Normal(name), before)) = parts.split_last() else {
        return Err(Refusal::NotRegular(FileType::Directory));
    };
    if before
        .iter()
        .any(|p| !matches!(p, Component::Normal(_) | Component::CurDir))
    {
        return Err(Refusal::Io(Errno::ACCESS.into()));
    }
    let mut walk = Walk::inside(dir)?;
    walk.folders(before, None)?;
    open_last(walk, name)
}

/// The regular file `name` in the folder a walk reached.
fn open_last(mut walk: Walk, name: &OsStr) -> Result<std::fs::File, Refusal> {
    let name = walk.last(name)?;
    let stat = rustix::fs::statat(walk.top(), &name, AtFlags::SYMLINK_NOFOLLOW)?;
    if file_type(&stat) != FileType::RegularFile {
        return Err(Refusal::NotRegular(file_type(&stat)));
    }
    // `O_NONBLOCK`, `O_NOFOLLOW`: should something else have taken the
    // file's place since, the open neither waits nor follows.
    let fd = rustix::fs::openat(
        walk.top(),
        &name,
        OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    let opened = rustix::fs::fstat(&fd)?;
    if file_type(&opened) != FileType::RegularFile || id_of(&opened) != id_of(&stat) {
        return Err(Refusal::Io(std::io::Error::other(
            "the file changed while it was being opened",
        )));
    }
    if made_up_by_the_kernel(&fd) {
        return Err(Refusal::Kernel);
    }
    Ok(std::fs::File::from(fd))
}

/// Whether `fd` is a file of `/proc` or `/sys`, whose size says 0 or 4096
/// whatever it holds.
#[cfg(any(target_os = "linux", target_os = "android"))]
#[allow(clippy::unnecessary_cast)] // the field types differ by platform
fn made_up_by_the_kernel(fd: &OwnedFd) -> bool {
    const SYSFS_MAGIC: i64 = 0x6265_6572;
    rustix::fs::fstatfs(fd).is_ok_and(|fs| {
        let kind = fs.f_type as i64;
        kind == rustix::fs::PROC_SUPER_MAGIC as i64 || kind == SYSFS_MAGIC
    })
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn made_up_by_the_kernel(_fd: &OwnedFd) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn read(dir: &Path, name: &str) -> Result<String, Refusal> {
        let folder = open_folder(dir)?;
        let mut text = String::new();
        std::io::Read::read_to_string(&mut open_regular(&folder, OsStr::new(name))?, &mut text)?;
        Ok(text)
    }

    /// Links that stay inside their folder are followed, down and back up
    /// within it; any that leaves, by `..` or an absolute target, is not.
    #[test]
    fn links_are_followed_only_inside_their_folder() {
        let outer = tempfile::tempdir().unwrap();
        let dir = outer.path().join("n");
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("sub/real.yaml"), "inside").unwrap();
        std::fs::write(outer.path().join("secret"), "outside").unwrap();
        symlink("sub/real.yaml", dir.join("a.yaml")).unwrap();
        symlink("sub/../sub/real.yaml", dir.join("b.yaml")).unwrap();
        symlink("a.yaml", dir.join("chain.yaml")).unwrap();
        symlink("../secret", dir.join("up.yaml")).unwrap();
        symlink(outer.path().join("secret"), dir.join("abs.yaml")).unwrap();
        symlink("../../secret", dir.join("sub/deep.yaml")).unwrap();
        symlink("sub/deep.yaml", dir.join("via.yaml")).unwrap();
        for name in ["a.yaml", "b.yaml", "chain.yaml"] {
            assert_eq!(read(&dir, name).unwrap(), "inside", "{name}");
        }
        for name in ["up.yaml", "abs.yaml", "via.yaml"] {
            assert!(
                matches!(read(&dir, name), Err(Refusal::LinkLeaves { .. })),
                "{name}"
            );
        }
    }

    /// A file below a folder is reached through folders and links that
    /// stay inside; a folder link that leaves, or a path with `..`, is not
    /// followed out.
    #[test]
    fn a_file_below_is_reached_only_inside() {
        let outer = tempfile::tempdir().unwrap();
        let dir = outer.path().join("n");
        std::fs::create_dir_all(dir.join("sources/old")).unwrap();
        std::fs::write(dir.join("sources/old/a.txt"), "inside").unwrap();
        std::fs::write(outer.path().join("secret.txt"), "outside").unwrap();
        symlink("old", dir.join("sources/now")).unwrap();
        symlink("..", dir.join("up")).unwrap();
        let folder = open_folder(&dir).unwrap();
        let read = |p: &str| -> Result<String, Refusal> {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut open_below(&folder, Path::new(p))?, &mut text)?;
            Ok(text)
        };
        assert_eq!(read("sources/old/a.txt").unwrap(), "inside");
        assert_eq!(read("./sources/now/a.txt").unwrap(), "inside");
        assert!(matches!(
            read("up/secret.txt"),
            Err(Refusal::LinkLeaves { .. })
        ));
        assert!(read("sources/../../secret.txt").is_err());
        assert!(matches!(read("sources"), Err(Refusal::NotRegular(_))));
    }

    /// A folder on the way that is a link leaving its own folder is not
    /// passed through, whatever lies beyond it.
    #[test]
    fn a_folder_link_that_leaves_is_not_passed_through() {
        let outer = tempfile::tempdir().unwrap();
        let repo = outer.path().join("repo");
        std::fs::create_dir_all(repo.join("gen")).unwrap();
        symlink(outer.path(), repo.join("away")).unwrap();
        symlink("gen", repo.join("near")).unwrap();
        assert!(open_parent(&repo.join("near/r.md")).is_ok());
        assert!(matches!(
            open_parent(&repo.join("away/r.md")),
            Err(Refusal::LinkLeaves { .. })
        ));
        // The user's own `..` is theirs: it is not a link.
        assert!(open_parent(&repo.join("gen/../r.md")).is_ok());
    }
}
