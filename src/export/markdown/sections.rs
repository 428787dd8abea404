//! One section per verdict, each issue in it with the facts particular to
//! the verdict and every stance beside its evidence.

use super::escape::{heading_text, inline, issue_link};
use crate::export::anchor::{issue_anchor, source_anchor};
use crate::export::words;
use crate::export::write_in_order;
use crate::report::{Block, IssueReport, Outcomes, Report, Severity, StanceReport, Verdict};
use std::io::{self, Write};

pub(super) fn conflicts(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## Conflicts")?;
    writeln!(
        out,
        "\nNo outcome suits {}. Hard conflicts first: \
         both parties of some clashing pair hold the issue as a red line.",
        crate::export::roles::zone_holders(r)
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
        } else if !issue.clashes.listed() {
            // `--pairs counts`: the heading already says what is counted.
            issue.clashes.len().to_string()
        } else {
            let pair = |[a, b]: [&str; 2]| format!("{} ~ {}", inline(a), inline(b));
            words::clash_list(&issue.clashes, pair, ", ")
        };
        vec![
            format!(
                "Severity: **{}**",
                issue.severity.map_or("unrated", Severity::name)
            ),
            format!("Clashing pairs: {pairs}"),
        ]
    })
}

pub(super) fn blocked(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## Blocked agreements")?;
    writeln!(
        out,
        "\nThe parties share a zone, but a party's stance holds only if another \
         issue settles on an outcome outside that issue's zone."
    )?;
    section(r, &of_verdict(r, Verdict::Blocked), out, |issue| {
        let mut facts = vec![format!("Zone: {}", zone(issue, &issue.zone))];
        facts.extend(issue.blocked_by.iter().map(|b| block(r, b, "Blocked by")));
        facts
    })
}

/// One requirement in the way (or rested on), with what the required
/// issue came to, so the reviewer can follow the link to that issue's own
/// evidence.
fn block(r: &Report, b: &Block, what: &str) -> String {
    let target = r.issue(&b.issue);
    let unit = b.unit.as_deref();
    // An issue left out by `--issues` has no section to link to.
    let (name, outside) = match target {
        Some(_) => (issue_link(&b.issue), ""),
        None => (inline(&b.issue), ", not among this report's issues,"),
    };
    let available =
        if !matches!(b.verdict, Verdict::Blocked | Verdict::Conflict) && b.available != b.zone {
            format!(
                ", available: {}",
                inline(&words::zone_in(unit, &b.available))
            )
        } else {
            String::new()
        };
    let chain = if what == "Blocked by" {
        words::block_chain(b)
    } else {
        words::rests_on(b)
    };
    format!(
        "{what} **{}**, which requires {name} to be {}; {}{outside} is **{}**, zone: {}{available}. Chain: {}",
        inline(&words::holder(b)),
        inline(&words::required(unit, &b.requires)),
        inline(&b.issue),
        b.verdict.name(),
        inline(&words::zone_in(unit, &b.zone)),
        inline(&chain),
    )
}

pub(super) fn overlaps(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## Overlaps")?;
    writeln!(
        out,
        "\nThe zone is what {} accepts.",
        crate::export::roles::zone_holders(r)
    )?;
    section(r, &of_verdict(r, Verdict::Overlap), out, |issue| {
        let mut facts = vec![format!("Zone: {}", zone(issue, &issue.zone))];
        facts.extend(availability(r, issue));
        if issue.is_contingent() {
            facts.push(
                "Contingent: this overlap rests on a gap, a requirement met only because \
                 fewer than two parties speak to the issue it names"
                    .to_owned(),
            );
            facts.extend(issue.contingent_on.iter().map(|b| block(r, b, "Rests on")));
        }
        facts
    })
}

/// What of the zone is available, when that is less, and the outcomes
/// available only on some party's conditions.
fn availability(r: &Report, issue: &IssueReport) -> Vec<String> {
    let mut facts = Vec::new();
    // A sequence takes no conditions: its order says what can be agreed.
    if issue.narrows_zone() {
        facts.push(format!("Available: {}", zone(issue, &issue.available)));
    }
    for c in &issue.conditional {
        facts.push(format!(
            "On conditions: {}",
            inline(&words::conditional(issue, c, |id| words::unit_of(r, id)))
        ));
    }
    facts
}

pub(super) fn gaps(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## Gaps")?;
    writeln!(out, "\n{}", crate::export::roles::gap_lede(r))?;
    section(r, &of_verdict(r, Verdict::Gap), out, |issue| {
        let with: Vec<String> = issue
            .stances
            .iter()
            .filter(|(p, s)| s.status.is_none() && issue.deciders.contains(p))
            .map(|(p, _)| inline(p))
            .collect();
        let mut facts = vec![format!("Position: {}", or_none(&with))];
        facts.extend(availability(r, issue));
        facts
    })
}

/// The issues of one verdict, or "None." so the reviewer sees the verdict
/// was considered; `facts` says what is particular to the verdict.
///
/// Issues are rendered in parallel (`write_in_order`).
fn section(
    r: &Report,
    issues: &[&IssueReport],
    out: &mut dyn Write,
    facts: impl Fn(&IssueReport) -> Vec<String> + Sync,
) -> io::Result<()> {
    if issues.is_empty() {
        return writeln!(out, "\nNone.");
    }
    // An issue's section is large (a conference's, 50 KB): one a task.
    write_in_order(out, issues, 1, |issue, text| {
        let mut lines: Vec<String> = crate::export::roles::deciders(issue)
            .map(|d| format!("Who decides: {}", inline(&d)))
            .into_iter()
            .collect();
        lines.extend(facts(issue));
        if let Some(order) = crate::export::order_words::sequence(r, issue) {
            lines.extend(order.iter().map(|fact| words::capitalised(&inline(fact))));
        }
        let outside = crate::export::roles::outside(r, issue);
        if !outside.is_empty() {
            lines.push(format!(
                "Outside the decision: {}",
                outside
                    .iter()
                    .map(|o| inline(o))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        lines.extend(who_did_not_speak(issue));
        issue_detail(r, issue, &lines, text)
    })
}

fn of_verdict<'r, 'n>(r: &'r Report<'n>, verdict: Verdict) -> Vec<&'r IssueReport<'n>> {
    r.issues.iter().filter(|i| i.verdict == verdict).collect()
}

/// The questions still to put: who said nothing, and who spoke without
/// taking a position. Silence is always listed, as the absence of it is
/// news; so is the lack of a position on a gap, which is about just that.
fn who_did_not_speak(issue: &IssueReport) -> Vec<String> {
    let silent: Vec<String> = issue.silent.iter().map(|p| inline(p)).collect();
    let mut lines = vec![format!("Silent: {}", or_none(&silent))];
    let waiting: Vec<String> = issue.waiting_on().iter().map(|p| inline(p)).collect();
    if !waiting.is_empty() {
        lines.push(format!("Waiting on: {}", words::and_list(&waiting)));
    }
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
    if words::has_descriptions(issue) {
        writeln!(out, "\n{}:\n", words::options_heading(issue))?;
        for o in &issue.options {
            writeln!(out, "- {}: {}", inline(&o.id), inline(&o.description))?;
        }
    }
    writeln!(out, "\nStances:")?;
    if issue.stances.is_empty() {
        return writeln!(out, "\nNone.");
    }
    writeln!(out)?;
    for (party, stance) in issue.stances.iter() {
        stance_item(r, issue, party, &stance, out)?;
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
    let party_text = inline(party);
    match s.status {
        Some(status) => writeln!(out, "- **{party_text}**: no position ({})", status.name())?,
        None => writeln!(
            out,
            "- **{party_text}**: {}",
            inline(&words::stance(words::Shape::of(issue), s))
        )?,
    }
    // Written piece by piece: a conference report has 300,000 of these.
    out.write_all(b"  - ")?;
    if let Some(strength) = s.strength {
        write!(out, "strength: {}; ", strength.name())?;
    }
    write!(out, "basis: {}; ", s.basis.name())?;
    if let Some(salience) = s.salience {
        write!(out, "salience: {salience}; ")?;
    }
    if s.source.is_empty() {
        out.write_all(b"source: none")?;
    } else {
        let links: Vec<String> = s
            .source
            .0
            .iter()
            .map(|id| format!("[{}](#{})", inline(id), source_anchor(party, id)))
            .collect();
        write!(out, "source: {}", links.join(", "))?;
    }
    if let Some(date) = &s.as_of {
        write!(out, "; as of {}", inline(date))?;
    }
    if let Some(speaker) = &s.speaker {
        let said = r
            .party(party)
            .map_or_else(|| speaker.clone(), |p| p.speaker(speaker));
        write!(out, "; speaker: {}", inline(&said))?;
    }
    writeln!(out)?;
    if !s.rejects.is_empty() {
        let ids: Vec<String> = s.rejects.ids().map(inline).collect();
        writeln!(out, "  - rejects: {}", ids.join(", "))?;
    }
    if !s.requires.is_empty() {
        writeln!(out, "  - requires: {}", requirements(r, &s.requires))?;
    }
    for (k, a) in s.alternatives.iter().enumerate() {
        writeln!(
            out,
            "  - {} alternative: {}, requiring {}",
            words::ordinal(k),
            inline(&words::outcomes(&a.accepts, issue.unit.as_deref(), ", ")),
            requirements(r, &a.requires)
        )?;
    }
    match &s.quote {
        Some(q) => writeln!(
            out,
            "  - quote ({}): \"{}\"",
            words::quote_check(s.quote_verified),
            inline(q)
        )?,
        None => writeln!(out, "  - quote: none")?,
    }
    if let Some(note) = &s.note {
        writeln!(out, "  - note: {}", inline(note))?;
    }
    Ok(())
}

/// Requirements as a phrase: `x to be yes and y to be no`.
pub(super) fn requirements(r: &Report, requires: &crate::report::Ordered<Outcomes>) -> String {
    let reqs: Vec<String> = requires
        .0
        .iter()
        .map(|(id, req)| {
            let outcome = words::required(words::unit_of(r, id), req);
            format!("{} to be {}", inline(id), inline(&outcome))
        })
        .collect();
    words::and_list(&reqs)
}

/// Option ids with their descriptions, where the descriptions add anything.
fn zone(issue: &IssueReport<'_>, zone: &Outcomes<'_>) -> String {
    if zone.ids().next().is_none() || !words::has_descriptions(issue) {
        return inline(&words::zone(issue, zone));
    }
    zone.ids()
        .map(|id| match issue.options.iter().find(|o| o.id == id) {
            Some(o) => format!("{} ({})", inline(id), inline(&o.description)),
            None => inline(id),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn verdict_name(issue: &IssueReport) -> String {
    words::issue_verdict(issue)
}

fn or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_owned()
    } else {
        words::and_list(items)
    }
}
