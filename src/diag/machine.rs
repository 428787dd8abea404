//! Diagnostics for tools: one JSON object a line, or GitHub Actions
//! workflow commands that annotate the lines of a pull request
//! (`stance check --message-format json|github`, docs/workflow.md).
//!
//! Every text in them may come from a stranger's file, so each is shown
//! as the terminal shows it first (`visible::line`: no control,
//! bidirectional or invisible character, no line break), and only then
//! put in the machine's own syntax.

use super::{Diagnostic, Severity, Span};
use crate::visible;
use serde::Serialize;

/// The diagnostic as one line of JSON (no line break at its end):
/// `file`, `line`, `column`, `end`, `severity`, `message`, `label`,
/// `help`. `file` is the path as given, a hidden character in it a JSON
/// `\u` escape; the other texts are as the terminal shows them.
pub fn json_line(d: &Diagnostic) -> String {
    #[derive(Serialize)]
    struct End {
        line: usize,
        column: usize,
    }
    #[derive(Serialize)]
    struct Line<'a> {
        file: &'a str,
        line: Option<usize>,
        column: Option<usize>,
        end: Option<End>,
        severity: &'static str,
        message: &'a str,
        label: Option<&'a str>,
        help: Option<&'a str>,
    }
    let span = d.span();
    let message = visible::line(&d.message);
    let label = d.label.as_deref().map(visible::line);
    let help = d.help.as_deref().map(visible::line);
    let line = Line {
        file: &d.file,
        line: span.map(|s| s.line),
        column: span.map(|s| s.column),
        end: span.map(|s| End {
            line: s.end_line,
            column: s.end_column,
        }),
        severity: severity(d),
        message: &message,
        label: label.as_deref(),
        help: help.as_deref(),
    };
    let json = serde_json::to_string(&line).expect("a diagnostic serializes");
    let mut out = Vec::with_capacity(json.len());
    visible::write_json_escaped(&mut out, &json).expect("writing to memory does not fail");
    String::from_utf8(out).expect("escaping keeps UTF-8")
}

/// The diagnostic as a GitHub Actions workflow command:
/// `::error file=F,line=L,col=C,endColumn=E,title=LABEL::MESSAGE`, the
/// help on a second line of the annotation. A place over several lines
/// gives `endLine` and no columns, as GitHub takes them; a problem with a
/// whole file, the file alone.
pub fn github_command(d: &Diagnostic) -> String {
    let mut properties = vec![format!("file={}", property(&d.file))];
    if let Some(Span {
        line,
        column,
        end_line,
        end_column,
    }) = d.span()
    {
        properties.push(format!("line={line}"));
        if end_line == line {
            properties.push(format!("col={column},endColumn={end_column}"));
        } else {
            properties.push(format!("endLine={end_line}"));
        }
    }
    if let Some(label) = &d.label {
        properties.push(format!("title={}", property(label)));
    }
    let mut message = data(&d.message);
    if let Some(help) = &d.help {
        message.push_str("%0Ahelp: ");
        message.push_str(&data(help));
    }
    format!("::{} {}::{message}", severity(d), properties.join(","))
}

/// The line that stands for diagnostics not shown, as a workflow command
/// of the worst severity among them.
pub fn github_line(text: &str, error: bool) -> String {
    let command = if error { "error" } else { "warning" };
    format!("::{command}::{}", data(text))
}

fn severity(d: &Diagnostic) -> &'static str {
    match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A command's message, escaped as GitHub requires: `%`, then carriage
/// return and line feed (which `visible::line` has already written as
/// `\r` and `\n`: a line break in a file's text must never start a
/// command of its own).
fn data(text: &str) -> String {
    visible::line(text)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command's property value: as a message, and `:` and `,` too, which
/// end a property.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceFile;
    use crate::loc::Loc;

    fn at(text: &str, needle: &str, line: usize) -> Diagnostic {
        let source = SourceFile {
            name: "dir/a,b:c%.yaml".to_owned(),
            text: text.into(),
        };
        let start = text.find(needle).unwrap();
        let column = text[..start].rsplit('\n').next().unwrap().chars().count() + 1;
        let loc = Loc {
            line,
            column,
            start,
            end: start + needle.len(),
        };
        Diagnostic::at(&source, loc, "unknown option `ful`")
            .label("not an option, of this: issue")
            .help(Some("did you mean `full`? 100%".to_owned()))
    }

    /// GitHub's escapes in properties and message, and the place.
    #[test]
    fn github_escapes_what_ends_a_property_or_a_command() {
        let d = at("a: 1\nb: [ful]\n", "ful", 2);
        assert_eq!(
            github_command(&d),
            "::error file=dir/a%2Cb%3Ac%25.yaml,line=2,col=5,endColumn=8,\
             title=not an option%2C of this%3A issue::unknown option `ful`\
             %0Ahelp: did you mean `full`? 100%25"
        );
    }

    /// A line break or a terminal escape in a file's text cannot start a
    /// workflow command of its own (`::add-mask::`, `::stop-commands::`)
    /// nor reach the log raw.
    #[test]
    fn no_untrusted_byte_reaches_the_log_raw() {
        let evil = "x\n::stop-commands::t\r\u{1b}]0;t\u{7}\u{202e}";
        let mut d = at("a: 1\n", "1", 1).warning();
        d.file = format!("{evil}.yaml");
        d.message = evil.to_owned();
        d.label = Some(evil.to_owned());
        d.help = Some(evil.to_owned());
        let line = github_command(&d);
        assert!(line.starts_with("::warning file=x\\n%3A%3Astop-commands"));
        assert!(!line.chars().any(visible::is_hidden), "{line:?}");
        let json = json_line(&d);
        assert!(!json.chars().any(visible::is_hidden), "{json:?}");
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["file"].as_str(), Some(d.file.as_str()));
        assert!(!back["message"].as_str().unwrap().contains('\n'));
    }

    /// A place over several lines: `endLine`, and no columns for GitHub.
    #[test]
    fn a_place_over_lines() {
        let text = "stances:\n  aid:\n    accepts: [x]\n";
        let d = at(text, "aid:\n    accepts: [x]\n", 2);
        let span = d.span().unwrap();
        assert_eq!((span.line, span.column), (2, 3));
        assert_eq!((span.end_line, span.end_column), (3, 17));
        assert!(github_command(&d).contains(",line=2,endLine=3,title="));
    }

    /// The JSON shape docs/workflow.md documents, keys in that order;
    /// `null` where a whole file has no place.
    #[test]
    fn json_has_every_key_in_order() {
        let d = at("a: 1\nb: [ful]\n", "ful", 2);
        assert_eq!(
            json_line(&d),
            r#"{"file":"dir/a,b:c%.yaml","line":2,"column":5,"end":{"line":2,"column":8},"severity":"error","message":"unknown option `ful`","label":"not an option, of this: issue","help":"did you mean `full`? 100%"}"#
        );
        let whole = Diagnostic::file("f.yaml", "file is empty");
        assert_eq!(
            json_line(&whole),
            r#"{"file":"f.yaml","line":null,"column":null,"end":null,"severity":"error","message":"file is empty","label":null,"help":null}"#
        );
        assert_eq!(github_command(&whole), "::error file=f.yaml::file is empty");
    }
}
