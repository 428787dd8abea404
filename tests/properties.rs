//! Properties of the comparison over generated negotiations of every kind,
//! written as position files and loaded like any other (proptest).

use proptest::prelude::*;

mod common;
use stance::export::{Format, render_to_string};
use stance::load::{in_memory, load_folder};
use stance::model::Negotiation;
use stance::outcome::{Interval, OutcomeSet};
use stance::report::{IssueReport, Outcomes, Report, Verdict};
use stance::{Scope, compare};

#[derive(Clone, Debug)]
enum Kind {
    Choice(usize),
    Scale(usize),
    YesNo,
    Range,
}

#[derive(Clone, Debug)]
enum Position {
    Silent,
    Status,
    /// Indices of accepted options (as many as the issue has, modulo).
    Options(Vec<usize>),
    Range(Option<i32>, Option<i32>),
}

#[derive(Clone, Debug)]
struct Stance {
    position: Position,
    red_line: bool,
    /// A requirement on another issue: (issue offset, option index or bound).
    requires: Option<(usize, i32)>,
}

#[derive(Clone, Debug)]
struct Spec {
    kinds: Vec<Kind>,
    parties: Vec<Vec<Stance>>,
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        (2..5usize).prop_map(Kind::Choice),
        (2..5usize).prop_map(Kind::Scale),
        Just(Kind::YesNo),
        Just(Kind::Range),
    ]
}

fn stance() -> impl Strategy<Value = Stance> {
    let position = prop_oneof![
        2 => Just(Position::Silent),
        1 => Just(Position::Status),
        5 => prop::collection::vec(0..5usize, 0..4).prop_map(Position::Options),
        3 => (prop::option::of(0..40i32), prop::option::of(0..40i32)).prop_map(|(a, b)| Position::Range(a, b)),
    ];
    (
        position,
        any::<bool>(),
        prop::option::weighted(0.2, (1..4usize, 0..40i32)),
    )
        .prop_map(|(position, red_line, requires)| Stance {
            position,
            red_line,
            requires,
        })
}

fn spec() -> impl Strategy<Value = Spec> {
    (prop::collection::vec(kind(), 1..6), 1..5usize).prop_flat_map(|(kinds, parties)| {
        let n = kinds.len();
        prop::collection::vec(prop::collection::vec(stance(), n), parties).prop_map(
            move |parties| Spec {
                kinds: kinds.clone(),
                parties,
            },
        )
    })
}

fn options(kind: &Kind) -> Vec<String> {
    match kind {
        Kind::Choice(n) | Kind::Scale(n) => (0..*n).map(|i| format!("o{i}")).collect(),
        Kind::YesNo => vec!["yes".into(), "no".into()],
        Kind::Range => Vec::new(),
    }
}

fn agenda(spec: &Spec) -> String {
    let mut y = "negotiation: Generated\nissues:\n".to_owned();
    for (i, kind) in spec.kinds.iter().enumerate() {
        let (name, opts) = match kind {
            Kind::Choice(_) => ("choice", true),
            Kind::Scale(_) => ("scale", true),
            Kind::YesNo => ("yes-no", false),
            Kind::Range => ("range", false),
        };
        y += &format!("  i{i}:\n    title: Issue {i}\n    kind: {name}\n");
        if opts {
            y += "    options:\n";
            for o in options(kind) {
                y += &format!("      {o}: Option {o}\n");
            }
        }
    }
    y
}

/// A party file; `None` when the party would say nothing at all.
fn party(spec: &Spec, id: &str, stances: &[Stance]) -> Option<String> {
    let mut y = format!("party: {id}\nname: Party {id}\nstances:\n");
    let mut any = false;
    for (i, (kind, s)) in spec.kinds.iter().zip(stances).enumerate() {
        let body = match (&s.position, kind) {
            (Position::Silent, _) => continue,
            (Position::Status, _) => "status: undecided".to_owned(),
            // On a range issue, options-shaped picks become an open range.
            (Position::Options(picks), Kind::Range) => {
                format!("min: {}", picks.first().copied().unwrap_or(0) * 10)
            }
            (Position::Range(a, b), Kind::Range) => match (a, b) {
                (None, None) => "ideal: 20".to_owned(),
                // Halves: the reports must carry fractions, not only whole
                // numbers, through JSON and back.
                (Some(a), None) => format!("min: {}", *a as f64 / 2.0),
                (None, Some(b)) => format!("max: {}", *b as f64 / 2.0),
                (Some(a), Some(b)) => format!(
                    "min: {}, max: {}",
                    *a.min(b) as f64 / 2.0,
                    *a.max(b) as f64 / 2.0
                ),
            },
            // On an options issue, a range-shaped stance becomes a first
            // choice alone.
            (Position::Range(a, _), kind) => {
                let opts = options(kind);
                format!("wants: \"{}\"", opts[a.unwrap_or(0) as usize % opts.len()])
            }
            (Position::Options(picks), kind) => {
                let opts = options(kind);
                let mut ids: Vec<&String> = picks.iter().map(|p| &opts[p % opts.len()]).collect();
                ids.sort();
                ids.dedup();
                let ids: Vec<String> = ids.iter().map(|o| format!("\"{o}\"")).collect();
                format!("accepts: [{}]", ids.join(", "))
            }
        };
        let mut extra = String::new();
        if s.red_line && !matches!(s.position, Position::Status) {
            extra += ", strength: red-line";
        }
        if let Some((offset, pick)) = s.requires
            && !matches!(s.position, Position::Status)
            && spec.kinds.len() > 1
        {
            let j = (i + offset) % spec.kinds.len();
            if j != i {
                let outcome = match &spec.kinds[j] {
                    Kind::Range => format!("{{min: {pick}}}"),
                    other => format!(
                        "\"{}\"",
                        options(other)[pick as usize % options(other).len()]
                    ),
                };
                extra += &format!(", requires: {{i{j}: {outcome}}}");
            }
        }
        y += &format!("  i{i}: {{{body}{extra}, note: generated}}\n");
        any = true;
    }
    any.then_some(y)
}

/// The negotiation's files: the agenda, and a file per party with a stance.
fn files(spec: &Spec) -> (String, Vec<(String, Vec<u8>)>) {
    let parties = spec
        .parties
        .iter()
        .enumerate()
        .filter_map(|(p, stances)| {
            let id = format!("p{p}");
            party(spec, &id, stances).map(|text| (format!("{id}.yaml"), text.into_bytes()))
        })
        .collect();
    (agenda(spec), parties)
}

fn load(agenda: &str, parties: Vec<(String, Vec<u8>)>) -> Negotiation {
    load_in_order(agenda, parties, false)
}

/// Loads the files; `reversed` hands the party files to the loader in the
/// reverse of name order (`in_memory` sorts them, as reading a folder does).
fn load_in_order(agenda: &str, parties: Vec<(String, Vec<u8>)>, reversed: bool) -> Negotiation {
    let mut folder = in_memory("generated", agenda.as_bytes().to_vec(), parties);
    if reversed {
        folder.parties.reverse();
    }
    let loaded = load_folder(folder);
    loaded
        .unwrap_or_else(|e| panic!("generated files should load:\n{e}"))
        .negotiation
}

fn verdicts(r: &Report) -> Vec<Verdict> {
    r.issues.iter().map(|i| i.verdict).collect()
}

/// A set of outcomes as the report names it: option ids, or an interval
/// (`None` when empty). The properties below reason on the names, apart
/// from the engine's bitsets.
#[derive(Clone, Debug, PartialEq)]
enum Held {
    Options(Vec<String>),
    Range(Option<Interval>),
}

fn held(set: &Outcomes<'_>) -> Held {
    match set.set() {
        OutcomeSet::Options(_) => Held::Options(set.ids().map(str::to_owned).collect()),
        OutcomeSet::Range(r) => Held::Range(*r),
    }
}

/// Whether an option id or a value lies in what a stance accepts.
fn accepts_zone(accepts: &Held, zone: &Held) -> bool {
    match (accepts, zone) {
        (Held::Options(ids), Held::Options(zone)) => zone.iter().all(|z| ids.contains(z)),
        (Held::Range(Some(b)), Held::Range(Some(z))) => {
            let lo_ok = match (b.min, z.min) {
                (None, _) => true,
                (Some(_), None) => false,
                (Some(a), Some(z)) => z >= a,
            };
            let hi_ok = match (b.max, z.max) {
                (None, _) => true,
                (Some(_), None) => false,
                (Some(a), Some(z)) => z <= a,
            };
            lo_ok && hi_ok
        }
        (_, Held::Range(None)) => true,
        _ => false,
    }
}

fn share(a: &Held, b: &Held) -> bool {
    match (a, b) {
        (Held::Options(x), Held::Options(y)) => x.iter().any(|o| y.contains(o)),
        (Held::Range(Some(x)), Held::Range(Some(y))) => {
            let lo = [x.min, y.min]
                .into_iter()
                .flatten()
                .fold(f64::NEG_INFINITY, f64::max);
            let hi = [x.max, y.max]
                .into_iter()
                .flatten()
                .fold(f64::INFINITY, f64::min);
            lo <= hi
        }
        _ => false,
    }
}

fn speakers<'n>(issue: &IssueReport<'n>) -> impl Iterator<Item = (&'n str, Held)> {
    issue
        .stances
        .iter()
        .filter_map(|(p, s)| s.accepts.map(|a| (p, held(&a))))
        .collect::<Vec<_>>()
        .into_iter()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_report_does_not_depend_on_the_order_files_are_given(spec in spec()) {
        let (agenda, parties) = files(&spec);
        prop_assume!(!parties.is_empty());
        let a = load_in_order(&agenda, parties.clone(), false);
        let b = load_in_order(&agenda, parties, true);
        for format in [Format::Text, Format::Markdown, Format::Json] {
            prop_assert_eq!(render_to_string(&compare(&a, &Scope::all(&a)), format), render_to_string(&compare(&b, &Scope::all(&b)), format));
        }
    }

    #[test]
    fn pair_verdicts_do_not_depend_on_the_order_of_the_two(spec in spec()) {
        let (agenda, parties) = files(&spec);
        prop_assume!(parties.len() >= 2);
        let n = load(&agenda, parties.clone());
        // The same two parties, listed the other way round by the agenda.
        let ids: Vec<String> = n.parties.iter().map(|p| p.id.clone()).collect();
        let flipped = agenda.replacen("issues:", &format!("parties: [{}, {}{}]\nissues:", ids[1], ids[0], ids[2..].iter().map(|i| format!(", {i}")).collect::<String>()), 1);
        let m = load(&flipped, parties);
        let pair = |n: &Negotiation, a: &str, b: &str| {
            let scope = Scope::select(n, Some(&[a.to_owned(), b.to_owned()]), None).unwrap();
            let r = compare(n, &scope);
            let lists = Verdict::ALL.map(|v| r.pairs[0].with(v).map(str::to_owned).collect::<Vec<_>>());
            (verdicts(&r), lists)
        };
        prop_assert_eq!(pair(&n, &ids[0], &ids[1]), pair(&m, &ids[0], &ids[1]));
    }

    #[test]
    fn a_party_and_its_copy_never_conflict_and_their_zone_is_its_own(spec in spec()) {
        let mut spec = spec;
        spec.parties.truncate(1);
        // A stance that accepts nothing conflicts with everyone, its own copy
        // included (`check` warns of it): this property is about the rest.
        for s in &mut spec.parties[0] {
            if let Position::Options(picks) = &mut s.position && picks.is_empty() {
                picks.push(0);
            }
        }
        let copy = spec.parties[0].clone();
        spec.parties.push(copy);
        let (agenda, parties) = files(&spec);
        prop_assume!(parties.len() == 2);
        let n = load(&agenda, parties);
        let r = compare(&n, &Scope::all(&n));
        for issue in &r.issues {
            prop_assert_ne!(issue.verdict, Verdict::Conflict, "{}", issue.id);
            if let Some(accepts) = issue.stances.get("p0").and_then(|s| s.accepts) {
                prop_assert_eq!(held(&issue.zone), held(&accepts), "{}", issue.id);
            }
        }
    }

    #[test]
    fn zones_lie_within_every_speaker_and_clashing_pairs_share_nothing(spec in spec()) {
        let (agenda, parties) = files(&spec);
        prop_assume!(!parties.is_empty());
        let n = load(&agenda, parties);
        let r = compare(&n, &Scope::all(&n));
        for issue in &r.issues {
            for (party, accepts) in speakers(issue) {
                prop_assert!(accepts_zone(&accepts, &held(&issue.zone)), "{} zone outside {}", issue.id, party);
            }
            for [a, b] in issue.clashes.iter() {
                let get = |p: &str| held(&issue.stances.get(p).and_then(|s| s.accepts).unwrap());
                prop_assert!(!share(&get(a), &get(b)), "{} {a} and {b} share an outcome", issue.id);
            }
            if issue.verdict == Verdict::Conflict {
                prop_assert!(issue.zone.is_empty());
            }
            if matches!(issue.verdict, Verdict::Overlap | Verdict::Blocked) {
                prop_assert!(!issue.zone.is_empty(), "{} {:?} with an empty zone", issue.id, issue.verdict);
            }
            // Not only within every speaker: exactly what all of them accept.
            if !issue.options.is_empty() && speakers(issue).count() > 0 {
                let all: Vec<String> = issue
                    .options
                    .iter()
                    .map(|o| o.id.clone())
                    .filter(|o| speakers(issue).all(|(_, a)| matches!(a, Held::Options(ids) if ids.contains(o))))
                    .collect();
                prop_assert_eq!(held(&issue.zone), Held::Options(all), "{}", issue.id);
            }
        }
    }

    #[test]
    fn adding_a_party_never_resolves_a_conflict(spec in spec()) {
        let (agenda, parties) = files(&spec);
        prop_assume!(parties.len() >= 2);
        let n = load(&agenda, parties);
        let all = compare(&n, &Scope::all(&n));
        let ids: Vec<String> = n.parties.iter().map(|p| p.id.clone()).collect();
        let fewer = compare(&n, &Scope::select(&n, Some(&ids[..ids.len() - 1]), None).unwrap());
        for (with, without) in all.issues.iter().zip(&fewer.issues) {
            // Adding the last party to a conflict keeps it a conflict;
            // removing it from an overlap never makes a conflict.
            if without.verdict == Verdict::Conflict {
                prop_assert_eq!(with.verdict, Verdict::Conflict, "{}", with.id);
            }
            if with.verdict == Verdict::Overlap {
                prop_assert_ne!(without.verdict, Verdict::Conflict, "{}", with.id);
            }
        }
    }

    #[test]
    fn the_json_report_parses_back_into_the_same_value(spec in spec()) {
        let (agenda, parties) = files(&spec);
        prop_assume!(!parties.is_empty());
        let n = load(&agenda, parties);
        let r = compare(&n, &Scope::all(&n));
        let parsed: serde_json::Value = serde_json::from_str(&render_to_string(&r, Format::Json)).unwrap();
        prop_assert_eq!(parsed, serde_json::to_value(&r).unwrap());
    }

    #[test]
    fn the_deal_clears_every_conflict_and_block(spec in spec()) {
        let (agenda, parties) = files(&spec);
        prop_assume!(!parties.is_empty());
        common::assert_deal_clears_everything(&load(&agenda, parties));
    }
}
