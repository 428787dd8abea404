//! The anchors that links within a report point to, made here and only
//! here for every format, so that a link and its target cannot drift
//! apart, and the Markdown and HTML reports of one negotiation share them.

pub fn issue_anchor(issue: &str) -> String {
    format!("issue-{}", anchor_part(issue))
}

/// Source ids are per party (two parties may both cite a
/// `white-house-readout`, with different titles), so the party is part of
/// the anchor.
pub fn source_anchor(party: &str, source: &str) -> String {
    format!("source-{}__{}", anchor_part(party), anchor_part(source))
}

/// An id made safe for an HTML anchor and a URL fragment: letters, digits
/// and `-` stay; every other byte becomes `_XX`. No two ids share a result,
/// and a result never contains `__`, which `source_anchor` uses to join.
fn anchor_part(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("_{b:02X}"));
        }
    }
    out
}
