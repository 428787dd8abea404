//! Synthetic negotiations in the real file format, for benchmarks and
//! tests (feature `testkit`: not in the shipped library).
//!
//! [`generate`] writes a whole folder (an agenda and one file per party) as
//! text, with no I/O. The same [`Spec`] always gives the same bytes, so a
//! benchmark names its input by three numbers and needs no stored fixture.
//!
//! The files use every kind of issue and every way of stating a position
//! that `docs/format.md` allows, and their verdicts come out mixed at any
//! number of parties: a benchmark where every issue is a conflict would
//! measure one path through the engine only. What keeps them mixed is the
//! temper of each issue (`Temper`): most issues have an option nearly
//! everyone can live with, some split the parties into camps, a few are
//! raised by one or two parties only.
//!
//! Format 2's conditions are there too, at rates a real conference might
//! show: alternatives accepted only under a condition, packages of
//! stances held together, and a few deal-wide terms (party-level
//! `requires`), some of them on an issue only that party speaks to, so
//! that contingent overlaps and chains of blocks occur at every scale.

use std::fmt::Write;

mod deciders;
mod order;
pub use deciders::{add_deciders, folder_format2};
pub use order::{folder_ordered, generate_ordered};

/// What to generate. `parties` and `issues` should be at least 1 (a folder
/// needs a party file and an issue) and within `crate::load::limits`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    /// How many party files.
    pub parties: usize,
    /// How many issues on the agenda.
    pub issues: usize,
    /// The generator's seed: the same spec, the same bytes.
    pub seed: u64,
}

/// The folder's files as (file name, YAML text): `agenda.yaml` first, then
/// one `party-NNN.yaml` per party, numbered so that names sort in order.
pub fn generate(spec: &Spec) -> Vec<(String, String)> {
    let world = World::new(spec);
    let mut files = Vec::with_capacity(spec.parties + 1);
    files.push(("agenda.yaml".to_owned(), world.agenda(spec)));
    for p in 0..spec.parties {
        // A stream of its own per party: a party's file then depends on the
        // world and its index only, not on how much its elders drew.
        let mut rng = Rng::new(mix(spec.seed ^ mix(p as u64 + 1)));
        files.push((
            format!("{}.yaml", world.party_ids[p]),
            world.party(p, &mut rng),
        ));
    }
    files
}

/// The generated files as a folder in memory, ready for
/// `load::load_folder`: what the benchmarks and tests load.
pub fn folder(spec: &Spec) -> crate::load::Folder {
    in_memory(generate(spec))
}

/// Files as `generate` writes them (the agenda first) as a folder in
/// memory.
fn in_memory(files: Vec<(String, String)>) -> crate::load::Folder {
    let mut files = files.into_iter();
    let (_, agenda) = files.next().unwrap_or_default();
    let parties = files
        .map(|(name, text)| (name, text.into_bytes()))
        .collect();
    crate::load::folder::in_memory("generated", agenda.into_bytes(), parties)
}

// Share of issues raised by a few parties only (gaps at any scale).
const NICHE: f64 = 0.10;
// Share of issues that split the parties into camps (conflicts).
const CONTESTED: f64 = 0.40;
// Share of the issues that are part of a package: the parties' stances on
// them carry the `requires` links (blocked verdicts). Consensus issues, so
// that there is a zone for a link to block.
const PACKAGE: f64 = 0.05;
// How often a stance on a package issue requires something elsewhere:
// with PACKAGE, 2% of all stances. Few parties get a higher rate, so that a
// package issue still has a link or two to block it.
const REQUIRES: f64 = 0.40;
const REQUIRES_PER_PACKAGE: f64 = 2.0;
// Share of the stances on consensus and contested issues that give an
// alternative: one more outcome, on a condition elsewhere.
const ALTERNATIVE: f64 = 0.06;
const HOLDOUT_ALTERNATIVE: f64 = 0.5;
// Share of the parties with a package, and with a deal-wide term (at
// least one of each): one failing term blocks every stance of its party,
// so these stay few.
const PACKAGERS: f64 = 0.02;
const TERM_SETTERS: f64 = 0.02;
// How many parties speak to a niche issue, whatever their number.
const NICHE_SPEAKERS: f64 = 1.2;
// Share of the issues a party speaks to, niche issues included.
const SPEAKS: f64 = 0.80;
// Share of the stances that take no position but give a `status`.
const STATUS: f64 = 0.04;
// Share of the stances held as a red line.
const RED_LINE: f64 = 0.03;
// Expected parties that refuse a consensus issue's popular outcome. Fixed
// rather than a rate per party, so that even 200 parties leave many
// consensus issues with a zone, as real conferences do.
const HOLDOUTS: f64 = 0.25;
// Blocs whose members tend to pick the same camp on a contested issue.
const BLOCS: usize = 5;
// How often a party follows its bloc on a contested issue.
const LOYALTY: f64 = 0.75;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Choice,
    Scale,
    YesNo,
    Range,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Choice => "choice",
            Kind::Scale => "scale",
            Kind::YesNo => "yes-no",
            Kind::Range => "range",
        }
    }
}

/// How an issue divides the parties, which decides its likely verdict.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Temper {
    /// One outcome nearly every party accepts: an overlap, unless a holdout
    /// or a package link spoils it.
    Consensus,
    /// Parties pick a camp, mostly along their bloc: a conflict.
    Contested,
    /// One or two parties speak to it: a gap.
    Niche,
}

struct Issue {
    id: String,
    title: String,
    subject: &'static str,
    kind: Kind,
    temper: Temper,
    package: bool,
    /// The camp each bloc leans to, on a contested issue.
    bloc_camp: [usize; BLOCS],
    /// Whether the agenda describes a yes-no issue's two options.
    described: bool,
    note: Option<String>,
    shape: Shape,
}

enum Shape {
    Options {
        ids: Vec<&'static str>,
        descriptions: Vec<String>,
        popular: usize,
        camps: Vec<usize>,
    },
    /// Values are counted in steps from `lo`, so that bounds stay on a grid
    /// and `min <= ideal <= max` is integer arithmetic.
    Range {
        unit: &'static str,
        lo: f64,
        step: f64,
        steps: i64,
        popular: i64,
        camps: Vec<i64>,
    },
}

/// What one party can accept on one issue, before it is written down.
enum Pos {
    Options {
        accepts: Vec<bool>,
        favorite: usize,
    },
    Range {
        lo: Option<i64>,
        hi: Option<i64>,
        ideal: i64,
    },
}

struct World {
    issues: Vec<Issue>,
    party_ids: Vec<String>,
    party_names: Vec<String>,
    contested: Vec<usize>,
    /// Chance that a party speaks to a non-niche issue, set so that the
    /// average over all issues is SPEAKS.
    speak: f64,
    niche_speak: f64,
    /// Chance that a stance on a package issue carries a `requires`.
    requires: f64,
    /// Whether each party has a package, and a deal-wide term.
    packager: Vec<bool>,
    term_setter: Vec<bool>,
}

impl World {
    fn new(spec: &Spec) -> World {
        let mut rng = Rng::new(spec.seed);
        let width = spec.issues.to_string().len().max(4);
        // Tempers and packages by fixed shares, shuffled, rather than by a
        // chance per issue: a 40-issue agenda then has its gaps and blocked
        // verdicts as surely as a big one.
        let n = spec.issues;
        let niche = (n as f64 * NICHE).round() as usize;
        let contested = (n as f64 * CONTESTED).round() as usize;
        let mut tempers: Vec<Temper> = (0..n)
            .map(|i| match i {
                _ if i < niche => Temper::Niche,
                _ if i < niche + contested => Temper::Contested,
                _ => Temper::Consensus,
            })
            .collect();
        rng.shuffle(&mut tempers);
        let mut issues: Vec<Issue> = (0..n)
            .map(|i| Issue::new(i, width, tempers[i], &mut rng))
            .collect();
        let consensus: Vec<usize> = (0..issues.len())
            .filter(|&i| issues[i].temper == Temper::Consensus)
            .collect();
        let packages = (spec.issues as f64 * PACKAGE).round().max(2.0) as usize;
        for i in rng.sample(&consensus, packages.min(consensus.len())) {
            issues[i].package = true;
        }
        let contested = (0..issues.len())
            .filter(|&i| issues[i].temper == Temper::Contested)
            .collect();
        let width = spec.parties.to_string().len().max(3);
        let party_ids = (0..spec.parties)
            .map(|p| format!("party-{:0width$}", p + 1))
            .collect();
        let party_names = (0..spec.parties).map(party_name).collect();
        let niche_speak = (NICHE_SPEAKERS / spec.parties.max(1) as f64).min(0.5);
        let speak = ((SPEAKS - NICHE * niche_speak) / (1.0 - NICHE)).min(1.0);
        let requires =
            (REQUIRES_PER_PACKAGE / (speak * spec.parties.max(1) as f64)).clamp(REQUIRES, 0.8);
        // By fixed shares, like the packages above, so that a small
        // conference has them as surely as a big one.
        let mut some_parties = |share: f64| {
            let n = spec.parties;
            let k = ((n as f64 * share).round() as usize).clamp(1, n.max(1));
            let mut chosen = vec![false; n];
            for p in rng.sample(&(0..n).collect::<Vec<_>>(), k.min(n)) {
                chosen[p] = true;
            }
            chosen
        };
        let packager = some_parties(PACKAGERS);
        let term_setter = some_parties(TERM_SETTERS);
        World {
            issues,
            party_ids,
            party_names,
            contested,
            speak,
            niche_speak,
            requires,
            packager,
            term_setter,
        }
    }

    fn agenda(&self, spec: &Spec) -> String {
        let mut y = String::with_capacity(200 * self.issues.len() + 20 * spec.parties);
        let _ = writeln!(
            y,
            "# Generated by stance::synth ({} parties, {} issues, seed {}).",
            spec.parties, spec.issues, spec.seed
        );
        let _ = writeln!(
            y,
            "negotiation: Synthetic conference of {} parties on {} issues",
            spec.parties, spec.issues
        );
        y += "as_of: 2025-06-30\n";
        y += "note: Not a real negotiation; generated for benchmarks.\n";
        let _ = writeln!(y, "parties: [{}]", self.party_ids.join(", "));
        y += "issues:\n";
        for issue in &self.issues {
            let _ = writeln!(y, "  {}:", issue.id);
            let _ = writeln!(y, "    title: {}", issue.title);
            let _ = writeln!(y, "    kind: {}", issue.kind.name());
            match &issue.shape {
                Shape::Options {
                    ids, descriptions, ..
                } => {
                    if issue.kind != Kind::YesNo || issue.described {
                        y += "    options:\n";
                        for (id, d) in ids.iter().zip(descriptions) {
                            let _ = writeln!(y, "      {}: {d}", option_value(issue.kind, id));
                        }
                    }
                }
                Shape::Range { unit, .. } => {
                    let _ = writeln!(y, "    unit: {unit}");
                }
            }
            if let Some(note) = &issue.note {
                let _ = writeln!(y, "    note: {note}");
            }
        }
        y
    }

    fn party(&self, p: usize, rng: &mut Rng) -> String {
        let bloc = p % BLOCS;
        // Some delegations are more vocal than others.
        let activity = 0.9 + 0.2 * rng.unit();
        // Every issue gets a position, spoken or not, so that a `requires`
        // can ask for what the party wants even where it kept silent.
        let positions: Vec<Pos> = self
            .issues
            .iter()
            .map(|issue| issue.position(bloc, self.party_ids.len(), rng))
            .collect();
        let sources = Sources::new(&self.party_names[p], rng);

        let mut y = String::with_capacity(230 * self.issues.len());
        let _ = writeln!(y, "party: {}", self.party_ids[p]);
        let _ = writeln!(y, "name: {}", self.party_names[p]);
        y += "as_of: 2025-06-30\n";
        // The stances first, so that only the sources they cite are
        // listed (a source cited by none is a warning); the random draws
        // are the same either way.
        let mut body = String::with_capacity(230 * self.issues.len());
        let mut cited = std::collections::HashSet::new();
        // A deal-wide term on an issue only a few speak to, which the party
        // then speaks to: most often the only one, so the overlaps it
        // speaks to rest on a gap (contingent).
        let niche: Vec<usize> = (0..self.issues.len())
            .filter(|&i| self.issues[i].temper == Temper::Niche)
            .collect();
        let term = (self.term_setter[p] && !niche.is_empty()).then(|| *rng.pick(&niche));
        let mut any = false;
        // The issues it states a position on, for its packages and terms.
        let mut spoken = Vec::new();
        for (i, issue) in self.issues.iter().enumerate() {
            let chance = match issue.temper {
                Temper::Niche => self.niche_speak,
                _ => self.speak * activity,
            };
            // A party file needs a stance: a party silent so far speaks to the
            // last issue.
            let last_chance = !any && i + 1 == self.issues.len();
            if !rng.chance(chance) && !last_chance && term != Some(i) {
                continue;
            }
            any = true;
            let source = sources.pick(rng);
            cited.insert(source.to_owned());
            if rng.chance(STATUS) {
                self.write_status(&mut body, issue, source, rng);
            } else {
                self.write_stance(&mut body, i, &positions, source, rng);
                spoken.push(i);
            }
        }
        y += "sources:\n";
        for s in sources.list.iter().filter(|s| cited.contains(&s.id)) {
            let _ = writeln!(y, "  {}:", s.id);
            let _ = writeln!(y, "    title: {}", s.title);
            let _ = writeln!(y, "    date: {}", s.date);
            if let Some(url) = &s.url {
                let _ = writeln!(y, "    url: {url}");
            }
        }
        y += "stances:\n";
        y += &body;
        self.write_conditions(&mut y, p, term, &spoken, &positions, rng);
        y
    }

    /// The party's `packages` and deal-wide `requires`, if it has them. A
    /// package ties two or three consensus issues it speaks to; a term
    /// (on `term`, chosen with its stances) asks that one issue settle
    /// within what the party accepts there.
    fn write_conditions(
        &self,
        y: &mut String,
        p: usize,
        term: Option<usize>,
        spoken: &[usize],
        positions: &[Pos],
        rng: &mut Rng,
    ) {
        let consensus: Vec<usize> = spoken
            .iter()
            .copied()
            .filter(|&i| self.issues[i].temper == Temper::Consensus)
            .collect();
        if consensus.len() >= 2 && self.packager[p] {
            let n = (2 + rng.below(2)).min(consensus.len());
            let listed: Vec<&str> = rng
                .sample(&consensus, n)
                .into_iter()
                .map(|i| self.issues[i].id.as_str())
                .collect();
            let _ = writeln!(y, "packages:\n  together: [{}]", listed.join(", "));
        }
        // On a consensus issue it speaks to where the agenda has no niche.
        let term = term.or_else(|| {
            (self.term_setter[p] && !consensus.is_empty()).then(|| *rng.pick(&consensus))
        });
        if let Some(t) = term
            && let Some(outcome) = within(&self.issues[t], &positions[t])
        {
            let _ = writeln!(y, "requires: {{{}: {outcome}}}", self.issues[t].id);
        }
    }

    fn write_status(&self, y: &mut String, issue: &Issue, source: &str, rng: &mut Rng) {
        let status = *rng.pick(&["undecided", "undecided", "ambiguous", "not-applicable"]);
        let _ = writeln!(y, "  {}:", issue.id);
        let _ = writeln!(y, "    status: {status}");
        write_basis(y, rng);
        let _ = writeln!(y, "    source: {source}");
        if rng.chance(0.7) {
            let _ = writeln!(y, "    quote: \"{}\"", quote(issue.subject, rng));
        } else {
            let _ = writeln!(y, "    note: {}", rng.pick(STATUS_NOTES));
        }
    }

    fn write_stance(
        &self,
        y: &mut String,
        i: usize,
        positions: &[Pos],
        source: &str,
        rng: &mut Rng,
    ) {
        let issue = &self.issues[i];
        let strength = if rng.chance(RED_LINE) {
            Some("red-line")
        } else if rng.chance(0.2) {
            Some("flexible")
        } else if rng.chance(0.4) {
            Some("firm")
        } else {
            None // firm, by default
        };
        let requires = if issue.package && rng.chance(self.requires) {
            self.requires(i, positions, rng)
        } else {
            String::new()
        };
        // A holdout on a consensus issue names its price more often.
        let rate = if issue.temper == Temper::Consensus && refuses_popular(issue, &positions[i]) {
            HOLDOUT_ALTERNATIVE
        } else {
            ALTERNATIVE
        };
        let alternative = if issue.temper != Temper::Niche && rng.chance(rate) {
            self.alternative(i, positions, rng)
        } else {
            None
        };
        let q = quote(issue.subject, rng);
        // Some range stances in flow style, as people write short ones, so
        // the parser's flow path is measured too.
        let flow = matches!(positions[i], Pos::Range { .. })
            && requires.is_empty()
            && alternative.is_none();
        if flow && rng.chance(0.3) {
            let mut fields = range_fields(issue, &positions[i], rng);
            if let Some(s) = strength {
                fields.push(format!("strength: {s}"));
            }
            fields.push(format!("source: {source}"));
            fields.push(format!("quote: \"{q}\""));
            let _ = writeln!(y, "  {}: {{{}}}", issue.id, fields.join(", "));
            return;
        }
        let _ = writeln!(y, "  {}:", issue.id);
        let fields = match &positions[i] {
            Pos::Options { .. } => option_fields(issue, &positions[i], rng),
            Pos::Range { .. } => range_fields(issue, &positions[i], rng),
        };
        for f in fields {
            let _ = writeln!(y, "    {f}");
        }
        if let Some(s) = strength {
            let _ = writeln!(y, "    strength: {s}");
        }
        write_basis(y, rng);
        let _ = writeln!(y, "    source: {source}");
        let _ = writeln!(y, "    quote: \"{q}\"");
        if !requires.is_empty() {
            y.push_str("    requires:\n");
            y.push_str(&requires);
        }
        if let Some(alternative) = alternative {
            let _ = writeln!(y, "    alternatives:\n      - {alternative}");
        }
        if rng.chance(0.05) {
            let _ = writeln!(y, "    note: {}", rng.pick(NOTES));
        }
    }

    /// One or two links from a package issue to others, asking for what the
    /// party itself wants there. Mostly to contested issues: linkage is a
    /// lever on what is in dispute, and that is what makes it block.
    fn requires(&self, i: usize, positions: &[Pos], rng: &mut Rng) -> String {
        let mut y = String::new();
        for (t, outcome) in self.links(i, positions, 0.9, rng) {
            let _ = writeln!(y, "      {}: {outcome}", self.issues[t].id);
        }
        y
    }

    /// One outcome more than the stance accepts, in flow style, on a
    /// condition elsewhere: an option it refuses, or a range reaching a
    /// few steps past one end (touching it, as the format asks). `None`
    /// when there is nothing more to accept or nowhere to require.
    fn alternative(&self, i: usize, positions: &[Pos], rng: &mut Rng) -> Option<String> {
        let issue = &self.issues[i];
        let position = match (&positions[i], &issue.shape) {
            (Pos::Options { accepts, .. }, Shape::Options { ids, popular, .. }) => {
                let rest: Vec<usize> = (0..ids.len()).filter(|&o| !accepts[o]).collect();
                if rest.is_empty() {
                    return None;
                }
                // A holdout that would come round on a condition: what
                // makes an outcome of the zone conditional.
                let o = if !accepts[*popular] && rng.chance(0.7) {
                    *popular
                } else {
                    *rng.pick(&rest)
                };
                format!("accepts: [{}]", option_value(issue.kind, ids[o]))
            }
            (Pos::Range { lo, hi, .. }, Shape::Range { steps, popular, .. }) => {
                let reach = 1 + rng.below(3) as i64;
                match (lo, hi) {
                    (Some(lo), _) if popular < lo && rng.chance(0.7) => {
                        format!("min: {}, max: {}", issue.value(*popular), issue.value(*lo))
                    }
                    (_, Some(hi)) if popular > hi && rng.chance(0.7) => {
                        format!("min: {}, max: {}", issue.value(*hi), issue.value(*popular))
                    }
                    (Some(lo), _) if *lo > 0 => format!(
                        "min: {}, max: {}",
                        issue.value(lo - reach),
                        issue.value(*lo)
                    ),
                    (_, Some(hi)) if hi < steps => format!(
                        "min: {}, max: {}",
                        issue.value(*hi),
                        issue.value(hi + reach)
                    ),
                    _ => return None,
                }
            }
            _ => unreachable!("a position has the shape of its issue"),
        };
        // Mostly on issues that can settle, so that some hold.
        let links = self.links(i, positions, 0.2, rng);
        if links.is_empty() {
            return None;
        }
        let requires: Vec<String> = links
            .iter()
            .map(|(t, outcome)| format!("{}: {outcome}", self.issues[*t].id))
            .collect();
        Some(format!(
            "{{{position}, requires: {{{}}}}}",
            requires.join(", ")
        ))
    }

    /// One or two issues other than `i`, each with what the party wants
    /// there, in agenda order; `contested`: the share of them on contested
    /// issues.
    fn links(
        &self,
        i: usize,
        positions: &[Pos],
        contested: f64,
        rng: &mut Rng,
    ) -> Vec<(usize, String)> {
        let links = if rng.chance(0.15) { 2 } else { 1 };
        let mut targets: Vec<usize> = Vec::new();
        for _ in 0..links {
            let t = if !self.contested.is_empty() && rng.chance(contested) {
                *rng.pick(&self.contested)
            } else {
                rng.below(self.issues.len())
            };
            if t != i && !targets.contains(&t) {
                targets.push(t);
            }
        }
        // The format keeps requirements in agenda order; writing them so
        // makes the file read the way the report will.
        targets.sort_unstable();
        let mut out = Vec::with_capacity(targets.len());
        for t in targets {
            let target = &self.issues[t];
            let outcome = match (&positions[t], &target.shape) {
                (Pos::Options { accepts, favorite }, Shape::Options { ids, .. }) => {
                    let other = (0..ids.len()).find(|&o| o != *favorite && accepts[o]);
                    match other {
                        Some(o) if rng.chance(0.3) => format!(
                            "[{}, {}]",
                            option_value(target.kind, ids[*favorite.min(&o)]),
                            option_value(target.kind, ids[*favorite.max(&o)])
                        ),
                        _ => option_value(target.kind, ids[*favorite]),
                    }
                }
                (Pos::Range { ideal, .. }, Shape::Range { .. }) => {
                    let lo = ideal - rng.below(3) as i64;
                    if rng.chance(0.5) {
                        format!("{{min: {}}}", target.value(lo))
                    } else {
                        let hi = ideal + rng.below(3) as i64;
                        format!("{{min: {}, max: {}}}", target.value(lo), target.value(hi))
                    }
                }
                _ => unreachable!("a position has the shape of its issue"),
            };
            out.push((t, outcome));
        }
        out
    }
}

/// Whether a position leaves out the issue's popular outcome.
fn refuses_popular(issue: &Issue, pos: &Pos) -> bool {
    match (pos, &issue.shape) {
        (Pos::Options { accepts, .. }, Shape::Options { popular, .. }) => !accepts[*popular],
        (Pos::Range { lo, hi, .. }, Shape::Range { popular, .. }) => {
            lo.is_some_and(|lo| *popular < lo) || hi.is_some_and(|hi| *popular > hi)
        }
        _ => false,
    }
}

/// What a party accepts on an issue, as a requirement: the options it
/// accepts, or its interval (open ends left out); `None` for a range open
/// at both ends, which no requirement can write.
fn within(issue: &Issue, pos: &Pos) -> Option<String> {
    match (pos, &issue.shape) {
        (Pos::Options { accepts, .. }, Shape::Options { ids, .. }) => {
            let ids: Vec<String> = (0..ids.len())
                .filter(|&o| accepts[o])
                .map(|o| option_value(issue.kind, ids[o]))
                .collect();
            Some(format!("[{}]", ids.join(", ")))
        }
        (Pos::Range { lo, hi, .. }, Shape::Range { .. }) => {
            let mut ends = Vec::new();
            if let Some(lo) = lo {
                ends.push(format!("min: {}", issue.value(*lo)));
            }
            if let Some(hi) = hi {
                ends.push(format!("max: {}", issue.value(*hi)));
            }
            (!ends.is_empty()).then(|| format!("{{{}}}", ends.join(", ")))
        }
        _ => unreachable!("a position has the shape of its issue"),
    }
}

impl Issue {
    fn new(i: usize, width: usize, temper: Temper, rng: &mut Rng) -> Issue {
        // Kinds in rotation: even a four-issue agenda has each of them.
        let kind = [Kind::Choice, Kind::Scale, Kind::YesNo, Kind::Range][i % 4];
        let (subject, slug) = *rng.pick(SUBJECTS);
        let id = format!("{slug}-{:0width$}", i + 1);
        let shape = match kind {
            Kind::Range => {
                let &(unit, lo, step, steps) = rng.pick(UNITS);
                // The popular value away from the ends, so that holdouts
                // have room on both sides.
                let popular = steps / 4 + rng.below(steps as usize / 2) as i64;
                let n = 2 + rng.below(2);
                let camps = (0..n)
                    .map(|c| (2 * c as i64 + 1) * steps / (2 * n as i64))
                    .collect();
                Shape::Range {
                    unit,
                    lo,
                    step,
                    steps,
                    popular,
                    camps,
                }
            }
            Kind::YesNo => Shape::Options {
                ids: vec!["yes", "no"],
                descriptions: vec![
                    format!("{} goes ahead", capitalized(subject)),
                    format!("No change to {subject}"),
                ],
                popular: rng.below(2),
                camps: vec![0, 1],
            },
            Kind::Choice | Kind::Scale => {
                let ids = if kind == Kind::Scale {
                    // A contiguous stretch of one ladder keeps the order.
                    let ladder = *rng.pick(LADDERS);
                    let len = 3 + rng.below(ladder.len() - 2);
                    let start = rng.below(ladder.len() - len + 1);
                    ladder[start..start + len].to_vec()
                } else {
                    let len = 3 + rng.below(4);
                    rng.sample(CHOICES, len)
                };
                let descriptions = ids.iter().map(|o| describe(o, subject)).collect();
                let popular = rng.below(ids.len());
                let n = 2 + rng.below(2.min(ids.len() - 2));
                let camps = rng.sample(&(0..ids.len()).collect::<Vec<_>>(), n);
                Shape::Options {
                    ids,
                    descriptions,
                    popular,
                    camps,
                }
            }
        };
        let mut issue = Issue {
            title: format!(
                "{} ({}, item {})",
                capitalized(subject),
                kind_phrase(kind),
                i + 1
            ),
            id,
            subject,
            kind,
            temper,
            package: false,
            described: rng.chance(0.3),
            note: rng.chance(0.05).then(|| rng.pick(ISSUE_NOTES).to_string()),
            bloc_camp: [0; BLOCS],
            shape,
        };
        let camps = issue.camps();
        issue.bloc_camp = std::array::from_fn(|_| rng.below(camps));
        issue
    }

    fn camps(&self) -> usize {
        match &self.shape {
            Shape::Options { camps, .. } => camps.len(),
            Shape::Range { camps, .. } => camps.len(),
        }
    }

    fn position(&self, bloc: usize, parties: usize, rng: &mut Rng) -> Pos {
        // No holdouts on a package issue: its outcome was agreed as part of
        // the package, and only the links it carries can spoil it.
        let holdout = rng.chance((HOLDOUTS / parties.max(1) as f64).min(0.5)) && !self.package;
        let camp = if rng.chance(LOYALTY) {
            self.bloc_camp[bloc]
        } else {
            rng.below(self.camps())
        };
        match &self.shape {
            Shape::Options {
                ids,
                popular,
                camps,
                ..
            } => {
                let n = ids.len();
                // Accepting both answers of a yes-no is rare: it says
                // nothing.
                let also = if n == 2 { 0.1 } else { 0.3 };
                let mut accepts = vec![false; n];
                let favorite = match self.temper {
                    Temper::Contested => {
                        let favorite = camps[camp];
                        for (o, a) in accepts.iter_mut().enumerate() {
                            let p = if camps.contains(&o) { also / 3.0 } else { also };
                            *a = rng.chance(p);
                        }
                        favorite
                    }
                    _ if holdout => {
                        let favorite = (popular + 1 + rng.below(n - 1)) % n;
                        for a in accepts.iter_mut() {
                            *a = rng.chance(also / 2.0);
                        }
                        accepts[*popular] = false;
                        favorite
                    }
                    _ => {
                        for a in accepts.iter_mut() {
                            *a = rng.chance(also);
                        }
                        accepts[*popular] = true;
                        if rng.chance(0.6) {
                            *popular
                        } else {
                            let acc: Vec<usize> = (0..n).filter(|&o| accepts[o]).collect();
                            *rng.pick(&acc)
                        }
                    }
                };
                accepts[favorite] = true;
                Pos::Options { accepts, favorite }
            }
            Shape::Range {
                steps,
                popular,
                camps,
                ..
            } => {
                let clamp = |v: i64| v.clamp(0, *steps);
                let spread = (steps / 10).max(2) as usize;
                let (lo, hi, ideal) = match self.temper {
                    Temper::Contested => {
                        let c = camps[camp];
                        let w = rng.below(spread / 2 + 1) as i64;
                        // The outer camps are sometimes open-ended: "at
                        // least" or "at most".
                        let open_low = camp == 0 && rng.chance(0.2);
                        let open_high = camp + 1 == camps.len() && rng.chance(0.2);
                        (
                            (!open_low).then_some(clamp(c - w)),
                            (!open_high).then_some(clamp(c + w)),
                            c,
                        )
                    }
                    _ if holdout => {
                        let near = 1 + rng.below(spread) as i64;
                        let far = near + rng.below(spread) as i64;
                        let (lo, hi) = if rng.chance(0.5) {
                            (popular + near, popular + far)
                        } else {
                            (popular - far, popular - near)
                        };
                        let (lo, hi) = (clamp(lo), clamp(hi));
                        (Some(lo), Some(hi), lo + (hi - lo) / 2)
                    }
                    _ => {
                        let lo = popular - rng.below(spread) as i64;
                        let hi = popular + rng.below(spread) as i64;
                        let ideal = if rng.chance(0.5) {
                            *popular
                        } else {
                            lo + rng.below((hi - lo) as usize + 1) as i64
                        };
                        // An open end now and then, never both: a stance
                        // that accepts any number says nothing.
                        let open = rng.below(8);
                        (
                            (open != 0).then_some(clamp(lo)),
                            (open != 1).then_some(clamp(hi)),
                            clamp(ideal),
                        )
                    }
                };
                Pos::Range { lo, hi, ideal }
            }
        }
    }

    fn value(&self, steps: i64) -> String {
        let Shape::Range {
            lo,
            step,
            steps: max,
            ..
        } = &self.shape
        else {
            unreachable!("only a range has values")
        };
        // On the grid, so never a long decimal like 0.30000000000000004.
        let v = lo + step * steps.clamp(0, *max) as f64;
        if v.fract() == 0.0 {
            format!("{}", v as i64)
        } else {
            format!("{v:.1}")
        }
    }
}

/// The position fields of a choice, scale or yes-no stance, in one of the
/// ways the format allows for the same acceptable set.
fn option_fields(issue: &Issue, pos: &Pos, rng: &mut Rng) -> Vec<String> {
    let (Pos::Options { accepts, favorite }, Shape::Options { ids, .. }) = (pos, &issue.shape)
    else {
        unreachable!("an option position on an option issue")
    };
    let name = |o: usize| option_value(issue.kind, ids[o]);
    let list = |os: &[usize]| os.iter().map(|&o| name(o)).collect::<Vec<_>>().join(", ");
    let accepted: Vec<usize> = (0..ids.len()).filter(|&o| accepts[o]).collect();
    let rest: Vec<usize> = (0..ids.len()).filter(|&o| !accepts[o]).collect();
    let wants = format!("wants: {}", name(*favorite));
    let mut fields = Vec::new();
    let form = rng.unit();
    if accepted.len() == 1 && form < 0.3 {
        fields.push(wants);
    } else if !rest.is_empty() && form < 0.55 {
        fields.push(format!("rejects: [{}]", list(&rest)));
        if rng.chance(0.5) {
            fields.push(wants);
        }
    } else {
        if accepted.len() == 1 && rng.chance(0.25) {
            // A single id may go without brackets.
            fields.push(format!("accepts: {}", name(accepted[0])));
        } else {
            fields.push(format!("accepts: [{}]", list(&accepted)));
        }
        if !rest.is_empty() && rng.chance(0.3) {
            // Said out loud: some of what it does not accept.
            let n = 1 + rng.below(rest.len());
            let said = rng.sample(&rest, n);
            fields.push(format!("rejects: [{}]", list(&said)));
        }
        if rng.chance(0.5) {
            fields.push(wants);
        }
    }
    fields
}

fn range_fields(issue: &Issue, pos: &Pos, rng: &mut Rng) -> Vec<String> {
    let Pos::Range { lo, hi, ideal } = pos else {
        unreachable!("a range position on a range issue")
    };
    let v = |s: i64| issue.value(s);
    if lo == hi && rng.chance(0.4) {
        return vec![format!("ideal: {}", v(*ideal))];
    }
    let mut fields = Vec::new();
    if let Some(lo) = lo {
        fields.push(format!("min: {}", v(*lo)));
    }
    if let Some(hi) = hi {
        fields.push(format!("max: {}", v(*hi)));
    }
    // The ideal must lie inside the interval; outside one (a holdout whose
    // interval was clamped), it is left out.
    let inside = lo.is_none_or(|lo| lo <= *ideal) && hi.is_none_or(|hi| *ideal <= hi);
    if inside && rng.chance(0.5) {
        fields.push(format!("ideal: {}", v(*ideal)));
    }
    fields
}

fn write_basis(y: &mut String, rng: &mut Rng) {
    let r = rng.unit();
    let basis = if r < 0.3 {
        return; // stated, by default
    } else if r < 0.65 {
        "stated"
    } else if r < 0.9 {
        "reported"
    } else {
        "inferred"
    };
    let _ = writeln!(y, "    basis: {basis}");
}

/// An option id as a value: yes and no quoted, as the seed writes them, so
/// that YAML 1.1 tools read the same thing.
fn option_value(kind: Kind, id: &str) -> String {
    if kind == Kind::YesNo {
        format!("\"{id}\"")
    } else {
        id.to_owned()
    }
}

struct Source {
    id: String,
    title: String,
    date: String,
    url: Option<String>,
}

struct Sources {
    list: Vec<Source>,
}

impl Sources {
    fn new(party: &str, rng: &mut Rng) -> Sources {
        let n = 3 + rng.below(5);
        let list = (0..n)
            .map(|k| {
                let &(what, slug) = rng.pick(SOURCE_KINDS);
                let id = format!("{slug}-{}", k + 1);
                Source {
                    title: format!("{what} of the {party}, round {}", k + 1),
                    // Day 28 at most: every month has it.
                    date: format!("2025-{:02}-{:02}", 1 + rng.below(6), 1 + rng.below(28)),
                    url: rng
                        .chance(0.4)
                        .then(|| format!("https://example.org/synthetic/{id}")),
                    id,
                }
            })
            .collect();
        Sources { list }
    }

    /// A party cites a few sources far more than the rest.
    fn pick(&self, rng: &mut Rng) -> &str {
        let k = rng.below(self.list.len()).min(rng.below(self.list.len()));
        &self.list[k].id
    }
}

/// About 100 characters in the party's voice, on the issue's subject.
fn quote(subject: &str, rng: &mut Rng) -> String {
    let mut q = format!("{} {subject}", rng.pick(OPENERS));
    while q.len() < 85 {
        let (joint, clause) = (*rng.pick(&[", ", " and ", " "]), *rng.pick(CLAUSES));
        q.push_str(joint);
        q.push_str(clause);
    }
    q.push('.');
    q
}

fn party_name(p: usize) -> String {
    let root = ROOTS[p % ROOTS.len()];
    let form = FORMS[(p / ROOTS.len()) % FORMS.len()];
    let round = p / (ROOTS.len() * FORMS.len());
    if round == 0 {
        format!("{form} of {root}")
    } else {
        format!("{form} of {root} {}", round + 1)
    }
}

fn kind_phrase(kind: Kind) -> &'static str {
    match kind {
        Kind::Choice => "which arrangement",
        Kind::Scale => "how far",
        Kind::YesNo => "whether",
        Kind::Range => "how much",
    }
}

fn describe(option: &str, subject: &str) -> String {
    format!("{}, {}", capitalized(subject), option.replace('-', " "))
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// splitmix64: a few lines, well mixed, and the same on every platform, so
/// a seed names the same folder everywhere.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix(self.0)
    }

    /// Uniform in `0..n`, `n > 0`.
    fn below(&mut self, n: usize) -> usize {
        ((self.next() as u128 * n as u128) >> 64) as usize
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// Fisher-Yates.
    fn shuffle<T>(&mut self, xs: &mut [T]) {
        for k in (1..xs.len()).rev() {
            xs.swap(k, self.below(k + 1));
        }
    }

    /// `n` distinct items, in the order of `xs`.
    fn sample<T: Copy>(&mut self, xs: &[T], n: usize) -> Vec<T> {
        let mut idx: Vec<usize> = (0..xs.len()).collect();
        for k in 0..n {
            let j = k + self.below(xs.len() - k);
            idx.swap(k, j);
        }
        let mut chosen = idx[..n].to_vec();
        chosen.sort_unstable();
        chosen.into_iter().map(|i| xs[i]).collect()
    }
}

/// splitmix64's finalizer, also used to derive the per-party seeds: adding
/// to a splitmix seed only shifts the same stream.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

// The vocabulary. Plain words only: no `:`, `#` or quote mark, so every
// text can be written unquoted or in double quotes as it stands.

const SUBJECTS: &[(&str, &str)] = &[
    ("the ceasefire line", "ceasefire-line"),
    ("prisoner exchanges", "prisoner-exchange"),
    ("grain exports", "grain-exports"),
    ("fishing quotas", "fishing-quotas"),
    ("border crossings", "border-crossings"),
    ("water sharing", "water-sharing"),
    ("debt relief", "debt-relief"),
    ("troop withdrawal", "troop-withdrawal"),
    ("election monitoring", "election-monitoring"),
    ("refugee returns", "refugee-returns"),
    ("sanctions relief", "sanctions-relief"),
    ("energy transit", "energy-transit"),
    ("nuclear inspections", "nuclear-inspections"),
    ("reconstruction funds", "reconstruction-funds"),
    ("minority languages", "minority-languages"),
    ("port access", "port-access"),
    ("airspace control", "airspace-control"),
    ("demining", "demining"),
    ("war crimes tribunals", "tribunals"),
    ("frozen assets", "frozen-assets"),
    ("peacekeepers", "peacekeepers"),
    ("emissions cuts", "emissions-cuts"),
    ("tariff schedules", "tariffs"),
    ("data sharing", "data-sharing"),
    ("cultural heritage", "heritage"),
    ("the buffer zone", "buffer-zone"),
    ("rail links", "rail-links"),
    ("humanitarian corridors", "corridors"),
];

const CHOICES: &[&str] = &[
    "phased",
    "immediate",
    "deferred",
    "joint",
    "national",
    "regional",
    "international",
    "voluntary",
    "binding",
    "monitored",
    "self-reported",
    "temporary",
    "permanent",
    "capped",
    "shared",
    "exclusive",
    "conditional",
    "mediated",
];

const LADDERS: &[&[&str]] = &[
    &["none", "minimal", "partial", "substantial", "full"],
    &["ban", "restrict", "regulate", "permit", "promote"],
    &["never", "by-2040", "by-2035", "by-2030", "by-2027", "now"],
    &["observer", "advisory", "consulted", "co-decision", "veto"],
    &["symbolic", "low", "medium", "high", "very-high"],
];

const UNITS: &[(&str, f64, f64, i64)] = &[
    // unit, lowest value, step, number of steps
    ("days", 0.0, 5.0, 72),
    ("percent", 0.0, 2.5, 40),
    ("million euros", 0.0, 50.0, 100),
    ("years", 0.0, 1.0, 30),
    ("kilometres", 0.0, 0.5, 60),
    ("troops", 0.0, 500.0, 100),
    ("tonnes", 0.0, 1000.0, 80),
];

const OPENERS: &[&str] = &[
    "We cannot accept any arrangement on",
    "Our delegation is ready to discuss",
    "There can be no agreement without progress on",
    "We have always been clear about",
    "The government will not compromise on",
    "We are open to a reasonable settlement of",
    "Our partners know where we stand on",
    "It is premature to speak of a deal on",
    "We welcome the proposal of the chair on",
    "Any text must reflect our concerns about",
    "We will judge the outcome by what it says on",
    "Let me be very clear about",
];

const CLAUSES: &[&str] = &[
    "without clear guarantees",
    "as agreed in the last round",
    "under international monitoring",
    "for the whole of the transition",
    "before the end of the year",
    "in full respect of our constitution",
    "once the other side has done its part",
    "on the basis of reciprocity",
    "with a review after twelve months",
    "nothing less",
    "in line with our earlier statements",
    "provided the timetable is realistic",
    "taking account of the local population",
    "as our parliament has demanded",
];

const SOURCE_KINDS: &[(&str, &str)] = &[
    ("Plenary statement", "plenary"),
    ("Press briefing", "briefing"),
    ("Foreign ministry communique", "communique"),
    ("Interview with the head of delegation", "interview"),
    ("Position paper", "position-paper"),
    ("Letter to the chair", "letter"),
    ("Remarks to reporters", "remarks"),
    ("Parliamentary resolution", "resolution"),
];

const ROOTS: &[&str] = &[
    "Aldoria",
    "Brenmark",
    "Calvera",
    "Dunmore",
    "Eskaland",
    "Felsland",
    "Gorovia",
    "Halvaris",
    "Istrana",
    "Jorvik",
    "Kestrel Isles",
    "Lunara",
    "Morvane",
    "Norland",
    "Ostrava",
    "Pellenor",
    "Quarria",
    "Rovenia",
    "Sarnath",
    "Tallis",
    "Umbria Nova",
    "Valdor",
    "Westmarch",
    "Zerana",
];

const FORMS: &[&str] = &[
    "Republic",
    "Kingdom",
    "Federation",
    "Commonwealth",
    "Principality",
    "Union",
    "Grand Duchy",
    "Confederation",
    "Sultanate",
];

const NOTES: &[&str] = &[
    "Coded from the chair's summary; the delegation did not object to it.",
    "The wording softened between the first and second drafts.",
    "Reported by two outlets in nearly the same words.",
    "Said in answer to a question, not in the prepared statement.",
];

const STATUS_NOTES: &[&str] = &[
    "The delegation said it awaits instructions from its capital.",
    "Spoke at length without committing to any option.",
    "Said the matter is for other parties to settle.",
];

const ISSUE_NOTES: &[&str] = &[
    "Carried over from the previous round.",
    "Added to the agenda at the request of several delegations.",
    "The chair proposes to settle this one early.",
];
