//! Properties of sequence issues over generated negotiations (proptest):
//! each party orders a few steps of one sequence issue, as a party file
//! would, and the report is checked against brute force on the steps'
//! permutations and on the subsets of constraints.

use proptest::prelude::*;
use stance::load::{in_memory, load_folder};
use stance::model::Negotiation;
use stance::report::{Report, Verdict};
use stance::{Scope, compare};

const STEPS: usize = 5;

fn step(k: usize) -> String {
    format!("s{k}")
}

/// Each party's chains: lists of distinct steps, at least two each. Chains
/// that would put a step before itself are dropped: a party's own cycle is
/// an error of `stance check` (tested in `check.rs`).
fn parties() -> impl Strategy<Value = Vec<Vec<Vec<usize>>>> {
    let chain = proptest::sample::subsequence((0..STEPS).collect::<Vec<_>>(), 2..=3).prop_shuffle();
    prop::collection::vec(prop::collection::vec(chain, 1..=2), 2..=4)
}

/// The constraints of chains: consecutive pairs.
fn pairs(chains: &[Vec<usize>]) -> Vec<(usize, usize)> {
    chains
        .iter()
        .flat_map(|c| c.windows(2).map(|w| (w[0], w[1])))
        .collect()
}

fn acyclic(pairs: &[(usize, usize)]) -> bool {
    first_order(pairs).is_some()
}

/// The first permutation in agenda order (lexicographic on step places)
/// that keeps every constraint: what the report's `order` must be.
fn first_order(pairs: &[(usize, usize)]) -> Option<Vec<usize>> {
    let mut perm: Vec<usize> = (0..STEPS).collect();
    loop {
        let place = |s: usize| perm.iter().position(|&p| p == s).unwrap();
        if pairs.iter().all(|&(a, b)| place(a) < place(b)) {
            return Some(perm);
        }
        // Next permutation, lexicographic.
        let i = (0..STEPS - 1).rev().find(|&i| perm[i] < perm[i + 1])?;
        let j = (i + 1..STEPS).rev().find(|&j| perm[j] > perm[i]).unwrap();
        perm.swap(i, j);
        perm[i + 1..].reverse();
    }
}

/// The agenda, the party files, and each party's constraints.
type Generated = (String, Vec<(String, Vec<u8>)>, Vec<Vec<(usize, usize)>>);

/// The files: each party keeps only chains that leave its own set acyclic.
fn files(parties: &[Vec<Vec<usize>>]) -> Generated {
    let mut agenda = String::from(
        "negotiation: Generated\nissues:\n  seq:\n    title: Order\n    kind: sequence\n    steps:\n",
    );
    for k in 0..STEPS {
        agenda.push_str(&format!("      {}: Step {k}\n", step(k)));
    }
    let mut out = Vec::new();
    let mut held = Vec::new();
    for (k, chains) in parties.iter().enumerate() {
        let mut kept: Vec<Vec<usize>> = Vec::new();
        for chain in chains {
            let mut with = kept.clone();
            with.push(chain.clone());
            if acyclic(&pairs(&with)) {
                kept = with;
            }
        }
        let id = format!("p{k}");
        let order: Vec<String> = kept
            .iter()
            .map(|c| {
                format!(
                    "[{}]",
                    c.iter().map(|&s| step(s)).collect::<Vec<_>>().join(", ")
                )
            })
            .collect();
        let text = format!(
            "party: {id}\nname: Party {k}\nstances:\n  seq:\n    order: [{}]\n    note: generated\n",
            order.join(", ")
        );
        held.push(pairs(&kept));
        out.push((format!("{id}.yaml"), text.into_bytes()));
    }
    (agenda, out, held)
}

fn load(agenda: &str, files: Vec<(String, Vec<u8>)>) -> Negotiation {
    let folder = in_memory("generated", agenda.as_bytes().to_vec(), files);
    load_folder(folder)
        .unwrap_or_else(|e| panic!("generated files should load:\n{e}"))
        .negotiation
}

fn the_issue<'r, 'n>(r: &'r Report<'n>) -> &'r stance::report::IssueReport<'n> {
    &r.issues[0]
}

fn step_index(id: &str) -> usize {
    id[1..].parse().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Guards the verdict and `order`: overlap exactly when the union has
    /// no cycle, and then `order` is the first permutation in agenda
    /// order that keeps every party's every constraint.
    #[test]
    fn the_order_keeps_every_constraint_and_is_the_first_in_agenda_order(spec in parties()) {
        let (agenda, files, held) = files(&spec);
        let n = load(&agenda, files);
        let r = compare(&n, &Scope::all(&n));
        let issue = the_issue(&r);
        let union: Vec<(usize, usize)> = held.iter().flatten().copied().collect();
        let expected = first_order(&union);
        prop_assert_eq!(issue.verdict == Verdict::Overlap, expected.is_some());
        let order: Option<Vec<usize>> = issue
            .order
            .clone()
            .expect("a sequence carries `order`")
            .map(|o| o.iter().map(|s| step_index(s)).collect());
        prop_assert_eq!(order, expected);
    }

    /// Guards the reduced zone: it keeps the same orders as the union (the
    /// same closure) and no constraint of it follows from the others.
    #[test]
    fn the_zone_is_the_union_transitively_reduced(spec in parties()) {
        let (agenda, files, held) = files(&spec);
        let n = load(&agenda, files);
        let r = compare(&n, &Scope::all(&n));
        let Some(before) = the_issue(&r).zone.before() else {
            return Ok(());
        };
        let reduced: Vec<(usize, usize)> =
            before.iter().map(|[a, b]| (step_index(a), step_index(b))).collect();
        let union: Vec<(usize, usize)> = held.iter().flatten().copied().collect();
        let closure = |pairs: &[(usize, usize)]| {
            let mut reach = [[false; STEPS]; STEPS];
            for &(a, b) in pairs {
                reach[a][b] = true;
            }
            for k in 0..STEPS {
                for i in 0..STEPS {
                    for j in 0..STEPS {
                        reach[i][j] |= reach[i][k] && reach[k][j];
                    }
                }
            }
            reach
        };
        prop_assert_eq!(closure(&reduced), closure(&union));
        for (k, _) in reduced.iter().enumerate() {
            let mut others = reduced.clone();
            let gone = others.remove(k);
            prop_assert!(!closure(&others)[gone.0][gone.1], "{gone:?} follows from the others");
        }
        let mut sorted = reduced.clone();
        sorted.sort_unstable();
        prop_assert_eq!(sorted, reduced);
    }

    /// Guards the union rule: a party added to the deciders never removes
    /// a cycle, so a conflict stays a conflict.
    #[test]
    fn adding_a_party_never_removes_a_cycle(spec in parties()) {
        let (agenda, files, _) = files(&spec);
        let fewer: Vec<(String, Vec<u8>)> = files[..files.len() - 1].to_vec();
        if fewer.len() < 2 {
            return Ok(());
        }
        let small = load(&agenda, fewer);
        let big = load(&agenda, files);
        let before = compare(&small, &Scope::all(&small));
        let after = compare(&big, &Scope::all(&big));
        if the_issue(&before).verdict == Verdict::Conflict {
            prop_assert_eq!(the_issue(&after).verdict, Verdict::Conflict);
        }
    }

    /// Guards the bridge: its drops leave no cycle, and no set of fewer
    /// entries does; among as few, none comes first in party order then
    /// agenda order (brute force over every subset of entries).
    #[test]
    fn the_bridge_drops_the_fewest_entries_and_the_first_among_ties(spec in parties()) {
        let (agenda, files, held) = files(&spec);
        let n = load(&agenda, files);
        let r = compare(&n, &Scope::all(&n));
        let Some(bridge) = r.bridge("seq") else {
            return Ok(());
        };
        let order = bridge.order.as_ref().expect("a sequence bridge");
        prop_assert!(order.exact);
        let got: Vec<(usize, usize, usize)> = order
            .drop
            .iter()
            .map(|d| (d.party[1..].parse().unwrap(), step_index(d.before[0]), step_index(d.before[1])))
            .collect();
        let mut entries: Vec<(usize, usize, usize)> = held
            .iter()
            .enumerate()
            .flat_map(|(p, pairs)| pairs.iter().map(move |&(a, b)| (p, a, b)))
            .collect();
        entries.sort_unstable();
        entries.dedup();
        prop_assume!(entries.len() <= 16);
        let mut best: Option<Vec<(usize, usize, usize)>> = None;
        for mask in 0u32..(1 << entries.len()) {
            let dropped: Vec<_> = (0..entries.len()).filter(|k| mask & (1 << k) != 0).map(|k| entries[k]).collect();
            let left: Vec<(usize, usize)> = entries
                .iter()
                .filter(|e| !dropped.contains(e))
                .map(|&(_, a, b)| (a, b))
                .collect();
            if !acyclic(&left) {
                continue;
            }
            let better = match &best {
                None => true,
                Some(b) => dropped.len() < b.len() || (dropped.len() == b.len() && dropped < *b),
            };
            if better {
                best = Some(dropped);
            }
        }
        prop_assert_eq!(Some(got), best);
    }
}

/// Same input, byte-identical report, and ties broken by agenda order: two
/// unconstrained steps come in agenda order whatever the party files say.
#[test]
fn ties_go_to_agenda_order_and_reports_repeat() {
    let spec = vec![vec![vec![4, 3]], vec![vec![4, 3]]];
    let (agenda, files, _) = files(&spec);
    let n = load(&agenda, files.clone());
    let r = compare(&n, &Scope::all(&n));
    let order = the_issue(&r).order.clone().unwrap().unwrap();
    assert_eq!(order, ["s0", "s1", "s2", "s4", "s3"]);
    let json = |n: &Negotiation| {
        stance::export::render_to_string(&compare(n, &Scope::all(n)), stance::export::Format::Json)
    };
    let again = load(&agenda, files);
    assert_eq!(json(&n), json(&again));
}
