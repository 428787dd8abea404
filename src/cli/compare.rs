//! `stance compare`: the report on one negotiation.

use super::deliver::{self, Delivered};
use super::{FOUND, INVALID, Output, print_diagnostics};
use crate::compare;
use crate::diag::Diagnostic;
use crate::load::{self, Loaded};
use crate::report::Report;
use crate::scope::{Scope, Selection};
use clap::ValueEnum;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum FailOn {
    Conflict,
    Blocked,
    Gap,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Pairs {
    Ids,
    Counts,
}

pub(crate) struct Request<'a> {
    pub(crate) path: &'a Path,
    pub(crate) parties: Option<Vec<String>>,
    pub(crate) issues: Option<Vec<String>>,
    pub(crate) focus: Option<&'a str>,
    pub(crate) pairs: Pairs,
    pub(crate) min_shared: usize,
    pub(crate) out: &'a Output,
    pub(crate) fail_on: &'a [FailOn],
}

pub(crate) fn run(req: &Request) -> u8 {
    let Request {
        path, out, fail_on, ..
    } = *req;
    let loaded = load::load(path);
    print_diagnostics(load::diagnostics(&loaded));
    let Ok(Loaded {
        negotiation,
        inputs,
        folder,
        ..
    }) = loaded
    else {
        return INVALID;
    };
    let scope = Scope::select(&negotiation, req.parties.as_deref(), req.issues.as_deref())
        .and_then(|scope| match req.focus {
            Some(party) => scope.with_focus(&negotiation, party),
            None => Ok(scope),
        });
    let scope = match scope {
        Ok(scope) => scope,
        Err(e) => {
            let flag = match e.of {
                Selection::Parties => "--parties",
                Selection::Issues => "--issues",
                Selection::Focus => "--focus",
            };
            print_diagnostics(&[Diagnostic::file(flag, e.message).help(e.help)]);
            return INVALID;
        }
    };
    let Some(format) = deliver::format(out) else {
        return INVALID;
    };
    let ids = req.pairs == Pairs::Ids;
    let scope = Scope {
        pair_issues: ids && format.lists_pair_issues(scope.cells()),
        list_clashes: ids,
        min_shared: req.min_shared,
        ..scope
    };
    let report = compare(&negotiation, &scope);
    let guard = deliver::Guard {
        inputs: &inputs,
        folders: &[folder.unwrap_or_else(|| PathBuf::from(path))],
    };
    let code = match deliver::deliver(out, &guard, |w, color| {
        format.exporter(color).render(&report, w)
    }) {
        Delivered::Failed => INVALID,
        Delivered::Stale => FOUND,
        Delivered::Done if found(&report, fail_on) => FOUND,
        Delivered::Done => 0,
    };
    // The process ends now: freeing the report and the negotiation piece
    // by piece (a million allocations at conference scale) only delays it.
    std::mem::forget(report);
    std::mem::forget(negotiation);
    code
}

fn found(report: &Report, fail_on: &[FailOn]) -> bool {
    let s = &report.summary;
    fail_on.iter().any(|f| match f {
        FailOn::Conflict => s.conflict > 0,
        FailOn::Blocked => s.blocked > 0,
        FailOn::Gap => s.gap > 0,
    })
}
