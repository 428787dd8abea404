//! The modules of `src/` are layered, each importing only from those below
//! it (`docs/design.md`, "The map of the code"). This test reads every
//! source file and holds each top-level module to the modules it may
//! import, so that a cycle, or a renderer reaching past the report into
//! the engine, cannot come back unnoticed. Test modules (`#[cfg(test)] mod
//! ... { }`) are left out: a unit test may load a negotiation to judge.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

mod common;
use common::files_with_extension;

/// Each top-level module and the top-level modules it may import, from
/// the bottom up. `loc`, `outcome`, `suggest` and `visible` import nothing
/// of the crate, `confine` (files opened without following a link out)
/// and `interrupt` (signals) the safe display of text only; `synth` and
/// `harness` are test code (feature `testkit`).
const ALLOWED: &[(&str, &[&str])] = &[
    ("loc", &[]),
    ("outcome", &[]),
    ("suggest", &[]),
    ("visible", &[]),
    ("quote", &["visible"]),
    ("id", &["visible"]),
    ("url", &["visible"]),
    ("confine", &["visible"]),
    ("interrupt", &["visible"]),
    ("diag", &["loc", "suggest", "visible"]),
    ("model", &["outcome"]),
    ("scope", &["id", "model", "suggest"]),
    (
        "load",
        &[
            "confine", "diag", "id", "loc", "model", "outcome", "quote", "suggest", "url",
            "visible",
        ],
    ),
    ("report", &["model", "outcome"]),
    ("schema", &["load", "model", "visible"]),
    ("scaffold", &["diag", "id", "load", "schema", "visible"]),
    ("engine", &["model", "outcome", "report", "scope"]),
    (
        "mediation",
        &["engine", "model", "outcome", "report", "scope"],
    ),
    (
        "comparison",
        &["engine", "mediation", "model", "report", "scope"],
    ),
    (
        "changes",
        &["engine", "model", "outcome", "report", "scope"],
    ),
    (
        "export",
        &["changes", "model", "outcome", "report", "url", "visible"],
    ),
    (
        "output",
        &["confine", "diag", "interrupt", "load", "visible"],
    ),
    ("git", &["diag", "load", "visible"]),
    (
        "cli",
        &[
            "changes",
            "comparison",
            "diag",
            "export",
            "git",
            "id",
            "interrupt",
            "load",
            "model",
            "output",
            "report",
            "scaffold",
            "schema",
            "scope",
            "visible",
        ],
    ),
    ("synth", &["load"]),
    (
        "harness",
        &[
            "changes",
            "comparison",
            "diag",
            "export",
            "load",
            "model",
            "scope",
            "visible",
        ],
    ),
];

/// What the crate root re-exports, by the module that defines it:
/// `crate::compare` is `comparison`'s.
const ROOT_EXPORTS: &[(&str, &str)] = &[("compare", "comparison"), ("Scope", "scope")];

fn allowed() -> BTreeMap<&'static str, BTreeSet<&'static str>> {
    ALLOWED
        .iter()
        .map(|(module, imports)| (*module, imports.iter().copied().collect()))
        .collect()
}

/// The top-level module a file of `src/` belongs to; `None` for the crate
/// root and the binary.
fn top_module(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).unwrap();
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main")).then(|| name.to_owned())
}

/// The code of a Rust file with its comments, string and character
/// literals blanked (so that a word in a doc comment or a brace in a
/// string counts for nothing), and its `#[cfg(test)]` modules cut out.
fn code(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        let next = chars.get(k + 1).copied();
        if c == '/' && next == Some('/') {
            while k < chars.len() && chars[k] != '\n' {
                k += 1;
            }
        } else if c == '/' && next == Some('*') {
            k += 2;
            while k < chars.len() && !(chars[k] == '*' && chars.get(k + 1) == Some(&'/')) {
                k += 1;
            }
            k += 2;
        } else if c == 'r' && (next == Some('#') || next == Some('"')) && !ident(&chars, k) {
            // A raw string: r"..", r#".."#.
            let mut hashes = 0;
            let mut j = k + 1;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) == Some(&'"') {
                j += 1;
                loop {
                    if j >= chars.len() {
                        break;
                    }
                    if chars[j] == '"' && (1..=hashes).all(|h| chars.get(j + h) == Some(&'#')) {
                        j += 1 + hashes;
                        break;
                    }
                    j += 1;
                }
                out.push_str("\"\"");
                k = j;
            } else {
                out.push(c);
                k += 1;
            }
        } else if c == '"' {
            k += 1;
            while k < chars.len() && chars[k] != '"' {
                k += if chars[k] == '\\' { 2 } else { 1 };
            }
            k += 1;
            out.push_str("\"\"");
        } else if c == '\'' {
            // A character literal ('{', '\n', '\u{7f}'), or a lifetime.
            let end = if next == Some('\\') {
                (k + 2..chars.len()).find(|&j| chars[j] == '\'')
            } else {
                (chars.get(k + 2) == Some(&'\'')).then_some(k + 2)
            };
            match end {
                Some(end) => {
                    out.push_str("' '");
                    k = end + 1;
                }
                None => {
                    out.push(c);
                    k += 1;
                }
            }
        } else {
            out.push(c);
            k += 1;
        }
    }
    without_test_modules(&out)
}

/// Whether the character before `k` continues an identifier (`for`, not
/// `r"`).
fn ident(chars: &[char], k: usize) -> bool {
    k > 0 && (chars[k - 1].is_alphanumeric() || chars[k - 1] == '_')
}

/// `code` without each `#[cfg(test)]` module, up to its closing brace.
fn without_test_modules(code: &str) -> String {
    let mut out = String::new();
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "#[cfg(test)]".len()..];
        let item = after.trim_start();
        if !item.starts_with("mod ") {
            out.push_str("#[cfg(test)]");
            rest = after;
            continue;
        }
        let open = after.find('{').expect("a test module has a body");
        let mut depth = 0;
        let mut end = after.len();
        for (j, c) in after[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + j + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Every top-level module named by a `crate::` path in `code`, with a
/// crate-root re-export taken back to its module.
fn crate_paths(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        let name: String = code[at + "crate::".len()..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let module = ROOT_EXPORTS
            .iter()
            .find(|(export, _)| *export == name)
            .map_or(name, |(_, module)| (*module).to_owned());
        found.insert(module);
    }
    // `crate::{a, b}` groups name modules too.
    for (at, _) in code.match_indices("crate::{") {
        let group = &code[at + "crate::{".len()..];
        let group = &group[..group.find('}').unwrap_or(group.len())];
        for part in group.split(',') {
            let name = part.trim().split("::").next().unwrap_or("").trim();
            if !name.is_empty() {
                found.insert(name.to_owned());
            }
        }
    }
    found.remove("");
    found
}

/// Guards the rule of the layers: no module imports from one above it, or
/// from one beside it that its row does not list.
#[test]
fn every_module_imports_only_from_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let allowed = allowed();
    let mut files = files_with_extension(&src, "rs");
    files.sort();
    let mut wrong = Vec::new();
    for file in &files {
        let Some(module) = top_module(&src, file) else {
            continue;
        };
        let Some(may) = allowed.get(module.as_str()) else {
            wrong.push(format!(
                "{}: module `{module}` is not in the table of layers (tests/layers.rs)",
                file.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        let code = code(&text);
        for used in crate_paths(&code) {
            if used != module && !may.contains(used.as_str()) {
                wrong.push(format!(
                    "{}: `{module}` imports `{used}`, which its layer may not",
                    file.display()
                ));
            }
        }
        // In a top-level file, `super` is the crate root: a way around the
        // table.
        let top_file = file.parent() == Some(src.as_path())
            || file.file_name().is_some_and(|f| f == "mod.rs")
                && file.parent().and_then(Path::parent) == Some(src.as_path());
        if top_file && code.contains("super::") {
            wrong.push(format!(
                "{}: `super::` from a top-level module; name the module through `crate::`",
                file.display()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The table itself is one-way: following what each module may import
/// never comes back to it.
#[test]
fn the_table_of_layers_has_no_cycle() {
    let allowed = allowed();
    // Kahn's algorithm: a module is placed once everything it imports is.
    let mut placed: Vec<&str> = Vec::new();
    while placed.len() < allowed.len() {
        let next = allowed.iter().find(|(module, imports)| {
            !placed.contains(module) && imports.iter().all(|i| placed.contains(i))
        });
        let Some((module, _)) = next else {
            let left: Vec<_> = allowed.keys().filter(|m| !placed.contains(m)).collect();
            panic!("a cycle among {left:?}");
        };
        placed.push(module);
    }
    for (module, imports) in &allowed {
        for i in imports {
            assert!(allowed.contains_key(i), "`{module}` lists unknown `{i}`");
        }
    }
}

/// The checker sees through what would hide an import from it, and not
/// past what is no import: comments, strings and test modules.
#[test]
fn the_checker_reads_code_only() {
    let text = r##"
use crate::model::Negotiation;
// use crate::engine::Table;
/// A doc naming crate::mediation.
fn f() -> &'static str { let _ = '{'; "crate::cli }" }
const RAW: &str = r#"crate::git"#;
pub(crate) fn g() { crate::compare(); }
use crate::{report::Report, outcome};
#[cfg(test)]
mod tests {
    use crate::synth;
    fn h() { let s = "}"; }
}
fn after() { crate::load::load; }
"##;
    let found = crate_paths(&code(text));
    let found: Vec<&str> = found.iter().map(String::as_str).collect();
    assert_eq!(found, ["comparison", "load", "model", "outcome", "report"]);
}
