//! Properties of the comparison over generated negotiations of every kind,
//! written as position files and loaded like any other (proptest).

use proptest::prelude::*;

mod common;
#[path = "properties/generated.rs"]
mod generated;
#[path = "properties/reference.rs"]
mod reference;

use generated::{Position, agenda_in, files, load, load_in_order, spec};
use stance::export::{Format, render_to_string};
use stance::model::Negotiation;
use stance::outcome::{Interval, OutcomeSet};
use stance::report::{IssueReport, Outcomes, Report, Verdict};
use stance::{Scope, compare};

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
        OutcomeSet::Order(_) => unreachable!("no sequence among generated negotiations"),
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

/// The two together: ids of either, or the interval spanning both (a
/// base and its alternatives touch).
fn join(a: Held, b: Held) -> Held {
    match (a, b) {
        (Held::Options(mut x), Held::Options(y)) => {
            x.extend(y.into_iter().filter(|o| !x.contains(o)).collect::<Vec<_>>());
            Held::Options(x)
        }
        (Held::Range(Some(x)), Held::Range(Some(y))) => Held::Range(Some(Interval {
            min: x.min.zip(y.min).map(|(a, b)| a.min(b)),
            max: x.max.zip(y.max).map(|(a, b)| a.max(b)),
        })),
        (a, _) => a,
    }
}

/// Each party with a position, and what it could accept: its stance's
/// `accepts` and every alternative's, as the report shows them.
fn speakers<'n>(issue: &IssueReport<'n>) -> impl Iterator<Item = (&'n str, Held)> {
    issue
        .stances
        .iter()
        .filter_map(|(p, s)| {
            let base = held(&s.accepts?);
            Some((
                p,
                s.alternatives
                    .iter()
                    .fold(base, |all, a| join(all, held(&a.accepts))),
            ))
        })
        .collect::<Vec<_>>()
        .into_iter()
}

/// Each issue's verdict, available outcomes and whether it is contingent,
/// by id.
fn by_id(r: &Report) -> Vec<(String, Verdict, Held, bool)> {
    let mut all: Vec<_> = r
        .issues
        .iter()
        .map(|i| {
            (
                i.id.clone(),
                i.verdict,
                held(&i.available),
                i.is_contingent(),
            )
        })
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
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
        // Conditions are left out: they may block, which is not conflict.
        spec.conditions = false;
        for s in &mut spec.parties[0].stances {
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
                let get = |p: &str| speakers(issue).find(|(q, _)| *q == p).unwrap().1;
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

    /// The engine's worklist agrees with the reference's rounds on every
    /// issue (verdict, available outcomes, contingent or not) and every
    /// pair: with and without Format 2's fields, so a Format 1 folder is
    /// judged as the rules say, a requirement on a blocked issue failing.
    #[test]
    fn the_fixpoint_is_the_reference_s(spec in spec()) {
        let (agenda, parties) = files(&spec);
        prop_assume!(!parties.is_empty());
        let n = load(&agenda, parties);
        let r = compare(&n, &Scope::all(&n));
        let everyone: Vec<usize> = (0..n.parties.len()).collect();
        let real = reference::judge(&n, &everyone, false);
        let pessimistic = reference::judge(&n, &everyone, true);
        for ((issue, want), pess) in r.issues.iter().zip(&real).zip(&pessimistic) {
            prop_assert_eq!(issue.verdict, want.verdict, "{}", issue.id);
            let options = issue.options.len();
            prop_assert_eq!(
                reference::Set::of_outcome(issue.available.set(), options),
                want.available.clone(),
                "{} available", issue.id
            );
            let contingent = want.verdict == Verdict::Overlap && pess.verdict == Verdict::Blocked;
            prop_assert_eq!(issue.is_contingent(), contingent, "{} contingent", issue.id);
        }
        let mut k = 0;
        for a in 0..n.parties.len() {
            for b in a + 1..n.parties.len() {
                let two = reference::judge(&n, &[a, b], false);
                let pair = &r.pairs[k];
                k += 1;
                for (issue, want) in r.issues.iter().zip(&two) {
                    let speaks = |p: usize| {
                        n.parties[p].stances[n.agenda.index_of(&issue.id).unwrap().get()]
                            .as_ref()
                            .is_some_and(|s| s.has_position())
                    };
                    let listed: Vec<Verdict> = Verdict::ALL
                        .into_iter()
                        .filter(|&v| pair.with(v).any(|id| id == issue.id))
                        .collect();
                    let expected = if speaks(a) || speaks(b) { vec![want.verdict] } else { Vec::new() };
                    prop_assert_eq!(listed, expected, "{} between {:?}", issue.id, pair.parties);
                }
            }
        }
    }

    /// An alternative only widens what a party could accept: an overlap
    /// stays out of conflict when one is added, whatever it requires.
    #[test]
    fn adding_an_alternative_never_turns_an_overlap_into_a_conflict(
        spec in spec(),
        at in (0..5usize, 0..6usize),
        alternative in (prop::collection::vec(0..5usize, 1..3), 0..20i32, (1..6usize, 0..40i32)),
    ) {
        let mut spec = spec;
        spec.conditions = true;
        let (agenda, parties) = files(&spec);
        prop_assume!(!parties.is_empty());
        let before = load(&agenda, parties);
        let p = at.0 % spec.parties.len();
        let i = at.1 % spec.kinds.len();
        // Adding, not replacing: a stance carries at most one generated
        // alternative, and swapping it for another may well narrow it.
        prop_assume!(spec.parties[p].stances[i].alternative.is_none());
        spec.parties[p].stances[i].alternative = Some(alternative);
        let (agenda, parties) = files(&spec);
        let after = load(&agenda, parties);
        let (was, is) = (compare(&before, &Scope::all(&before)), compare(&after, &Scope::all(&after)));
        for (old, new) in was.issues.iter().zip(&is.issues) {
            if old.verdict == Verdict::Overlap {
                prop_assert_ne!(new.verdict, Verdict::Conflict, "{}", new.id);
            }
            // The zone only widens.
            if old.verdict != Verdict::Gap && !old.zone.is_empty() {
                prop_assert!(accepts_zone(&held(&new.zone), &held(&old.zone)), "{}", new.id);
            }
        }
    }

    /// The fixpoint does not depend on the order of the issues in the
    /// agenda, nor on the order the party files are read in.
    #[test]
    fn the_fixpoint_does_not_depend_on_issue_or_file_order(spec in spec(), seed in any::<u64>()) {
        let (agenda, parties) = files(&spec);
        prop_assume!(!parties.is_empty());
        let n = load(&agenda, parties.clone());
        let mut order: Vec<usize> = (0..spec.kinds.len()).collect();
        // A shuffle drawn from the seed.
        let mut x = seed | 1;
        for k in (1..order.len()).rev() {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            order.swap(k, (x % (k as u64 + 1)) as usize);
        }
        let m = load_in_order(&agenda_in(&spec, &order), parties, true);
        prop_assert_eq!(by_id(&compare(&n, &Scope::all(&n))), by_id(&compare(&m, &Scope::all(&m))));
    }
}
