//! YAML text to a located tree, through serde-saphyr with explicit budgets,
//! and its errors in our words.

use crate::diag::{Diagnostic, SourceFile};
use crate::load::limits::{MAX_ALIAS_REPLAY, MAX_DEPTH, MAX_EVENTS, MAX_NODES};
use crate::load::tree::{Node, Value};
use crate::loc::Loc;
use serde_saphyr::{Error, MessageFormatter, UserMessageFormatter, budget::BudgetBreach};

pub fn parse(source: &SourceFile) -> Result<Node<'_>, Diagnostic> {
    if source.text.trim().is_empty() {
        return Err(empty(source, "file is empty"));
    }
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            max_nodes: MAX_NODES,
            max_events: MAX_EVENTS,
            max_documents: 1,
            flow_nesting_limit: MAX_DEPTH,
            // One anchor reused by many stances (a common source) is
            // ordinary; the replay cap below is what stops a bomb.
            enforce_alias_anchor_ratio: false,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: MAX_ALIAS_REPLAY,
        },
        // `yes` and `no` are option ids here, not booleans.
        strict_booleans: true,
        // A key given twice reaches the tree: the checker points at both
        // places (`Checker::entries`, `Checker::fields`), where the
        // parser could point only at the second.
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
    };
    let root = serde_saphyr::from_str_with_options::<Node>(&source.text, options)
        .map_err(|e| translate(source, &e))?;
    if matches!(root.value, Value::Null) {
        return Err(empty(source, "file holds only comments"));
    }
    Ok(root)
}

fn empty(source: &SourceFile, message: &str) -> Diagnostic {
    let start = Loc {
        line: 1,
        column: 1,
        ..Loc::default()
    };
    Diagnostic::at(source, start, message).help(Some(
        "a position file is a YAML mapping; see docs/format.md".to_owned(),
    ))
}

fn translate(source: &SourceFile, error: &Error) -> Diagnostic {
    let inner = innermost(error);
    let loc = error.location().map(Loc::from).unwrap_or(Loc {
        line: 1,
        column: 1,
        start: 0,
        end: 0,
    });
    let (message, label) = match inner {
        Error::DuplicateMappingKey { key, .. } => (
            match key {
                Some(k) => format!("duplicate key `{k}`"),
                None => "duplicate key".to_owned(),
            },
            "this key is already set above in the same mapping".to_owned(),
        ),
        Error::Budget { breach, .. } => budget_message(breach),
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. } => (
            format!("aliases expand to more than {MAX_ALIAS_REPLAY} values (an alias bomb?)"),
            "expansion stopped here".to_owned(),
        ),
        Error::MultipleDocuments { .. } => (
            "more than one YAML document in one file".to_owned(),
            "a second document starts here".to_owned(),
        ),
        other => {
            let text = UserMessageFormatter.format_message(other).into_owned();
            // The scanner stops deep flow nesting (`[[[[...`) before the
            // depth budget sees it, in its own words.
            if text.contains("recursion limit") {
                budget_message(&BudgetBreach::Depth {
                    depth: MAX_DEPTH + 1,
                })
            } else if let Some((at, message, help)) = misindented(&source.text, loc.line) {
                return Diagnostic::at(source, at, message)
                    .label(format!("YAML: {text}"))
                    .help(Some(help));
            } else {
                (format!("invalid YAML: {text}"), text)
            }
        }
    };
    Diagnostic::at(source, loc, message).label(label)
}

/// A syntax error on a line indented to no level open above it: what YAML
/// reports (a key it did not expect, a mapping where a value goes) comes
/// of the indentation, and the levels it could take are the help. The
/// levels open at a line are those of the lines above it that are less
/// indented than every line between (and of the item after a `- `).
fn misindented(text: &str, line: usize) -> Option<(Loc, String, String)> {
    let mut starts = Vec::new();
    let mut offset = 0;
    let lines: Vec<&str> = text
        .split('\n')
        .take(line)
        .map(|l| {
            starts.push(offset);
            offset += l.len() + 1;
            l.strip_suffix('\r').unwrap_or(l)
        })
        .collect();
    let (indent, rest) = body(lines.get(line.checked_sub(1)?)?);
    if rest.is_empty() || rest.starts_with(['#', '\t']) {
        return None;
    }
    // (indent, line number, key) of each level, innermost first.
    let mut levels: Vec<(usize, usize, &str)> = Vec::new();
    let mut floor = usize::MAX;
    for (k, l) in lines[..line - 1].iter().enumerate().rev() {
        let (i, t) = body(l);
        if t.is_empty() || t.starts_with('#') || i >= floor {
            continue;
        }
        if let Some(item) = t.strip_prefix("- ") {
            let inner = item.len() - item.trim_start_matches(' ').len();
            levels.push((i + 2 + inner, k + 1, key_of(item.trim_start())));
        }
        levels.push((i, k + 1, key_of(t)));
        floor = i;
        if i == 0 {
            break;
        }
    }
    if levels.iter().any(|&(i, _, _)| i == indent) {
        return None;
    }
    let deeper = levels.iter().filter(|l| l.0 > indent).min_by_key(|l| l.0);
    let shallower = levels.iter().filter(|l| l.0 < indent).max_by_key(|l| l.0);
    let place = |&(i, n, key): &(usize, usize, &str)| format!("`{key}` on line {n} ({i} spaces)");
    let help = match (deeper, shallower) {
        (Some(d), Some(s)) => format!(
            "line it up with {} or with {}, whichever mapping it belongs to",
            place(d),
            place(s)
        ),
        (Some(only), None) | (None, Some(only)) => format!("line it up with {}", place(only)),
        (None, None) => return None,
    };
    let start = starts[line - 1] + indent;
    let key = key_of(rest);
    let at = Loc {
        line,
        column: indent + 1,
        start,
        end: start + key.len(),
    };
    let message = format!(
        "line {line} is indented {indent} space{}, which lines up with no key above it",
        if indent == 1 { "" } else { "s" }
    );
    Some((at, message, help))
}

/// A line's indentation in spaces, and the rest of it.
fn body(line: &str) -> (usize, &str) {
    let rest = line.trim_start_matches(' ');
    (line.len() - rest.len(), rest)
}

/// The key a line starts with (up to its `:`), or the line.
fn key_of(line: &str) -> &str {
    let end = line
        .find(": ")
        .or_else(|| line.strip_suffix(':').map(str::len))
        .unwrap_or(line.len());
    &line[..end]
}

fn budget_message(breach: &BudgetBreach) -> (String, String) {
    match breach {
        BudgetBreach::Depth { .. } => (
            format!("values nested more than {MAX_DEPTH} levels deep"),
            "too deep".to_owned(),
        ),
        BudgetBreach::Nodes { .. } => (
            format!("more than {MAX_NODES} values in one file"),
            "limit reached here".to_owned(),
        ),
        BudgetBreach::Events { .. } => (
            format!("more than {MAX_EVENTS} YAML events in one file"),
            "limit reached here".to_owned(),
        ),
        BudgetBreach::Documents { .. } => (
            "more than one YAML document in one file".to_owned(),
            "a second document starts here".to_owned(),
        ),
        BudgetBreach::Aliases { .. }
        | BudgetBreach::Anchors { .. }
        | BudgetBreach::AliasAnchorRatio { .. } => (
            "too many aliases or anchors in one file".to_owned(),
            "limit reached here".to_owned(),
        ),
        BudgetBreach::ScalarBytes { .. } => (
            "more text in one file than the parser takes".to_owned(),
            "limit reached here".to_owned(),
        ),
        other => (
            format!("the file exceeds a parser limit ({other:?})"),
            "limit reached here".to_owned(),
        ),
    }
}

/// Alias and snippet wrappers carry the real error inside.
fn innermost(error: &Error) -> &Error {
    match error.without_snippet() {
        Error::AliasError { error, .. } => innermost(error),
        other => other,
    }
}
