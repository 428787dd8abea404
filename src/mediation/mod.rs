//! The mediator's view: the nearest compromise on each conflict, the
//! fewest stance changes that would clear every conflict and block, and
//! who stands together. Arithmetic on stated positions, not advice; no
//! I/O. `docs/mediation.md` explains each computation with an example.

mod bridge;
mod coalitions;
mod deal;
mod focus;

pub(crate) use bridge::bridge;
pub use coalitions::THRESHOLD;
pub(crate) use coalitions::{coalitions, partners};
pub(crate) use deal::deal;
pub use deal::{EXACT_LIMIT, WORK_BUDGET};
pub(crate) use focus::focus;

/// The sentence every proposal carries.
pub const NOT_ADVICE: &str = "Arithmetic on stated positions, not advice.";
