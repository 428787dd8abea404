//! The fields of the format: one table per kind of mapping, each field
//! with what it holds, whether it is required, which kinds of issue it is
//! for, and a line that says what it is. `stance check` takes its field
//! names, required fields and kind rules from these tables, and
//! `stance schema` builds its JSON Schemas from them, so that what an
//! editor offers and what `stance check` accepts cannot drift apart.
//! What a field's value must be is checked by the loader's own code; the
//! schema tests hold every fixture to both.

use crate::model::{Basis, Kind, Role, Status, Strength};

/// One field of a mapping with fixed fields.
#[derive(Debug)]
pub struct Field {
    /// As written in the file.
    pub name: &'static str,
    /// What its value must be.
    pub holds: Holds,
    /// Whether it must be given.
    pub need: Need,
    /// The kinds of issue it is for; empty: every kind.
    pub kinds: &'static [Kind],
    /// On a stance: whether a stance with a `status` (no position) may
    /// give it too.
    pub with_status: bool,
    /// For a mapping of ids: whether it must hold at least one.
    pub non_empty: bool,
    /// What it is, in one line (the schema's description).
    pub doc: &'static str,
}

/// Whether a field must be given.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Need {
    /// It may be left out.
    Optional,
    /// Every mapping of this kind gives it.
    Required,
    /// An issue of one of these kinds gives it.
    RequiredFor(&'static [Kind]),
}

/// What a field's value must be.
#[derive(Debug)]
pub enum Holds {
    /// Any scalar but null, read as written (`1.10` stays `1.10`).
    Text,
    /// A date written `YYYY-MM-DD`.
    Date,
    /// An `https://`, `http://` or `mailto:` address (other text is kept,
    /// with a warning).
    Url,
    /// A name (`docs/format.md`, "Names").
    Id,
    /// One name, or a list of names.
    Ids,
    /// A list of names, each once.
    IdList,
    /// A finite number, at most 10^15 either way.
    Number,
    /// A whole number from 0 to 100 (a stance's `salience`).
    Percent,
    /// One of these words.
    Keyword(&'static [&'static str]),
    /// A mapping from names to text (an issue's options).
    Descriptions,
    /// A mapping from names to mappings with these fields.
    ById(&'static [Field]),
    /// A mapping from issue ids to mappings with these fields (stances).
    ByIssue(&'static [Field]),
    /// A mapping from issue ids to the outcome each must settle on: option
    /// ids, or an interval (`INTERVAL`).
    Requirements,
    /// A list of mappings with these fields, each on the stance's issue
    /// (a stance's alternatives).
    ListOnIssue(&'static [Field]),
    /// A mapping from names to lists of issue ids (a party's packages).
    IssueLists,
    /// A list of chains, each a list of at least two step ids of the
    /// stance's issue (a sequence stance's `order`).
    Chains,
}

/// The words of a keyword table, in its order.
const fn words<T, const N: usize>(table: &[(&'static str, T); N]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = table[i].0;
        i += 1;
    }
    out
}

const KINDS: [&str; 5] = words(&Kind::ALL);
const STRENGTHS: [&str; 3] = words(&Strength::ALL);
const BASES: [&str; 3] = words(&Basis::ALL);
const STATUSES: [&str; 3] = words(&Status::ALL);
const ROLES: [&str; 3] = words(&Role::ALL);

/// The kinds whose outcomes are option ids.
pub const OPTION_KINDS: &[Kind] = &[Kind::Choice, Kind::Scale, Kind::YesNo];
const RANGE: &[Kind] = &[Kind::Range];
const SEQUENCE: &[Kind] = &[Kind::Sequence];

/// A field for every kind of issue, and for a stance with or without a
/// status.
const fn field(name: &'static str, holds: Holds, need: Need, doc: &'static str) -> Field {
    Field {
        name,
        holds,
        need,
        kinds: &[],
        with_status: true,
        non_empty: false,
        doc,
    }
}

/// A field of a stance that states a position: for these kinds of issue
/// only, and never beside a `status`.
const fn position(
    name: &'static str,
    holds: Holds,
    kinds: &'static [Kind],
    doc: &'static str,
) -> Field {
    Field {
        name,
        holds,
        need: Need::Optional,
        kinds,
        with_status: false,
        non_empty: false,
        doc,
    }
}

impl Field {
    /// The same field, a mapping that must hold at least one entry.
    const fn non_empty(mut self) -> Field {
        self.non_empty = true;
        self
    }
}

use Need::{Optional, Required};

/// `agenda.yaml`.
pub const AGENDA: &[Field] = &[
    field(
        "negotiation",
        Holds::Text,
        Required,
        "The negotiation's title.",
    ),
    field(
        "as_of",
        Holds::Date,
        Optional,
        "The date the positions are as of (YYYY-MM-DD).",
    ),
    field(
        "parties",
        Holds::IdList,
        Optional,
        "The order parties are reported in; every party file listed once.",
    ),
    field(
        "phases",
        Holds::ById(PHASE),
        Optional,
        "The phases of the talks, by id, in order; an issue names its phase in `phase`, and reports group issues by phase.",
    ),
    field(
        "issues",
        Holds::ById(ISSUE),
        Required,
        "The issues, by id, in the order of every report.",
    )
    .non_empty(),
    field("note", Holds::Text, Optional, "Free text for the analyst."),
];

/// One issue of the agenda.
pub const ISSUE: &[Field] = &[
    field("title", Holds::Text, Required, "What the issue is about."),
    field(
        "kind",
        Holds::Keyword(&KINDS),
        Required,
        "choice: any set of options; scale: options ordered from one end to the other; yes-no; range: a number; sequence: an order of steps.",
    ),
    Field {
        name: "options",
        holds: Holds::Descriptions,
        need: Need::RequiredFor(&[Kind::Choice, Kind::Scale]),
        kinds: OPTION_KINDS,
        with_status: true,
        non_empty: false,
        doc: "Option id: description. A choice or a scale lists at least two; a yes-no issue may describe `yes` and `no`.",
    },
    Field {
        name: "unit",
        holds: Holds::Text,
        need: Optional,
        kinds: RANGE,
        with_status: true,
        non_empty: false,
        doc: "What a range issue counts (days, troops, dollars).",
    },
    Field {
        name: "steps",
        holds: Holds::Descriptions,
        need: Need::RequiredFor(SEQUENCE),
        kinds: SEQUENCE,
        with_status: true,
        non_empty: false,
        doc: "Step id: description, at least two: the steps a sequence issue puts in order.",
    },
    field(
        "phase",
        Holds::Id,
        Optional,
        "The id of the phase (under the agenda's `phases`) this issue is settled in.",
    ),
    field("note", Holds::Text, Optional, "Free text for the analyst."),
    field(
        "decided_by",
        Holds::IdList,
        Optional,
        "The parties whose consent settles the issue, by id; without it, every principal.",
    ),
];

/// One phase of the agenda.
pub const PHASE: &[Field] = &[
    field("title", Holds::Text, Required, "What the phase is."),
    field(
        "days",
        Holds::Number,
        Optional,
        "How many days it lasts: a whole number, at least 1.",
    ),
];

/// A party file.
pub const PARTY: &[Field] = &[
    field(
        "party",
        Holds::Id,
        Required,
        "The party id: the file name without `.yaml`.",
    ),
    field(
        "name",
        Holds::Text,
        Required,
        "The party's name as reports show it.",
    ),
    field(
        "role",
        Holds::Keyword(&ROLES),
        Optional,
        "principal (default): decides every issue with no `decided_by`; mediator or observer: decides only issues whose `decided_by` names it.",
    ),
    field(
        "as_of",
        Holds::Date,
        Optional,
        "The date this file's positions are as of (YYYY-MM-DD).",
    ),
    field(
        "sources",
        Holds::ById(SOURCE),
        Optional,
        "Where the stances come from, by id; a stance names one or more in `source`.",
    ),
    field(
        "speakers",
        Holds::ById(SPEAKER),
        Optional,
        "The officials and factions whose words the stances carry, by id; a stance names one in `speaker`.",
    ),
    field(
        "stances",
        Holds::ByIssue(STANCE),
        Required,
        "The party's stance on each issue it spoke to, by issue id; an issue it is silent on is left out.",
    )
    .non_empty(),
    field(
        "requires",
        Holds::Requirements,
        Optional,
        "Every stance of the party holds only if each named issue settles so (but the stance on that issue itself).",
    ),
    field(
        "packages",
        Holds::IssueLists,
        Optional,
        "Issues accepted only together, by package id: each listed stance requires every other listed issue to settle within what this party accepts there.",
    ),
    field("note", Holds::Text, Optional, "Free text for the analyst."),
];

/// One source of a party file.
pub const SOURCE: &[Field] = &[
    field(
        "title",
        Holds::Text,
        Required,
        "What the source is (a statement, a readout, an article).",
    ),
    field(
        "date",
        Holds::Date,
        Optional,
        "When it was published (YYYY-MM-DD).",
    ),
    field(
        "url",
        Holds::Url,
        Optional,
        "Where to read it: an https:// address.",
    ),
    field(
        "text",
        Holds::Text,
        Optional,
        "The source's text, a path inside the negotiation folder: every quote citing the source is checked against it.",
    ),
    field(
        "party",
        Holds::Id,
        Optional,
        "The party whose account this is, when it is not the file's own.",
    ),
    field("note", Holds::Text, Optional, "Free text for the analyst."),
];

/// One speaker of a party file.
pub const SPEAKER: &[Field] = &[
    field(
        "name",
        Holds::Text,
        Required,
        "The speaker's name, as reports show it.",
    ),
    field(
        "role",
        Holds::Text,
        Optional,
        "The speaker's office or role.",
    ),
    field(
        "party",
        Holds::Id,
        Optional,
        "The party the speaker speaks for, when it is not the file's own.",
    ),
    field("note", Holds::Text, Optional, "Free text for the analyst."),
];

/// One stance: a party's position on one issue.
pub const STANCE: &[Field] = &[
    position(
        "accepts",
        Holds::Ids,
        OPTION_KINDS,
        "Every acceptable option; the rest are not.",
    ),
    position(
        "rejects",
        Holds::Ids,
        OPTION_KINDS,
        "Options rejected out loud; alone, every other option is acceptable.",
    ),
    position(
        "wants",
        Holds::Id,
        OPTION_KINDS,
        "The first choice; it must be acceptable. Alone, the only acceptable option.",
    ),
    position(
        "min",
        Holds::Number,
        RANGE,
        "The least acceptable value of a range issue.",
    ),
    position(
        "max",
        Holds::Number,
        RANGE,
        "The most acceptable value of a range issue.",
    ),
    position(
        "ideal",
        Holds::Number,
        RANGE,
        "The preferred value, within min..max; alone, the only acceptable value.",
    ),
    position(
        "order",
        Holds::Chains,
        SEQUENCE,
        "Chains of step ids, each step before the next: `[[a, b, c]]`.",
    ),
    field(
        "status",
        Holds::Keyword(&STATUSES),
        Optional,
        "The party spoke to the issue but took no position; no position field beside it.",
    ),
    Field {
        name: "strength",
        holds: Holds::Keyword(&STRENGTHS),
        need: Optional,
        kinds: &[],
        with_status: false,
        non_empty: false,
        doc: "How firmly the position is held (default firm).",
    },
    field(
        "basis",
        Holds::Keyword(&BASES),
        Optional,
        "How the analyst knows it (default stated).",
    ),
    field(
        "salience",
        Holds::Percent,
        Optional,
        "How much the issue matters to the party, 0 to 100 (default 50): weighs the agreement index and the deal's cost.",
    ),
    field(
        "source",
        Holds::Ids,
        Optional,
        "The id of the source, or a list of them, under the file's `sources`.",
    ),
    field(
        "as_of",
        Holds::Date,
        Optional,
        "When this stance was taken (YYYY-MM-DD), at the latest the file's `as_of`.",
    ),
    field(
        "speaker",
        Holds::Text,
        Optional,
        "Who said it, when not the party as a whole: an id of the file's `speakers`, or a name.",
    ),
    field(
        "quote",
        Holds::Text,
        Optional,
        "The party's own words, short.",
    ),
    field("note", Holds::Text, Optional, "Free text for the analyst."),
    Field {
        name: "requires",
        holds: Holds::Requirements,
        need: Optional,
        kinds: &[],
        with_status: false,
        non_empty: false,
        doc: "The stance holds only if each named issue settles on these options (or in this interval, for a range).",
    },
    Field {
        name: "alternatives",
        holds: Holds::ListOnIssue(ALTERNATIVE),
        need: Optional,
        kinds: &[],
        with_status: false,
        non_empty: false,
        doc: "Also acceptable, but only under conditions: each a position with its own `requires`.",
    },
];

/// One alternative of a stance: a position taken only under conditions.
pub const ALTERNATIVE: &[Field] = &[
    position(
        "accepts",
        Holds::Ids,
        OPTION_KINDS,
        "The options acceptable under this alternative's conditions.",
    ),
    position(
        "rejects",
        Holds::Ids,
        OPTION_KINDS,
        "Alone: every other option is acceptable under its conditions.",
    ),
    position(
        "min",
        Holds::Number,
        RANGE,
        "The least value acceptable under its conditions; the interval meets the stance's own.",
    ),
    position(
        "max",
        Holds::Number,
        RANGE,
        "The most value acceptable under its conditions; the interval meets the stance's own.",
    ),
    field(
        "requires",
        Holds::Requirements,
        Required,
        "The conditions: each named issue settles on these options (or in this interval).",
    ),
];

/// A requirement on a range issue: the interval its outcome must fall in.
pub const INTERVAL: &[Field] = &[
    field(
        "min",
        Holds::Number,
        Optional,
        "The outcome is at least this.",
    ),
    field(
        "max",
        Holds::Number,
        Optional,
        "The outcome is at most this.",
    ),
];

/// The names of a table's fields, in its order.
pub fn names(table: &'static [Field]) -> impl Iterator<Item = &'static str> + Clone {
    table.iter().map(|f| f.name)
}

/// The field of `table` named `name`.
pub fn get(table: &'static [Field], name: &str) -> Option<&'static Field> {
    table.iter().find(|f| f.name == name)
}

impl Field {
    /// Whether the field is for an issue of `kind`.
    pub fn is_for(&self, kind: Kind) -> bool {
        self.kinds.is_empty() || self.kinds.contains(&kind)
    }
}

/// The fields of a stance that state a position on an issue of `kind`
/// (`accepts`, `rejects`, `wants`; `min`, `max`, `ideal`).
pub fn position_fields(kind: Kind) -> impl Iterator<Item = &'static str> {
    STANCE
        .iter()
        .filter(move |f| !f.kinds.is_empty() && f.kinds.contains(&kind))
        .map(|f| f.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Guards the tables against a field given twice, which the loader
    /// would read once and the schema twice.
    #[test]
    fn no_table_names_a_field_twice() {
        for table in [
            AGENDA,
            ISSUE,
            PHASE,
            PARTY,
            SOURCE,
            SPEAKER,
            STANCE,
            ALTERNATIVE,
            INTERVAL,
        ] {
            let mut names: Vec<_> = names(table).collect();
            names.sort_unstable();
            let count = names.len();
            names.dedup();
            assert_eq!(names.len(), count, "{names:?}");
        }
    }

    #[test]
    fn keywords_are_the_models_own() {
        assert_eq!(KINDS, ["choice", "scale", "yes-no", "range", "sequence"]);
        assert_eq!(STATUSES, ["undecided", "ambiguous", "not-applicable"]);
        assert_eq!(ROLES, ["principal", "mediator", "observer"]);
    }
}
