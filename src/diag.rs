//! Diagnostics: what is wrong, where, and what was probably meant.
//!
//! Every problem `stance` finds in its input becomes a `Diagnostic`, rendered
//! rustc-style by annotate-snippets: `file:line:column`, the offending line,
//! a caret under the value, and a "did you mean" where one is close.

use crate::loc::Loc;
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
            self.file,
            self.message
        );
        if let Some(help) = &self.help {
            let help_word = paint(
                Style::new().bold().fg_color(Some(AnsiColor::Cyan.into())),
                "help",
            );
            out.push_str(&format!("\n{help_word}: {help}"));
        }
        out
    }

    /// Render for a terminal (`styled`) or for a file or pipe (plain).
    pub fn render(&self, styled: bool) -> String {
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let mut groups = Vec::new();
        match &self.at {
            Some((text, loc)) => {
                let span = caret_span(text, *loc);
                let mut annotation = AnnotationKind::Primary.span(span);
                if let Some(label) = &self.label {
                    annotation = annotation.label(label.as_str());
                }
                groups.push(
                    level.primary_title(self.message.as_str()).element(
                        Snippet::source(&**text)
                            .path(self.file.as_str())
                            .annotation(annotation),
                    ),
                );
            }
            None => return self.render_whole_file(styled),
        }
        if let Some(help) = &self.help {
            groups.push(Group::with_title(
                Level::HELP.secondary_title(help.as_str()),
            ));
        }
        renderer.render(&groups)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place(), self.message)
    }
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

pub use crate::suggest::{did_you_mean, nearest};
