//! Markdown for review in a pull request.
//!
//! The report reads top-down from overview to evidence: title, parties,
//! summary and a table of issues by parties; then one section per verdict
//! (conflicts, blocked agreements, overlaps, gaps) where every stance is
//! printed with its strength, basis, source, quote and note, so a reviewer
//! can check each claim beside its evidence; then the pairs, and the
//! sources that every stance links to.
//!
//! All user text goes through `inline`, so a `|`, `*` or line break in a
//! note cannot break a table or turn into formatting that misquotes it.

use super::{Exporter, words};
use crate::model::Kind;
use crate::report::{
    Block, IssueReport, PairReport, PartyInfo, Report, Severity, StanceReport, Verdict, Zone,
};
use std::io::{self, Write};

pub struct Markdown;

impl Exporter for Markdown {
    fn render(&self, r: &Report, out: &mut dyn Write) -> io::Result<()> {
        title(r, out)?;
        parties(r, out)?;
        summary(r, out)?;
        conflicts(r, out)?;
        blocked(r, out)?;
        overlaps(r, out)?;
        gaps(r, out)?;
        pairs(r, out)?;
        sources(r, out)
    }
}

// Every block after the title starts with a blank line, so blocks never
// run together and the file ends with exactly one newline.

fn title(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# {}", heading_text(&inline(&r.negotiation)))?;
    if let Some(date) = &r.as_of {
        writeln!(out, "\nAs of {}.", inline(date))?;
    }
    Ok(())
}

fn parties(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## Parties")?;
    let rows = r
        .parties
        .iter()
        .map(|p| {
            vec![
                inline(&p.id),
                inline(&p.name),
                p.as_of.as_deref().map_or_else(|| NONE.to_owned(), inline),
            ]
        })
        .collect::<Vec<_>>();
    table(out, &[left("party"), left("name"), left("as of")], &rows)
}

fn summary(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    let s = &r.summary;
    writeln!(out, "\n## Summary")?;
    writeln!(
        out,
        "\n{} {} among {} {}: {} overlap, {} blocked, {} conflict, {} gap.",
        r.issues.len(),
        plural(r.issues.len(), "issue", "issues"),
        r.parties.len(),
        plural(r.parties.len(), "party", "parties"),
        s.overlap,
        s.blocked,
        s.conflict,
        s.gap,
    )?;
    let mut head = vec![left("issue"), left("verdict")];
    head.extend(r.parties.iter().map(|p| left(&inline(&p.id))));
    let rows = r
        .issues
        .iter()
        .map(|issue| {
            let mut row = vec![inline(&issue.id), verdict_name(issue)];
            row.extend(r.parties.iter().map(|p| match issue.stances.get(&p.id) {
                Some(s) => inline(&words::stance(issue, s)),
                None => NONE.to_owned(),
            }));
            row
        })
        .collect::<Vec<_>>();
    table(out, &head, &rows)?;
    writeln!(
        out,
        "\n{NONE} is silent, no stance at all; (undecided), (ambiguous) and \
         (not-applicable) spoke to the issue without taking a position; \
         (first) marks a first choice."
    )
}

fn conflicts(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## Conflicts")?;
    writeln!(
        out,
        "\nNo outcome suits every party with a position. Hard conflicts first: \
         both parties of some clashing pair hold the issue as a red line."
    )?;
    let mut issues = of_verdict(r, Verdict::Conflict);
    // Stable, so agenda order holds within hard and within soft.
    issues.sort_by_key(|i| match i.severity {
        Some(Severity::Hard) => 0,
        Some(Severity::Soft) => 1,
        None => 2,
    });
    section(r, &issues, out, |issue| {
        let pairs = if issue.clashes.is_empty() {
            "none; no two parties clash, but nothing suits all of them".to_owned()
        } else {
            let clashes: Vec<String> = issue
                .clashes
                .iter()
                .map(|[a, b]| format!("{} ~ {}", inline(a), inline(b)))
                .collect();
            clashes.join(", ")
        };
        vec![
            format!("Severity: **{}**", severity_name(issue.severity)),
            format!("Clashing pairs: {pairs}"),
        ]
    })
}

fn blocked(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## Blocked agreements")?;
    writeln!(
        out,
        "\nThe parties share a zone, but a party's stance holds only if another \
         issue settles on an outcome outside that issue's zone."
    )?;
    section(r, &of_verdict(r, Verdict::Blocked), out, |issue| {
        let mut facts = vec![format!("Zone: {}", zone(issue, &issue.zone))];
        facts.extend(issue.blocked_by.iter().map(|b| block(r, b)));
        facts
    })
}

/// One requirement that blocks, with what the required issue came to, so
/// the reviewer can follow the link to that issue's own evidence.
fn block(r: &Report, b: &Block) -> String {
    let target = find_issue(r, &b.issue);
    let unit = b.unit.as_deref();
    // An issue left out by `--issues` has no section to link to.
    let (name, outside) = match target {
        Some(_) => (issue_link(&b.issue), ""),
        None => (inline(&b.issue), ", not among this report's issues,"),
    };
    format!(
        "Blocked by **{}**, which requires {name} to be {}; {}{outside} is **{}**, zone: {}",
        inline(&b.party),
        inline(&words::required(unit, &b.requires)),
        inline(&b.issue),
        b.verdict.name(),
        inline(&words::zone_in(unit, &b.zone)),
    )
}

fn overlaps(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## Overlaps")?;
    writeln!(
        out,
        "\nThe zone is what every party with a position accepts."
    )?;
    section(r, &of_verdict(r, Verdict::Overlap), out, |issue| {
        vec![format!("Zone: {}", zone(issue, &issue.zone))]
    })
}

fn gaps(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## Gaps")?;
    writeln!(
        out,
        "\nFewer than two parties take a position, so there is nothing to compare."
    )?;
    section(r, &of_verdict(r, Verdict::Gap), out, |issue| {
        let with: Vec<String> = issue
            .stances
            .0
            .iter()
            .filter(|(_, s)| s.status.is_none())
            .map(|(p, _)| inline(p))
            .collect();
        vec![format!("Position: {}", or_none(&with))]
    })
}

fn pairs(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## Pairs")?;
    if r.pairs.is_empty() {
        return writeln!(out, "\nNone.");
    }
    let rows = r.pairs.iter().map(pair_row).collect::<Vec<_>>();
    let head = [
        left("parties"),
        right("overlap"),
        right("blocked"),
        right("conflict"),
        right("gap"),
        left("conflict on"),
        left("blocked on"),
    ];
    table(out, &head, &rows)
}

fn pair_row(p: &PairReport) -> Vec<String> {
    let ids = |ids: &[String]| {
        let ids: Vec<String> = ids.iter().map(|i| inline(i)).collect();
        if ids.is_empty() {
            NONE.to_owned()
        } else {
            ids.join(", ")
        }
    };
    vec![
        format!("{} ~ {}", inline(&p.parties[0]), inline(&p.parties[1])),
        p.overlap.len().to_string(),
        p.blocked.len().to_string(),
        p.conflict.len().to_string(),
        p.gap.len().to_string(),
        ids(&p.conflict),
        ids(&p.blocked),
    ]
}

fn sources(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## Sources")?;
    for party in &r.parties {
        writeln!(
            out,
            "\n### {}: {}",
            inline(&party.id),
            heading_text(&inline(&party.name))
        )?;
        if party.sources.is_empty() {
            writeln!(out, "\nNone.")?;
            continue;
        }
        writeln!(out)?;
        for source in &party.sources {
            writeln!(out, "- {}", source_item(party, source))?;
        }
    }
    Ok(())
}

fn source_item(party: &PartyInfo, s: &crate::model::Source) -> String {
    let date = s
        .date
        .as_deref()
        .map_or_else(|| "no date".to_owned(), inline);
    let mut item = format!(
        "<a name=\"{}\"></a>**{}** ({date}): {}",
        source_anchor(&party.id, &s.id),
        inline(&s.id),
        inline(&s.title)
    );
    if let Some(url) = &s.url {
        item.push(' ');
        item.push_str(&autolink(url));
    }
    item
}

// The per-issue sections.

/// The issues of one verdict, or "None." so the reviewer sees the verdict
/// was considered; `facts` says what is particular to the verdict.
fn section(
    r: &Report,
    issues: &[&IssueReport],
    out: &mut dyn Write,
    facts: impl Fn(&IssueReport) -> Vec<String>,
) -> io::Result<()> {
    if issues.is_empty() {
        return writeln!(out, "\nNone.");
    }
    for issue in issues {
        let mut lines = facts(issue);
        lines.extend(who_did_not_speak(issue));
        issue_detail(r, issue, &lines, out)?;
    }
    Ok(())
}

fn of_verdict(r: &Report, verdict: Verdict) -> Vec<&IssueReport> {
    r.issues.iter().filter(|i| i.verdict == verdict).collect()
}

/// The questions still to put: who said nothing, and who spoke without
/// taking a position. Silence is always listed, as the absence of it is
/// news; so is the lack of a position on a gap, which is about just that.
fn who_did_not_speak(issue: &IssueReport) -> Vec<String> {
    let silent: Vec<String> = issue.silent.iter().map(|p| inline(p)).collect();
    let mut lines = vec![format!("Silent: {}", or_none(&silent))];
    if issue.verdict == Verdict::Gap && issue.no_position.is_empty() {
        lines.push("No position: none".to_owned());
    } else if !issue.no_position.is_empty() {
        let parties: Vec<String> = issue
            .no_position
            .0
            .iter()
            .map(|(p, status)| format!("{} ({})", inline(p), status.name()))
            .collect();
        lines.push(format!("No position: {}", parties.join(", ")));
    }
    lines
}

fn issue_detail(
    r: &Report,
    issue: &IssueReport,
    facts: &[String],
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        out,
        "\n### <a name=\"{}\"></a>{}: {}",
        issue_anchor(&issue.id),
        inline(&issue.id),
        heading_text(&inline(&issue.title))
    )?;
    writeln!(out)?;
    for fact in facts {
        writeln!(out, "- {fact}")?;
    }
    if has_descriptions(issue) {
        writeln!(out, "\nOptions:\n")?;
        for o in &issue.options {
            writeln!(out, "- {}: {}", inline(&o.id), inline(&o.description))?;
        }
    }
    writeln!(out, "\nStances:")?;
    if issue.stances.is_empty() {
        return writeln!(out, "\nNone.");
    }
    writeln!(out)?;
    for (party, stance) in &issue.stances.0 {
        stance_item(r, issue, party, stance, out)?;
    }
    Ok(())
}

/// A stance with everything a reviewer needs to check it: its strength and
/// basis, its source (linked), its quote, its note, and what it was said
/// out loud to reject or to require.
fn stance_item(
    r: &Report,
    issue: &IssueReport,
    party: &str,
    s: &StanceReport,
    out: &mut dyn Write,
) -> io::Result<()> {
    let position = match s.status {
        Some(status) => format!("no position ({})", status.name()),
        None => inline(&words::stance(issue, s)),
    };
    writeln!(out, "- **{}**: {position}", inline(party))?;
    let mut evidence = Vec::new();
    if let Some(strength) = s.strength {
        evidence.push(format!("strength: {}", strength.name()));
    }
    evidence.push(format!("basis: {}", s.basis.name()));
    evidence.push(match &s.source {
        Some(id) => format!("source: [{}](#{})", inline(id), source_anchor(party, id)),
        None => "source: none".to_owned(),
    });
    writeln!(out, "  - {}", evidence.join("; "))?;
    if !s.rejects.is_empty() {
        let ids: Vec<String> = s.rejects.iter().map(|i| inline(i)).collect();
        writeln!(out, "  - rejects: {}", ids.join(", "))?;
    }
    if !s.requires.is_empty() {
        let reqs: Vec<String> = s
            .requires
            .0
            .iter()
            .map(|(id, req)| {
                let unit = find_issue(r, id).and_then(|i| i.unit.as_deref());
                let outcome = words::required(unit, req);
                format!("{} to be {}", inline(id), inline(&outcome))
            })
            .collect();
        writeln!(out, "  - requires: {}", words::and_list(&reqs))?;
    }
    match &s.quote {
        Some(q) => writeln!(out, "  - quote: \"{}\"", inline(q))?,
        None => writeln!(out, "  - quote: none")?,
    }
    if let Some(note) = &s.note {
        writeln!(out, "  - note: {}", inline(note))?;
    }
    Ok(())
}

/// Option ids with their descriptions, where the descriptions add anything.
fn zone(issue: &IssueReport, zone: &Zone) -> String {
    match zone {
        Zone::Options(ids) if !ids.is_empty() && has_descriptions(issue) => ids
            .iter()
            .map(|id| match issue.options.iter().find(|o| &o.id == id) {
                Some(o) => format!("{} ({})", inline(id), inline(&o.description)),
                None => inline(id),
            })
            .collect::<Vec<_>>()
            .join(", "),
        _ => inline(&words::zone(issue, zone)),
    }
}

/// Yes-no options are described as "Yes" and "No", which says nothing.
fn has_descriptions(issue: &IssueReport) -> bool {
    issue.kind != Kind::Range
        && issue
            .options
            .iter()
            .any(|o| !o.description.trim().eq_ignore_ascii_case(&o.id))
}

fn find_issue<'a>(r: &'a Report, id: &str) -> Option<&'a IssueReport> {
    r.issues.iter().find(|i| i.id == id)
}

fn verdict_name(issue: &IssueReport) -> String {
    match issue.severity {
        Some(_) => format!(
            "{} ({})",
            issue.verdict.name(),
            severity_name(issue.severity)
        ),
        None => issue.verdict.name().to_owned(),
    }
}

fn severity_name(severity: Option<Severity>) -> &'static str {
    match severity {
        Some(Severity::Hard) => "hard",
        Some(Severity::Soft) => "soft",
        None => "unrated",
    }
}

// Markdown mechanics.

/// What a table or list shows for "nothing here".
const NONE: &str = "—";

fn or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_owned()
    } else {
        words::and_list(items)
    }
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

struct Column {
    name: String,
    right: bool,
}

fn left(name: &str) -> Column {
    Column {
        name: name.to_owned(),
        right: false,
    }
}

fn right(name: &str) -> Column {
    Column {
        name: name.to_owned(),
        right: true,
    }
}

/// A table padded to its widest cells, so that it also reads as plain text.
/// Cells must already be inline Markdown (escaped, on one line).
fn table(out: &mut dyn Write, head: &[Column], rows: &[Vec<String>]) -> io::Result<()> {
    let widths: Vec<usize> = head
        .iter()
        .enumerate()
        .map(|(c, col)| {
            rows.iter()
                .map(|row| width(&row[c]))
                .chain([width(&col.name), 3])
                .max()
                .unwrap_or(3)
        })
        .collect();
    let line = |cells: Vec<String>| format!("| {} |", cells.join(" | "));
    let pad = |text: &str, c: usize| {
        let fill = " ".repeat(widths[c] - width(text));
        if head[c].right {
            format!("{fill}{text}")
        } else {
            format!("{text}{fill}")
        }
    };
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        line(
            head.iter()
                .enumerate()
                .map(|(c, col)| pad(&col.name, c))
                .collect()
        )
    )?;
    let rule = head
        .iter()
        .zip(&widths)
        .map(|(col, &w)| {
            if col.right {
                format!("{}:", "-".repeat(w - 1))
            } else {
                "-".repeat(w)
            }
        })
        .collect();
    writeln!(out, "{}", line(rule))?;
    for row in rows {
        let cells = row.iter().enumerate().map(|(c, t)| pad(t, c)).collect();
        writeln!(out, "{}", line(cells))?;
    }
    Ok(())
}

fn width(text: &str) -> usize {
    text.chars().count()
}

/// User text as one line of inline Markdown that renders as written: runs
/// of whitespace (YAML folds, line breaks) become one space, and characters
/// that would start formatting, a link, HTML, math or a table cell are
/// escaped. Characters that only matter at the start of a line are left
/// alone: this text never starts one.
fn inline(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let escape = match c {
            '\\' | '`' | '*' | '[' | '<' | '|' | '~' | '$' => true,
            // Inside a word, as in `not_applicable`, `_` is plain text.
            '_' => {
                !(prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric))
            }
            // Only `&name;` and `&#1;` are entities.
            '&' => next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A trailing `#` would be taken for the closing sequence of an ATX heading.
fn heading_text(text: &str) -> String {
    match text.strip_suffix('#') {
        Some(rest) => format!("{rest}\\#"),
        None => text.to_owned(),
    }
}

fn autolink(url: &str) -> String {
    if url.is_empty()
        || url
            .chars()
            .any(|c| c.is_whitespace() || c == '<' || c == '>')
    {
        inline(url)
    } else {
        format!("<{url}>")
    }
}

fn issue_link(issue: &str) -> String {
    format!("[{}](#{})", inline(issue), issue_anchor(issue))
}

fn issue_anchor(issue: &str) -> String {
    format!("issue-{}", anchor_part(issue))
}

/// Source ids are per party (two parties may both cite a
/// `white-house-readout`, with different titles), so the party is part of
/// the anchor.
fn source_anchor(party: &str, source: &str) -> String {
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
