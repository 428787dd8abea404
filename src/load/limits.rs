//! Limits on what one file may hold. Each keeps a hostile or broken file
//! from costing unbounded time or memory; each is far above what a real
//! negotiation needs (a 200-party, 2,000-issue conference fits).

/// One position file: a 2,000-issue party file with long quotes is ~1 MiB.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// Nesting depth: the format itself is at most five levels deep.
pub const MAX_DEPTH: usize = 32;
/// Values (scalars, lists, mappings) in one file.
pub const MAX_NODES: usize = 2_000_000;
/// Parser events in one file (about two per value).
pub const MAX_EVENTS: usize = 5_000_000;
/// Events replayed through aliases: what stops an alias bomb.
pub const MAX_ALIAS_REPLAY: usize = 100_000;
