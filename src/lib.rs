//! `stance`: compare the stated positions of the parties to a negotiation.
//!
//! The pipeline: [`load`] reads and validates a negotiation folder into a
//! [`model::Negotiation`]; [`engine::compare`] turns it into a
//! [`report::Report`] with no I/O; an [`export`] format renders that report.

// A `Diagnostic` is large, but it travels only on the cold path of bad
// input, where boxing it would buy nothing.
#![allow(clippy::result_large_err)]

pub mod changes;
pub mod cli;
pub mod confine;
pub mod diag;
pub mod engine;
pub mod export;
pub mod git;
#[doc(hidden)]
pub mod harness;
pub mod id;
pub mod interrupt;
pub mod load;
pub mod mediation;
pub mod model;
pub mod output;
pub mod report;
pub mod scope;
pub mod set;
pub mod suggest;
/// Generated negotiations, for the benchmarks and tests.
#[doc(hidden)]
pub mod synth;
pub mod url;
pub mod visible;
