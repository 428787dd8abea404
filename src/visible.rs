//! Text from a position file made safe to show: every byte of a folder may
//! come from a stranger's pull request, and a title holding `\e]0;...\a`
//! would retitle the reader's terminal, a `\r` overwrite a line, and a
//! right-to-left override reorder what a reviewer reads. Such characters
//! are shown as escapes (`\u{1b}`), never passed through raw.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io;

/// Whether `c` must never reach a reader raw: C0 and C1 controls and DEL;
/// the line and paragraph separators (U+2028, U+2029), which break a line
/// as `\n` does; and every character Unicode calls default-ignorable
/// (shown as nothing where not supported): the bidirectional controls,
/// which reorder text as in "Trojan Source", and the invisible characters
/// that make two different names look alike (zero-width spaces and
/// joiners, the soft hyphen, the word joiner, variation selectors, Hangul
/// fillers, tag characters, a byte order mark), with the interlinear
/// annotation controls.
pub fn is_hidden(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_control();
    }
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{34f}'
                | '\u{61c}'
                | '\u{115f}'..='\u{1160}'
                | '\u{17b4}'..='\u{17b5}'
                | '\u{180b}'..='\u{180f}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{3164}'
                | '\u{fe00}'..='\u{fe0f}'
                | '\u{feff}'
                | '\u{ffa0}'
                | '\u{fff0}'..='\u{fffb}'
                | '\u{1bca0}'..='\u{1bca3}'
                | '\u{1d173}'..='\u{1d17a}'
                | '\u{e0000}'..='\u{e0fff}'
        )
}

/// What kind of hidden character `c` is, for a message that names it.
pub fn kind(c: char) -> &'static str {
    match c {
        c if c.is_control() => "a control character",
        '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            "a bidirectional control"
        }
        '\u{2028}' | '\u{2029}' => "a line separator",
        _ => "an invisible character",
    }
}

/// `c` as Unicode names a code point: `U+200B`.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// `text` on one line, with every hidden character (line breaks and tabs
/// included) written as an escape: `\n`, `\t`, `\r`, else `\u{..}`.
pub fn line(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// `text` as a block: line breaks kept as they are, every other hidden
/// character escaped as `line` does.
pub fn block(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

fn escape(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let shown = |c: char| !is_hidden(c) || (keep_newlines && c == '\n');
    if text.chars().all(shown) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if shown(c) => out.push(c),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
        }
    }
    Cow::Owned(out)
}

/// JSON text as serde_json wrote it, with every hidden character written
/// as a `\u` escape. serde_json escapes the C0 controls only, and leaves
/// DEL, the C1 controls and the bidirectional controls raw. Outside
/// strings serde_json writes printable ASCII only (and `\n` in its pretty
/// layout, kept), so every hidden character met is inside a string, where
/// the escape decodes to it: no tool sees a difference.
pub fn write_json_escaped(out: &mut dyn io::Write, json: &str) -> io::Result<()> {
    let mut start = 0;
    for (i, c) in json.char_indices() {
        if is_hidden(c) && c != '\n' {
            out.write_all(&json.as_bytes()[start..i])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(out, "\\u{unit:04x}")?;
            }
            start = i + c.len_utf8();
        }
    }
    out.write_all(&json.as_bytes()[start..])
}

/// A writer that passes on what it is given as `line` shows it: a report
/// written through it cannot carry a hidden character raw, whichever
/// field it came from, and no field can start a line of its own (a title
/// holding `\n+ aid  overlap` would forge a verdict). Only `raw` and
/// `end_line` pass bytes through as they are: the line ends and the
/// styles (colours) the renderer makes itself.
pub struct Escaping<'w> {
    inner: &'w mut dyn io::Write,
}

impl<'w> Escaping<'w> {
    /// Escapes what is written through it into `inner`.
    pub fn new(inner: &'w mut dyn io::Write) -> Self {
        Escaping { inner }
    }

    /// Bytes the renderer made itself, passed on as they are.
    pub fn raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.inner.write_all(bytes)
    }

    /// The end of a line of the report.
    pub fn end_line(&mut self) -> io::Result<()> {
        self.inner.write_all(b"\n")
    }
}

impl io::Write for Escaping<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    // Renderers write whole `str`s (`write!` hands over each piece whole),
    // so a character is never split between two calls.
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        let text = String::from_utf8_lossy(buf);
        self.inner.write_all(line(&text).as_bytes())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The terminal attacks of issue 12 come out as inert text.
    #[test]
    fn escapes_terminal_controls_and_bidi() {
        assert_eq!(
            line("\u{1b}]0;PWNED\u{7}\u{1b}[31m"),
            "\\u{1b}]0;PWNED\\u{7}\\u{1b}[31m"
        );
        assert_eq!(
            line("days\u{1b}[2K\rALL CLEAR"),
            "days\\u{1b}[2K\\rALL CLEAR"
        );
        assert_eq!(line("a\u{202e}b\u{2066}"), "a\\u{202e}b\\u{2066}");
        assert_eq!(line("caf\u{200b}e\u{85}"), "caf\\u{200b}e\\u{85}");
        assert_eq!(line("two\nlines\t"), "two\\nlines\\t");
        assert_eq!(block("two\nlines\t"), "two\nlines\\t");
    }

    /// Ordinary text, accents, CJK and emoji included, is not copied.
    #[test]
    fn plain_text_is_borrowed() {
        for text in ["Russia", "café — “quoted”", "北京", "👍 ok", ""] {
            assert!(matches!(line(text), Cow::Borrowed(_)), "{text}");
        }
    }
}
