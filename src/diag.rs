//! Diagnostics: what is wrong, where, and what was probably meant.
//!
//! Every problem `stance` finds in its input becomes a `Diagnostic`, rendered
//! rustc-style by annotate-snippets: `file:line:column`, the offending line,
//! a caret under the value, and a "did you mean" where one is close.

mod machine;

pub use machine::{github_command, github_line, json_line};

use crate::loc::Loc;
use crate::visible;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use anstyle::{AnsiColor, Style};
use std::fmt;
use std::sync::Arc;

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The negotiation cannot be loaded.
    Error,
    /// Worth a look, but the negotiation loads.
    Warning,
}

/// A file's name as the user gave it, with its text when it could be read.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// As named in messages.
    pub name: String,
    /// The whole text.
    pub text: Arc<str>,
}

/// One problem found in the input.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, as named in messages.
    pub file: String,
    /// The file's text and the place in it, when the problem has a place.
    pub at: Option<(Arc<str>, Loc)>,
    /// What is wrong.
    pub message: String,
    /// What the caret under the value says.
    pub label: Option<String>,
    /// What to do about it: often the nearest valid name.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem with a whole file (missing, unreadable, not UTF-8...).
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            at: None,
            message: message.into(),
            label: None,
            help: None,
        }
    }

    /// A problem at one value of a file.
    pub fn at(source: &SourceFile, loc: Loc, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: source.name.clone(),
            at: Some((source.text.clone(), loc)),
            message: message.into(),
            label: None,
            help: None,
        }
    }

    /// The same problem, as a warning.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// The same, with `label` under the caret.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// The same, with `help` (when there is one) below.
    pub fn help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// Whether it keeps the negotiation from loading.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Where the place starts and ends, as rendered; `None` for a problem
    /// with a whole file.
    pub fn span(&self) -> Option<Span> {
        let (text, loc) = self.at.as_ref()?;
        Some(span(text, *loc))
    }

    /// `file:line:column`, the location every message starts from.
    pub fn place(&self) -> String {
        match &self.at {
            Some((_, loc)) => format!("{}:{}:{}", self.file, loc.line, loc.column),
            None => self.file.clone(),
        }
    }

    /// A problem with no place in a file has no snippet to show: one line,
    /// and the help under it.
    fn render_whole_file(&self, styled: bool) -> String {
        let (level, color) = match self.severity {
            Severity::Error => ("error", AnsiColor::Red),
            Severity::Warning => ("warning", AnsiColor::Yellow),
        };
        let paint = |style: Style, text: &str| {
            if styled {
                format!("{style}{text}{style:#}")
            } else {
                text.to_owned()
            }
        };
        let head = paint(Style::new().bold().fg_color(Some(color.into())), level);
        let mut out = format!(
            "{head}{} {}: {}",
            paint(Style::new().bold(), ":"),
            visible::line(&self.file),
            visible::line(&self.message)
        );
        if let Some(help) = &self.help {
            let help_word = paint(
                Style::new().bold().fg_color(Some(AnsiColor::Cyan.into())),
                "help",
            );
            out.push_str(&format!("\n{help_word}: {}", visible::line(help)));
        }
        out
    }

    /// Render for a terminal (`styled`) or for a file or pipe (plain).
    ///
    /// Every text shown is made visible first (`visible`): the file name,
    /// the message, label and help, and the lines of the file, whose bytes
    /// may come from a stranger. The lines are cut to the place shown
    /// (`excerpt`), so a diagnostic costs the same in a 16 MiB file as in
    /// a small one.
    pub fn render(&self, styled: bool) -> String {
        let Some((text, loc)) = &self.at else {
            return self.render_whole_file(styled);
        };
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let file = visible::line(&self.file);
        let message = visible::line(&self.message);
        let label = self.label.as_deref().map(visible::line);
        let help = self.help.as_deref().map(visible::line);
        let shown = excerpt(text, *loc);
        let mut annotation = AnnotationKind::Primary.span(shown.span.clone());
        if let Some(label) = &label {
            annotation = annotation.label(&**label);
        }
        let mut groups = vec![
            level.primary_title(&*message).element(
                Snippet::source(shown.text.as_str())
                    .line_start(shown.line)
                    .path(&*file)
                    .annotation(annotation),
            ),
        ];
        if let Some(help) = &help {
            groups.push(Group::with_title(Level::HELP.secondary_title(&**help)));
        }
        let out = renderer.render(&groups);
        // annotate-snippets counts the column in the text it was given;
        // where escapes or a cut line make that differ from the file's,
        // the file's is what `file:line:column` must say.
        let given = shown.text[..shown.span.start]
            .rsplit('\n')
            .next()
            .map_or(0, |before| before.chars().count())
            + 1;
        if given == shown.column {
            return out;
        }
        let said = format!("{file}:{}:{given}", shown.line);
        let meant = format!("{file}:{}:{}", shown.line, shown.column);
        let header = out.find('\n').map_or(0, |i| i + 1);
        match out[header..].find(&said) {
            Some(at) => {
                let at = header + at;
                format!("{}{meant}{}", &out[..at], &out[at + said.len()..])
            }
            None => out,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}",
            visible::line(&self.place()),
            visible::line(&self.message)
        )
    }
}

/// The most bytes of a line shown before the place a diagnostic points
/// at, and after it.
pub const CONTEXT_BYTES: usize = 256;
/// The most bytes of the place itself underlined.
pub const SPAN_BYTES: usize = 1024;

/// The part of a file a diagnostic shows.
struct Excerpt {
    /// The lines around the place, hidden characters escaped, `…` where a
    /// line is cut.
    text: String,
    /// What to underline, in `text`.
    span: std::ops::Range<usize>,
    /// The line number of the first line, and the column of the place in
    /// characters of the file.
    line: usize,
    column: usize,
}

/// The lines a diagnostic shows: the line of the place, cut to
/// `CONTEXT_BYTES` either side, the place itself to `SPAN_BYTES`. Found
/// from the place outwards, so the cost does not grow with the file: a
/// file of 20,000 bad dates took 20 s to report when each diagnostic
/// handed annotate-snippets the whole file.
fn excerpt(text: &str, loc: Loc) -> Excerpt {
    let span = caret_span(text, loc);
    let start = span.start;
    let cap = floor_boundary(text, start + SPAN_BYTES);
    let end = span.end.min(cap);
    let bytes = text.as_bytes();
    let (from, cut_before) = line_before(text, start);
    // On to the end of the place's last line, or as far as the context
    // reaches.
    let last = if end > start && bytes[end - 1] == b'\n' {
        end - 1
    } else {
        end
    };
    let reach = ceil_boundary(text, last + CONTEXT_BYTES);
    let (mut to, cut_after) = match bytes[last..reach].iter().position(|&b| b == b'\n') {
        Some(i) => (last + i, false),
        None => (reach, reach < text.len()),
    };
    // A Windows line end is a line end, not a `\r` to show.
    if !cut_after && to > last && bytes[to - 1] == b'\r' {
        to -= 1;
    }
    let end = end.min(to);
    // Escaped in three parts, so that the underline stays on the same
    // characters: an escape is longer than what it stands for.
    let shown = |part: &str| visible::block(&part.replace("\r\n", "\n")).into_owned();
    let mut out = String::new();
    if cut_before {
        out.push('…');
    }
    out.push_str(&shown(&text[from..start]));
    let at = out.len();
    out.push_str(&shown(&text[start..end]));
    let span = at..out.len();
    out.push_str(&shown(&text[end..to]));
    if cut_after {
        out.push('…');
    }
    Excerpt {
        text: out,
        span,
        line: loc.line,
        column: column(text, from, start, cut_before, loc),
    }
}

/// Back from `start` to the start of its line, or as far as the context
/// reaches: where the excerpt starts, and whether the line is cut there.
fn line_before(text: &str, start: usize) -> (usize, bool) {
    let reach = floor_boundary(text, start.saturating_sub(CONTEXT_BYTES));
    match text.as_bytes()[reach..start]
        .iter()
        .rposition(|&b| b == b'\n')
    {
        Some(i) => (reach + i + 1, false),
        None => (reach, reach > 0),
    }
}

/// The column of the place: counted in the file's line, or, on a line cut
/// before the place, the parser's.
fn column(text: &str, from: usize, start: usize, cut_before: bool, loc: Loc) -> usize {
    if cut_before {
        loc.column
    } else {
        text[from..start].chars().count() + 1
    }
}

/// Where a diagnostic's place starts and ends, as its rendering shows and
/// underlines it: lines from 1, columns from 1 in characters, the end
/// column just past the place's last character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// The line of the place's first character.
    pub line: usize,
    /// Its column.
    pub column: usize,
    /// The line of the place's last character.
    pub end_line: usize,
    /// The column just past it.
    pub end_column: usize,
}

/// The span of `loc` in `text`: as `excerpt` finds the place, the end
/// cut as the underline is, at `SPAN_BYTES`, and with no line end.
fn span(text: &str, loc: Loc) -> Span {
    let range = caret_span(text, loc);
    let start = range.start;
    let (from, cut_before) = line_before(text, start);
    let column = column(text, from, start, cut_before, loc);
    let end = range.end.min(floor_boundary(text, start + SPAN_BYTES));
    let under = text[start..end].trim_end_matches(['\r', '\n']);
    let (end_line, end_column) = match under.rfind('\n') {
        None => (loc.line, column + under.chars().count()),
        Some(i) => (
            loc.line + under.matches('\n').count(),
            under[i + 1..].chars().count() + 1,
        ),
    };
    Span {
        line: loc.line,
        column,
        end_line,
        end_column,
    }
}

/// The last character boundary at or before byte `i` (or the end).
fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The first character boundary at or after byte `i` (or the end).
fn ceil_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The byte range to underline. serde-saphyr gives byte offsets for most
/// values; where it does not (some syntax errors), find the place from the
/// line and column, and underline one character.
fn caret_span(text: &str, loc: Loc) -> std::ops::Range<usize> {
    let valid = |i: usize| i <= text.len() && text.is_char_boundary(i);
    if loc.end > loc.start && valid(loc.start) && valid(loc.end) {
        return loc.start..loc.end;
    }
    let start = offset_of(text, loc.line, loc.column);
    let end = text[start..]
        .chars()
        .next()
        .filter(|c| *c != '\n')
        .map_or(start, |c| start + c.len_utf8());
    start..end
}

/// The byte offset of a line and column. It reads the file up to that
/// line: only the few places with no byte offsets come here (a syntax
/// error, at most one per file, or the top of a file).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (n, l) in text.split_inclusive('\n').enumerate() {
        if n + 1 == line {
            let col = l
                .char_indices()
                .nth(column.saturating_sub(1))
                .map_or(l.trim_end_matches('\n').len(), |(i, _)| i);
            return offset + col;
        }
        offset += l.len();
    }
    text.len()
}

/// The most diagnostics printed for one negotiation. A hostile file can
/// hold hundreds of thousands; past the first `SHOWN`, one line says how
/// many more there are. They still count: `stance check` reports them
/// all in its tally and exits as it would.
pub const SHOWN: usize = 100;

/// The line that stands for `rest`, the diagnostics past those shown, if
/// there are any.
pub fn not_shown<'a>(rest: impl IntoIterator<Item = &'a Diagnostic>) -> Option<String> {
    let (mut errors, mut warnings) = (0, 0);
    for d in rest {
        match d.severity {
            Severity::Error => errors += 1,
            Severity::Warning => warnings += 1,
        }
    }
    if errors + warnings == 0 {
        return None;
    }
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let kinds: Vec<String> = [
        (errors, "error", "errors"),
        (warnings, "warning", "warnings"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| count(n, one, many))
    .collect();
    Some(format!(
        "… and {} more not shown ({}); fix the first ones and check again",
        errors + warnings,
        kinds.join(" and ")
    ))
}

pub use crate::suggest::{CALL_BUDGET, FILE_BUDGET, FILE_BUDGET_PER_BYTE, did_you_mean, nearest};

#[cfg(test)]
mod tests {
    use super::*;

    fn at(
        name: &str,
        text: &str,
        start: usize,
        end: usize,
        line: usize,
        column: usize,
    ) -> Diagnostic {
        let source = SourceFile {
            name: name.to_owned(),
            text: text.into(),
        };
        let loc = Loc {
            line,
            column,
            start,
            end,
        };
        Diagnostic::at(&source, loc, "bad value").label("here")
    }

    /// The column of `needle` in the source line of `rendered` that holds
    /// it, and of the first caret under it.
    fn columns(rendered: &str, needle: &str) -> (usize, usize) {
        let lines: Vec<&str> = rendered.lines().collect();
        let k = lines
            .iter()
            .position(|l| l.contains(" | ") && l.contains(needle))
            .unwrap();
        let col = |l: &str, i: usize| l[..i].chars().count();
        let shown = col(lines[k], lines[k].find(needle).unwrap());
        let caret = col(lines[k + 1], lines[k + 1].find('^').unwrap());
        (shown, caret)
    }

    /// An escape before the value makes the line longer than the file's:
    /// the caret still sits under the value, and `file:line:column` still
    /// gives the file's column.
    #[test]
    fn the_caret_stays_on_its_value_after_escapes() {
        let text = "a: 1\nkey: \u{1b}[2K\u{7}value\n";
        let start = text.find("value").unwrap();
        let d = at("f.yaml", text, start, start + 5, 2, 11);
        let out = d.render(false);
        assert!(out.contains("key: \\u{1b}[2K\\u{7}value"), "{out}");
        let (shown, caret) = columns(&out, "value");
        assert_eq!(shown, caret, "{out}");
        assert!(out.contains("--> f.yaml:2:11"), "{out}");
        assert!(out.lines().any(|l| l.ends_with("^^^^^ here")), "{out}");
    }

    /// File names, messages, labels, help and source lines never put a
    /// control or bidi character on the terminal, styled or not.
    #[test]
    fn nothing_hidden_reaches_the_terminal() {
        let evil = "\u{1b}]0;PWNED\u{7}\u{9b}31m\u{202e}";
        let text = format!("name: {evil}x\n");
        let start = text.find('x').unwrap();
        let mut d = at(&format!("{evil}.yaml"), &text, start, start + 1, 1, 16);
        d.message = format!("bad {evil}");
        d.label = Some(format!("label {evil}"));
        d.help = Some(format!("help {evil}"));
        let whole = Diagnostic::file(format!("{evil}.yaml"), format!("gone {evil}"))
            .help(Some(format!("help {evil}")));
        for d in [d, whole] {
            let plain = d.render(false);
            assert!(
                !plain.chars().any(|c| visible::is_hidden(c) && c != '\n'),
                "{plain:?}"
            );
            let styled = d.render(true);
            for raw in ["\u{1b}]", "\u{7}", "\u{9b}", "\u{202e}"] {
                assert!(!styled.contains(raw), "{styled:?}");
            }
            assert!(!d.to_string().chars().any(visible::is_hidden));
        }
    }

    /// Windows line ends are line ends, not `\r` on every line shown.
    #[test]
    fn crlf_is_a_line_end() {
        let text = "a: 1\r\nb: two\r\nc: 3\r\n";
        let start = text.find("two").unwrap();
        let out = at("f.yaml", text, start, start + 3, 2, 4).render(false);
        assert!(!out.contains("\\r"), "{out}");
        let (shown, caret) = columns(&out, "two");
        assert_eq!(shown, caret, "{out}");
    }

    /// The work of a diagnostic is the few hundred bytes around its place,
    /// however long its line and however large its file: a 2 MB line holds
    /// 100,000 values, and each error on it once handed the whole file to
    /// annotate-snippets.
    #[test]
    fn a_diagnostic_reads_only_around_its_place() {
        let line: String = (0..100_000).map(|i| format!("v{i:06}, ")).collect();
        let text = format!("{}\nlist: [{line}]\n", "# comment\n".repeat(20_000));
        let value = text.find("v054321").unwrap();
        let d = at("f.yaml", &text, value, value + 7, 20_002, 0);
        let shown = excerpt(&text, d.at.as_ref().unwrap().1);
        assert!(
            shown.text.len() <= 2 * CONTEXT_BYTES + SPAN_BYTES + 2 * '…'.len_utf8(),
            "{} bytes",
            shown.text.len()
        );
        assert!(shown.text.starts_with('…') && shown.text.ends_with('…'));
        assert_eq!(&shown.text[shown.span.clone()], "v054321");
        // Cut at the left, the column is the parser's: the file's own.
        let out = at("f.yaml", &text, value, value + 7, 20_002, 485_952).render(false);
        assert!(out.contains("--> f.yaml:20002:485952"), "{out}");
        // A value longer than `SPAN_BYTES` is underlined from its start.
        let long = format!("quote: {}\n", "x".repeat(100_000));
        let shown = excerpt(
            &long,
            Loc {
                line: 1,
                column: 8,
                start: 7,
                end: long.len() - 1,
            },
        );
        assert_eq!(shown.span.len(), SPAN_BYTES);
        assert!(shown.text.len() <= 2 * CONTEXT_BYTES + SPAN_BYTES + 2 * '…'.len_utf8());
    }

    /// Any text, any place (inside a character, past the end, spanning
    /// lines, on a cut line): the rendering neither panics nor lets a
    /// hidden character through, and the underline holds what the place
    /// holds.
    #[test]
    fn any_place_in_any_text_renders_safely() {
        let pieces = [
            "a",
            "é",
            "\n",
            "\r\n",
            "\t",
            "\u{1b}[31m",
            "\u{202e}",
            "北",
            "x".repeat(300).leak(),
        ];
        let mut seed = 11u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize % n
        };
        for _ in 0..2000 {
            let text: String = (0..next(40)).map(|_| pieces[next(pieces.len())]).collect();
            let (start, len) = (next(text.len() + 2), next(700));
            let loc = Loc {
                line: 1 + next(5),
                column: 1 + next(20),
                start,
                end: start + len,
            };
            let d = at("f.yaml", &text, loc.start, loc.end, loc.line, loc.column);
            let out = d.render(false);
            assert!(
                !out.chars().any(|c| visible::is_hidden(c) && c != '\n'),
                "{out:?}"
            );
            // The machine formats too: no panic, nothing hidden, an end
            // never before the start.
            for machine in [json_line(&d), github_command(&d)] {
                assert!(!machine.chars().any(visible::is_hidden), "{machine:?}");
            }
            let place = d.span().unwrap();
            assert!((place.end_line, place.end_column) >= (place.line, place.column));
            let shown = excerpt(&text, loc);
            let span = caret_span(&text, loc);
            let under = &text[span.clone()];
            if !under.contains(['\n', '\r']) && under.len() <= SPAN_BYTES {
                let escaped = visible::block(under);
                assert_eq!(&shown.text[shown.span.clone()], escaped, "{text:?} {loc:?}");
            }
        }
    }

    /// Past `SHOWN`, one line counts the rest, errors and warnings apart.
    #[test]
    fn diagnostics_past_the_cap_are_counted() {
        let one = |warning: bool| {
            let d = Diagnostic::file("f.yaml", "bad");
            if warning { d.warning() } else { d }
        };
        let mut all: Vec<Diagnostic> = (0..SHOWN).map(|_| one(false)).collect();
        assert_eq!(not_shown(&all[SHOWN..]), None);
        all.extend([one(false), one(true), one(true)]);
        assert_eq!(
            not_shown(&all[SHOWN..]).as_deref(),
            Some(
                "… and 3 more not shown (1 error and 2 warnings); fix the first ones and check again"
            )
        );
    }
}
