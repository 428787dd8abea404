fn main() -> std::process::ExitCode {
    stance::cli::main()
}

/// Runs before the Rust runtime starts, from the executable's
/// initialisers: the runtime puts `/dev/null` in place of a closed
/// standard output, and only before then can `stance compare x >&-` be
/// told from `> /dev/null` (so that the report is not lost with exit 0).
/// On a system with neither section, a closed standard output is not seen.
#[used]
#[cfg_attr(
    any(
        target_os = "linux",
        target_os = "android",
        target_os = "freebsd",
        target_os = "netbsd",
        target_os = "openbsd",
        target_os = "dragonfly",
        target_os = "illumos"
    ),
    unsafe(link_section = ".init_array")
)]
#[cfg_attr(
    target_vendor = "apple",
    unsafe(link_section = "__DATA,__mod_init_func")
)]
static RECORD_STDOUT_STATE: extern "C" fn() = record_stdout_state;

extern "C" fn record_stdout_state() {
    stance::cli::record_stdout_state();
}
