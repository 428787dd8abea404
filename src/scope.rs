//! Which parties and issues a comparison covers, picked by id with a "did
//! you mean" for a slip.

use crate::model::{IssueIndex, Negotiation, PartyIndex};
use crate::suggest::did_you_mean;
use std::fmt;

/// Which parties and issues a comparison covers, as indices into the
/// negotiation, in report order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scope {
    /// The parties compared, in the negotiation's order.
    pub parties: Vec<PartyIndex>,
    /// The issues reported on, in report order: by phase in phase order,
    /// issues with no phase last, agenda order within each.
    pub issues: Vec<IssueIndex>,
    /// The party whose seat the report is written from (`--focus`).
    pub focus: Option<PartyIndex>,
    /// Whether each pair carries the issues behind its counts (`--pairs
    /// ids`, the default, in a format that shows them:
    /// `Format::lists_pair_issues`).
    pub pair_issues: bool,
    /// Whether each issue and block lists its clashing pairs rather than
    /// their count (`--pairs ids`, against `--pairs counts`).
    pub list_clashes: bool,
    /// The fewest issues two parties must compare on to group or to be
    /// partners (`--min-shared`).
    pub min_shared: usize,
}

/// `--min-shared` when not given.
pub const DEFAULT_MIN_SHARED: usize = 2;

/// Which of a scope's selections a name was given to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    /// The parties (`--parties`).
    Parties,
    /// The issues (`--issues`).
    Issues,
    /// The party whose seat it is (`--focus`).
    Focus,
}

/// A name that picks nothing in the negotiation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScopeError {
    /// Which selection was wrong.
    pub of: Selection,
    /// What is wrong, in the error messages' style.
    pub message: String,
    /// The nearest valid name, or the valid names.
    pub help: Option<String>,
}

impl fmt::Display for ScopeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, "; {help}")?;
        }
        Ok(())
    }
}

impl Scope {
    /// How many party-issue cells a report of this scope has.
    pub fn cells(&self) -> usize {
        self.parties.len().saturating_mul(self.issues.len())
    }

    /// Everything in the negotiation.
    pub fn all(n: &Negotiation) -> Scope {
        Scope {
            parties: n.party_indices().collect(),
            issues: n.agenda.report_order(),
            focus: None,
            pair_issues: true,
            list_clashes: true,
            min_shared: DEFAULT_MIN_SHARED,
        }
    }

    /// The same scope, seen from one party's seat; the party must be in it.
    pub fn with_focus(mut self, n: &Negotiation, party: &str) -> Result<Scope, ScopeError> {
        // Ids are compared in NFC (`id`), whatever form the shell passed.
        let party = &*crate::id::normal(party);
        let ids: Vec<&str> = self
            .parties
            .iter()
            .map(|&p| n.parties[p].id.as_str())
            .collect();
        match ids.iter().position(|id| *id == party) {
            Some(k) => {
                self.focus = Some(self.parties[k]);
                Ok(self)
            }
            None if n.parties.iter().any(|p| p.id == party) => Err(ScopeError {
                of: Selection::Focus,
                message: format!("party `{party}` is not among the parties in scope"),
                help: Some("add it to `--parties`, or leave `--parties` out".to_owned()),
            }),
            None => Err(ScopeError {
                of: Selection::Focus,
                message: format!("unknown party `{party}`"),
                help: did_you_mean(party, ids.iter().copied()),
            }),
        }
    }

    /// The parties and issues named (all when `None`), checked against the
    /// negotiation; the report keeps the negotiation's order, not the order
    /// of the names.
    pub fn select(
        n: &Negotiation,
        parties: Option<&[String]>,
        issues: Option<&[String]>,
    ) -> Result<Scope, ScopeError> {
        let party_ids: Vec<&str> = n.parties.iter().map(|p| p.id.as_str()).collect();
        let issue_ids: Vec<&str> = n.agenda.issues.iter().map(|i| i.id.as_str()).collect();
        Ok(Scope {
            parties: pick("party", &party_ids, parties)?
                .into_iter()
                .map(PartyIndex::new)
                .collect(),
            issues: in_report_order(n, pick("issue", &issue_ids, issues)?),
            focus: None,
            pair_issues: true,
            list_clashes: true,
            min_shared: DEFAULT_MIN_SHARED,
        })
    }
}

/// The issues picked, in the agenda's report order.
fn in_report_order(n: &Negotiation, picked: Vec<usize>) -> Vec<IssueIndex> {
    let mut wanted = vec![false; n.agenda.issues.len()];
    for k in picked {
        wanted[k] = true;
    }
    let mut issues = n.agenda.report_order();
    issues.retain(|i| wanted[i.get()]);
    issues
}

fn pick(what: &str, ids: &[&str], names: Option<&[String]>) -> Result<Vec<usize>, ScopeError> {
    let Some(names) = names else {
        return Ok((0..ids.len()).collect());
    };
    let mut picked = Vec::new();
    for name in names {
        let name = &*crate::id::normal(name);
        let Some(i) = ids.iter().position(|id| *id == name) else {
            return Err(ScopeError {
                of: if what == "party" {
                    Selection::Parties
                } else {
                    Selection::Issues
                },
                message: format!("unknown {what} `{name}`"),
                help: did_you_mean(name, ids.iter().copied()).or_else(|| {
                    Some(format!(
                        "the {what} ids are {}",
                        ids.iter()
                            .map(|i| format!("`{i}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                }),
            });
        };
        picked.push(i);
    }
    if picked.is_empty() {
        return Err(ScopeError {
            of: if what == "party" {
                Selection::Parties
            } else {
                Selection::Issues
            },
            message: format!("no {what} named"),
            help: Some(format!(
                "name at least one {what}, or leave the option out for all"
            )),
        });
    }
    picked.sort_unstable();
    picked.dedup();
    Ok(picked)
}
