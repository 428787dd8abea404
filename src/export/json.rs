//! JSON for tools: the `Report` value as it is (`docs/json.md`).

use super::{ChangesExporter, Exporter};
use crate::changes::Changes;
use crate::report::Report;
use crate::visible::write_json_escaped;
use serde::Serialize;
use std::io::{self, Write};

/// The JSON format.
pub struct Json;

impl Exporter for Json {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        write(report, out)
    }
}

impl ChangesExporter for Json {
    fn render_changes(&self, changes: &Changes, out: &mut dyn Write) -> io::Result<()> {
        write(changes, out)
    }
}

fn write(value: &impl Serialize, out: &mut dyn Write) -> io::Result<()> {
    let mut escaped = Escaped {
        out,
        pending: Vec::with_capacity(CHUNK + 4),
    };
    serde_json::to_writer_pretty(&mut escaped, value)?;
    escaped.pending.push(b'\n');
    escaped.pass_on(true)
}

/// serde_json's output, with every hidden character (`visible::is_hidden`)
/// written as a `\u` escape. serde_json escapes the C0 controls only: DEL,
/// the C1 controls (U+009B starts a terminal sequence as ESC `[` does) and
/// the bidirectional controls would go out raw to whoever pipes the report
/// to a terminal or reads it in a diff. Outside strings serde_json writes
/// printable ASCII only, so every hidden character met here is inside a
/// string, where the escape decodes to it: no tool sees a difference.
///
/// Checked a chunk of 64 KiB at a time rather than string by string: the
/// full JSON of a conference is gigabytes of short ids, and a check per
/// string (a serde_json `Formatter`) made rendering 1.3 times slower; a
/// chunk, gathered here in place of the writer's own buffering, costs
/// nothing measurable.
struct Escaped<'w> {
    out: &'w mut dyn Write,
    pending: Vec<u8>,
}

const CHUNK: usize = 64 * 1024;

impl Escaped<'_> {
    /// Writes out what is pending, escaped; but for the bytes of a
    /// character cut at the end of the chunk, unless `all`.
    fn pass_on(&mut self, all: bool) -> io::Result<()> {
        let chunk = &self.pending[..];
        if chunk.is_ascii() && !chunk.contains(&0x7f) {
            self.out.write_all(chunk)?;
            self.pending.clear();
            return Ok(());
        }
        let text = match std::str::from_utf8(chunk) {
            Ok(text) => text,
            // serde_json writes UTF-8: only the end can be cut short.
            Err(e) if e.error_len().is_none() && !all => {
                std::str::from_utf8(&chunk[..e.valid_up_to()]).expect("valid up to here")
            }
            Err(e) => return Err(io::Error::new(io::ErrorKind::InvalidData, e)),
        };
        write_json_escaped(self.out, text)?;
        let done = text.len();
        self.pending.drain(..done);
        Ok(())
    }
}

impl Write for Escaped<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.pending.extend_from_slice(buf);
        if self.pending.len() >= CHUNK {
            self.pass_on(false)?;
        }
        Ok(())
    }

    // Flushed by `write` once the value is whole.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> String {
        let mut out = Vec::new();
        write(&text, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// What serde_json leaves raw is escaped, and reads back the same.
    #[test]
    fn hidden_characters_are_escaped_and_read_back() {
        let text = "a\u{7f}\u{9b}31m\u{202e}b\u{200b}\u{e0041}é\"\u{1b}";
        let out = json(text);
        assert_eq!(
            out,
            "\"a\\u007f\\u009b31m\\u202eb\\u200b\\udb40\\udc41é\\\"\\u001b\"\n"
        );
        let back: String = serde_json::from_str(&out).unwrap();
        assert_eq!(back, text);
    }

    /// A character whose bytes come in two writes, the first filling a
    /// chunk, is escaped whole.
    #[test]
    fn a_character_cut_between_chunks() {
        let mut out = Vec::new();
        let mut escaped = Escaped {
            out: &mut out,
            pending: Vec::new(),
        };
        let rlo = "\u{202e}".as_bytes();
        let mut first = vec![b'a'; CHUNK];
        first.extend_from_slice(&rlo[..1]);
        escaped.write_all(&first).unwrap();
        escaped.write_all(&rlo[1..]).unwrap();
        escaped.pass_on(true).unwrap();
        assert_eq!(out.len(), CHUNK + 6);
        assert!(out.ends_with(b"a\\u202e"));
    }

    /// The layout is serde_json's own pretty one.
    #[test]
    fn the_layout_is_unchanged() {
        let value = serde_json::json!({"a": [1, {"b": "c"}], "d": {}});
        let mut out = Vec::new();
        write(&value, &mut out).unwrap();
        let expected = serde_json::to_string_pretty(&value).unwrap() + "\n";
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }
}
