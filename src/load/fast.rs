//! A fast reading of the plain YAML that position files are written in.
//!
//! Parsing is most of what loading costs, and the full parser pays for
//! locations, anchors and every corner of YAML on every value. Nearly all
//! position files use a small part of YAML: block mappings and sequences,
//! one-line flow lists and mappings, one-line scalars, and block scalars
//! (`>`, `|`, with `-`) whose lines are all indented alike. This reads
//! that part and nothing else: on anything outside it (anchors, tags,
//! other multi-line values, tabs, unusual spellings of numbers or
//! booleans, duplicate keys, limits) it gives up with `None`, and the full
//! parser decides.
//!
//! Its tree has no locations, so it is used only for files that load with
//! no diagnostic at all; a file with anything to say is read again by
//! `yaml::parse`, and every message still points at its place. A test and
//! the fuzz target hold it to the full parser: whenever this returns a
//! tree, the full parser returns the same values, spelt the same.

use crate::load::limits::{MAX_DEPTH, MAX_NODES};
use crate::load::tree::{Node, Value};
use crate::loc::Loc;
use std::borrow::Cow;
use std::collections::HashSet;

// Well inside the full parser's limits, which count a little differently:
// a file near them is left to the full parser and its errors. Every node
// counts, flow items included, so a wide line cannot build a large tree
// before the full parser is asked.
const DEPTH: usize = MAX_DEPTH / 2;
const NODES: usize = MAX_NODES / 2;

/// The tree of `text`, or `None` when the full parser must read it.
pub fn parse(text: &str) -> Option<Node<'_>> {
    let raw: Vec<&str> = text
        .split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
        .collect();
    let lines = lines(&raw)?;
    let mut reader = Reader {
        raw,
        lines,
        at: 0,
        nodes: 0,
    };
    let first = reader.lines.first()?.indent;
    let root = reader.block(first, 1)?;
    if reader.at < reader.lines.len() {
        return None;
    }
    Some(root)
}

struct Line<'t> {
    /// Its index among all lines, blank and comment lines included.
    raw: usize,
    indent: usize,
    /// The line after its indentation, comments not yet removed.
    body: &'t str,
}

/// Content lines, or `None` for text this reader leaves alone.
fn lines<'t>(raw: &[&'t str]) -> Option<Vec<Line<'t>>> {
    let mut out = Vec::with_capacity(raw.len());
    for (index, &line) in raw.iter().enumerate() {
        // Control characters, byte order marks and YAML 1.1 line breaks are
        // all things the full parser has opinions on.
        if unusual(line) {
            return None;
        }
        let body = line.trim_start_matches(' ');
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let indent = line.len() - body.len();
        // Directives and document markers.
        if indent == 0
            && (body.starts_with('%') || body.starts_with("---") || body.starts_with("..."))
        {
            return None;
        }
        out.push(Line {
            raw: index,
            indent,
            body,
        });
    }
    Some(out)
}

/// Control characters (C0, DEL, C1), a byte order mark, YAML 1.1 line
/// breaks and non-characters: checked on the bytes, as this looks at every
/// byte of every file.
fn unusual(line: &str) -> bool {
    let bytes = line.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| match b {
        0..0x20 | 0x7f => true,
        // U+0080..U+009F
        0xc2 => bytes.get(i + 1).is_some_and(|n| (0x80..0xa0).contains(n)),
        // U+2028, U+2029
        0xe2 => bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xa8 | 0xa9)),
        // U+FEFF, U+FFFE, U+FFFF
        0xef => matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0xbb), Some(0xbf)) | (Some(0xbf), Some(0xbe | 0xbf))
        ),
        _ => false,
    })
}

struct Reader<'t> {
    raw: Vec<&'t str>,
    lines: Vec<Line<'t>>,
    at: usize,
    nodes: usize,
}

impl<'t> Reader<'t> {
    fn node(&mut self, value: Value<'t>) -> Option<Node<'t>> {
        self.nodes += 1;
        (self.nodes <= NODES).then(|| node(value))
    }

    fn peek(&self) -> Option<&Line<'t>> {
        self.lines.get(self.at)
    }

    /// The block collection whose first line is the current one, at
    /// `indent`.
    fn block(&mut self, indent: usize, depth: usize) -> Option<Node<'t>> {
        if depth > DEPTH {
            return None;
        }
        let line = self.peek()?;
        if line.indent != indent {
            return None;
        }
        if is_entry(line.body) {
            self.sequence(indent, depth)
        } else {
            self.mapping(indent, depth)
        }
    }

    fn sequence(&mut self, indent: usize, depth: usize) -> Option<Node<'t>> {
        let mut items = Vec::new();
        while let Some(line) = self.peek() {
            if line.indent != indent || !is_entry(line.body) {
                break;
            }
            let rest = line.body[1..].trim_start_matches(' ');
            self.at += 1;
            let item = if rest.is_empty() || rest.starts_with('#') {
                self.nested(indent, depth, false)?
            } else {
                // `- key: value` and `- - x` open collections inline. A
                // flow collection (`- {min: 5, requires: {a: b}}`, how
                // alternatives are written) is an item however many `: `
                // it holds; anything after it sends the line to the full
                // parser (`Cursor::end`).
                let flow = rest.starts_with(['{', '[']);
                if is_entry(rest) || (!flow && split_key(rest).is_some()) {
                    return None;
                }
                self.inline(rest, indent, depth + 1)?
            };
            items.push(item);
        }
        self.after(indent)?;
        self.node(Value::Seq(items))
    }

    fn mapping(&mut self, indent: usize, depth: usize) -> Option<Node<'t>> {
        let mut entries: Vec<(Node<'t>, Node<'t>)> = Vec::new();
        while let Some(line) = self.peek() {
            if line.indent != indent || is_entry(line.body) {
                break;
            }
            let (key, rest) = split_key(line.body)?;
            self.at += 1;
            let key = self.key(key)?;
            let value = if rest.is_empty() || rest.starts_with('#') {
                self.nested(indent, depth, true)?
            } else {
                self.inline(rest, indent, depth + 1)?
            };
            entries.push((key, value));
        }
        self.after(indent)?;
        if has_duplicates(&entries) {
            return None;
        }
        self.node(Value::Map(entries))
    }

    /// The value of an entry whose line ends after its indicator: a block
    /// below it, or null. A mapping's value may be a sequence at the
    /// mapping's own indentation.
    fn nested(&mut self, indent: usize, depth: usize, in_mapping: bool) -> Option<Node<'t>> {
        match self.peek() {
            Some(next) if next.indent > indent => {
                let at = next.indent;
                self.block(at, depth + 1)
            }
            Some(next) if in_mapping && next.indent == indent && is_entry(next.body) => {
                self.sequence(indent, depth + 1)
            }
            _ => self.node(Value::Null),
        }
    }

    /// `>-`, `>`, `|` or `|-` and the lines under it, when they are
    /// lines of one indentation with no blank line between them: the way
    /// long notes are written, and the case where folding is plain.
    fn block_scalar(&mut self, header: &str, indent: usize) -> Option<Value<'t>> {
        let mut cursor = Cursor { rest: header };
        let folded = cursor.rest.starts_with('>');
        cursor.rest = &cursor.rest[1..];
        let strip = cursor.rest.starts_with('-');
        if strip {
            cursor.rest = &cursor.rest[1..];
        }
        cursor.end()?;
        let entry = self.lines[self.at - 1].raw;
        let mut content: Vec<&str> = Vec::new();
        let mut column = None;
        let mut blank = false;
        let mut next = entry + 1;
        while let Some(line) = self.raw.get(next) {
            let body = line.trim_start_matches(' ');
            let at = line.len() - body.len();
            if body.is_empty() {
                // Blank lines before or inside the text, or holding more
                // spaces than the text is indented, fold in their own way.
                if column.is_none_or(|c| at > c) {
                    return None;
                }
                blank = true;
            } else {
                match column {
                    None if at > indent => column = Some(at),
                    Some(c) if at == c => {}
                    Some(c) if at > c => return None,
                    _ => break,
                }
                // Trailing spaces are kept by YAML, and folded around.
                if blank || body.ends_with(' ') {
                    return None;
                }
                content.push(body);
            }
            next += 1;
        }
        if content.is_empty() {
            return None;
        }
        let mut text = content.join(if folded { " " } else { "\n" });
        if !strip {
            text.push('\n');
        }
        while self.lines.get(self.at).is_some_and(|l| l.raw < next) {
            self.at += 1;
        }
        Some(Value::Str(Cow::Owned(text)))
    }

    /// After a collection, the next line must close it: a line indented
    /// deeper is a continuation or an error, either way not ours.
    fn after(&self, indent: usize) -> Option<()> {
        match self.peek() {
            Some(next) if next.indent > indent => None,
            _ => Some(()),
        }
    }

    fn key(&mut self, text: &'t str) -> Option<Node<'t>> {
        let mut cursor = Cursor { rest: text };
        let key = cursor.scalar()?;
        cursor.rest.is_empty().then_some(())?;
        self.node(key)
    }

    /// A value written on its entry's line, then nothing but a comment;
    /// or a block scalar starting there.
    fn inline(&mut self, text: &'t str, indent: usize, depth: usize) -> Option<Node<'t>> {
        let value = if text.starts_with(['|', '>']) {
            let value = self.block_scalar(text, indent)?;
            self.node(value)?
        } else {
            let mut cursor = Cursor { rest: text };
            let value = cursor.value(depth, &mut self.nodes)?;
            cursor.end()?;
            value
        };
        // A deeper next line would continue this value (or be an error).
        if self.peek().is_some_and(|next| next.indent > indent) {
            return None;
        }
        Some(value)
    }
}

/// `- ` or a lone `-` starts a sequence entry; `-5`, `-x` and `-#x` are
/// scalars (a comment needs a space before its `#`).
fn is_entry(body: &str) -> bool {
    body == "-" || body.starts_with("- ")
}

/// `key: rest` with a one-line key, or `None` when the line is not a
/// mapping entry this reader understands.
fn split_key(body: &str) -> Option<(&str, &str)> {
    let (key, rest) = if body.starts_with(['"', '\'']) {
        let quote = body.as_bytes()[0];
        let close = closing_quote(body, quote)?;
        let rest = body[close + 1..].trim_start_matches(' ');
        (&body[..=close], rest.strip_prefix(':')?)
    } else {
        let colon =
            find_pair(body, b':', b' ').or_else(|| body.strip_suffix(':').map(|k| k.len()))?;
        let key = body[..colon].trim_end_matches(' ');
        (key, &body[colon + 1..])
    };
    // YAML caps an implicit key at 1024 characters; well short of that,
    // the full parser decides.
    if !(rest.is_empty() || rest.starts_with(' '))
        || key.is_empty()
        || body.len() - rest.len() > 1000
    {
        return None;
    }
    Some((key, rest.trim_start_matches(' ')))
}

/// Where the two ASCII bytes `a` then `b` first stand together, as
/// `find(": ")` would say but without building a searcher for every line.
fn find_pair(text: &str, a: u8, b: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = bytes[from..].iter().position(|&c| c == a) {
        let at = from + i;
        if bytes.get(at + 1) == Some(&b) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The byte index of the quote that closes the one at 0.
fn closing_quote(text: &str, quote: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => return Some(i),
            _ => i += 1,
        }
    }
    None
}

struct Cursor<'t> {
    rest: &'t str,
}

impl<'t> Cursor<'t> {
    fn skip_spaces(&mut self) {
        self.rest = self.rest.trim_start_matches(' ');
    }

    /// Nothing left but spaces and a comment.
    fn end(&mut self) -> Option<()> {
        let before = self.rest.len();
        self.skip_spaces();
        let spaced = self.rest.len() < before;
        (self.rest.is_empty() || (spaced && self.rest.starts_with('#'))).then_some(())
    }

    fn value(&mut self, depth: usize, nodes: &mut usize) -> Option<Node<'t>> {
        if depth > DEPTH {
            return None;
        }
        count(nodes)?;
        match self.rest.as_bytes().first()? {
            b'[' => self.flow_sequence(depth, nodes),
            b'{' => self.flow_mapping(depth, nodes),
            _ => self.scalar().map(node),
        }
    }

    fn flow_sequence(&mut self, depth: usize, nodes: &mut usize) -> Option<Node<'t>> {
        let items = self.flow(b']', |r| r.flow_item(depth, nodes))?;
        Some(node(Value::Seq(items)))
    }

    fn flow_mapping(&mut self, depth: usize, nodes: &mut usize) -> Option<Node<'t>> {
        let entries = self.flow(b'}', |r| {
            let before = r.rest.len();
            let key = r.flow_scalar()?;
            // Only `key: value`; `key:value` is one plain scalar in YAML.
            r.rest = r.rest.strip_prefix(": ")?;
            // The cap on implicit keys, as for a block mapping's.
            if before - r.rest.len() > 1000 {
                return None;
            }
            r.skip_spaces();
            count(nodes)?;
            Some((node(key), r.flow_item(depth, nodes)?))
        })?;
        if has_duplicates(&entries) {
            return None;
        }
        Some(node(Value::Map(entries)))
    }

    /// The items of a flow collection, from its opening bracket to `close`,
    /// separated by commas.
    fn flow<T>(
        &mut self,
        close: u8,
        mut item: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<Vec<T>> {
        self.rest = &self.rest[1..];
        let mut items = Vec::new();
        self.skip_spaces();
        if self.rest.as_bytes().first() == Some(&close) {
            self.rest = &self.rest[1..];
            return Some(items);
        }
        loop {
            self.skip_spaces();
            items.push(item(self)?);
            self.skip_spaces();
            match *self.rest.as_bytes().first()? {
                b',' => self.rest = &self.rest[1..],
                c if c == close => {
                    self.rest = &self.rest[1..];
                    return Some(items);
                }
                _ => return None,
            }
        }
    }

    fn flow_item(&mut self, depth: usize, nodes: &mut usize) -> Option<Node<'t>> {
        match self.rest.as_bytes().first()? {
            b'[' | b'{' => self.value(depth + 1, nodes),
            _ => {
                count(nodes)?;
                self.flow_scalar().map(node)
            }
        }
    }

    /// A scalar inside `[...]` or `{...}`.
    fn flow_scalar(&mut self) -> Option<Value<'t>> {
        if self.rest.starts_with(['"', '\'']) {
            return self.scalar();
        }
        let end = self
            .rest
            .find([',', ']', '}', '[', '{', ':', '#', '"', '\''])
            .unwrap_or(self.rest.len());
        match self.rest.as_bytes().get(end) {
            Some(b',' | b']' | b'}') => {}
            Some(b':') if self.rest[end..].starts_with(": ") => {}
            // A `:`, `#` or quote inside a scalar, or the line ending in the
            // middle of the collection, are not ours.
            _ => return None,
        }
        let text = self.rest[..end].trim_end_matches(' ');
        self.rest = &self.rest[text.len()..];
        plain(text)
    }

    /// A quoted scalar, or a plain one running to the end of the line.
    fn scalar(&mut self) -> Option<Value<'t>> {
        match self.rest.as_bytes().first()? {
            b'"' => {
                let close = closing_quote(self.rest, b'"')?;
                let text = unescape(&self.rest[1..close])?;
                self.rest = &self.rest[close + 1..];
                Some(Value::Str(text))
            }
            b'\'' => {
                let close = closing_quote(self.rest, b'\'')?;
                let inner = &self.rest[1..close];
                let text = if inner.contains("''") {
                    Cow::Owned(inner.replace("''", "'"))
                } else {
                    Cow::Borrowed(inner)
                };
                self.rest = &self.rest[close + 1..];
                Some(Value::Str(text))
            }
            _ => {
                let end = find_pair(self.rest, b' ', b'#').unwrap_or(self.rest.len());
                let text = self.rest[..end].trim_end_matches(' ');
                if find_pair(text, b':', b' ').is_some() || text.ends_with(':') {
                    return None;
                }
                self.rest = &self.rest[text.len()..];
                plain(text)
            }
        }
    }
}

/// A plain scalar typed as the full parser types it, for the spellings
/// where that is plain; `None` for the rest.
fn plain(text: &str) -> Option<Value<'_>> {
    let first = *text.as_bytes().first()?;
    if matches!(
        first,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    ) && !(first == b'-' && text.len() > 1 && text.as_bytes()[1].is_ascii_digit())
    {
        return None;
    }
    if first.is_ascii_digit() || first == b'-' || first == b'+' || first == b'.' {
        return number_or_date(text);
    }
    // Words YAML or a float parser may read as something else. (`yes` and
    // `no` are strings under the strict booleans `yaml::parse` asks for.)
    if first == b'~' || first == b'<' || first == b'=' {
        return None;
    }
    // The tree keeps no locations, so a value is spelt back from what it
    // is (`Node::spelling`): `True` would come back `true`.
    match text {
        "true" => return Some(Value::Bool(true)),
        "false" => return Some(Value::Bool(false)),
        _ => {}
    }
    if ["null", "true", "false", "inf", "infinity", "nan"]
        .iter()
        .any(|word| text.eq_ignore_ascii_case(word))
    {
        return None;
    }
    Some(Value::Str(Cow::Borrowed(text)))
}

/// `12`, `-3`, `2.5` and `2025-03-18`; other spellings starting with a
/// digit or sign (`0x1`, `1e3`, `+1`, `012`, `1_000`) go to the full parser.
fn number_or_date(text: &str) -> Option<Value<'_>> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let bytes = digits.as_bytes();
    let all_digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
    let canonical = |s: &[u8]| all_digits(s) && (s.len() == 1 || s[0] != b'0');
    // Only numbers that print back as written (not `-0`, `1.0`, `1.50`):
    // the tree keeps no locations to spell them from.
    if canonical(bytes) && bytes.len() <= 18 {
        // With no leading zero, only `-0` prints back otherwise.
        return text
            .parse::<i64>()
            .ok()
            .filter(|_| text != "-0")
            .map(|i| Value::Int(i.into()));
    }
    if let Some((whole, fraction)) = digits.split_once('.')
        && canonical(whole.as_bytes())
        && all_digits(fraction.as_bytes())
        && digits.len() <= 17
    {
        return text
            .parse::<f64>()
            .ok()
            .filter(|f| f.to_string() == text)
            .map(Value::Float);
    }
    let date = text.as_bytes();
    if date.len() == 10
        && date[4] == b'-'
        && date[7] == b'-'
        && [&date[..4], &date[5..7], &date[8..]]
            .iter()
            .all(|p| all_digits(p))
    {
        return Some(Value::Str(Cow::Borrowed(text)));
    }
    None
}

/// The escapes position files use; any other goes to the full parser.
fn unescape(text: &str) -> Option<Cow<'_, str>> {
    if !text.contains('\\') {
        return Some(Cow::Borrowed(text));
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next()? {
            '\\' => '\\',
            '"' => '"',
            '/' => '/',
            'n' => '\n',
            't' => '\t',
            _ => return None,
        });
    }
    Some(Cow::Owned(out))
}

/// Keys the full parser may call duplicates (or not): either way, its call.
/// A number names what a string spelt the same does (`30` and `"30"`), and
/// a key with no name (null, a list) is left to the full parser.
fn has_duplicates(entries: &[(Node<'_>, Node<'_>)]) -> bool {
    let mut seen: HashSet<Cow<str>> = HashSet::with_capacity(entries.len());
    !entries.iter().all(|(key, _)| {
        let name = match &key.value {
            Value::Str(name) => Cow::Borrowed(name.as_ref()),
            _ => match key.as_name() {
                Some(name) => Cow::Owned(name),
                None => return false,
            },
        };
        seen.insert(name)
    })
}

/// One more node read; `None` past the limit.
fn count(nodes: &mut usize) -> Option<()> {
    *nodes += 1;
    (*nodes <= NODES).then_some(())
}

fn node(value: Value<'_>) -> Node<'_> {
    Node {
        value,
        loc: Loc::default(),
        defined: Loc::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::unusual;

    /// The byte scan finds exactly the characters it is meant to.
    #[test]
    fn unusual_characters_by_their_bytes() {
        let chars = (0..0x300u32)
            .chain(0x2000..0x2100)
            .chain([0xfeff, 0xfffd, 0xfffe, 0xffff, 0x1f600])
            .filter_map(char::from_u32);
        for c in chars {
            let expected = c.is_control()
                || matches!(
                    c,
                    '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}'
                );
            assert_eq!(unusual(&format!("a{c}b")), expected, "{:?}", c);
        }
    }
}
