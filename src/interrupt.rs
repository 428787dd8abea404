//! What a signal does while a report is being written: a large report
//! takes seconds to write into its temporary file beside the target, and
//! Ctrl-C, `kill` or a closed terminal then must not leave that file
//! behind for `git add -A` to commit.
//!
//! On SIGINT, SIGTERM, SIGHUP and SIGQUIT the handler removes the
//! unfinished file, says so on stderr, and ends the process by the same
//! signal, as its default action would (so a shell reports 130 for SIGINT,
//! 143 for SIGTERM, and a script around `stance` stops as it should). With
//! no report being written, the signal does just what it did before.
//! SIGXFSZ (`ulimit -f`) is caught and does nothing, so the write that
//! went past the limit fails with "file too large" and the report is
//! abandoned like any failed write: the temporary file removed, exit 2.
//! SIGKILL cannot be caught: see `output::remove_stale`.
//!
//! signal-hook registers the handler (chaining, and the default action
//! emulated by `emulate_default_handler`); the handler itself only does
//! what is safe in a signal handler: an atomic swap, `unlinkat`, `write`.

use rustix::fd::{AsFd, BorrowedFd, RawFd};
use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGXFSZ};
use std::ffi::CString;
use std::sync::Once;
use std::sync::atomic::{AtomicPtr, Ordering};

/// A temporary file to remove if the process is ended now.
struct Unfinished {
    /// The folder holding it, kept open by the writer while it writes.
    dir: RawFd,
    name: CString,
    /// Said on stderr once the file is removed.
    message: Vec<u8>,
}

static UNFINISHED: AtomicPtr<Unfinished> = AtomicPtr::new(std::ptr::null_mut());

/// The signals after which `stance` cleans up and ends.
const ENDING: [i32; 4] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT];

/// Installs the handlers, once per process.
pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        for signal in ENDING {
            // SAFETY: `on_signal` only swaps an atomic pointer and makes
            // async-signal-safe system calls (`unlinkat`, `write`, and
            // signal-hook's re-raise of the signal).
            let _ = unsafe { signal_hook::low_level::register(signal, move || on_signal(signal)) };
        }
        // SAFETY: does nothing.
        let _ = unsafe { signal_hook::low_level::register(SIGXFSZ, || {}) };
    });
}

fn on_signal(signal: i32) {
    let unfinished = UNFINISHED.swap(std::ptr::null_mut(), Ordering::SeqCst);
    if !unfinished.is_null() {
        // SAFETY: the pointer came from `Box::into_raw` in `watch`, and the
        // swap made this handler its only user: `Watch::drop` frees it only
        // if it takes it back first.
        let unfinished = unsafe { &*unfinished };
        // SAFETY: the writer keeps the folder open while the file is watched.
        let dir = unsafe { BorrowedFd::borrow_raw(unfinished.dir) };
        if rustix::fs::unlinkat(
            dir,
            unfinished.name.as_c_str(),
            rustix::fs::AtFlags::empty(),
        )
        .is_ok()
        {
            // SAFETY: standard error is open for the life of the process.
            let stderr = unsafe { BorrowedFd::borrow_raw(2) };
            let _ = rustix::io::write(stderr, &unfinished.message);
        }
    }
    let _ = signal_hook::low_level::emulate_default_handler(signal);
    // Should the default action not end the process, end it as a shell
    // would report that signal.
    signal_hook::low_level::exit(128 + signal);
}

/// While this lives, a signal that ends `stance` removes `name` in `dir`
/// first and says `message` on stderr.
pub struct Watch {
    unfinished: *mut Unfinished,
}

/// Watches `name` in `dir`, which the caller keeps open until the watch
/// is dropped.
pub fn watch(dir: &impl AsFd, name: &std::ffi::OsStr, message: String) -> Watch {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::io::AsRawFd;
    install();
    let unfinished = Box::into_raw(Box::new(Unfinished {
        dir: dir.as_fd().as_raw_fd(),
        name: CString::new(name.as_bytes()).unwrap_or_default(),
        message: message.into_bytes(),
    }));
    let earlier = UNFINISHED.swap(unfinished, Ordering::SeqCst);
    if !earlier.is_null() {
        // SAFETY: taken back from the slot, so no handler holds it.
        drop(unsafe { Box::from_raw(earlier) });
    }
    Watch { unfinished }
}

impl Drop for Watch {
    fn drop(&mut self) {
        // Freed only if still in the slot: a handler that took it is
        // ending the process with it.
        if UNFINISHED
            .compare_exchange(
                self.unfinished,
                std::ptr::null_mut(),
                Ordering::SeqCst,
                Ordering::SeqCst,
            )
            .is_ok()
        {
            // SAFETY: from `Box::into_raw`, and no longer reachable.
            drop(unsafe { Box::from_raw(self.unfinished) });
        }
    }
}
