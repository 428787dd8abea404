//! JSON for tools: the `Report` value as it is (`docs/json.md`).

use super::{ChangesExporter, Exporter};
use crate::changes::Changes;
use crate::report::Report;
use crate::visible::is_hidden;
use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};
use std::io::{self, Write};

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
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, Escaped::default());
    value.serialize(&mut ser)?;
    out.write_all(b"\n")
}

/// serde_json's pretty layout, with every hidden character of a string
/// (`visible::is_hidden`) written as a `\u` escape. serde_json escapes the
/// C0 controls only: DEL, the C1 controls (U+009B starts a terminal
/// sequence as ESC `[` does) and the bidirectional controls would go out
/// raw to whoever pipes the report to a terminal or reads it in a diff.
/// The escapes decode to the same strings: no tool sees a difference.
#[derive(Default)]
struct Escaped(PrettyFormatter<'static>);

impl Formatter for Escaped {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Below DEL, nothing is hidden that serde_json has not escaped.
        if fragment.bytes().all(|b| b < 0x7f) {
            return w.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_hidden(c) {
                w.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(w, "\\u{unit:04x}")?;
                }
                start = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[start..])
    }

    // The layout, as serde_json's pretty printer makes it.

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
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
