//! `stance compare`: each fixture under `tests/fixtures/compare/` isolates one
//! verdict rule; each is snapshotted in every format, and its verdicts are
//! asserted here as well, so that a snapshot cannot quietly accept a wrong one.

use stance::export::{Format, render_to_string};
use stance::load;
use stance::model::Negotiation;
use stance::report::{Report, Severity, Verdict};
use stance::{Scope, compare};
use std::path::Path;

mod common;

fn negotiation(path: &str) -> Negotiation {
    let loaded = load::load(Path::new(path));
    loaded
        .unwrap_or_else(|e| panic!("{path} should load: {e}"))
        .negotiation
}

/// A report borrows its negotiation; here the negotiation lives for the
/// rest of the test run.
fn report(path: &str) -> Report<'static> {
    let n: &'static Negotiation = Box::leak(Box::new(negotiation(path)));
    compare(n, &Scope::all(n))
}

fn verdicts<'r>(r: &'r Report) -> Vec<(&'r str, Verdict)> {
    r.issues
        .iter()
        .map(|i| (i.id.as_str(), i.verdict))
        .collect()
}

/// Each issue's zone as the JSON report writes it.
fn zones(r: &Report) -> Vec<String> {
    r.issues
        .iter()
        .map(|i| serde_json::to_string(&i.zone).unwrap())
        .collect()
}

fn relative(path: &Path) -> String {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn every_fixture_in_every_format() {
    for (format, name) in common::FORMATS {
        insta::glob!("fixtures/compare/*", |path| {
            let r = report(&relative(path));
            insta::assert_snapshot!(name, render_to_string(&r, format));
        });
    }
}

#[test]
fn each_kind_overlaps_on_the_common_options() {
    let r = report("tests/fixtures/compare/overlap");
    assert!(verdicts(&r).iter().all(|(_, v)| *v == Verdict::Overlap));
    assert_eq!(
        zones(&r),
        [
            r#"["b"]"#,
            r#"["mid"]"#,
            r#"["yes"]"#,
            r#"{"min":20,"max":30}"#
        ]
    );
}

#[test]
fn each_kind_conflicts_and_severity_needs_both_red_lines() {
    let r = report("tests/fixtures/compare/conflict");
    assert!(verdicts(&r).iter().all(|(_, v)| *v == Verdict::Conflict));
    let severities: Vec<Option<Severity>> = r.issues.iter().map(|i| i.severity).collect();
    // scope: only alpha red-line; aid: both; days: only beta.
    assert_eq!(
        severities,
        [
            Some(Severity::Soft),
            Some(Severity::Soft),
            Some(Severity::Hard),
            Some(Severity::Soft)
        ]
    );
    assert!(
        r.issues
            .iter()
            .all(|i| i.clashes.iter().eq([["alpha", "beta"]]))
    );
    assert!(r.issues.iter().all(|i| i.zone.is_empty()));
}

#[test]
fn each_kind_is_blocked_by_an_unmet_requirement() {
    let r = report("tests/fixtures/compare/blocked");
    assert_eq!(
        verdicts(&r),
        [
            ("scope", Verdict::Blocked),
            ("order", Verdict::Blocked),
            ("aid", Verdict::Blocked),
            ("days", Verdict::Blocked),
            // A range requirement (at least 90 days) outside the 20..30 zone.
            ("peace", Verdict::Blocked),
            ("sanctions", Verdict::Conflict),
        ]
    );
    let peace = &r.issues[4].blocked_by[0];
    assert_eq!(
        (peace.issue.as_str(), peace.party.as_str()),
        ("days", "beta")
    );
}

#[test]
fn gaps_tell_silent_parties_from_undecided_ones() {
    let r = report("tests/fixtures/compare/gap");
    assert!(verdicts(&r).iter().all(|(_, v)| *v == Verdict::Gap));
    let scope = &r.issues[0];
    assert!(scope.silent.is_empty());
    assert_eq!(
        serde_json::to_string(&scope.no_position).unwrap(),
        r#"{"beta":"undecided"}"#
    );
    let order = &r.issues[1];
    assert_eq!(order.silent, ["beta"]);
    assert!(order.no_position.is_empty());
    // A gap's zone is what the one speaker accepts.
    assert_eq!(serde_json::to_string(&order.zone).unwrap(), r#"["mid"]"#);
}

#[test]
fn requirements_are_met_by_zones_of_one_or_no_speaker() {
    let r = report("tests/fixtures/compare/requires");
    // alpha's peace requires aid (an overlap), sanctions (only alpha speaks:
    // yes) and nato (no one speaks: every option): all met. beta's requires
    // election yes, but alpha alone speaks to it and says no: unmet.
    assert_eq!(r.issues[0].verdict, Verdict::Blocked);
    let blocks: Vec<(&str, &str)> = r.issues[0]
        .blocked_by
        .iter()
        .map(|b| (b.party.as_str(), b.issue.as_str()))
        .collect();
    assert_eq!(blocks, [("beta", "election")]);
}

#[test]
fn open_range_ends_intersect() {
    let r = report("tests/fixtures/compare/open-ranges");
    assert_eq!(
        zones(&r),
        [
            r#"{"min":30,"max":60}"#,
            "null",
            r#"{"min":12,"max":12}"#,
            r#"{"min":12.5,"max":12.5}"#
        ]
    );
}

#[test]
fn a_three_way_conflict_can_have_no_clashing_pair() {
    let r = report("tests/fixtures/compare/three-way");
    assert_eq!(r.issues[0].verdict, Verdict::Conflict);
    assert!(r.issues[0].clashes.is_empty());
    assert_eq!(r.issues[0].severity, Some(Severity::Soft));
    assert!(
        r.pairs
            .iter()
            .all(|p| p.with(Verdict::Overlap).eq(["scope"]))
    );
    // The agenda's `parties:` order, not the ids' order.
    let ids: Vec<&str> = r.parties.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["gamma", "alpha", "beta"]);
}

const SEED: &str = "positions/ukraine-2025-03-18";

#[test]
fn the_seed_in_every_format() {
    let r = report(SEED);
    insta::assert_snapshot!("seed_text", render_to_string(&r, Format::Text));
    insta::assert_snapshot!("seed_markdown", render_to_string(&r, Format::Markdown));
    insta::assert_snapshot!("seed_json", render_to_string(&r, Format::Json));
}

#[test]
fn the_seed_says_what_a_careful_reader_would() {
    let r = report(SEED);
    let issue = |id: &str| r.issues.iter().find(|i| i.id == id).unwrap();
    let pair = |a: &str, b: &str| r.pairs.iter().find(|p| p.parties == [a, b]).unwrap();
    // Russia and the US share an energy ceasefire that Ukraine's position
    // does not include.
    assert!(
        pair("russia", "united-states")
            .with(Verdict::Overlap)
            .any(|i| i == "ceasefire-scope")
    );
    assert!(
        pair("russia", "ukraine")
            .with(Verdict::Conflict)
            .any(|i| i == "ceasefire-scope")
    );
    // Territory is a hard conflict between Russia and Ukraine.
    let territory = issue("territory");
    assert_eq!(
        (territory.verdict, territory.severity),
        (Verdict::Conflict, Some(Severity::Hard))
    );
    assert!(territory.clashes.iter().any(|c| c == ["russia", "ukraine"]));
    // Russia's condition on foreign aid stands between the parties and a
    // permanent peace.
    let peace = issue("permanent-peace");
    assert_eq!(peace.verdict, Verdict::Blocked);
    assert!(
        peace
            .blocked_by
            .iter()
            .any(|b| b.party == "russia" && b.issue == "military-aid")
    );
    // The questions no one has answered: NATO is Russia's alone.
    assert_eq!(issue("nato").silent, ["ukraine", "united-states", "europe"]);
}

#[test]
fn a_scope_of_two_parties_out_of_four() {
    let n = negotiation(SEED);
    let parties = ["united-states".to_owned(), "russia".to_owned()];
    let scope = Scope::select(&n, Some(&parties), None).unwrap();
    let r = compare(&n, &scope);
    // Listed in the negotiation's order, whatever the order asked.
    assert_eq!(r.pairs.len(), 1);
    assert_eq!(r.pairs[0].parties, ["russia", "united-states"]);
    // Without Ukraine and Europe, the ceasefire scope is an overlap.
    assert_eq!(r.issues[0].verdict, Verdict::Overlap);
    insta::assert_snapshot!(render_to_string(&r, Format::Text));
}

#[test]
fn an_issue_filter_does_not_change_verdicts() {
    // permanent-peace stays blocked by military-aid though military-aid is
    // not in view.
    let n = negotiation(SEED);
    let scope = Scope::select(&n, None, Some(&["permanent-peace".to_owned()])).unwrap();
    let r = compare(&n, &scope);
    assert_eq!(r.issues.len(), 1);
    assert_eq!(r.issues[0].verdict, Verdict::Blocked);
}

#[test]
fn unknown_scope_ids_get_a_suggestion() {
    let n = negotiation(SEED);
    let err = Scope::select(&n, Some(&["rusia".to_owned()]), None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown party `rusia`; did you mean `russia`?"
    );
    let err = Scope::select(&n, None, Some(&["terrain".to_owned()])).unwrap_err();
    assert_eq!(err.message, "unknown issue `terrain`");
}

#[test]
fn the_same_input_gives_byte_identical_reports() {
    let first = render_to_string(&report(SEED), Format::Json);
    let second = render_to_string(&report(SEED), Format::Json);
    assert_eq!(first, second);
}

#[test]
fn the_readme_excerpt_is_the_real_report() {
    // Keeps the README true: every piece of its excerpt (split at `[...]`)
    // must appear, as is, in the seed's Markdown report.
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme
        .find("````markdown\n")
        .expect("README has the excerpt")
        + "````markdown\n".len();
    let end = start + readme[start..].find("````").unwrap();
    let report = render_to_string(&report(SEED), Format::Markdown);
    for piece in readme[start..end].split("[...]") {
        let piece = piece.trim();
        assert!(
            report.contains(piece),
            "README excerpt not in the report:\n{piece}"
        );
    }
}

#[test]
fn the_seed_from_one_seat() {
    // The --focus section, as a reader sees it in each human format.
    let n = negotiation(SEED);
    let scope = Scope::all(&n).with_focus(&n, "ukraine").unwrap();
    let r = compare(&n, &scope);
    let text = render_to_string(&r, Format::Text);
    let markdown = render_to_string(&r, Format::Markdown);
    insta::assert_snapshot!(
        "seed_focus_text",
        &text[text.find("from ukraine's seat").unwrap()..]
    );
    insta::assert_snapshot!(
        "seed_focus_markdown",
        section(&markdown, "## From ukraine's seat")
    );
}

/// `--pairs counts`: pairs keep their counts, issues and blocks count their
/// clashing pairs, and no pair list is left in any format.
#[test]
fn counts_only_in_every_format() {
    let n: &'static Negotiation = Box::leak(Box::new(negotiation(SEED)));
    let scope = Scope {
        pair_issues: false,
        list_clashes: false,
        ..Scope::all(n)
    };
    let r = compare(n, &scope);
    let json = render_to_string(&r, Format::Json);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    for pair in value["pairs"].as_array().unwrap() {
        assert!(pair.get("counts").is_some() && pair.get("conflict").is_none());
    }
    let territory = value["issues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "territory")
        .unwrap();
    assert!(territory.get("clashes").is_none());
    assert!(territory["clash_count"].as_u64().unwrap() > 0);
    let pairs = &json[json.find("\"pairs\"").unwrap()..];
    insta::assert_snapshot!(
        "seed_counts_pairs_json",
        &pairs[..pairs.find("\"summary\"").unwrap()]
    );
    let markdown = render_to_string(&r, Format::Markdown);
    // Conflicts give their count of clashing pairs, under a heading that
    // already names them.
    let count = territory["clash_count"].as_u64().unwrap();
    assert!(markdown.contains(&format!("- Clashing pairs: {count}\n")));
    let text = render_to_string(&r, Format::Text);
    assert!(text.contains(&format!("{count} clashing pairs")));
    let pairs = &markdown[markdown.find("## Pairs").unwrap()..];
    insta::assert_snapshot!("seed_counts_pairs_markdown", section(pairs, "## Pairs"));
}

/// At conference scale a conflict has thousands of clashing pairs: text and
/// Markdown show ten of a list longer than fifty and say how many more, the
/// JSON lists every one.
#[test]
fn long_lists_are_capped_for_people_and_whole_for_tools() {
    let r = synth_report(30, 12, 3);
    let issue = r
        .issues
        .iter()
        .find(|i| i.clashes.len() > 60)
        .expect("a conflict with many clashing pairs");
    // Counted apart from the clash list: the pairs whose conflicts
    // include the issue.
    let total = r
        .pairs
        .iter()
        .filter(|p| p.with(Verdict::Conflict).any(|id| id == issue.id))
        .count();
    assert_eq!(issue.clashes.len(), total);
    let markdown = render_to_string(&r, Format::Markdown);
    let anchor = format!("issue-{}\"", issue.id);
    let section = &markdown[markdown.find(&anchor).unwrap()..];
    let line = section
        .lines()
        .find(|l| l.starts_with("- Clashing pairs: "))
        .unwrap();
    assert_eq!(line.matches(" ~ ").count(), 10, "{line}");
    assert!(
        line.ends_with(&format!(", and {} more", total - 10)),
        "{line}"
    );
    let text = render_to_string(&r, Format::Text);
    assert!(text.contains(&format!("; and {} more", total - 10)));
    let json: serde_json::Value =
        serde_json::from_str(&render_to_string(&r, Format::Json)).unwrap();
    let listed = json["issues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == issue.id.as_str())
        .unwrap()["clashes"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(listed, total);
}

/// Above `FULL_CELLS` party-issue cells the Markdown is a digest a
/// reviewer can read (counts, the worst items, one row per issue, where
/// the rest is); at the threshold it is the full report.
#[test]
fn the_markdown_of_a_conference_is_a_digest() {
    use stance::export::scale::FULL_CELLS;
    let report_of = |parties: usize, issues: usize| synth_report(parties, issues, 1);
    assert_eq!(FULL_CELLS, 20 * 500);
    let full = render_to_string(&report_of(20, 500), Format::Markdown);
    assert!(!full.contains("A digest"));
    assert!(full.contains("\n## Conflicts\n") && full.contains("### <a name=\"issue-"));
    let r = report_of(21, 500);
    let digest = render_to_string(&r, Format::Markdown);
    assert!(digest.contains(
        "A digest: 21 parties × 500 issues is 10500 party-issue cells, more than the 10000"
    ));
    let headings: Vec<&str> = digest.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## Summary",
            "## What blocks a deal",
            "## Hard conflicts",
            "## Issues",
            "## Who stands together"
        ]
    );
    // One row per issue, and no stance's evidence.
    let issues = &digest[digest.find("## Issues").unwrap()..];
    for issue in &r.issues {
        assert!(issues.contains(&format!("| {} ", issue.id)), "{}", issue.id);
    }
    assert!(!digest.contains("- quote: "));
    assert!(digest.len() * 10 < full.len(), "{} bytes", digest.len());
}

/// The HTML report is deterministic too, and every issue and party of
/// the seed has its place on the page.
#[test]
fn the_html_report_is_byte_identical_and_whole() {
    let first = render_to_string(&report(SEED), Format::Html);
    assert_eq!(first, render_to_string(&report(SEED), Format::Html));
    let r = report(SEED);
    for issue in &r.issues {
        assert!(
            first.contains(&format!("id=\"issue-{}\"", issue.id)),
            "{}",
            issue.id
        );
    }
    for p in &r.parties {
        assert!(first.contains(&format!(
            "<th class=\"p\" title=\"{}\">{}</th>",
            p.name, p.id
        )));
    }
}

/// Guards the evidence of a conference's HTML: each conflict lists the
/// quote of the stance that holds it up hardest (the first party, in
/// party order, that clashes and holds the issue as a red line), although
/// the page no longer copies every stance's evidence to mark the rest.
#[test]
fn the_html_of_a_conference_quotes_the_hardest_stances() {
    let r = synth_report(21, 500, 1);
    assert!(stance::export::scale::is_conference(&r));
    let page = render_to_string(&r, Format::Html);
    let escaped = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let mut checked = 0;
    for issue in r.issues.iter().filter(|i| i.verdict == Verdict::Conflict) {
        let clashing: Vec<&str> = issue.clashes.iter().flatten().collect();
        let hardest = r.parties.iter().find_map(|p| {
            let s = issue.stances.get(&p.id)?;
            (s.strength == Some(stance::model::Strength::RedLine)
                && clashing.contains(&p.id.as_str()))
            .then_some(s)
        });
        let Some(quote) = hardest.and_then(|s| s.quote) else {
            continue;
        };
        let start = page.find(&format!("id=\"issue-{}\"", issue.id)).unwrap();
        let section = &page[start..start + page[start..].find("</details>").unwrap()];
        assert!(section.contains(&escaped(&quote)), "{}: {quote}", issue.id);
        checked += 1;
    }
    assert!(checked > 10, "only {checked} conflicts checked");
}

/// The verdicts, issue by issue, with each one's available outcomes as
/// the JSON writes them.
fn verdicts_and_available<'r>(r: &'r Report) -> Vec<(&'r str, Verdict, String)> {
    r.issues
        .iter()
        .map(|i| {
            let available = serde_json::to_string(&i.available).unwrap();
            (i.id.as_str(), i.verdict, available)
        })
        .collect()
}

#[test]
fn a_requirement_on_a_blocked_issue_fails_down_the_chain() {
    let r = report("tests/fixtures/compare/chain");
    // Withdrawal's zone holds yes, but it is blocked (hostages is a
    // conflict): peace's requirement on it fails. Format 1 read it met.
    assert_eq!(
        verdicts(&r),
        [
            ("peace", Verdict::Blocked),
            ("withdrawal", Verdict::Blocked),
            ("hostages", Verdict::Conflict)
        ]
    );
    let link = &r.issues[0].blocked_by[0];
    assert_eq!(
        (link.issue.as_str(), link.verdict),
        ("withdrawal", Verdict::Blocked)
    );
    assert_eq!(link.blocked_by[0].issue, "hostages");
}

#[test]
fn requirements_that_meet_each_other_in_a_circle_hold() {
    let r = report("tests/fixtures/compare/circle");
    // x and y require each other and both can settle yes: the greatest
    // fixpoint keeps both. u and v each require the other to be no, which
    // neither zone allows: both blocked.
    assert_eq!(
        verdicts(&r),
        [
            ("x", Verdict::Overlap),
            ("y", Verdict::Overlap),
            ("u", Verdict::Blocked),
            ("v", Verdict::Blocked)
        ]
    );
    assert!(r.issues.iter().all(|i| !i.is_contingent()));
}

#[test]
fn alternatives_widen_the_zone_and_hold_only_on_their_conditions() {
    let r = report("tests/fixtures/compare/alternatives");
    assert_eq!(
        verdicts_and_available(&r),
        [
            // beta accepts only yes, alpha yes only if a state is set up,
            // which beta refuses: the zone is yes, nothing is available.
            ("disarmament", Verdict::Blocked, "[]".to_owned()),
            ("state", Verdict::Conflict, "[]".to_owned()),
            // Enrichment through alpha's alternative, its condition met.
            (
                "fordow",
                Verdict::Overlap,
                r#"["research","enrichment"]"#.to_owned()
            ),
            // A range alternative reaching down to beta's maximum.
            (
                "centrifuges",
                Verdict::Overlap,
                r#"{"min":5060,"max":5060}"#.to_owned()
            ),
            (
                "sanctions",
                Verdict::Overlap,
                r#"["at-signing"]"#.to_owned()
            ),
        ]
    );
    let block = &r.issues[0].blocked_by[0];
    assert_eq!(
        (
            block.party.as_str(),
            block.issue.as_str(),
            block.alternative
        ),
        ("alpha", "state", Some(0))
    );
    let fordow = &r.issues[2].conditional;
    assert_eq!(fordow.len(), 1);
    assert!(fordow[0].outcomes.ids().eq(["enrichment"]));
}

#[test]
fn a_package_holds_only_together() {
    let r = report("tests/fixtures/compare/package");
    // Hostages and aid overlap on their own, but alpha accepts them only
    // with prisoners, a conflict.
    assert_eq!(
        verdicts(&r),
        [
            ("hostages", Verdict::Blocked),
            ("prisoners", Verdict::Conflict),
            ("aid", Verdict::Blocked),
            ("monitors", Verdict::Overlap)
        ]
    );
    assert!(
        r.issues[0]
            .blocked_by
            .iter()
            .all(|b| b.package.as_deref() == Some("exchange"))
    );
    assert_eq!(
        r.parties[0].packages.0[0].1,
        ["hostages", "prisoners", "aid"]
    );
}

#[test]
fn an_overlap_that_rests_on_a_gap_is_contingent() {
    let r = report("tests/fixtures/compare/contingent");
    assert_eq!(
        verdicts(&r),
        [
            ("ceasefire", Verdict::Overlap),
            ("disarmament", Verdict::Gap),
            ("reconstruction", Verdict::Overlap)
        ]
    );
    let contingent: Vec<bool> = r.issues.iter().map(|i| i.is_contingent()).collect();
    assert_eq!(contingent, [true, false, true]);
    // Reconstruction rests on the ceasefire, and that on the gap: the
    // first link is the requirement on the ceasefire, shown as it stands.
    let first = &r.issues[2].contingent_on[0];
    assert_eq!(
        (first.issue.as_str(), first.verdict),
        ("ceasefire", Verdict::Overlap)
    );
    assert_eq!(first.blocked_by[0].issue, "disarmament");
    assert_eq!(first.blocked_by[0].verdict, Verdict::Gap);
}

#[test]
fn a_party_level_requirement_holds_every_stance_but_its_own_issue() {
    let r = report("tests/fixtures/compare/party-requires");
    assert_eq!(
        verdicts(&r),
        [
            ("permanent-end", Verdict::Conflict),
            ("hostages", Verdict::Blocked),
            ("withdrawal", Verdict::Blocked)
        ]
    );
    // Between alpha and gamma, who both accept a permanent end, it holds.
    let pair = |a: &str, b: &str| r.pairs.iter().find(|p| p.parties == [a, b]).unwrap();
    assert_eq!(pair("alpha", "gamma").counts.overlap, 3);
    assert_eq!(pair("alpha", "beta").counts.blocked, 2);
    assert_eq!(r.parties[0].requires.0[0].0, "permanent-end");
}

/// The HTML marks a contingent overlap as the text and Markdown do.
#[test]
fn the_html_marks_a_contingent_overlap() {
    let page = render_to_string(&report("tests/fixtures/compare/contingent"), Format::Html);
    assert!(page.contains(">overlap (contingent)</span>"));
}

/// The Markdown section under `heading`, up to the next `## ` heading: a
/// snapshot of one section is not rewritten by a change to another.
fn section<'a>(markdown: &'a str, heading: &str) -> &'a str {
    let start = markdown.find(heading).unwrap();
    let rest = &markdown[start + heading.len()..];
    let end = rest
        .find("\n## ")
        .map_or(markdown.len(), |k| start + heading.len() + k + 1);
    &markdown[start..end]
}

/// The report on everything of the generator's negotiation of this size.
fn synth_report(parties: usize, issues: usize, seed: u64) -> stance::report::Report<'static> {
    let folder = stance::synth::folder(&stance::synth::Spec {
        parties,
        issues,
        seed,
    });
    let n: &'static Negotiation =
        Box::leak(Box::new(load::load_folder(folder).unwrap().negotiation));
    compare(n, &Scope::all(n))
}
