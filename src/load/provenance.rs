//! Provenance, once every party file is read: each source's text read
//! from the folder, and each quote looked for in the texts of its sources.
//!
//! This runs after the party files (which are read in parallel, each on
//! its own): a text may be named by sources in many files, and is read
//! once, in file order, so that the folder's limit on texts stops at the
//! same file every time. Each text is searched for all the quotes that
//! cite it at once, texts in parallel, each text's quotes in file order
//! within its budget. A party file read by the fast reader has no places
//! to point at: one with something to say is parsed again for them.

use super::message::DiagnosticKind;
use super::texts::{Reached, Text, TextFiles, Texts, read_texts, tidy};
use super::tree::{Node, Value};
use super::yaml;
use crate::diag::{Diagnostic, SourceFile};
use crate::loc::Loc;
use crate::model::{Agenda, Party, Passage, QuoteCheck};
use crate::quote::{Budget, Found, Index, Quote};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;

/// Work one text's search may do: 64 units for each byte of the text and
/// of the quotes that cite it, and 64 Mi units more (docs/limits.md).
pub const BUDGET_PER_BYTE: u64 = 64;
/// The part of a text's search budget that does not grow with it.
pub const BUDGET_BASE: u64 = 64 << 20;

/// A party file that loaded, with what it still needs.
pub(super) struct Loaded<'a> {
    pub party: &'a mut Party,
    /// Its text, kept while something may have to be said at a place in
    /// it.
    pub source: &'a SourceFile,
    /// Where its diagnostics go.
    pub diagnostics: &'a mut Vec<Diagnostic>,
}

/// How a quote found in no text counts: an error, or (in a round read as
/// history) a warning, and `quote_verified: false` in the report.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// `stance check`, `compare`.
    Error,
    /// `stance changes`.
    Warning,
}

/// Reads the texts of `parties`' sources and checks every quote against
/// them; diagnostics about the files themselves (and the folder's limit)
/// are returned, the rest go to each party's own. The files read from
/// disk are added to `inputs`.
pub(super) fn check(
    folder: (&TextFiles, &str),
    agenda: &Agenda,
    parties: &mut [Loaded],
    missing: Missing,
    inputs: &mut Vec<PathBuf>,
) -> Vec<Diagnostic> {
    // Every source's text path, tidied, once, in file order.
    let mut paths: Vec<String> = Vec::new();
    let mut path_at: HashMap<String, usize> = HashMap::new();
    // Per party, per source: the path's place in `paths`.
    let mut wants: Vec<Vec<Option<usize>>> = Vec::with_capacity(parties.len());
    for p in parties.iter() {
        let mut of_party = Vec::with_capacity(p.party.sources.len());
        for source in &p.party.sources {
            of_party.push(source.text.as_ref().map(|t| {
                let path = tidy(&t.path);
                *path_at.entry(path.clone()).or_insert_with(|| {
                    paths.push(path);
                    paths.len() - 1
                })
            }));
        }
        wants.push(of_party);
    }
    if paths.is_empty() {
        return Vec::new();
    }
    let Texts {
        texts,
        reached,
        diagnostics,
        inputs: read,
    } = read_texts(folder.0, folder.1, &paths);
    inputs.extend(read);
    // Per party, per source: the text it reached.
    let reached_by: Vec<Vec<Option<&Reached>>> = wants
        .iter()
        .map(|w| w.iter().map(|k| k.map(|k| &reached[k])).collect())
        .collect();
    for (p, reached) in parties.iter_mut().zip(&reached_by) {
        let mut places = Places::new(p.source);
        for (source, reached) in p.party.sources.iter_mut().zip(reached) {
            let Some(text) = &mut source.text else {
                continue;
            };
            match reached {
                Some(Reached::Read(k)) => text.content = texts[*k].content.clone(),
                Some(Reached::Refused(r)) => {
                    let at = places.find(&["sources", &source.id, "text"]);
                    p.diagnostics.push(places.diagnostic(
                        at,
                        DiagnosticKind::SourceTextUnreadable {
                            id: source.id.clone(),
                            path: crate::visible::line(&text.path).into_owned(),
                            reason: r.message.clone(),
                            help: r.help.clone(),
                        },
                    ));
                }
                Some(Reached::Broken) | None => {}
            }
        }
    }
    let jobs = jobs(parties, &reached_by);
    let found = search(&texts, &jobs);
    for (job, outcomes) in jobs.iter().zip(found) {
        let issue = &agenda.issues[job.issue].id;
        settle(
            &mut parties[job.party],
            issue,
            job,
            outcomes,
            &texts,
            missing,
        );
    }
    diagnostics
}

/// One quote to look for, in the texts of its stance's sources.
struct Job {
    party: usize,
    issue: usize,
    quote: Option<Quote>,
    /// The texts to look in (each once), with the first of the stance's
    /// sources to have each, and its `text` as written.
    texts: Vec<(usize, std::sync::Arc<str>, String)>,
}

fn jobs(parties: &[Loaded], reached_by: &[Vec<Option<&Reached>>]) -> Vec<Job> {
    let mut jobs = Vec::new();
    for (k, p) in parties.iter().enumerate() {
        let source_at: HashMap<&str, usize> = p
            .party
            .sources
            .iter()
            .enumerate()
            .map(|(j, s)| (s.id.as_str(), j))
            .collect();
        for (issue, stance) in p.party.stances.iter().enumerate() {
            let Some(stance) = stance else { continue };
            let Some(quote) = &stance.quote else { continue };
            let mut texts: Vec<(usize, std::sync::Arc<str>, String)> = Vec::new();
            for id in stance.sources.iter() {
                let Some(&j) = source_at.get(&**id) else {
                    continue;
                };
                if let Some(Reached::Read(t)) = reached_by[k][j]
                    && !texts.iter().any(|(seen, _, _)| seen == t)
                {
                    let path = p.party.sources[j]
                        .text
                        .as_ref()
                        .map_or_else(String::new, |x| x.path.clone());
                    texts.push((*t, id.clone(), path));
                }
            }
            if texts.is_empty() {
                continue;
            }
            jobs.push(Job {
                party: k,
                issue,
                quote: Quote::new(quote),
                texts,
            });
        }
    }
    jobs
}

/// What one text said of one quote.
#[derive(Clone, Debug)]
enum Outcome {
    Found(Found),
    /// Missing, with the passage nearest the fragment that was not found
    /// (or, when it is in the text but too early, none).
    Near(Found, Option<crate::quote::Passage>),
}

/// Every text searched for its quotes: texts in parallel, each text's
/// quotes in order within its budget. For each job, one outcome per text
/// it looks in, in its order.
fn search(texts: &[Text], jobs: &[Job]) -> Vec<Vec<Outcome>> {
    let mut by_text: Vec<Vec<usize>> = vec![Vec::new(); texts.len()];
    for (j, job) in jobs.iter().enumerate() {
        if job.quote.is_some() {
            for (t, _, _) in &job.texts {
                by_text[*t].push(j);
            }
        }
    }
    let per_text: Vec<Vec<(usize, Outcome)>> = by_text
        .par_iter()
        .enumerate()
        .filter(|(_, js)| !js.is_empty())
        .map(|(t, js)| {
            let content = texts[t].content.clone();
            let quoted: u64 = js
                .iter()
                .filter_map(|&j| jobs[j].quote.as_ref())
                .map(|q| q.folded_len() as u64)
                .sum();
            let mut budget =
                Budget::new(BUDGET_PER_BYTE * (content.len() as u64 + quoted) + BUDGET_BASE);
            let index = Index::new(content);
            js.iter()
                .map(|&j| {
                    let quote = jobs[j].quote.as_ref().expect("only quotes are searched");
                    let found = index.find(quote, &mut budget);
                    let outcome = match found {
                        Found::Missing {
                            fragment,
                            earlier: false,
                        } => {
                            let near = index.nearest(&quote.fragments()[fragment], &mut budget);
                            Outcome::Near(found, near)
                        }
                        Found::Missing { .. } => Outcome::Near(found, None),
                        _ => Outcome::Found(found),
                    };
                    (j, outcome)
                })
                .collect()
        })
        .collect();
    let mut outcomes: Vec<Vec<(usize, Outcome)>> = vec![Vec::new(); jobs.len()];
    for ((t, _), list) in by_text
        .iter()
        .enumerate()
        .filter(|(_, js)| !js.is_empty())
        .zip(per_text)
    {
        for (j, outcome) in list {
            outcomes[j].push((t, outcome));
        }
    }
    // In each job's order of texts.
    jobs.iter()
        .zip(outcomes)
        .map(|(job, mut got)| {
            got.sort_by_key(|(t, _)| job.texts.iter().position(|(x, _, _)| x == t));
            got.into_iter().map(|(_, o)| o).collect()
        })
        .collect()
}

/// Records what the search found on the stance, and says so where the
/// quote was not found or not checked.
fn settle(
    p: &mut Loaded,
    issue_id: &str,
    job: &Job,
    outcomes: Vec<Outcome>,
    texts: &[Text],
    missing: Missing,
) {
    let mut places = Places::new(p.source);
    let stance = p.party.stances[job.issue]
        .as_mut()
        .expect("a job is a stance's");
    let text_paths: Vec<String> = job.texts.iter().map(|(_, _, path)| path.clone()).collect();
    let Some(quote) = &job.quote else {
        let at = places.find(&["stances", issue_id, "quote"]);
        p.diagnostics
            .push(places.diagnostic(at, DiagnosticKind::QuoteHoldsNothing));
        return;
    };
    let found_at = job
        .texts
        .iter()
        .zip(&outcomes)
        .find_map(|((_, source, _), o)| match o {
            Outcome::Found(Found::At { start, end }) => Some(Passage {
                source: source.clone(),
                start: *start as u32,
                end: *end as u32,
            }),
            _ => None,
        });
    if let Some(passage) = found_at {
        stance.quote_check = QuoteCheck::Verified(Box::new(passage));
        return;
    }
    let at = places.find(&["stances", issue_id, "quote"]);
    if outcomes
        .iter()
        .any(|o| matches!(o, Outcome::Found(Found::Unchecked)))
    {
        stance.quote_check = QuoteCheck::Unchecked;
        p.diagnostics.push(places.diagnostic(
            at,
            DiagnosticKind::QuoteUnchecked {
                paths: listed(&text_paths),
            },
        ));
        return;
    }
    stance.quote_check = QuoteCheck::NotFound;
    let sources: Vec<String> = job.texts.iter().map(|(_, s, _)| format!("`{s}`")).collect();
    let help = nearest_help(quote, job, &outcomes, texts, &text_paths);
    p.diagnostics.push(places.diagnostic(
        at,
        DiagnosticKind::QuoteNotFound {
            sources,
            paths: listed(&text_paths),
            help,
            warning: missing == Missing::Warning,
        },
    ));
}

/// The help under a quote not found: the fragments found out of order,
/// or the closest passage of the texts (the one fewest edits away; the
/// first text's on a tie).
fn nearest_help(
    quote: &Quote,
    job: &Job,
    outcomes: &[Outcome],
    texts: &[Text],
    paths: &[String],
) -> String {
    let fragments = quote.fragments();
    for o in outcomes {
        if let Outcome::Near(
            Found::Missing {
                fragment,
                earlier: true,
            },
            _,
        ) = o
        {
            return format!(
                "“{}” is in the text, but before “{}”: the parts of a quote joined by `...` must come in the text's order",
                fragments[*fragment],
                fragments[fragment - 1]
            );
        }
    }
    let mut best: Option<(usize, &crate::quote::Passage, usize)> = None;
    for (k, o) in outcomes.iter().enumerate() {
        if let Outcome::Near(Found::Missing { fragment, .. }, Some(passage)) = o {
            let better = best.is_none_or(|(_, b, _)| {
                passage.edits.unwrap_or(usize::MAX) < b.edits.unwrap_or(usize::MAX)
            });
            if better {
                best = Some((k, passage, *fragment));
            }
        }
    }
    let Some((k, passage, fragment)) = best else {
        return format!(
            "nothing in {} comes close: check the quote's wording, and that the text is the source's",
            listed(paths)
        );
    };
    let text = &texts[job.texts[k].0].content;
    let line = text[..passage.start].matches('\n').count() + 1;
    let shown = shown_passage(&text[passage.start..passage.end]);
    let path = crate::visible::line(&paths[k]);
    let of = if fragments.len() > 1 {
        format!(" to “{}”", fragments[fragment])
    } else {
        String::new()
    };
    // A passage more than half of it away from the quote is not close:
    // shown, but not as what the quote was meant to be.
    if passage
        .edits
        .is_some_and(|e| 2 * e > fragments[fragment].len())
    {
        return format!(
            "nothing in `{path}` comes close{of}; the nearest passage, at line {line}, shares little with it: “{shown}”"
        );
    }
    format!("the closest passage{of}, at line {line} of `{path}`: “{shown}”")
}

/// The most of a passage a message shows, in characters.
const SHOWN_CHARS: usize = 300;

/// A passage on one line, its whitespace collapsed, cut to `SHOWN_CHARS`.
fn shown_passage(passage: &str) -> String {
    let words: Vec<&str> = passage.split_whitespace().collect();
    let joined = words.join(" ");
    match joined.char_indices().nth(SHOWN_CHARS) {
        Some((cut, _)) => format!("{}…", &joined[..cut]),
        None => joined,
    }
}

/// `sources/a.txt` or `sources/a.txt` and `sources/b.txt`, in backticks.
fn listed(paths: &[String]) -> String {
    let quoted: Vec<String> = paths
        .iter()
        .map(|p| format!("`{}`", crate::visible::line(p)))
        .collect();
    match quoted.as_slice() {
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        [] => String::new(),
    }
}

/// Places in one party file, found again by parsing it with locations
/// (once, when first asked).
struct Places<'s> {
    source: &'s SourceFile,
    root: Option<Option<Node<'s>>>,
}

impl<'s> Places<'s> {
    fn new(source: &'s SourceFile) -> Self {
        Places { source, root: None }
    }

    /// The place of the value at `keys` (mapping keys, compared as ids),
    /// or of the nearest mapping above it that is there; `None` when the
    /// file does not parse.
    fn find(&mut self, keys: &[&str]) -> Option<Loc> {
        let source = self.source;
        let root = self
            .root
            .get_or_insert_with(|| yaml::parse(source).ok())
            .as_ref()?;
        let mut node = root;
        for key in keys {
            let Value::Map(entries) = &node.value else {
                break;
            };
            let Some((_, value)) = entries.iter().find(|(k, _)| {
                k.spelling(&source.text)
                    .is_some_and(|s| crate::id::normal(&s) == *key)
            }) else {
                break;
            };
            node = value;
        }
        Some(node.loc)
    }

    fn diagnostic(&self, at: Option<Loc>, kind: DiagnosticKind) -> Diagnostic {
        kind.placed(self.source, at)
    }
}
