//! Small negotiations of every kind, as position files: the strategies the
//! properties draw from. Format 2's conditions come in on their own
//! (`Spec::conditions`), so that the same spec can be read with and
//! without them.

use proptest::prelude::*;
use stance::load::{in_memory, load_folder};
use stance::model::Negotiation;

#[derive(Clone, Debug)]
pub enum Kind {
    Choice(usize),
    Scale(usize),
    YesNo,
    Range,
}

#[derive(Clone, Debug)]
pub enum Position {
    Silent,
    Status,
    /// Indices of accepted options (as many as the issue has, modulo).
    Options(Vec<usize>),
    Range(Option<i32>, Option<i32>),
}

/// A requirement on another issue: (issue offset, option index or bound).
pub type Need = (usize, i32);

#[derive(Clone, Debug)]
pub struct Stance {
    pub position: Position,
    pub red_line: bool,
    pub requires: Option<Need>,
    /// An alternative: its options (or how far a range one reaches past
    /// the base) and its requirement.
    pub alternative: Option<(Vec<usize>, i32, Need)>,
}

#[derive(Clone, Debug)]
pub struct Party {
    pub stances: Vec<Stance>,
    /// A party-level requirement: (issue, option index or bound).
    pub requires: Option<(usize, i32)>,
    /// A package: issue indices (those the party takes a position on).
    pub package: Vec<usize>,
}

#[derive(Clone, Debug)]
pub struct Spec {
    pub kinds: Vec<Kind>,
    pub parties: Vec<Party>,
    /// Whether the files carry alternatives, packages and party-level
    /// requirements: off, they are Format 1 files.
    pub conditions: bool,
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        (2..5usize).prop_map(Kind::Choice),
        (2..5usize).prop_map(Kind::Scale),
        Just(Kind::YesNo),
        Just(Kind::Range),
    ]
}

fn need() -> impl Strategy<Value = Need> {
    (1..6usize, 0..40i32)
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
        prop::option::weighted(0.2, need()),
        prop::option::weighted(
            0.25,
            (prop::collection::vec(0..5usize, 1..3), 0..20i32, need()),
        ),
    )
        .prop_map(|(position, red_line, requires, alternative)| Stance {
            position,
            red_line,
            requires,
            alternative,
        })
}

fn party(issues: usize) -> impl Strategy<Value = Party> {
    (
        prop::collection::vec(stance(), issues),
        prop::option::weighted(0.15, (0..issues, 0..40i32)),
        prop::collection::vec(0..issues, 0..4),
    )
        .prop_map(|(stances, requires, package)| Party {
            stances,
            requires,
            package,
        })
}

/// Negotiations with conditions (alternatives, packages, party-level
/// requirements) in about half of them.
pub fn spec() -> impl Strategy<Value = Spec> {
    (
        prop::collection::vec(kind(), 1..6),
        1..5usize,
        any::<bool>(),
    )
        .prop_flat_map(|(kinds, parties, conditions)| {
            let n = kinds.len();
            prop::collection::vec(party(n), parties).prop_map(move |parties| Spec {
                kinds: kinds.clone(),
                parties,
                conditions,
            })
        })
}

pub fn options(kind: &Kind) -> Vec<String> {
    match kind {
        Kind::Choice(n) | Kind::Scale(n) => (0..*n).map(|i| format!("o{i}")).collect(),
        Kind::YesNo => vec!["yes".into(), "no".into()],
        Kind::Range => Vec::new(),
    }
}

/// The agenda, its issues in `order` (a permutation of the spec's).
pub fn agenda_in(spec: &Spec, order: &[usize]) -> String {
    let mut y = "negotiation: Generated\nissues:\n".to_owned();
    for &i in order {
        let kind = &spec.kinds[i];
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

pub fn agenda(spec: &Spec) -> String {
    agenda_in(spec, &(0..spec.kinds.len()).collect::<Vec<_>>())
}

/// What a requirement on issue `j` asks for, as YAML.
fn outcome(spec: &Spec, j: usize, pick: i32) -> String {
    match &spec.kinds[j] {
        Kind::Range => format!("{{min: {pick}}}"),
        other => format!(
            "\"{}\"",
            options(other)[pick as usize % options(other).len()]
        ),
    }
}

/// The interval of a range stance, open ends as infinities, as written.
fn range_of(a: Option<i32>, b: Option<i32>) -> (Option<f64>, Option<f64>, String) {
    match (a, b) {
        (None, None) => (Some(20.0), Some(20.0), "ideal: 20".to_owned()),
        // Halves: the reports must carry fractions, not only whole
        // numbers, through JSON and back.
        (Some(a), None) => (
            Some(a as f64 / 2.0),
            None,
            format!("min: {}", a as f64 / 2.0),
        ),
        (None, Some(b)) => (
            None,
            Some(b as f64 / 2.0),
            format!("max: {}", b as f64 / 2.0),
        ),
        (Some(a), Some(b)) => {
            let (lo, hi) = (a.min(b) as f64 / 2.0, a.max(b) as f64 / 2.0);
            (Some(lo), Some(hi), format!("min: {lo}, max: {hi}"))
        }
    }
}

/// A party file; `None` when the party would say nothing at all.
pub fn party_file(spec: &Spec, id: &str, party: &Party) -> Option<String> {
    let mut y = format!("party: {id}\nname: Party {id}\n");
    let mut body = String::from("stances:\n");
    let mut positioned = Vec::new();
    let mut any = false;
    for (i, (kind, s)) in spec.kinds.iter().zip(&party.stances).enumerate() {
        let mut base_range = None;
        let position = match (&s.position, kind) {
            (Position::Silent, _) => continue,
            (Position::Status, _) => "status: undecided".to_owned(),
            // On a range issue, options-shaped picks become an open range.
            (Position::Options(picks), Kind::Range) => {
                let min = picks.first().copied().unwrap_or(0) * 10;
                base_range = Some((Some(min as f64), None));
                format!("min: {min}")
            }
            (Position::Range(a, b), Kind::Range) => {
                let (lo, hi, text) = range_of(*a, *b);
                base_range = Some((lo, hi));
                text
            }
            // On an options issue, a range-shaped stance becomes a first
            // choice alone.
            (Position::Range(a, _), kind) => {
                let opts = options(kind);
                format!("wants: \"{}\"", opts[a.unwrap_or(0) as usize % opts.len()])
            }
            (Position::Options(picks), kind) => {
                let opts = options(kind);
                format!("accepts: [{}]", ids(&opts, picks))
            }
        };
        any = true;
        let status = matches!(s.position, Position::Status);
        if !status {
            positioned.push(i);
        }
        let mut extra = String::new();
        if s.red_line && !status {
            extra += ", strength: red-line";
        }
        if let Some((offset, pick)) = s.requires
            && !status
            && spec.kinds.len() > 1
        {
            let j = (i + offset) % spec.kinds.len();
            if j != i {
                extra += &format!(", requires: {{i{j}: {}}}", outcome(spec, j, pick));
            }
        }
        if let Some((picks, reach, (offset, pick))) = &s.alternative
            && spec.conditions
            && !status
        {
            // An alternative needs a requirement of its own, on another
            // issue; on a range it reaches past the base, touching it.
            let j = (i + offset) % spec.kinds.len();
            if j != i {
                let accepts = match (kind, base_range) {
                    (Kind::Range, Some((lo, hi))) => {
                        let reach = f64::from(*reach);
                        match (lo, hi) {
                            (_, Some(hi)) => format!("max: {}", hi + reach),
                            (Some(lo), None) => format!("min: {}", lo - reach),
                            (None, None) => "min: 0".to_owned(),
                        }
                    }
                    (Kind::Range, None) => String::new(),
                    (kind, _) => format!("accepts: [{}]", ids(&options(kind), picks)),
                };
                if !accepts.is_empty() {
                    extra += &format!(
                        ", alternatives: [{{{accepts}, requires: {{i{j}: {}}}}}]",
                        outcome(spec, j, *pick)
                    );
                }
            }
        }
        body += &format!("  i{i}: {{{position}{extra}, note: generated}}\n");
    }
    if !any {
        return None;
    }
    if spec.conditions {
        if let Some((j, pick)) = party.requires {
            y += &format!("requires: {{i{j}: {}}}\n", outcome(spec, j, pick));
        }
        let mut package: Vec<usize> = party
            .package
            .iter()
            .copied()
            .filter(|i| positioned.contains(i))
            .collect();
        package.sort_unstable();
        package.dedup();
        if package.len() >= 2 {
            let list: Vec<String> = package.iter().map(|i| format!("i{i}")).collect();
            y += &format!("packages: {{together: [{}]}}\n", list.join(", "));
        }
    }
    Some(y + &body)
}

fn ids(opts: &[String], picks: &[usize]) -> String {
    let mut ids: Vec<&String> = picks.iter().map(|p| &opts[p % opts.len()]).collect();
    ids.sort();
    ids.dedup();
    let ids: Vec<String> = ids.iter().map(|o| format!("\"{o}\"")).collect();
    ids.join(", ")
}

/// The negotiation's files: the agenda, and a file per party with a stance.
pub fn files(spec: &Spec) -> (String, Vec<(String, Vec<u8>)>) {
    let parties = spec
        .parties
        .iter()
        .enumerate()
        .filter_map(|(p, party)| {
            let id = format!("p{p}");
            party_file(spec, &id, party).map(|text| (format!("{id}.yaml"), text.into_bytes()))
        })
        .collect();
    (agenda(spec), parties)
}

pub fn load(agenda: &str, parties: Vec<(String, Vec<u8>)>) -> Negotiation {
    load_in_order(agenda, parties, false)
}

/// Loads the files; `reversed` hands the party files to the loader in the
/// reverse of name order (`in_memory` sorts them, as reading a folder does).
pub fn load_in_order(agenda: &str, parties: Vec<(String, Vec<u8>)>, reversed: bool) -> Negotiation {
    let mut folder = in_memory("generated", agenda.as_bytes().to_vec(), parties);
    if reversed {
        folder.parties.reverse();
    }
    let loaded = load_folder(folder);
    loaded
        .unwrap_or_else(|e| panic!("generated files should load:\n{e}"))
        .negotiation
}
