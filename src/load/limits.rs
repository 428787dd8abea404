//! Limits on what `stance` reads. Each keeps a hostile or broken input from
//! costing unbounded time or memory; each is far above what a real
//! negotiation needs: a 200-party, 2,000-issue conference (72 MB as
//! `examples/generate` makes it) passes every one. `docs/limits.md` lists them with what happens past each.

/// One position file: a 2,000-issue party file with long quotes is ~1 MiB.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// All the files of one negotiation together.
pub const MAX_FOLDER_BYTES: u64 = 512 * 1024 * 1024;
/// The sources' texts of one negotiation together, each file counted once.
pub const MAX_SOURCE_TEXT_BYTES: u64 = 32 * 1024 * 1024;
/// Party files in one folder, so parties in one negotiation.
pub const MAX_PARTIES: usize = 1_000;
/// Issues on one agenda.
pub const MAX_ISSUES: usize = 10_000;
/// Options of one issue.
pub const MAX_OPTIONS: usize = 1_000;
/// Alternatives of one stance: each that fails is looked at again with
/// the rest, so a long list costs the square of its length.
pub const MAX_ALTERNATIVES: usize = 64;
/// Characters in one text or name (a quote, a note, a title).
pub const MAX_TEXT_CHARS: usize = 100_000;
/// The largest number a range takes, either sign: whole numbers up to it
/// are exact, and midpoints and gaps of numbers within it stay finite.
pub const MAX_NUMBER: f64 = 1e15;
/// Nesting depth: the format itself is at most five levels deep.
pub const MAX_DEPTH: usize = 32;
/// Values (scalars, lists, mappings) in one file.
pub const MAX_NODES: usize = 2_000_000;
/// Parser events in one file (about two per value).
pub const MAX_EVENTS: usize = 5_000_000;
/// Events replayed through aliases: what stops an alias bomb. Position
/// files rarely use aliases at all; a fuzzed file that replayed 100,000
/// took 0.1 s to parse, so the cap is ten times lower.
pub const MAX_ALIAS_REPLAY: usize = 10_000;
