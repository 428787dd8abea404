//! Where a value stands in a file: what the loader records for every value
//! it reads and a diagnostic points at. At the bottom of the crate, beside
//! the parser that finds it and the messages that show it, so that neither
//! imports the other.

/// Where a value stands in its file: 1-based line and column (in characters)
/// and the byte range the value covers, for the caret under it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Loc {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The first byte of the value.
    pub start: usize,
    /// The byte after the value's last.
    pub end: usize,
}
