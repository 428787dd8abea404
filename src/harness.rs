//! The whole path, from bytes to every rendering, for the fuzz target
//! (`fuzz/`) and the randomized pass in `cargo test`. It must never panic,
//! and what it returns must depend on nothing but the bytes. Feature
//! `testkit`: not in the shipped library.

use crate::changes::changes;
use crate::compare;
use crate::diag::SourceFile;
use crate::export::{Format, render_changes_to_string, render_to_string};
use crate::load::folder::in_memory;
use crate::load::{Loaded, load_folder};
use crate::load::{fast, yaml};
use crate::model::PartyIndex;
use crate::scope::Scope;

/// Files packed in one byte string: the agenda, then each party file as
/// its name, a newline and its content; files separated by NUL bytes.
pub fn pack(agenda: &[u8], parties: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut data = agenda.to_vec();
    for (name, content) in parties {
        data.push(0);
        data.extend_from_slice(name.as_bytes());
        data.push(b'\n');
        data.extend_from_slice(content);
    }
    data
}

/// `pack`'s files back: the agenda, and each party file's name and
/// content.
pub fn unpack(data: &[u8]) -> (Vec<u8>, Vec<(String, Vec<u8>)>) {
    let mut chunks = data.split(|b| *b == 0);
    let agenda = chunks.next().unwrap_or_default().to_vec();
    let parties = chunks
        .map(|chunk| {
            let (name, content) = match chunk.iter().position(|b| *b == b'\n') {
                Some(i) => (&chunk[..i], &chunk[i + 1..]),
                None => (chunk, &[][..]),
            };
            (String::from_utf8_lossy(name).into_owned(), content.to_vec())
        })
        .collect();
    (agenda, parties)
}

/// Loads, checks, compares and renders everything the bytes allow; the
/// concatenated output.
pub fn run(data: &[u8]) -> String {
    let (agenda, parties) = unpack(data);
    for text in std::iter::once(&agenda).chain(parties.iter().map(|(_, t)| t)) {
        if let Ok(text) = std::str::from_utf8(text) {
            fast_agrees(text);
        }
    }
    let loaded = load_folder(in_memory("fuzz", agenda, parties));
    let mut out = String::new();
    for d in crate::load::diagnostics(&loaded) {
        out.push_str(&d.render(false));
        out.push_str(&d.render(true));
    }
    let Ok(Loaded { negotiation: n, .. }) = loaded else {
        return out;
    };
    let report = compare(&n, &Scope::all(&n));
    for format in [Format::Text, Format::Markdown, Format::Json] {
        out.push_str(&shown(render_to_string(&report, format)));
    }
    let json = render_to_string(&report, Format::Json);
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("the JSON report parses");
    let value = serde_json::to_value(&report).expect("the report serializes");
    assert_eq!(
        parsed, value,
        "the JSON report parses back into the same value"
    );
    if n.parties.len() >= 2 {
        let parties: Vec<PartyIndex> = n.party_indices().take(2).collect();
        let two = Scope {
            focus: Some(parties[0]),
            parties,
            issues: n.agenda.indices().collect(),
            pair_issues: true,
            list_clashes: true,
            min_shared: crate::scope::DEFAULT_MIN_SHARED,
        };
        out.push_str(&shown(render_to_string(&compare(&n, &two), Format::Text)));
    }
    // A view of half the issues: blocks and deals then reach outside it.
    // Pairs as counts only.
    let half = Scope {
        parties: n.party_indices().collect(),
        issues: n.agenda.indices().step_by(2).collect(),
        focus: None,
        pair_issues: false,
        list_clashes: false,
        min_shared: crate::scope::DEFAULT_MIN_SHARED,
    };
    let half = compare(&n, &half);
    out.push_str(&shown(render_to_string(&half, Format::Markdown)));
    out.push_str(&shown(render_to_string(&half, Format::Json)));
    let all = crate::changes::Listing {
        all: true,
        party: None,
    };
    let same = changes(&n, &n, ["fuzz", "fuzz"], all);
    for format in [Format::Text, Format::Markdown, Format::Json] {
        out.push_str(&shown(render_changes_to_string(&same, format)));
    }
    out
}

/// Whether the fast reading takes the text, rather than giving up on it.
pub fn fast_takes(text: &str) -> bool {
    fast::parse(text).is_some()
}

/// A report, once it is known to hold no hidden character raw but its
/// own line breaks (`visible::is_hidden`; docs/limits.md, "Control
/// characters"): whatever the bytes put in a title, a quote or a unit.
fn shown(report: String) -> String {
    let raw = report
        .char_indices()
        .find(|&(_, c)| c != '\n' && crate::visible::is_hidden(c));
    if let Some((at, c)) = raw {
        panic!(
            "a report holds {} raw at byte {at}:\n{}",
            crate::visible::code_point(c),
            crate::visible::line(&report)
        );
    }
    report
}

/// The fast reading of a file either gives up or reads what the full
/// parser reads: the property that lets `load` trust it.
/// Whether the fast reading took the text.
pub fn fast_agrees(text: &str) -> bool {
    let Some(fast) = fast::parse(text) else {
        return false;
    };
    let source = SourceFile {
        name: "fuzz.yaml".to_owned(),
        text: text.into(),
    };
    match yaml::parse(&source) {
        Ok(full) => {
            assert!(
                fast.same_values(&full),
                "the fast reading differs from the full parser on:\n{text}\nfast: {fast:?}\nfull: {full:?}"
            );
            // Ids and texts are read as spelt (`1.10`, not `1.1`).
            let (mut a, mut b) = (Vec::new(), Vec::new());
            spellings(&fast, text, &mut a);
            spellings(&full, text, &mut b);
            assert_eq!(a, b, "the fast reading spells differently:\n{text}");
        }
        Err(e) => panic!(
            "the fast reading accepts what the full parser refuses:\n{text}\n{}",
            e.render(false)
        ),
    }
    true
}

/// Every scalar of a tree as the loader spells it, in document order.
fn spellings(node: &crate::load::tree::Node, text: &str, out: &mut Vec<Option<String>>) {
    use crate::load::tree::Value;
    match &node.value {
        Value::Seq(items) => items.iter().for_each(|i| spellings(i, text, out)),
        Value::Map(entries) => {
            for (k, v) in entries {
                spellings(k, text, out);
                spellings(v, text, out);
            }
        }
        _ => out.push(node.spelling(text)),
    }
}

#[cfg(test)]
mod tests {
    /// A raw control character in a report is a finding; a report's own
    /// line breaks are not.
    #[test]
    #[should_panic(expected = "U+001B raw at byte 2")]
    fn a_raw_control_character_in_a_report_is_a_finding() {
        assert_eq!(super::shown("a\n".to_owned()), "a\n");
        super::shown("a\n\u{1b}[31m".to_owned());
    }
}
