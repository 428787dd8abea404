//! The mediator's view: bridges, chains, the deal, groups and the view from
//! one seat, asserted on the fixtures and the seed (their renderings are
//! snapshotted with the rest of each report in tests/compare.rs).

use stance::export::{Format, render_to_string};
use stance::load::{self, load_folder};
use stance::model::Negotiation;
use stance::report::{Report, Verdict};
use stance::{Scope, compare};

mod common;
use common::assert_deal_clears_everything;
use std::path::Path;

fn negotiation(path: &str) -> Negotiation {
    load::load(Path::new(path))
        .unwrap_or_else(|e| panic!("{path} should load: {e}"))
        .negotiation
}

fn report(n: &Negotiation) -> Report<'_> {
    compare(n, &Scope::all(n))
}

fn issue<'r, 'n>(r: &'r Report<'n>, id: &str) -> &'r stance::report::IssueReport<'n> {
    r.issues.iter().find(|i| i.id == id).unwrap()
}

fn moves(p: &stance::report::Proposal) -> Vec<(String, f64)> {
    p.moves
        .iter()
        .map(|(party, m)| (party.to_owned(), m.0))
        .collect()
}

#[test]
fn bridges_of_every_kind() {
    let n = negotiation("tests/fixtures/compare/conflict");
    let r = report(&n);
    // A two-party scale: every option between the two is as near in all.
    let order = r.bridge("order").unwrap();
    let options: Vec<_> = order
        .proposals
        .iter()
        .map(|p| p.option.clone().unwrap())
        .collect();
    assert_eq!(options, ["low", "mid", "high"]);
    assert_eq!(
        moves(&order.proposals[1]),
        [("alpha".into(), 1.0), ("beta".into(), 1.0)]
    );
    // A range: the midpoint of the gap, each party moved to it.
    let days = r.bridge("days").unwrap();
    assert_eq!(days.distance.unwrap().0, 10.0);
    assert_eq!(days.proposals.len(), 1);
    assert_eq!(days.proposals[0].value.unwrap().0, 25.0);
    assert_eq!(
        moves(&days.proposals[0]),
        [("alpha".into(), 5.0), ("beta".into(), 5.0)]
    );
    assert_eq!(days.proposals[0].crosses_red_line, ["beta"]);
    // Yes-no with both sides on a red line: a tie, each crossing one.
    let aid = r.bridge("aid").unwrap();
    assert_eq!(
        aid.proposals
            .iter()
            .map(|p| p.crosses_red_line.clone())
            .collect::<Vec<_>>(),
        [vec!["beta".to_owned()], vec!["alpha".to_owned()]]
    );
    // No bridge where there is no conflict.
    let n = negotiation("tests/fixtures/compare/overlap");
    let overlap = report(&n);
    assert!(overlap.bridges().next().is_none());
}

#[test]
fn the_seed_bridges_and_deal() {
    let n = negotiation("positions/ukraine-2025-03-18");
    let r = report(&n);
    // Two steps in all either way among the principals: Russia and
    // Ukraine one each, or Ukraine two; Europe, an observer, is against
    // the second but is not asked to move.
    let territory = r.bridge("territory").unwrap();
    let options: Vec<_> = territory
        .proposals
        .iter()
        .map(|p| p.option.as_deref())
        .collect();
    assert_eq!(options, [Some("partial-withdrawal"), Some("no-withdrawal")]);
    assert_eq!(
        territory.proposals[0].crosses_red_line,
        ["russia", "ukraine"]
    );
    assert_eq!(territory.proposals[1].outside_against, ["europe"]);
    // The chain behind the blocked permanent peace.
    let block = &issue(&r, "permanent-peace").blocked_by[0];
    assert_eq!(
        (block.party.as_str(), block.issue.as_str()),
        ("russia", "military-aid")
    );
    // Military aid is Russia's, the US's and Europe's to decide: a gap
    // while the US is silent, with no zone, Russia and Europe apart.
    assert_eq!((block.verdict, block.zone.is_empty()), (Verdict::Gap, true));
    assert!(r.mediation.deal.exact);
    assert_eq!(r.mediation.deal.stances, 3);
    assert_deal_clears_everything(&n);
}

#[test]
fn a_chain_of_two_blocks() {
    let n = negotiation("tests/fixtures/compare/blocked");
    let r = report(&n);
    let peace = &issue(&r, "peace").blocked_by[0];
    assert_eq!(
        (peace.party.as_str(), peace.issue.as_str(), peace.verdict),
        ("beta", "days", Verdict::Blocked)
    );
    let next = &peace.blocked_by[0];
    assert_eq!(
        (next.party.as_str(), next.issue.as_str(), next.verdict),
        ("alpha", "sanctions", Verdict::Conflict)
    );
}

#[test]
fn every_fixture_deal_clears_every_conflict_and_block() {
    for fixture in [
        "conflict",
        "blocked",
        "open-ranges",
        "three-way",
        "requires",
        "overlap",
        "gap",
    ] {
        assert_deal_clears_everything(&negotiation(&format!("tests/fixtures/compare/{fixture}")));
    }
}

#[test]
fn past_the_exact_limit_the_deal_is_greedy_and_says_so() {
    // 17 two-way ties: 2^17 combinations, past the 65,536 tried exactly.
    let issues: String = (0..17)
        .map(|i| format!("  i{i}: {{title: Issue {i}, kind: yes-no}}\n"))
        .collect();
    let stances = |answer: &str| -> String {
        (0..17)
            .map(|i| format!("  i{i}: {{accepts: [\"{answer}\"], note: n}}\n"))
            .collect()
    };
    let n = load_folder(load::in_memory(
        "greedy",
        format!("negotiation: Many ties\nissues:\n{issues}").into_bytes(),
        vec![
            (
                "a.yaml".into(),
                format!("party: a\nname: A\nstances:\n{}", stances("yes")).into_bytes(),
            ),
            (
                "b.yaml".into(),
                format!("party: b\nname: B\nstances:\n{}", stances("no")).into_bytes(),
            ),
        ],
    ))
    .unwrap()
    .negotiation;
    let r = report(&n);
    assert!(!r.mediation.deal.exact);
    assert_eq!(r.mediation.deal.stances, 17);
    assert_deal_clears_everything(&n);
}

#[test]
fn who_stands_together_in_the_seed() {
    let n = negotiation("positions/ukraine-2025-03-18");
    let r = report(&n);
    assert_eq!(
        r.mediation.coalitions,
        [vec!["russia", "united-states"], vec!["ukraine", "europe"]]
    );
    let pair = r
        .pairs
        .iter()
        .find(|p| p.parties == ["russia", "ukraine"])
        .unwrap();
    // 3 overlaps (the path to peace among them), 0 blocked, 2 conflicts.
    assert_eq!(pair.agreement, Some(0.6));
    let russia = r.mediation.partners.get("russia").unwrap();
    assert_eq!(
        (&russia.closest[..], &russia.furthest[..]),
        (
            &["united-states".to_owned()][..],
            &["europe".to_owned()][..]
        )
    );
    // Nothing compared: no agreement at all.
    let n = negotiation("tests/fixtures/compare/gap");
    let gap = report(&n);
    assert!(gap.pairs.iter().all(|p| p.agreement.is_none()));
    assert!(gap.mediation.coalitions.is_empty());
}

#[test]
fn from_russias_seat() {
    let n = negotiation("positions/ukraine-2025-03-18");
    let scope = Scope::all(&n).with_focus(&n, "russia").unwrap();
    let focus = compare(&n, &scope).mediation.focus.unwrap();
    // Without Russia, Ukraine and the US still clash on territory.
    assert_eq!(focus.alone, ["ceasefire-scope"]);
    assert_eq!(focus.partners, ["ukraine", "united-states"]);
    // On ceasefire-scope, and now on territory (Ukraine conceding all of
    // it), a tied proposal asks nothing of Russia: no move to list, and
    // the text says so as the Markdown does.
    assert!(focus.moves.is_empty());
    let seat = Scope::all(&n).with_focus(&n, "russia").unwrap();
    let text = render_to_string(&compare(&n, &seat), Format::Text);
    assert!(text.contains(
        "  cheapest move: none: on each conflict some proposal asks nothing of it \
         (the deal may still ask a change)\n"
    ));
    let err = Scope::all(&n).with_focus(&n, "rusia").unwrap_err();
    assert_eq!(err.help.as_deref(), Some("did you mean `russia`?"));
    // A party of the negotiation left out by --parties.
    let two = Scope::select(&n, Some(&["russia".to_owned(), "ukraine".to_owned()]), None).unwrap();
    let err = two.with_focus(&n, "europe").unwrap_err();
    assert_eq!(
        err.message,
        "party `europe` is not among the parties in scope"
    );
}

fn in_memory(agenda: String, parties: Vec<(&str, String)>) -> Negotiation {
    let parties = parties
        .into_iter()
        .map(|(id, text)| (format!("{id}.yaml"), text.into_bytes()))
        .collect();
    let loaded = load_folder(load::in_memory("test", agenda.into_bytes(), parties));
    loaded.unwrap_or_else(|e| panic!("{e}")).negotiation
}

#[test]
fn an_issue_may_be_left_as_it_is_and_its_requirement_dropped() {
    // Two issues each requiring the other to settle on no, while everyone
    // says yes: dropping the two requirements (2 changes) beats moving
    // both parties on both issues (4).
    let agenda = "negotiation: Circle\nissues:\n  x: {title: X, kind: yes-no}\n  y: {title: Y, kind: yes-no}\n".to_owned();
    let a = "party: a\nname: A\nstances:\n  x: {accepts: [\"yes\"], requires: {y: \"no\"}, note: n}\n  y: {accepts: [\"yes\"], requires: {x: \"no\"}, note: n}\n";
    let b = "party: b\nname: B\nstances:\n  x: {accepts: [\"yes\"], note: n}\n  y: {accepts: [\"yes\"], note: n}\n";
    let n = in_memory(agenda, vec![("a", a.to_owned()), ("b", b.to_owned())]);
    let r = report(&n);
    let changes: Vec<String> = r
        .mediation
        .deal
        .changes
        .iter()
        .map(|c| {
            format!(
                "{} {} {:?} {:?}",
                c.party,
                c.issue.unwrap_or_default(),
                c.change,
                c.requirement_on
            )
        })
        .collect();
    assert_eq!(r.mediation.deal.stances, 2, "{changes:?}");
    assert_deal_clears_everything(&n);
}

#[test]
fn branching_requirements_do_not_repeat_the_chain() {
    // Each issue requires the next two: followed naively, the chain below
    // i0 would hold a Fibonacci number of links (over 800,000 for 30
    // issues). Each issue is followed once per chain.
    let count = 30;
    let issues: String = (0..count)
        .map(|i| format!("  i{i}: {{title: I{i}, kind: yes-no}}\n"))
        .collect();
    let stance = |i: usize, answer: &str| {
        let requires: Vec<String> = [i + 1, i + 2]
            .iter()
            .filter(|&&j| j < count)
            .map(|j| format!("i{j}: \"no\""))
            .collect();
        let requires = if requires.is_empty() {
            String::new()
        } else {
            format!(", requires: {{{}}}", requires.join(", "))
        };
        format!("  i{i}: {{accepts: [\"{answer}\"]{requires}, note: n}}\n")
    };
    let a: String = (0..count).map(|i| stance(i, "yes")).collect();
    let b: String = (0..count)
        .map(|i| stance(i, if i == count - 1 { "no" } else { "yes" }))
        .collect();
    let n = in_memory(
        format!("negotiation: Branches\nissues:\n{issues}"),
        vec![
            ("a", format!("party: a\nname: A\nstances:\n{a}")),
            ("b", format!("party: b\nname: B\nstances:\n{b}")),
        ],
    );
    let r = report(&n);
    fn links(blocks: &[stance::report::Block]) -> usize {
        blocks.iter().map(|b| 1 + links(&b.blocked_by)).sum()
    }
    let total: usize = r.issues.iter().map(|i| links(&i.blocked_by)).sum();
    // Four requirements per issue (two per party), each chain following
    // every issue at most once: at most 4 x (4 x 30 + 1) links per issue.
    assert!(total <= count * 4 * (4 * count + 1), "{total} links");
    assert_eq!(r.issues[0].verdict, Verdict::Blocked);
}

/// An issue id longer than a format width allows (65,535): the text
/// formats padded their columns with `{:width$}` and panicked on it. Two
/// parties in conflict on it, so it is in every table and list.
#[test]
fn ids_wider_than_a_format_width_are_padded() {
    let id = "i".repeat(70_000);
    let round = |b: &str| {
        // Explicit keys (`? key`): YAML caps implicit ones at 1,024.
        let stance = |answer: &str| {
            format!("stances:\n  ? {id}\n  : {{accepts: [\"{answer}\"], note: n}}\n")
        };
        in_memory(
            format!("negotiation: Wide\nissues:\n  ? {id}\n  : {{title: Wide, kind: yes-no}}\n"),
            vec![
                ("a", format!("party: a\nname: A\n{}", stance("yes"))),
                ("b", format!("party: b\nname: B\n{}", stance(b))),
            ],
        )
    };
    let (conflict, overlap) = (round("no"), round("yes"));
    let r = report(&conflict);
    for format in [Format::Text, Format::Markdown, Format::Json] {
        assert!(render_to_string(&r, format).contains(&id));
    }
    // b moves: a stance change and a resolved conflict, both on that id.
    let c = stance::changes::changes(&conflict, &overlap, ["a", "b"], Default::default());
    for format in [Format::Text, Format::Markdown, Format::Json] {
        let text = stance::export::render_changes_to_string(&c, format);
        assert!(text.matches(id.as_str()).count() >= 2, "{format:?}");
    }
}

/// Issue 12's hostile shapes, at a size a test can load: `issues`
/// issues over `parties` parties, each party's stance on an issue
/// requiring the next issue (`requires`) to settle on `wants`.
fn ring(parties: usize, issues: usize, stance: impl Fn(usize, usize) -> String) -> Negotiation {
    let agenda: String = (0..issues)
        .map(|i| format!("  i{i:02}: {{title: I, kind: choice, options: {{a: A, b: B}}}}\n"))
        .collect();
    let files = (0..parties)
        .map(|p| {
            let stances: String = (0..issues).map(|i| stance(p, i)).collect();
            let text = format!("party: p{p:03}\nname: P\nstances:\n{stances}");
            (format!("p{p:03}.yaml"), text.into_bytes())
        })
        .collect();
    let loaded = load_folder(load::in_memory(
        "ring",
        format!("negotiation: Ring\nissues:\n{agenda}").into_bytes(),
        files,
    ));
    loaded.expect("the ring loads").negotiation
}

/// The deal search that took 143 s on 300 parties (16 two-way conflicts
/// whose stances require each other): every combination is tried, and
/// each step looks only at the stances of the issue that changed, so the
/// work stays a few units per party and combination, within the budget.
#[test]
fn the_deal_search_does_bounded_work_on_a_ring_of_conflicts() {
    let (parties, issues) = (12, 16);
    let n = ring(parties, issues, |p, i| {
        let side = |k: usize| ["a", "b"][k % 2];
        format!(
            "  i{i:02}: {{accepts: [{}], note: n, requires: {{i{:02}: {}}}}}\n",
            side(p + i),
            (i + 1) % issues,
            side(p + i + 1)
        )
    });
    let r = report(&n);
    assert!(r.mediation.deal.exact && !r.mediation.deal.cut_short);
    assert_eq!(r.mediation.deal.tried, 1 << 16);
    // One issue's choice changes per step (two when the next wraps): its
    // half of the parties' dropped requirements out and in, and its
    // stances, 24 units; about two issues a step.
    let per_step = 2 * (parties / 2) + parties;
    assert!(
        r.mediation.deal.work <= 2 * per_step as u64 * r.mediation.deal.tried,
        "{} units",
        r.mediation.deal.work
    );
    assert_eq!(r.mediation.deal.stances, issues * parties / 2);
    assert_deal_clears_everything(&n);
}

/// Every party requiring the next issue, on a ring where every issue is
/// blocked by every party: each chain tree followed every party's
/// requirement three links down, so a report held each issue's blocks
/// once per party (a thousand parties gave 3 GB). An issue's blocks now
/// share one tree: each required issue followed once, at most
/// `CHAIN_LINKS` links below its own entries.
#[test]
fn a_ring_of_blocks_shows_each_link_once_per_issue() {
    let parties = 70;
    let n = ring(parties, 6, |_, i| {
        format!(
            "  i{i:02}: {{accepts: [a], note: n, requires: {{i{:02}: b}}}}\n",
            (i + 1) % 6
        )
    });
    let r = report(&n);
    fn links(blocks: &[stance::report::Block]) -> usize {
        blocks.iter().map(|b| 1 + links(&b.blocked_by)).sum()
    }
    for issue in &r.issues {
        assert_eq!(issue.verdict, Verdict::Blocked);
        assert_eq!(issue.blocked_by.len(), parties);
        let below = links(&issue.blocked_by) - parties;
        // The next issue's 70 blocks do not fit in 64 links: not followed.
        assert_eq!(below, 0, "{}", issue.id);
    }
    // With fewer parties the next issue is followed once, under the first
    // entry only.
    let n = ring(20, 6, |_, i| {
        format!(
            "  i{i:02}: {{accepts: [a], note: n, requires: {{i{:02}: b}}}}\n",
            (i + 1) % 6
        )
    });
    let r = report(&n);
    let first = &r.issues[0].blocked_by;
    assert_eq!(first[0].blocked_by.len(), 20);
    assert!(first[1..].iter().all(|b| b.blocked_by.is_empty()));
    // At most `CHAIN_LINKS` below the entries.
    assert!(links(first) - 20 <= 64);
}

/// A block names its required conflict's clashing pairs; a thousand
/// parties split on it, each requiring it, made that 250 million pairs.
/// Past `BLOCK_CLASHES_LISTED` a block counts them instead.
#[test]
fn a_block_counts_the_pairs_of_a_large_conflict() {
    let json = |parties: usize| {
        let n = ring(parties, 2, |p, i| match i {
            0 => "  i00: {accepts: [a], note: n, requires: {i01: a}}\n".to_owned(),
            _ => format!("  i01: {{accepts: [{}], note: n}}\n", ["a", "b"][p % 2]),
        });
        let r = report(&n);
        let value: serde_json::Value =
            serde_json::from_str(&render_to_string(&r, Format::Json)).unwrap();
        value["issues"][0]["blocked_by"][0].clone()
    };
    // 7 against 7: 49 pairs, listed.
    let small = json(14);
    assert_eq!(small["clashes"].as_array().unwrap().len(), 49);
    assert!(small.get("clash_count").is_none());
    // 8 against 8: 64 pairs, counted.
    let large = json(16);
    assert_eq!(large["clash_count"], 64);
    assert!(large.get("clashes").is_none());
}

/// A deal whose search ran out of budget says so in every format.
#[test]
fn a_cut_short_deal_says_so() {
    let n = negotiation("tests/fixtures/compare/conflict");
    let mut r = report(&n);
    let deal = &mut r.mediation.deal;
    (deal.exact, deal.cut_short, deal.tried) = (false, true, 1234);
    let text = render_to_string(&r, Format::Text);
    assert!(
        text.contains("the search was cut short after 1234 combinations"),
        "{text}"
    );
    let markdown = render_to_string(&r, Format::Markdown);
    assert!(markdown.contains("before the search was cut short: it tried 1234 combinations"));
    let json: serde_json::Value =
        serde_json::from_str(&render_to_string(&r, Format::Json)).unwrap();
    assert_eq!(json["deal"]["cut_short"], true);
    assert_eq!(json["deal"]["exact"], false);
}
