//! One stance: what a party accepts on one issue, how firmly, on what
//! evidence, and on what condition.

use crate::diag::did_you_mean;
use crate::load::agenda::Issues;
use crate::load::check::{Checker, Fields};
use crate::load::conditions::{self, Written};
use crate::load::fields::{self, position_fields};
use crate::load::message::DiagnosticKind;
use crate::load::tree::{Node, Value};
use crate::loc::Loc;
use crate::model::{
    Basis, Issue, Kind, Position, QuoteCheck, Source, Speaker, Stance, Status, Strength,
};
use crate::outcome::{Num, OptionSet};
use std::collections::HashMap;
use std::sync::Arc;

/// The most options an unknown option's error lists.
const OPTIONS_LISTED: usize = 50;

/// Reads one party's stance on one issue, against the agenda and the
/// party's sources.
pub struct StanceReader<'a> {
    /// The agenda's issues, with those known by id only (`unread`): a
    /// stance on one, or a requirement on one, is not checked against its
    /// kind or options.
    pub issues: &'a Issues,
    pub issue: &'a Issue,
    pub sources: &'a [Source],
    /// The ids of `sources`, as stances hold them, and each one's place.
    pub source_ids: &'a HashMap<&'a str, (Arc<str>, usize)>,
    /// The party's id (its file's stem).
    pub party: &'a str,
    /// The file's `as_of`, else the agenda's: no stance is dated after it.
    pub as_of: Option<&'a str>,
    /// The party file's `speakers`.
    pub speakers: &'a [Speaker],
    /// The places of `speakers`, by id.
    pub speaker_ids: &'a HashMap<&'a str, usize>,
}

impl StanceReader<'_> {
    /// Whether the stance's issue is known by id only.
    fn unread(&self) -> bool {
        self.issues.unread.contains(&self.issue.id)
    }

    /// `written`: each requirement read, for the checks that need the
    /// party's other stances (`conditions::check_against_own`).
    pub fn read(
        &self,
        c: &mut Checker,
        key: &Node,
        node: &Node,
        written: &mut Vec<Written>,
    ) -> Option<Stance> {
        let what = format!("the stance on `{}`", self.issue.id);
        if let Value::Null = node.value {
            c.report(
                key.loc,
                DiagnosticKind::EmptyStance {
                    issue: self.issue.id.clone(),
                },
            );
            return None;
        }
        // An issue's id inside a stance: a stance indented too far.
        let hint = |name: &str, _: Option<&Node>| {
            (self.issues.agenda.index_of(name).is_some() || self.issues.unread.contains(name)).then(
                || {
                    format!(
                        "`{name}` is an issue: line it up with `{}` if it is a stance of its own",
                        self.issue.id
                    )
                },
            )
        };
        let fields = c.fields_hinted(node, &what, fields::STANCE, &hint)?;
        let errors_before = c.diagnostics.iter().filter(|d| d.is_error()).count();
        let strength = fields
            .get("strength")
            .and_then(|n| c.keyword(n, "strength", &Strength::ALL))
            .unwrap_or(Strength::Firm);
        let basis = fields
            .get("basis")
            .and_then(|n| c.keyword(n, "basis", &Basis::ALL))
            .unwrap_or(Basis::Stated);
        let salience = fields
            .get("salience")
            .and_then(|n| super::roles::salience(c, n));
        let sources = fields
            .get("source")
            .map(|n| self.sources(c, n))
            .unwrap_or_default();
        let as_of = fields.get("as_of").and_then(|n| self.as_of(c, n));
        let speaker = fields.get("speaker").and_then(|n| self.speaker(c, n));
        let quote = fields.get("quote").and_then(|n| c.text(n, "`quote`"));
        let note = fields.get("note").and_then(|n| c.text(n, "`note`"));
        let (quote, note) = (quote.map(Box::from), note.map(Box::from));
        let sequence = self.issue.kind == Kind::Sequence;
        if sequence {
            crate::load::order::no_conditions(c, &fields, &self.issue.id);
        }
        let requires = fields
            .get("requires")
            .filter(|_| !sequence)
            .map(|n| conditions::requirements(c, self.issues, n, Some(self.issue), written))
            .unwrap_or_default();
        let position = match fields.get("status") {
            Some(status) => self.status(c, &fields, status),
            None if self.unread() => None,
            None if self.issue.kind == Kind::Range => self.range(c, &fields, key),
            None if sequence => self.sequence(c, &fields, key),
            None => self.options(c, &fields, key),
        };
        // A status takes none: `status` says so, above.
        let alternatives = match fields.get("alternatives") {
            // On an issue known by id only, skipped like the position.
            Some(n) if fields.get("status").is_none() && !self.unread() && !sequence => {
                conditions::alternatives(c, self.issues, self.issue, n, position.as_ref(), written)
            }
            _ => Vec::new(),
        };
        if fields.get("source").is_none() {
            if let Some(q) = fields.key("quote") {
                c.report(q.loc, DiagnosticKind::QuoteWithoutSource);
            } else if note.is_none() {
                c.report(
                    key.loc,
                    DiagnosticKind::Unsourced {
                        issue: self.issue.id.clone(),
                    },
                );
            }
        }
        if basis == Basis::Reported
            && let Some(other) = self.other_side(&sources, speaker.as_deref())
        {
            let at = fields.key("basis").unwrap_or(key);
            c.report(
                at.loc,
                DiagnosticKind::ReportedFromOtherSide {
                    issue: self.issue.id.clone(),
                    other: crate::visible::line(other).into_owned(),
                    party: self.party.to_owned(),
                },
            );
        }
        let errors_after = c.diagnostics.iter().filter(|d| d.is_error()).count();
        if errors_after > errors_before {
            return None;
        }
        Some(Stance {
            position: position?,
            strength,
            basis,
            salience,
            sources,
            said: crate::model::Said::boxed(as_of.map(Box::from), speaker.map(Box::from)),
            quote,
            quote_check: QuoteCheck::NoText,
            note,
            requires: requires.into(),
            alternatives: alternatives.into(),
        })
    }

    /// `source`: one id, or a list of them.
    fn sources(&self, c: &mut Checker, node: &Node) -> crate::model::Sources {
        let Some(items) = c.list(node, "`source`") else {
            return crate::model::Sources::default();
        };
        if items.is_empty() {
            c.report(node.loc, DiagnosticKind::NoSourceListed);
        }
        let mut ids: Vec<Arc<str>> = Vec::with_capacity(items.len());
        for item in items {
            let Some(id) = self.source(c, item) else {
                continue;
            };
            if ids.contains(&id) {
                c.report(
                    item.loc,
                    DiagnosticKind::SourceListedTwice { id: id.to_string() },
                );
                continue;
            }
            ids.push(id);
        }
        ids.into()
    }

    /// The stance's own date: no later than the file's.
    fn as_of(&self, c: &mut Checker, node: &Node) -> Option<String> {
        let date = c.date(node, "`as_of`")?;
        if let Some(file) = self.as_of
            && date.as_str() > file
        {
            c.report(
                node.loc,
                DiagnosticKind::StanceAfterFile {
                    issue: self.issue.id.clone(),
                    date: date.clone(),
                    file: file.to_owned(),
                },
            );
        }
        Some(date)
    }

    /// `speaker`: an id of `speakers`, or free text; free text that is
    /// one letter off an id is probably that id, misspelt.
    fn speaker(&self, c: &mut Checker, node: &Node) -> Option<String> {
        let speaker = c.text(node, "`speaker`")?;
        if !self.speaker_ids.contains_key(speaker.as_str())
            && let Some(help) = did_you_mean(&speaker, self.speakers.iter().map(|s| s.id.as_str()))
        {
            c.report(
                node.loc,
                DiagnosticKind::SpeakerNotListed {
                    speaker: crate::visible::line(&speaker).into_owned(),
                    help,
                },
            );
        }
        Some(speaker)
    }

    /// The party whose account the stance rests on, when it is another
    /// than its own: its speaker's party, or the one party every source
    /// it cites belongs to.
    fn other_side<'s>(&'s self, sources: &[Arc<str>], speaker: Option<&str>) -> Option<&'s str> {
        let own = |p: &&str| *p == self.party;
        if let Some(party) = speaker
            .and_then(|id| self.speaker_ids.get(id))
            .and_then(|&k| self.speakers[k].party.as_deref())
        {
            return (!own(&party)).then_some(party);
        }
        let mut parties = sources.iter().map(|id| {
            self.source_ids
                .get(&**id)
                .and_then(|&(_, k)| self.sources[k].party.as_deref())
        });
        let first = parties.next()??;
        (!own(&first) && parties.all(|p| p == Some(first))).then_some(first)
    }

    fn source(&self, c: &mut Checker, node: &Node) -> Option<Arc<str>> {
        let id = c.name(node, "`source`")?;
        if let Some((shared, _)) = self.source_ids.get(id.as_str()) {
            return Some(shared.clone());
        }
        let help = if self.sources.is_empty() {
            Some("this file lists no `sources`; add one under `sources:`".to_owned())
        } else {
            did_you_mean(&id, self.sources.iter().map(|s| s.id.as_str()))
        };
        c.report(node.loc, DiagnosticKind::UnknownSource { id, help });
        None
    }

    fn status(&self, c: &mut Checker, fields: &Fields, status: &Node) -> Option<Position> {
        let value = c.keyword(status, "status", &Status::ALL)?;
        for name in fields::STANCE
            .iter()
            .filter(|f| !f.with_status)
            .map(|f| f.name)
        {
            if let Some(key) = fields.key(name) {
                c.report(
                    key.loc,
                    DiagnosticKind::StatusWithPosition {
                        status: value.name(),
                        field: name,
                    },
                );
            }
        }
        Some(Position::Status(value))
    }

    /// Every field given that is for other kinds of issue than this one's.
    fn not_for_kind(&self, c: &mut Checker, fields: &Fields, instead: &str) {
        let kind = self.issue.kind;
        for name in fields::STANCE
            .iter()
            .filter(|f| !f.is_for(kind))
            .map(|f| f.name)
        {
            if let Some(key) = fields.key(name) {
                c.report(
                    key.loc,
                    DiagnosticKind::StanceFieldNotForKind {
                        field: name,
                        issue: self.issue.id.clone(),
                        kind: self.issue.kind.name(),
                        help: instead.to_owned(),
                    },
                );
            }
        }
    }

    fn range(&self, c: &mut Checker, fields: &Fields, key: &Node) -> Option<Position> {
        self.not_for_kind(c, fields, "a range stance gives `min`, `max` or `ideal`");
        let min = fields.get("min").and_then(|n| c.number(n, "`min`"));
        let max = fields.get("max").and_then(|n| c.number(n, "`max`"));
        let ideal = fields.get("ideal").and_then(|n| c.number(n, "`ideal`"));
        if let (Some(lo), Some(hi), Some(n)) = (min, max, fields.get("min"))
            && lo > hi
        {
            c.report(
                n.loc,
                DiagnosticKind::MinAboveMax {
                    min: Num(lo).to_string(),
                    max: Num(hi).to_string(),
                },
            );
            return None;
        }
        if let (Some(v), Some(n)) = (ideal, fields.get("ideal"))
            && (min.is_some_and(|lo| v < lo) || max.is_some_and(|hi| v > hi))
        {
            c.report(
                n.loc,
                DiagnosticKind::IdealOutsideRange {
                    ideal: Num(v).to_string(),
                    range: show_range(min, max),
                },
            );
            return None;
        }
        if min.is_none() && max.is_none() && ideal.is_none() {
            if nothing_meant_as_position(fields) {
                no_position(c, key, self.issue, "`min`, `max` or `ideal`");
            }
            return None;
        }
        Some(Position::Range { min, max, ideal })
    }

    fn sequence(&self, c: &mut Checker, fields: &Fields, key: &Node) -> Option<Position> {
        self.not_for_kind(
            c,
            fields,
            "a sequence stance gives `order`: chains of step ids, each step before the next",
        );
        match fields.get("order") {
            Some(n) => crate::load::order::read_order(c, self.issue, n),
            None => {
                if nothing_meant_as_position(fields) {
                    no_position(c, key, self.issue, "`order`");
                }
                None
            }
        }
    }

    fn options(&self, c: &mut Checker, fields: &Fields, key: &Node) -> Option<Position> {
        let instead = if self.issue.kind == Kind::YesNo {
            "a yes-no stance gives `accepts: [\"yes\"]` or `accepts: [\"no\"]`"
        } else {
            "give `accepts`, `rejects` or `wants` with option ids"
        };
        self.not_for_kind(c, fields, instead);
        let count = self.issue.options.len();
        let accepts = fields
            .get("accepts")
            .and_then(|n| self.option_set(c, n, "accepts"));
        let rejects = fields
            .get("rejects")
            .and_then(|n| self.option_set(c, n, "rejects"));
        let wants = fields.get("wants").and_then(|n| self.option(c, n));
        if let (Some(a), Some(r)) = (&accepts, &rejects) {
            for &(index, loc) in &r.order {
                if a.set.contains(index) {
                    c.report(
                        loc,
                        DiagnosticKind::AcceptedAndRejected {
                            option: self.issue.options[index].id.clone(),
                        },
                    );
                }
            }
        }
        if let (Some(w), Some(node)) = (wants, fields.get("wants")) {
            let id = &self.issue.options[w].id;
            if accepts.as_ref().is_some_and(|a| !a.set.contains(w)) {
                c.report(
                    node.loc,
                    DiagnosticKind::WantsNotAccepted { option: id.clone() },
                );
            } else if rejects.as_ref().is_some_and(|r| r.set.contains(w)) {
                c.report(
                    node.loc,
                    DiagnosticKind::WantsRejected { option: id.clone() },
                );
            }
        }
        let acceptable = match (&accepts, &rejects, wants) {
            (Some(a), _, _) => a.set.clone(),
            (None, Some(r), _) => {
                let mut all = OptionSet::full(count);
                for i in r.set.iter() {
                    all.remove(i);
                }
                all
            }
            (None, None, Some(w)) => {
                let mut one = OptionSet::empty(count);
                one.insert(w);
                one
            }
            (None, None, None) => {
                if nothing_meant_as_position(fields) {
                    no_position(c, key, self.issue, "`accepts`, `rejects` or `wants`");
                }
                return None;
            }
        };
        if acceptable.is_empty() {
            c.report(
                key.loc,
                DiagnosticKind::AcceptsNothing {
                    issue: self.issue.id.clone(),
                },
            );
        }
        Some(Position::Options {
            accepts: acceptable,
            rejects: rejects.map_or_else(|| OptionSet::empty(count), |r| r.set),
            wants,
        })
    }

    /// One option id of this issue; for yes-no, YAML booleans count too.
    fn option(&self, c: &mut Checker, node: &Node) -> Option<usize> {
        option_of(c, self.issue, node)
    }

    fn option_set(&self, c: &mut Checker, node: &Node, field: &str) -> Option<Picked> {
        let mut picked = Picked {
            set: OptionSet::empty(self.issue.options.len()),
            order: Vec::new(),
        };
        let mut complete = true;
        for item in c.list(node, &format!("`{field}`"))? {
            // Go on past a bad item: every one of them deserves its error.
            let Some(index) = self.option(c, item) else {
                complete = false;
                continue;
            };
            if picked.set.contains(index) {
                let id = &self.issue.options[index].id;
                c.report(
                    item.loc,
                    DiagnosticKind::OptionListedTwice {
                        option: id.clone(),
                        field: field.to_owned(),
                    },
                );
            }
            picked.set.insert(index);
            picked.order.push((index, item.loc));
        }
        complete.then_some(picked)
    }
}

/// Options as a set, and in the order written (to point back at each).
struct Picked {
    set: OptionSet,
    order: Vec<(usize, Loc)>,
}

pub(super) fn option_of(c: &mut Checker, issue: &Issue, node: &Node) -> Option<usize> {
    let id = match (&node.value, issue.kind) {
        (Value::Bool(b), Kind::YesNo) => if *b { "yes" } else { "no" }.to_owned(),
        _ => c.name(node, "an option id")?,
    };
    if let Some(index) = issue.option_index(&id) {
        return Some(index);
    }
    let help = did_you_mean(&id, issue.options.iter().map(|o| o.id.as_str()))
        .unwrap_or_else(|| options_of(issue));
    c.report(
        node.loc,
        DiagnosticKind::UnknownOption {
            id,
            issue: issue.id.clone(),
            help,
        },
    );
    None
}

/// The options of an issue, for a help line: listed whole in every such
/// error, a thousand options made each of them 20 KB, and 200,000 of
/// them 4 GB.
pub(super) fn options_of(issue: &Issue) -> String {
    let what = if issue.kind == Kind::Sequence {
        "steps"
    } else {
        "options"
    };
    ids_listed(
        &format!("`{}`", issue.id),
        what,
        issue.options.iter().map(|o| o.id.as_str()),
    )
}

/// "the `what` of `whose` are `a`, `b`", or past `OPTIONS_LISTED` how many
/// there are: a help repeated on every slip must not repeat a thousand
/// ids.
pub(super) fn ids_listed<'a>(
    whose: &str,
    what: &str,
    ids: impl ExactSizeIterator<Item = &'a str>,
) -> String {
    let count = ids.len();
    if count > OPTIONS_LISTED {
        return format!("{whose} has {count} {what}; see the agenda");
    }
    let ids: Vec<String> = ids.map(|id| format!("`{id}`")).collect();
    format!("the {what} of {whose} are {}", ids.join(", "))
}

/// Whether the stance gives no field that states a position, for any
/// kind of issue, nor one misspelt: `min` on a yes-no issue has its own
/// error, and is not also a stance with no position.
fn nothing_meant_as_position(fields: &Fields) -> bool {
    crate::model::Kind::ALL
        .iter()
        .flat_map(|(_, kind)| position_fields(*kind))
        .all(|f| fields.get(f).is_none() && !fields.meant.contains(&f))
}

fn no_position(c: &mut Checker, key: &Node, issue: &Issue, give: &'static str) {
    c.report(
        key.loc,
        DiagnosticKind::NoPosition {
            issue: issue.id.clone(),
            give,
        },
    );
}

fn show_range(min: Option<f64>, max: Option<f64>) -> String {
    let end = |v: Option<f64>| v.map_or_else(|| "…".to_owned(), |v| Num(v).to_string());
    format!("{}..{}", end(min), end(max))
}
