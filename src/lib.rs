//! `stance`: compare the stated positions of the parties to a negotiation.
//!
//! The pipeline: [`load`] reads and validates a negotiation folder into a
//! [`model::Negotiation`]; [`compare`] judges it within a [`Scope`] and
//! adds the mediator's view, into a [`report::Report`], with no I/O; an
//! [`export`] format renders that report. [`changes`] compares two rounds
//! of a negotiation. The binary is [`cli::main`].
//!
//! The modules are layered, each importing only from those below it
//! (`docs/design.md` draws the layers; `tests/layers.rs` holds them):
//! outcome sets, locations and names at the bottom; then the model and
//! diagnostics; loading; the report's types; the engine's verdicts; the
//! mediator's view; the comparison and the changes between rounds that
//! run them; the exporters; the command line.

// A `Diagnostic` is large, but it travels only on the cold path of bad
// input, where boxing it would buy nothing.
#![allow(clippy::result_large_err)]
#![warn(missing_docs)]

pub mod changes;
pub mod cli;
mod comparison;
mod confine;
pub mod diag;
mod engine;
pub mod export;
pub mod git;
// Test code, left out of the shipped library: feature `testkit`.
#[cfg(any(test, feature = "testkit"))]
pub mod harness;
mod id;
mod interrupt;
pub mod load;
pub mod loc;
mod mediation;
pub mod model;
pub mod outcome;
mod output;
mod quote;
pub mod report;
pub mod scaffold;
pub mod schema;
pub mod scope;
mod suggest;
// Test code, as `harness`.
#[cfg(any(test, feature = "testkit"))]
pub mod synth;
mod url;
pub mod visible;

pub use comparison::compare;
pub use scope::Scope;
