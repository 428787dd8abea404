//! Short phrases shared by the human-readable formats, so that text and
//! Markdown describe a zone or a stance in the same words.

use crate::model::Strength;
use crate::outcome::{Interval, Num, OutcomeSet};
use crate::report::{Block, IssueReport, Ordered, Origin, Outcomes, StanceReport};

/// The sentence every part of the mediator's view carries.
pub const NOT_ADVICE: &str = "Arithmetic on stated positions, not advice.";

/// A verdict as a report says it: `conflict (hard)`, `overlap`.
pub fn verdict(
    verdict: crate::report::Verdict,
    severity: Option<crate::report::Severity>,
) -> String {
    match severity {
        Some(severity) => format!("{} ({})", verdict.name(), severity.name()),
        None => verdict.name().to_owned(),
    }
}

/// An issue's verdict as a report says it, a contingent overlap marked:
/// `overlap (contingent)`.
pub fn issue_verdict(issue: &IssueReport) -> String {
    if issue.is_contingent() {
        "overlap (contingent)".to_owned()
    } else {
        verdict(issue.verdict, issue.severity)
    }
}

/// 1st, 2nd, 3rd: an alternative's place as people count it (the JSON
/// counts from 0).
pub fn ordinal(k: usize) -> String {
    let n = k + 1;
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Requirements as a phrase: `x is yes and days is at least 30 days`.
/// `unit`: the unit of a required issue, by id.
pub fn requirements<'u>(
    r: &Ordered<Outcomes<'_>>,
    unit: impl Fn(&str) -> Option<&'u str>,
) -> String {
    let each: Vec<String> =
        r.0.iter()
            .map(|(id, outcome)| format!("{id} is {}", required(unit(id), outcome)))
            .collect();
    and_list(&each)
}

/// The unit of an issue of the report, by id.
pub fn unit_of<'r>(r: &'r crate::report::Report, id: &str) -> Option<&'r str> {
    r.issue(id).and_then(|i| i.unit.as_deref())
}

/// Who holds a requirement: `alpha`, `alpha's 1st alternative`, `alpha
/// (party-wide)`, `alpha's package exchange`.
pub fn holder(b: &Block) -> String {
    match (b.from, b.alternative, &b.package) {
        (Origin::Alternative, Some(k), _) => format!("{}'s {} alternative", b.party, ordinal(k)),
        (Origin::Party, _, _) => format!("{} (party-wide)", b.party),
        (Origin::Package, _, Some(id)) => format!("{}'s package {id}", b.party),
        _ => b.party.clone(),
    }
}

/// A range as people say it: `30 days`, `30 to 60 days`, `at least 30 days`.
pub fn bounds(b: &Interval, unit: Option<&str>) -> String {
    let unit = unit.map_or_else(String::new, |u| format!(" {u}"));
    match (b.min.map(Num), b.max.map(Num)) {
        (Some(lo), Some(hi)) if lo == hi => format!("{lo}{unit}"),
        (Some(lo), Some(hi)) => format!("{lo} to {hi}{unit}"),
        (Some(lo), None) => format!("at least {lo}{unit}"),
        (None, Some(hi)) => format!("at most {hi}{unit}"),
        (None, None) => format!("any{unit}"),
    }
}

/// A set's options joined with `sep`, or its interval in words.
pub fn outcomes(set: &Outcomes<'_>, unit: Option<&str>, sep: &str) -> String {
    match set.set() {
        OutcomeSet::Options(_) => set.ids().collect::<Vec<_>>().join(sep),
        OutcomeSet::Range(Some(b)) => bounds(b, unit),
        OutcomeSet::Range(None) => "nothing".to_owned(),
        OutcomeSet::Order(_) => match set.before() {
            Some(before) if before.is_empty() => "any order".to_owned(),
            Some(before) => before
                .iter()
                .map(|[a, b]| format!("{a} before {b}"))
                .collect::<Vec<_>>()
                .join(sep),
            None => "no order (a cycle)".to_owned(),
        },
    }
}

/// A sequence stance's chains: `a → b → c; d → e`.
pub fn chains(chains: &[Vec<&str>]) -> String {
    chains
        .iter()
        .map(|chain| chain.join(" → "))
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn zone(issue: &IssueReport<'_>, zone: &Outcomes<'_>) -> String {
    zone_in(issue.unit.as_deref(), zone)
}

/// A zone where only the unit is known, as for a blocking issue left out of
/// the report's scope.
pub fn zone_in(unit: Option<&str>, zone: &Outcomes<'_>) -> String {
    if zone.is_empty() {
        return "nothing".to_owned();
    }
    outcomes(zone, unit, ", ")
}

/// What a requirement asks for: `no`, `a or b`, `at least 30 days`.
pub fn required(issue_unit: Option<&str>, r: &Outcomes<'_>) -> String {
    if r.is_empty() {
        // Asked of an issue that cannot take it (`stance check` warns).
        return "nothing it can settle on".to_owned();
    }
    outcomes(r, issue_unit, " or ")
}

/// A stance in a few words: what it accepts, its first choice, its status.
/// What a stance's words depend on, of its issue.
#[derive(Clone, Copy)]
pub struct Shape<'a> {
    pub unit: Option<&'a str>,
    pub options: usize,
}

impl<'a> Shape<'a> {
    pub fn of(issue: &'a IssueReport) -> Self {
        Shape {
            unit: issue.unit.as_deref(),
            options: issue.options.len(),
        }
    }
}

pub fn stance(issue: Shape, s: &StanceReport) -> String {
    if let Some(status) = s.status {
        return format!("({})", status.name());
    }
    let mut words = match s.accepts.as_ref().map(|a| (a, a.set())) {
        Some((accepts, OutcomeSet::Options(_))) => {
            options(issue, s, &accepts.ids().collect::<Vec<_>>())
        }
        Some((_, OutcomeSet::Range(Some(b)))) => {
            let mut w = bounds(b, issue.unit);
            if let Some(ideal) = s.ideal
                && b.min != b.max
            {
                w.push_str(&format!(", ideally {ideal}"));
            }
            w
        }
        Some((_, OutcomeSet::Range(None))) => "nothing".to_owned(),
        Some((_, OutcomeSet::Order(_))) => chains(s.order.as_deref().unwrap_or_default()),
        None => String::new(),
    };
    if s.strength == Some(Strength::RedLine) {
        words.push_str(" (red line)");
    }
    for a in &s.alternatives {
        words.push_str(&format!(
            "; or {} on conditions",
            outcomes(&a.accepts, issue.unit, ", ")
        ));
    }
    words
}

/// How a quote stands against its sources' texts, in a few words.
pub fn quote_check(verified: Option<bool>) -> &'static str {
    match verified {
        Some(true) => "verified in its source's text",
        Some(false) => "NOT FOUND in its sources' texts",
        None => "not checked against a source's text",
    }
}

/// The quotes of a report, counted by how they stand: `None` when it has
/// none.
pub fn quote_counts(counts: crate::report::QuoteCounts) -> Option<String> {
    let mut parts = Vec::new();
    if counts.verified > 0 {
        parts.push(format!(
            "{} verified in their sources' texts",
            counts.verified
        ));
    }
    if counts.not_found > 0 {
        parts.push(format!("{} NOT FOUND in them", counts.not_found));
    }
    if counts.not_checked > 0 {
        parts.push(format!("{} not checked", counts.not_checked));
    }
    (!parts.is_empty()).then(|| format!("quotes: {}", parts.join(", ")))
}

/// Accepted options, the first choice marked; a stance that only rules
/// options out reads as what it rules out.
fn options(issue: Shape<'_>, s: &StanceReport<'_>, ids: &[&str]) -> String {
    if ids.is_empty() {
        return "nothing".to_owned();
    }
    let rejects: Vec<&str> = s.rejects.ids().collect();
    if !rejects.is_empty() && ids.len() > 1 && ids.len() + rejects.len() == issue.options {
        return format!("any but {}", rejects.join(", "));
    }
    ids.iter()
        .map(|&id| {
            if s.wants.as_deref() == Some(id) && ids.len() > 1 {
                format!("{id} (first)")
            } else {
                id.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// How many columns `text` takes on a terminal as a report shows it (its
/// hidden characters escaped, `visible::line`): a CJK character or an
/// emoji takes two, a combining accent none (unicode-width). Counting
/// characters put every column after a `北京` id two places out.
pub fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(&*crate::visible::line(text))
}

/// `text` and spaces to `width` columns (as `width` counts them), for
/// columns of plain text. A format width (`{:width$}`) panics past
/// 65,535, and an id may be longer.
pub fn pad(text: &str, width: usize) -> Padded<'_> {
    Padded {
        text,
        width,
        right: false,
    }
}

/// `pad`, with the spaces before the text.
pub fn pad_start(text: &str, width: usize) -> Padded<'_> {
    Padded {
        text,
        width,
        right: true,
    }
}

pub struct Padded<'a> {
    text: &'a str,
    width: usize,
    right: bool,
}

impl std::fmt::Display for Padded<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let fill = self.width.saturating_sub(width(self.text));
        let spaces = |f: &mut std::fmt::Formatter<'_>| (0..fill).try_for_each(|_| f.write_str(" "));
        if self.right {
            spaces(f)?;
            f.write_str(self.text)
        } else {
            f.write_str(self.text)?;
            spaces(f)
        }
    }
}

/// "a and b", "a, b and c".
pub fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", init.join(", "), last.as_ref())
        }
    }
}

/// An issue's verdict in one round, for `stance changes`: a conflict with
/// its severity, an overlap or block with its zone, a gap alone (its zone
/// is one voice, or no one's).
pub fn verdict_at(v: &Option<crate::changes::VerdictAt>) -> String {
    use crate::report::Verdict;
    let said = match v {
        None => return "not on the agenda".to_owned(),
        Some(v) => match v.verdict {
            Verdict::Conflict | Verdict::Gap => verdict(v.verdict, v.severity),
            other => format!(
                "{}{} ({})",
                other.name(),
                if v.contingent { " (contingent)" } else { "" },
                zone_in(v.unit.as_deref(), &v.zone)
            ),
        },
    };
    match v.as_ref().and_then(|v| v.phase) {
        Some(phase) => format!("{said} in phase {phase}"),
        None => said,
    }
}

/// The stance changes behind an issue's change: `russia new`, or `russia
/// new on military-aid` when it was on the issue a block rests on; a long
/// list as `capped` shows one.
pub fn causes(i: &crate::changes::IssueChange) -> Option<String> {
    let each = i.caused_by.iter().map(|c| {
        if c.issue == i.issue {
            format!("{} {}", c.party, c.label.name())
        } else {
            format!("{} {} on {}", c.party, c.label.name(), c.issue)
        }
    });
    // Between two conferences an issue can have thousands.
    let stances = capped(each, i.caused_by.len(), ", ");
    match (i.decided_by_changed, stances.is_empty()) {
        (false, true) => None,
        (false, false) => Some(stances),
        (true, true) => Some("its decided_by changed".to_owned()),
        (true, false) => Some(format!("its decided_by changed, {stances}")),
    }
}

/// Why a requirement is unmet, down the chain: the clash on the required
/// issue, or what it can settle on (its zone, and what is available of
/// it when that is less) and what holds that back in turn.
pub fn block_chain(b: &Block) -> String {
    chain_link(b, false, &|c| {
        clash_list(c, |[x, y]| format!("{x} vs {y}"), ", ")
    })
}

/// `block_chain`, with the clashing pairs counted when there are more
/// than a few: at conference scale a chain names thousands.
pub fn block_chain_counted(b: &Block) -> String {
    chain_link(b, false, &clash_count)
}

/// Who clashes: the pairs by name when there are at most three (and they
/// are listed), else how many.
pub fn clash_count(c: &crate::report::Clashes) -> String {
    match c.len() {
        n if n <= 3 && c.listed() => c
            .iter()
            .map(|[x, y]| format!("{x} vs {y}"))
            .collect::<Vec<_>>()
            .join(", "),
        1 => "1 clashing pair".to_owned(),
        n => format!("{n} clashing pairs"),
    }
}

/// What a contingent overlap rests on, down to the gap: each link the
/// requirement as things stand (met), and the issue it names.
pub fn rests_on(b: &Block) -> String {
    chain_link(b, true, &|c| {
        clash_list(c, |[x, y]| format!("{x} vs {y}"), ", ")
    })
}

fn chain_link(
    b: &Block,
    contingent: bool,
    pairs: &dyn Fn(&crate::report::Clashes) -> String,
) -> String {
    let mut why = link_why(b, pairs);
    if !b.blocked_by.is_empty() {
        let next: Vec<String> = b
            .blocked_by
            .iter()
            .map(|n| chain_link(n, contingent, pairs))
            .collect();
        why.push_str(&format!(
            "; {}: {}",
            link_word(b, contingent),
            next.join("; ")
        ));
    }
    format!(
        "{} requires {}: {} ← {why}",
        holder(b),
        b.issue,
        required(b.unit.as_deref(), &b.requires)
    )
}

/// Why one link of a chain is unmet, without the links under it: the
/// clash on the required issue, or what it can settle on (its zone, the
/// pairs that leave a gap none, and what is available when less).
pub fn link_why(b: &Block, pairs: &dyn Fn(&crate::report::Clashes) -> String) -> String {
    use crate::report::Verdict;
    let unit = b.unit.as_deref();
    match b.verdict {
        Verdict::Conflict if b.clashes.is_empty() => {
            "conflict (no pair clashes, but nothing suits all)".to_owned()
        }
        Verdict::Conflict => format!("conflict: {}", pairs(&b.clashes)),
        // Not met because of what the issue can settle on, whether or
        // not it is itself blocked.
        verdict => {
            let mut why = format!("{}, zone: {}", verdict.name(), zone_in(unit, &b.zone));
            if !b.clashes.is_empty() {
                why.push_str(&format!(" ({})", pairs(&b.clashes)));
            }
            if verdict != Verdict::Blocked && b.available != b.zone {
                why.push_str(&format!(", available: {}", zone_in(unit, &b.available)));
            }
            why
        }
    }
}

/// What joins a link of a chain to the links under it.
pub fn link_word(b: &Block, contingent: bool) -> &'static str {
    if contingent {
        "which rests on"
    } else if b.verdict == crate::report::Verdict::Blocked {
        "itself blocked"
    } else {
        "held back by"
    }
}

/// The available outcomes a party reaches only through an alternative,
/// and on what: `yes if y is yes (beta's 1st alternative)`.
pub fn conditional<'u>(
    issue: &IssueReport,
    c: &crate::report::Conditional,
    unit: impl Fn(&str) -> Option<&'u str>,
) -> String {
    format!(
        "{} if {} ({}'s {} alternative)",
        outcomes(&c.outcomes, issue.unit.as_deref(), ", "),
        requirements(&c.requires, unit),
        c.party,
        ordinal(c.alternative)
    )
}

/// One bridging proposal: the outcome, who would move how far, and the
/// conditions it calls on. `r`: the report, for the units of the issues
/// those name.
pub fn proposal(
    r: &crate::report::Report,
    issue: &IssueReport,
    p: &crate::report::Proposal,
) -> String {
    use crate::model::Kind;
    let what = match (&p.option, p.value) {
        (Some(option), _) => option.clone(),
        (None, Some(v)) => bounds(&Interval::point(v.0), issue.unit.as_deref()),
        (None, None) => String::new(),
    };
    let moves: Vec<String> = p
        .moves
        .iter()
        .filter(|(_, m)| m.0 > 0.0)
        .map(|(party, m)| {
            let amount = match issue.kind {
                Kind::Choice | Kind::YesNo => "concedes".to_owned(),
                Kind::Scale if m.0 == 1.0 => "1 step".to_owned(),
                Kind::Scale => format!("{m} steps"),
                Kind::Range => bounds(&Interval::point(m.0), issue.unit.as_deref()),
                Kind::Sequence => "drops".to_owned(),
            };
            let red = if p.crosses_red_line.iter().any(|r| r == party) {
                " (red line)"
            } else {
                ""
            };
            format!("{party} {amount}{red}")
        })
        .collect();
    let mut said = if moves.is_empty() {
        what
    } else {
        format!("{what}: {}", moves.join(", "))
    };
    for t in &p.triggers {
        said.push_str(&format!(
            "; calls on {}'s {} alternative ({})",
            t.party,
            ordinal(t.alternative),
            requirements(&t.requires, |id| unit_of(r, id))
        ));
    }
    if !p.outside_against.is_empty() {
        said.push_str(&format!(
            ", against it from outside: {}",
            and_list(&p.outside_against)
        ));
    }
    said
}

/// One bridging proposal, counting who would move: `medium: 51 parties
/// move, 2 across a red line`.
pub fn proposal_counted(issue: &IssueReport, p: &crate::report::Proposal) -> String {
    let what = match (&p.option, p.value) {
        (Some(option), _) => option.clone(),
        (None, Some(v)) => bounds(&Interval::point(v.0), issue.unit.as_deref()),
        (None, None) => String::new(),
    };
    let movers = p.moves.iter().filter(|(_, m)| m.0 > 0.0).count();
    let mut said = format!(
        "{what}: {movers} {} {}",
        if movers == 1 { "party" } else { "parties" },
        if movers == 1 { "moves" } else { "move" }
    );
    if !p.crosses_red_line.is_empty() {
        said.push_str(&format!(", {} across a red line", p.crosses_red_line.len()));
    }
    if !p.outside_against.is_empty() {
        said.push_str(&format!(", {} outside against", p.outside_against.len()));
    }
    said
}

/// What a proposal asks of each deciding side, as a bridge words it:
/// `israel 1 step, hamas concedes`.
pub fn asks(issue: &IssueReport, asks: &crate::report::Ordered<crate::outcome::Num>) -> String {
    use crate::model::Kind;
    let each: Vec<String> = asks
        .0
        .iter()
        .map(|(party, m)| {
            let amount = match issue.kind {
                // A sequence's bridge drops constraints and offers none of these.
                Kind::Choice | Kind::YesNo | Kind::Sequence => "concedes".to_owned(),
                Kind::Scale if m.0 == 1.0 => "1 step".to_owned(),
                Kind::Scale => format!("{m} steps"),
                Kind::Range => bounds(&Interval::point(m.0), issue.unit.as_deref()),
            };
            format!("{party} {amount}")
        })
        .collect();
    if each.is_empty() {
        "no one moves".to_owned()
    } else {
        each.join(", ")
    }
}

/// An agreement index with, when salience is given, the pair's weight:
/// `0.78 (150)`.
pub fn agreement_weighed(pair: Option<&crate::report::PairReport>) -> String {
    let a = agreement(pair.and_then(|p| p.agreement));
    match pair.and_then(|p| p.weight) {
        Some(w) => format!("{a} ({})", crate::outcome::Num(w)),
        None => a,
    }
}

/// One change of the deal, from the party's side.
pub fn deal_change(c: &crate::report::DealChange) -> String {
    use crate::report::{ChangeKind, Origin};
    let outcome = c
        .outcome
        .as_ref()
        .map(|o| required(c.unit, o))
        .unwrap_or_default();
    let issue = c.issue.unwrap_or_default();
    match (c.change, c.requirement_on, c.from) {
        (ChangeKind::Accept, _, _) => format!("accept {outcome} on {issue}"),
        (ChangeKind::DropPackage, _, _) => {
            format!("drop its package {}", c.package.unwrap_or_default())
        }
        (ChangeKind::DropRequirement, Some(on), Some(Origin::Party)) => {
            format!("drop its requirement, on every stance, that {on} be {outcome}")
        }
        (ChangeKind::DropRequirement, Some(on), Some(Origin::Alternative)) => {
            format!("drop its condition that {on} be {outcome} (for its alternative on {issue})")
        }
        (ChangeKind::DropRequirement, Some(on), _) => {
            format!("drop its requirement that {on} be {outcome} (for {issue})")
        }
        (ChangeKind::DropRequirement, None, _) => format!("drop a requirement (for {issue})"),
        (ChangeKind::DropOrder, _, _) => format!("drop {outcome} from its order on {issue}"),
    }
}

/// An agreement index as a share, or a dash when nothing is compared.
pub fn agreement(a: Option<f64>) -> String {
    a.map_or_else(|| "—".to_owned(), |a| format!("{a:.2}"))
}

/// What a group asks of each of its pairs: `above 0.5 on at least 2
/// shared issues` (`--min-shared`).
pub fn group_rule(m: &crate::report::Mediation) -> String {
    format!(
        "above {} on at least {} shared {}",
        m.coalition_threshold,
        m.min_shared,
        if m.min_shared == 1 { "issue" } else { "issues" }
    )
}

/// `text` with its first letter in upper case, as a fact line begins.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// What an issue's options are called: a sequence's are its steps.
pub fn options_heading(issue: &IssueReport) -> &'static str {
    if issue.kind == crate::model::Kind::Sequence {
        "Steps"
    } else {
        "Options"
    }
}

/// From a seat with no move to make: on each conflict, some tied
/// proposal asks nothing of the party (the deal, which must pick one, may
/// still ask a change of it).
pub const NO_MOVE: &str =
    "none: on each conflict some proposal asks nothing of it (the deal may still ask a change)";

/// Which fields of a stance changed, as the changes reports list them:
/// `all` for a stance that appears or goes, `None` for none; a salience
/// that changed with its two values (`salience 40 -> 70`), since neither
/// shows in the stance's words.
pub fn fields_changed(s: &crate::changes::StanceChange) -> Option<String> {
    use crate::changes::Label;
    if matches!(s.label, Label::New | Label::Withdrawn) {
        return Some("all".to_owned());
    }
    if s.fields.is_empty() {
        return None;
    }
    let salience =
        |st: &Option<crate::report::StanceReport>| match st.as_ref().and_then(|st| st.salience) {
            Some(v) => v.to_string(),
            None => format!("{} (default)", crate::model::DEFAULT_SALIENCE),
        };
    let named: Vec<String> = s
        .fields
        .iter()
        .map(|&f| match f {
            "salience" => format!("salience {} -> {}", salience(&s.before), salience(&s.after)),
            f => f.to_owned(),
        })
        .collect();
    Some(named.join(", "))
}

/// How many stances got each label, every label: `0 new, 1 hardened`.
pub fn label_counts(c: &crate::changes::Changes) -> Vec<String> {
    c.summary
        .labels
        .iter()
        .map(|(l, n)| format!("{n} {}", l.name()))
        .collect()
}

/// How many issues saw each event, `conflict opened (2)`, those seen only.
pub fn event_counts(c: &crate::changes::Changes) -> Vec<String> {
    c.summary
        .events
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(e, n)| format!("{} ({n})", e.name()))
        .collect()
}

/// What happened to an issue: `conflict opened, overlap lost`, and whose
/// quote is no longer found: `quote unverified (russia)`.
pub fn events(i: &crate::changes::IssueChange) -> String {
    i.events
        .iter()
        .map(|&e| match e {
            crate::changes::Event::QuoteUnverified => format!(
                "{} ({})",
                e.name(),
                capped(
                    i.quotes_unverified.iter().cloned(),
                    i.quotes_unverified.len(),
                    ", "
                )
            ),
            _ => e.name(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Long lists in the human formats: a list of up to `LIST_WHOLE` items is
/// shown whole, so a negotiation of a dozen parties loses nothing; a
/// longer one (at conference scale an issue can have thousands of
/// clashing pairs, and a pair hundreds of conflicts) shows its first
/// `LIST_HEAD` and how many more. The JSON report lists them all.
pub const LIST_WHOLE: usize = 50;
pub const LIST_HEAD: usize = 10;

/// The requirements that block, one list per blocked issue in agenda
/// order, as a list to be cut to its first `LIST_HEAD`: whole and in
/// agenda order when it is shown whole, else round by round (each
/// issue's first requirement, then each one's second, ...), so that the
/// first lines of a long list show as many blocked issues as they can
/// rather than one issue's hundred parties (docs/limits.md).
pub fn varied<T>(per_issue: Vec<Vec<T>>) -> Vec<T> {
    let total: usize = per_issue.iter().map(Vec::len).sum();
    if total <= LIST_WHOLE {
        return per_issue.into_iter().flatten().collect();
    }
    let mut lists: Vec<std::vec::IntoIter<T>> = per_issue.into_iter().map(Vec::into_iter).collect();
    let mut out = Vec::with_capacity(total);
    while out.len() < total {
        for list in &mut lists {
            out.extend(list.next());
        }
    }
    out
}

/// The `total` items joined with `sep`, or the first `LIST_HEAD` of them
/// and how many more.
pub fn capped(items: impl Iterator<Item = String>, total: usize, sep: &str) -> String {
    let take = if total > LIST_WHOLE { LIST_HEAD } else { total };
    let mut shown: Vec<String> = items.take(take).collect();
    if total > shown.len() {
        shown.push(format!("and {} more", total - shown.len()));
    }
    shown.join(sep)
}

/// Clashing pairs as people read them (`capped`), or how
/// many there are when the report counts pairs only (`--pairs counts`).
pub fn clash_list(
    c: &crate::report::Clashes,
    pair: impl Fn([&str; 2]) -> String,
    sep: &str,
) -> String {
    if c.listed() {
        capped(c.iter().map(pair), c.len(), sep)
    } else {
        format!(
            "{} clashing {}",
            c.len(),
            if c.len() == 1 { "pair" } else { "pairs" }
        )
    }
}

/// Yes-no options are described as "Yes" and "No", which says nothing.
pub fn has_descriptions(issue: &IssueReport) -> bool {
    issue.kind != crate::model::Kind::Range
        && issue
            .options
            .iter()
            .any(|o| !o.description.trim().eq_ignore_ascii_case(&o.id))
}

/// One side of a stance change in words: the stance, or `(silent)`.
pub fn changed_stance(s: &crate::changes::StanceChange, st: &Option<StanceReport>) -> String {
    match st {
        Some(st) => stance(
            Shape {
                unit: s.unit.as_deref(),
                options: s.options,
            },
            st,
        ),
        None => "(silent)".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fifty items are shown whole; from fifty-one, ten and the rest counted.
    #[test]
    fn long_lists_show_their_head() {
        let list = |n: usize| capped((0..n).map(|i| i.to_string()), n, ", ");
        assert_eq!(list(3), "0, 1, 2");
        assert!(!list(LIST_WHOLE).contains("more"));
        assert!(list(LIST_WHOLE).ends_with("49"));
        assert_eq!(
            list(LIST_WHOLE + 1),
            "0, 1, 2, 3, 4, 5, 6, 7, 8, 9, and 41 more"
        );
    }
    /// A short list keeps agenda order; a long one shows every blocked
    /// issue in its first lines before any issue's second requirement,
    /// and loses nothing.
    #[test]
    fn long_block_lists_show_the_variety_first() {
        let short = vec![vec![(0, 0), (0, 1)], vec![(1, 0)]];
        assert_eq!(varied(short), [(0, 0), (0, 1), (1, 0)]);
        let mut long: Vec<Vec<(usize, usize)>> = vec![(0..60).map(|k| (0, k)).collect()];
        long.extend((1..4).map(|i| vec![(i, 0), (i, 1)]));
        let out = varied(long);
        assert_eq!(out[..5], [(0, 0), (1, 0), (2, 0), (3, 0), (0, 1)]);
        assert_eq!(out[5..8], [(1, 1), (2, 1), (3, 1)]);
        assert_eq!(out.len(), 66);
        assert_eq!(out[65], (0, 59));
    }
}
