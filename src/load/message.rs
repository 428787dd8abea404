//! Every message the load stage can give, in one place: what is wrong, what
//! the caret under the value says, the help, and whether it is an error or
//! a warning. Call sites name the kind and its facts; the words live here,
//! so they stay consistent and a change of wording is one edit.
//!
//! A help that depends on the input (a "did you mean", the options of an
//! issue) is computed at the call site and carried as `help`.

use crate::diag::{Diagnostic, Severity, SourceFile};
use crate::id;
use crate::load::AGENDA;
use crate::load::limits::{
    MAX_ALTERNATIVES, MAX_FILE_BYTES, MAX_FOLDER_BYTES, MAX_ISSUES, MAX_OPTIONS, MAX_PARTIES,
    MAX_SOURCE_TEXT_BYTES, MAX_TEXT_CHARS,
};
use crate::load::provenance::BUDGET_PER_BYTE;
use crate::loc::Loc;

/// One problem the load stage reports, with the facts its words need.
#[derive(Clone, Debug)]
pub(crate) enum DiagnosticKind {
    // The shapes every file shares (`check`).
    WrongType {
        what: String,
        expected: &'static str,
        found: &'static str,
    },
    KeyTwice {
        name: String,
        what: String,
        first_line: usize,
        /// How the two spellings differ, when they do.
        spelt: Option<String>,
    },
    FieldTwice {
        name: String,
        what: String,
        first_line: usize,
    },
    UnknownField {
        name: String,
        what: String,
        help: Option<String>,
    },
    MissingField {
        name: &'static str,
        what: String,
        help: Option<String>,
    },
    TextTooLong {
        what: String,
        chars: usize,
    },
    EmptyText {
        what: String,
    },
    CommaInName {
        what: String,
        name: String,
    },
    NotAName {
        what: String,
        name: String,
    },
    HiddenInId {
        /// The id as shown, with what it is (`issue id \`a\u{202e}b\``).
        id: String,
        hidden: char,
    },
    NotADate {
        what: String,
        text: String,
    },
    NumberTooLarge {
        what: String,
        spelt: String,
    },
    UnknownKeyword {
        what: String,
        word: String,
        expected: Vec<String>,
        help: Option<String>,
    },

    // The agenda.
    TooManyIssues {
        count: usize,
    },
    NoIssues,
    TooManyParties {
        count: usize,
    },
    PartyListedTwice {
        id: String,
    },
    TooFewOptions {
        what: String,
    },
    FieldNotForKind {
        what: String,
        kind: &'static str,
        field: &'static str,
        kinds: Vec<&'static str>,
    },
    FieldRequiredForKind {
        what: String,
        kind: &'static str,
        field: &'static str,
    },
    TooManyOptions {
        what: String,
        count: usize,
    },
    OptionsAsList {
        what: String,
        help: String,
    },
    NotYesOrNo {
        what: String,
        id: String,
        help: Option<String>,
    },
    OptionDescribedTwice {
        what: String,
        option: String,
    },

    // A party file.
    PartyIdNotFileName {
        id: String,
        file_name: String,
        stem: String,
        extension: String,
    },
    NoStances,
    UnknownIssue {
        id: String,
        help: Option<String>,
    },
    SourceCitedNowhere {
        id: String,
    },
    SourceAfterFile {
        id: String,
        date: String,
        file: String,
    },
    UnknownParty {
        what: String,
        id: String,
        help: Option<String>,
    },
    TextPathAbsolute {
        shown: String,
    },
    TextPathBackslash {
        shown: String,
    },
    TextPathClimbs {
        shown: String,
    },
    TextPathFolder {
        shown: String,
    },
    TextPathPositionFile {
        shown: String,
    },
    UrlHidden {
        shown: String,
        code_point: String,
        hidden: &'static str,
    },
    UrlNotLink {
        shown: String,
    },

    // A stance.
    EmptyStance {
        issue: String,
    },
    QuoteWithoutSource,
    Unsourced {
        issue: String,
    },
    ReportedFromOtherSide {
        issue: String,
        other: String,
        party: String,
    },
    NoSourceListed,
    SourceListedTwice {
        id: String,
    },
    StanceAfterFile {
        issue: String,
        date: String,
        file: String,
    },
    SpeakerNotListed {
        speaker: String,
        help: String,
    },
    UnknownSource {
        id: String,
        help: Option<String>,
    },
    StatusWithPosition {
        status: &'static str,
        field: &'static str,
    },
    StanceFieldNotForKind {
        field: &'static str,
        issue: String,
        kind: &'static str,
        help: String,
    },
    MinAboveMax {
        min: String,
        max: String,
    },
    IdealOutsideRange {
        ideal: String,
        range: String,
    },
    AcceptedAndRejected {
        option: String,
    },
    WantsNotAccepted {
        option: String,
    },
    WantsRejected {
        option: String,
    },
    AcceptsNothing {
        issue: String,
    },
    OptionListedTwice {
        option: String,
        field: String,
    },
    UnknownOption {
        id: String,
        issue: String,
        help: String,
    },
    NoPosition {
        issue: String,
        give: &'static str,
    },

    // Conditions: requirements, alternatives, packages.
    RequiresOwnIssue {
        issue: String,
    },
    RequiresNoOption {
        what: String,
    },
    RequiresUnknownOption {
        id: String,
        issue: String,
        help: String,
    },
    RequiresIntervalOnOptions {
        what: String,
        issue: String,
        kind: &'static str,
    },
    RequiresOptionsOnRange {
        what: String,
        issue: String,
    },
    RequiresNumber {
        what: String,
        help: String,
    },
    RequiresNoBound {
        issue: String,
    },
    RequiresWhatPartyRefuses {
        issue: String,
    },
    TooManyAlternatives {
        issue: String,
        count: usize,
    },
    AlternativesNotList {
        found: &'static str,
    },
    AlternativeFieldNotForKind {
        field: &'static str,
        issue: String,
        kind: &'static str,
        range: bool,
    },
    AlternativeGap {
        alternative: String,
        base: String,
    },
    AlternativeAddsNothing {
        issue: String,
    },
    AlternativeWithoutRequires {
        issue: String,
    },
    AlternativeNoPosition {
        issue: String,
        range: bool,
    },
    AlternativeAcceptedAndRejected {
        option: String,
    },
    /// `requires`, or a package, naming an issue the agenda lacks.
    UnknownIssueNamed {
        what: String,
        id: String,
        help: Option<String>,
    },
    PackageIssueTwice {
        what: String,
        id: String,
    },
    PackageUnpositioned {
        what: String,
        id: String,
    },
    EmptyPackage {
        what: String,
    },
    PackageOfOne {
        what: String,
    },

    // Provenance: the sources' texts and the quotes looked for in them.
    SourceTextUnreadable {
        id: String,
        path: String,
        reason: String,
        help: Option<String>,
    },
    QuoteHoldsNothing,
    QuoteUnchecked {
        paths: String,
    },
    QuoteNotFound {
        /// The sources searched, each in backticks.
        sources: Vec<String>,
        paths: String,
        help: String,
        /// Not found where the caller reads a missing quote as a warning
        /// (`stance changes` reading history, say).
        warning: bool,
    },

    // Files and folders.
    NoAgenda {
        help: String,
    },
    IsAFile,
    Io {
        message: String,
    },
    ReadOnce,
    TooManyPartyFiles,
    FolderTooLarge {
        total: u64,
    },
    IsAFolder,
    LinkLeaves {
        described: String,
    },
    Refused {
        described: String,
    },
    FileTooLarge {
        size: u64,
    },
    NotUtf8 {
        byte: u8,
    },
    TextsTooLarge {
        path: String,
    },
    NoPartyFiles,
    FileNameHidden {
        shown: String,
        hidden: char,
    },
    SecondFile {
        stem: String,
        first: String,
    },
    PartyWithoutFile {
        id: String,
        help: Option<String>,
    },
    PartyNotListed {
        id: String,
        file: String,
    },
    // Format 2's order: phases, steps and `order` chains (`order.rs`).
    TooManyPhases {
        count: usize,
    },
    NotDays {
        found: String,
    },
    UnknownPhase {
        id: String,
        what: String,
        help: Option<String>,
    },
    TooFewSteps {
        what: String,
    },
    NoChain,
    ChainNotAList {
        first_step: String,
    },
    StepTwiceInChain {
        step: String,
    },
    ChainTooShort,
    OrderCycle {
        cycle: String,
    },
    UnknownStep {
        id: String,
        issue: String,
        help: Option<String>,
    },
    SequenceTakesNoConditions {
        issue: String,
        field: &'static str,
    },
    SequenceRequired {
        what: String,
        issue: String,
    },
    // Format 2's who decides: roles, `decided_by`, salience (`roles.rs`).
    NotSalience {
        found: String,
    },
    EmptyDecidedBy {
        issue: String,
    },
    DeciderTwice {
        id: String,
        issue: String,
    },
    UnknownDecider {
        id: String,
        issue: String,
        help: Option<String>,
    },
    OneDecider {
        issue: String,
    },
    FewPrincipals {
        none: bool,
        issues: String,
        one: bool,
    },
}

/// What a diagnostic says.
struct Wording {
    message: String,
    /// What the caret under the value says; none for a whole file.
    label: Option<String>,
    help: Option<String>,
}

fn said(message: impl Into<String>, label: impl Into<String>, help: Option<String>) -> Wording {
    Wording {
        message: message.into(),
        label: Some(label.into()),
        help,
    }
}

/// The words of a problem with a whole file, which has no caret.
fn whole(message: impl Into<String>, help: Option<String>) -> Wording {
    Wording {
        message: message.into(),
        label: None,
        help,
    }
}

fn help(text: &str) -> Option<String> {
    Some(text.to_owned())
}

/// Names as a list in backticks: "`a`, `b`".
fn ticked<S: AsRef<str>>(names: &[S]) -> String {
    names
        .iter()
        .map(|n| format!("`{}`", n.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

const MIB: u64 = 1024 * 1024;
const AFTER_FILE: &str =
    "a file's `as_of` is the date its positions hold at: move it on, or check this date";
const TEXT_INSIDE: &str =
    "give the path from the folder that holds `agenda.yaml`, such as `sources/article.txt`";
/// Why an alternative takes a `requires`.
pub(crate) const WHY_REQUIRES: &str = "an alternative is accepted only under conditions; without any, add its outcomes to the stance itself";

impl DiagnosticKind {
    /// Whether the negotiation still loads.
    fn severity(&self) -> Severity {
        use DiagnosticKind::*;
        match self {
            SourceCitedNowhere { .. }
            | SourceAfterFile { .. }
            | UrlHidden { .. }
            | UrlNotLink { .. }
            | QuoteWithoutSource
            | Unsourced { .. }
            | ReportedFromOtherSide { .. }
            | StanceAfterFile { .. }
            | SpeakerNotListed { .. }
            | AcceptsNothing { .. }
            | RequiresUnknownOption { .. }
            | RequiresIntervalOnOptions { .. }
            | RequiresOptionsOnRange { .. }
            | RequiresWhatPartyRefuses { .. }
            | AlternativeAddsNothing { .. }
            | PackageOfOne { .. }
            | QuoteUnchecked { .. }
            | QuoteNotFound { warning: true, .. }
            | OneDecider { .. }
            | FewPrincipals { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// The problem at `loc` in `source`.
    pub(crate) fn at(self, source: &SourceFile, loc: Loc) -> Diagnostic {
        let severity = self.severity();
        let Wording {
            message,
            label,
            help,
        } = self.wording();
        let mut d = Diagnostic::at(source, loc, message).help(help);
        d.label = label;
        match severity {
            Severity::Error => d,
            Severity::Warning => d.warning(),
        }
    }

    /// A problem with a whole file, or with a folder.
    pub(crate) fn in_file(self, name: &str) -> Diagnostic {
        let severity = self.severity();
        let Wording { message, help, .. } = self.wording();
        let d = Diagnostic::file(name, message).help(help);
        match severity {
            Severity::Error => d,
            Severity::Warning => d.warning(),
        }
    }

    /// At `at` when the place is known, else about the whole file.
    pub(crate) fn placed(self, source: &SourceFile, at: Option<Loc>) -> Diagnostic {
        match at {
            Some(loc) => self.at(source, loc),
            None => self.in_file(&source.name),
        }
    }

    fn wording(self) -> Wording {
        use DiagnosticKind::*;
        match self {
            WrongType {
                what,
                expected,
                found,
            } => said(
                format!("{what} must be {expected}, found {found}"),
                format!("expected {expected}"),
                None,
            ),
            KeyTwice {
                name,
                what,
                first_line,
                spelt,
            } => said(
                format!("`{name}` is given twice in {what}"),
                format!("first given on line {first_line}"),
                spelt,
            ),
            FieldTwice {
                name,
                what,
                first_line,
            } => said(
                format!("`{name}` is given twice in {what}"),
                format!("first given on line {first_line}"),
                help("keep one of the two"),
            ),
            UnknownField { name, what, help } => said(
                format!("unknown field `{name}` in {what}"),
                "unknown field",
                help,
            ),
            MissingField { name, what, help } => said(
                format!("{what} is missing the field `{name}`"),
                format!("`{name}` is required here"),
                help,
            ),
            TextTooLong { what, chars } => said(
                format!("{what} is {chars} characters long, over the limit of {MAX_TEXT_CHARS}"),
                "too long",
                None,
            ),
            EmptyText { what } => said(format!("{what} is empty"), "expected text here", None),
            CommaInName { what, name } => said(
                format!("{what} `{name}` contains a comma"),
                "not allowed in a name",
                help("commas separate names on the command line (`--issues a,b`)"),
            ),
            NotAName { what, name } => said(
                format!("{what} `{name}` is not a valid name"),
                "names may not be empty or start or end with spaces",
                None,
            ),
            HiddenInId { id, hidden } => said(
                format!("{id} {}", id::refusal(hidden)),
                "not allowed in an id",
                help(id::WHY_REFUSED),
            ),
            NotADate { what, text } => said(
                format!("{what} `{text}` is not a date"),
                "expected a date like 2025-03-18",
                None,
            ),
            NumberTooLarge { what, spelt } => said(
                format!("{what} {spelt} is beyond the largest number stance takes, ±10^15"),
                "too large",
                None,
            ),
            UnknownKeyword {
                what,
                word,
                expected,
                help,
            } => said(
                format!("unknown {what} `{word}`"),
                format!("expected {}", ticked(&expected)),
                help,
            ),

            TooManyIssues { count } => said(
                format!("the agenda lists {count} issues, over the limit of {MAX_ISSUES}"),
                "too many issues",
                None,
            ),
            NoIssues => said("the agenda lists no issues", "add at least one issue", None),
            TooManyParties { count } => said(
                format!("`parties` lists {count} parties, over the limit of {MAX_PARTIES}"),
                "too many parties",
                None,
            ),
            PartyListedTwice { id } => said(
                format!("party `{id}` is listed twice in `parties`"),
                "listed again here",
                None,
            ),
            TooFewOptions { what } => said(
                format!("{what} lists fewer than two options"),
                "add options",
                None,
            ),
            FieldNotForKind {
                what,
                kind,
                field,
                kinds,
            } => said(
                format!("{what} is a {kind} and takes no `{field}`"),
                "not for this kind of issue",
                Some(format!("only {} issues have `{field}`", kinds.join(", "))),
            ),
            FieldRequiredForKind { what, kind, field } => said(
                format!("{what} is a {kind} but lists no `{field}`"),
                format!("`{field}` is required for this kind"),
                None,
            ),
            TooManyOptions { what, count } => said(
                format!("{what} lists {count} options, over the limit of {MAX_OPTIONS}"),
                "too many options",
                None,
            ),
            OptionsAsList { what, help } => said(
                format!(
                    "the options of {what} are a list, where they should be a mapping of option ids to descriptions"
                ),
                "a list, not a mapping",
                Some(help),
            ),
            NotYesOrNo { what, id, help } => said(
                format!("{what} is yes-no: its options are `yes` and `no`, not `{id}`"),
                "unknown option",
                help,
            ),
            OptionDescribedTwice { what, option } => said(
                format!("option `{option}` of {what} is described twice"),
                "described again here",
                None,
            ),

            PartyIdNotFileName {
                id,
                file_name,
                stem,
                extension,
            } => said(
                format!("party id `{id}` does not match the file name `{file_name}`"),
                "the file stem is the party id",
                Some(format!(
                    "set `party: {stem}`, or rename the file to `{id}{extension}`"
                )),
            ),
            NoStances => said(
                "the party states no stances",
                "no stances here",
                help("give at least one stance; an issue a party is silent on is simply left out"),
            ),
            UnknownIssue { id, help } => said(
                format!("unknown issue `{id}`"),
                "not an issue of the agenda",
                help,
            ),
            SourceCitedNowhere { id } => said(
                format!("source `{id}` is cited by no stance"),
                "cited nowhere",
                help("cite it in a stance's `source`, or remove it"),
            ),
            SourceAfterFile { id, date, file } => said(
                format!("source `{id}` is dated {date}, after the file's `as_of` {file}"),
                "after the file's date",
                help(AFTER_FILE),
            ),
            UnknownParty { what, id, help } => said(
                format!("{what} names unknown party `{id}`"),
                "no party file of this name",
                help,
            ),
            TextPathAbsolute { shown } => said(
                format!("`text` `{shown}` is an absolute path"),
                "not inside the negotiation folder",
                help(TEXT_INSIDE),
            ),
            TextPathBackslash { shown } => said(
                format!("`text` `{shown}` holds a `\\`"),
                "folders are separated by `/`",
                help(TEXT_INSIDE),
            ),
            TextPathClimbs { shown } => said(
                format!("`text` `{shown}` climbs out of its folder with `..`"),
                "not inside the negotiation folder",
                help(TEXT_INSIDE),
            ),
            TextPathFolder { shown } => said(
                format!("`text` `{shown}` names a folder, not a file"),
                "not a file",
                help(TEXT_INSIDE),
            ),
            TextPathPositionFile { shown } => said(
                format!("`text` `{shown}` is a position file of this folder, not a source's text"),
                "a position file",
                help(
                    "keep the source's own words in a file of their own, such as `sources/article.txt`: a quote checked against a position file would find itself",
                ),
            ),
            UrlHidden {
                shown,
                code_point,
                hidden,
            } => said(
                format!("`url` `{shown}` holds {code_point}, {hidden}"),
                "shown as text, not as a link",
                help(URL_HELP),
            ),
            UrlNotLink { shown } => said(
                format!("`url` `{shown}` is not an http, https or mailto address"),
                "shown as text, not as a link",
                help(URL_HELP),
            ),

            EmptyStance { issue } => said(
                format!("the stance on `{issue}` is empty"),
                "nothing after the colon",
                Some(format!(
                    "its fields go on the lines below `{issue}:`, indented more than it"
                )),
            ),
            QuoteWithoutSource => said(
                "a quote with no source",
                "whose words, where?",
                help("name the `source` this quote comes from"),
            ),
            Unsourced { issue } => said(
                format!("the stance on `{issue}` gives neither a `source` nor a `note`"),
                "unsourced stance",
                help("name the `source` it comes from, or explain it in a `note`"),
            ),
            ReportedFromOtherSide {
                issue,
                other,
                party,
            } => said(
                format!("the stance on `{issue}` is `reported` from `{other}`'s account only"),
                "the other side's account",
                Some(format!(
                    "what `{other}` says of `{party}` may not be what `{party}` would say: cite `{party}`'s own word too, where there is one"
                )),
            ),
            NoSourceListed => said(
                "`source` names no source",
                "an empty list",
                help("name the source or sources this stance comes from, or leave `source` out"),
            ),
            SourceListedTwice { id } => said(
                format!("source `{id}` is listed twice in `source`"),
                "listed again",
                None,
            ),
            StanceAfterFile { issue, date, file } => said(
                format!("the stance on `{issue}` is dated {date}, after the file's `as_of` {file}"),
                "after the file's date",
                help(AFTER_FILE),
            ),
            SpeakerNotListed { speaker, help } => said(
                format!(
                    "`speaker` `{speaker}` is not one of the file's `speakers`: it is read as a name"
                ),
                "not in `speakers`",
                Some(help),
            ),
            UnknownSource { id, help } => said(
                format!("unknown source `{id}`"),
                "not listed under `sources`",
                help,
            ),
            StatusWithPosition { status, field } => said(
                format!("a stance with `status: {status}` takes no position, but gives `{field}`"),
                "remove this field",
                help(
                    "a status says the party spoke but took no position; drop `status` to state one",
                ),
            ),
            StanceFieldNotForKind {
                field,
                issue,
                kind,
                help,
            } => said(
                format!("`{field}` does not apply to issue `{issue}`, a {kind}"),
                "not for this kind of issue",
                Some(help),
            ),
            MinAboveMax { min, max } => said(
                format!("`min` {min} is above `max` {max}"),
                "min above max",
                None,
            ),
            IdealOutsideRange { ideal, range } => said(
                format!("`ideal` {ideal} lies outside the stance's range {range}"),
                "outside min..max",
                None,
            ),
            AcceptedAndRejected { option } => said(
                format!("option `{option}` is both accepted and rejected"),
                "also listed in `accepts`",
                None,
            ),
            WantsNotAccepted { option } => said(
                format!("`wants` `{option}` is not among the accepted options"),
                "not in `accepts`",
                help("a first choice must also be acceptable; add it to `accepts`"),
            ),
            WantsRejected { option } => said(
                format!("`wants` `{option}` is also rejected"),
                "listed in `rejects`",
                None,
            ),
            AcceptsNothing { issue } => said(
                format!("the stance on `{issue}` accepts no option at all"),
                "accepts nothing",
                help(
                    "it will conflict with every party that speaks to this issue; if the party took no position, say so with `status`",
                ),
            ),
            OptionListedTwice { option, field } => said(
                format!("option `{option}` is listed twice in `{field}`"),
                "listed again",
                None,
            ),
            UnknownOption { id, issue, help } => said(
                format!("unknown option `{id}` for issue `{issue}`"),
                "not an option of this issue",
                Some(help),
            ),
            NoPosition { issue, give } => said(
                format!("the stance on `{issue}` gives no position"),
                "no acceptable outcome given",
                Some(format!(
                    "give {give}, or a `status` if the party took no position"
                )),
            ),

            RequiresOwnIssue { issue } => said(
                format!("the stance on `{issue}` requires its own issue"),
                "a stance cannot require itself",
                None,
            ),
            RequiresNoOption { what } => said(
                format!("{what} names no option"),
                "an empty list",
                help("name the outcome or outcomes this stance requires"),
            ),
            RequiresUnknownOption { id, issue, help } => said(
                format!(
                    "a requirement names unknown option `{id}` for issue `{issue}`, which can never be met"
                ),
                "not an option of this issue",
                Some(help),
            ),
            RequiresIntervalOnOptions { what, issue, kind } => said(
                format!("{what} gives an interval, but `{issue}` is a {kind}: it can never be met"),
                "an interval on an issue of options",
                Some(format!(
                    "name the option or options it requires on `{issue}`"
                )),
            ),
            RequiresOptionsOnRange { what, issue } => said(
                format!("{what} names options, but `{issue}` is a range: it can never be met"),
                "options on a range",
                help("give a range: `{min: ..., max: ...}`"),
            ),
            RequiresNumber { what, help } => said(
                format!("{what} is a number, where a range issue takes an interval"),
                "a number, not an interval",
                Some(help),
            ),
            RequiresNoBound { issue } => said(
                format!("the requirement on `{issue}` names no bound"),
                "an empty requirement",
                help("give `min`, `max` or both"),
            ),
            RequiresWhatPartyRefuses { issue } => said(
                format!(
                    "this requirement asks of `{issue}` for what the party itself does not accept there: it can never be met"
                ),
                "outside this party's own stance on that issue",
                Some(format!(
                    "the party's stance on `{issue}` accepts none of it; widen one or the other"
                )),
            ),
            TooManyAlternatives { issue, count } => said(
                format!(
                    "the stance on `{issue}` gives {count} alternatives, over the limit of {MAX_ALTERNATIVES}"
                ),
                "too many alternatives",
                help(
                    "an alternative is a position taken under a condition; merge those with the same conditions",
                ),
            ),
            AlternativesNotList { found } => said(
                format!("`alternatives` must be a list, found {found}"),
                "expected a list",
                help("give each alternative as an item: `- {accepts: [...], requires: {...}}`"),
            ),
            AlternativeFieldNotForKind {
                field,
                issue,
                kind,
                range,
            } => said(
                format!("`{field}` does not apply to issue `{issue}`, a {kind}"),
                "not for this kind of issue",
                help(if range {
                    "an alternative on a range gives `min`, `max` or both"
                } else {
                    "an alternative gives `accepts` or `rejects` with option ids"
                }),
            ),
            AlternativeGap { alternative, base } => said(
                format!(
                    "the alternative {alternative} neither overlaps nor touches the stance's range {base}"
                ),
                "a gap between the two",
                help(
                    "an alternative on a range extends the stance's range: let the two meet, or end to end",
                ),
            ),
            AlternativeAddsNothing { issue } => said(
                format!("the alternative on `{issue}` adds nothing to what the stance accepts"),
                "already accepted without a condition",
                help(
                    "an alternative is for what the party accepts only under a condition; drop it, or name what it adds",
                ),
            ),
            AlternativeWithoutRequires { issue } => said(
                format!("an alternative on `{issue}` gives no `requires`"),
                "an alternative needs a condition",
                help(WHY_REQUIRES),
            ),
            AlternativeNoPosition { issue, range } => said(
                format!("an alternative on `{issue}` gives no position"),
                "no acceptable outcome given",
                help(if range {
                    "give `min`, `max` or both"
                } else {
                    "give `accepts` or `rejects`"
                }),
            ),
            AlternativeAcceptedAndRejected { option } => said(
                format!("option `{option}` is both accepted and rejected in an alternative"),
                "in both `accepts` and `rejects`",
                None,
            ),
            UnknownIssueNamed { what, id, help } => said(
                format!("{what} names unknown issue `{id}`"),
                "not an issue of the agenda",
                help,
            ),
            PackageIssueTwice { what, id } => {
                said(format!("{what} names `{id}` twice"), "listed again", None)
            }
            PackageUnpositioned { what, id } => said(
                format!("{what} names `{id}`, on which this party takes no position"),
                "no stance with a position on it",
                help(
                    "a package ties the party's stances together: give a stance on it, or leave it out",
                ),
            ),
            EmptyPackage { what } => said(
                format!("{what} lists no issue"),
                "an empty package",
                help("list the issues whose stances hold only together"),
            ),
            PackageOfOne { what } => said(
                format!("{what} holds one issue: it ties nothing together"),
                "a package of one",
                help("a package lists two or more issues whose stances hold only together"),
            ),

            SourceTextUnreadable {
                id,
                path,
                reason,
                help,
            } => said(
                format!("the text of source `{id}`, `{path}`: {reason}"),
                "cannot be read",
                help,
            ),
            QuoteHoldsNothing => said(
                "the quote holds nothing to look for in its source's text",
                "only quote marks, dots or punctuation",
                help("quote the party's words, or leave `quote` out"),
            ),
            QuoteUnchecked { paths } => said(
                format!("the quote was not checked against {paths}: the search passed its budget"),
                "not checked",
                Some(format!(
                    "a text is searched for its quotes within a budget of {BUDGET_PER_BYTE} units per byte of it and of its quotes (docs/limits.md): a shorter text, or fewer quotes of it, fit"
                )),
            ),
            QuoteNotFound {
                sources,
                paths,
                help,
                ..
            } => said(
                match sources.as_slice() {
                    [one] => format!("quote not found in the text of source {one} ({paths})"),
                    _ => format!(
                        "quote not found in the texts of sources {} ({paths})",
                        sources.join(", ")
                    ),
                },
                "not in the source's words",
                Some(help),
            ),

            NoAgenda { help } => whole(format!("no `{AGENDA}` in this folder"), Some(help)),
            IsAFile => whole(
                "is a file; stance reads a negotiation folder",
                Some(format!(
                    "give the folder that holds `{AGENDA}` and the party files"
                )),
            ),
            Io { message } => whole(message, None),
            ReadOnce => whole("read once already", None),
            TooManyPartyFiles => whole(
                format!("more than {MAX_PARTIES} party files in one folder"),
                None,
            ),
            FolderTooLarge { total } => whole(
                format!(
                    "the party files hold {total} bytes, over the limit of {MAX_FOLDER_BYTES} bytes ({} MiB) for one negotiation",
                    MAX_FOLDER_BYTES / MIB
                ),
                None,
            ),
            IsAFolder => whole("is a folder, not a YAML file", None),
            LinkLeaves { described } => whole(
                described,
                help(
                    "a negotiation is read only from inside its folder: copy the file in if it belongs there",
                ),
            ),
            Refused { described } => whole(described, None),
            FileTooLarge { size } => whole(
                format!(
                    "file is {size} bytes, over the limit of {MAX_FILE_BYTES} bytes ({} MiB) for one file of a negotiation",
                    MAX_FILE_BYTES / MIB
                ),
                None,
            ),
            NotUtf8 { byte } => said(
                format!("file is not UTF-8: byte 0x{byte:02x} cannot start a character"),
                "not UTF-8",
                help("save the file as UTF-8"),
            ),
            TextsTooLarge { path } => whole(
                format!(
                    "the sources' texts hold more than {MAX_SOURCE_TEXT_BYTES} bytes ({} MiB), the limit for one negotiation, by `{path}`",
                    MAX_SOURCE_TEXT_BYTES / MIB
                ),
                help(
                    "keep in the folder the articles and statements quoted from, not whole archives",
                ),
            ),
            NoPartyFiles => whole(
                "no party files in this folder (one YAML file per party, beside `agenda.yaml`)",
                None,
            ),
            FileNameHidden { shown, hidden } => whole(
                format!("the file name `{shown}` {}", id::refusal(hidden)),
                Some(format!(
                    "the file stem is the party id: {}",
                    id::WHY_REFUSED
                )),
            ),
            SecondFile { stem, first } => whole(
                format!("a second file for party `{stem}`"),
                Some(format!(
                    "`{first}` already holds this party; keep one of the two"
                )),
            ),
            PartyWithoutFile { id, help } => said(
                format!("party `{id}` has no file in this folder"),
                format!("expected `{id}.yaml` beside the agenda"),
                help,
            ),
            PartyNotListed { id, file } => said(
                format!("party `{id}` has a file but is not listed in `parties`"),
                format!("`{id}` is missing from this list"),
                Some(format!("add `{id}` here, or remove `{file}`")),
            ),
            TooManyPhases { count } => said(
                format!("the agenda lists {count} phases, over the limit of {MAX_OPTIONS}"),
                "too many phases",
                None,
            ),
            NotDays { found } => said(
                format!("`days` must be a whole number of days from 1 to 1000000, found {found}"),
                "not a number of days",
                None,
            ),
            UnknownPhase { id, what, help } => said(
                format!("unknown phase `{id}` for {what}"),
                "not under the agenda's `phases`",
                help,
            ),
            TooFewSteps { what } => said(
                format!("{what} lists fewer than two steps"),
                "nothing to put in order",
                self::help("a sequence orders at least two steps"),
            ),
            NoChain => said(
                "`order` lists no chain",
                "an empty list",
                self::help("write each chain as a list of steps, earliest first: `[[a, b]]`"),
            ),
            ChainNotAList { first_step } => said(
                "each chain of `order` must be a list of steps",
                "not a list",
                Some(format!(
                    "write `order: [[{first_step}, ...]]`: a list of chains, each a list of steps"
                )),
            ),
            StepTwiceInChain { step } => said(
                format!("step `{step}` is listed twice in one chain"),
                "listed again",
                self::help("a chain puts each step once; a step cannot come before itself"),
            ),
            ChainTooShort => said(
                "a chain of `order` names fewer than two steps",
                "nothing comes before anything",
                self::help("a chain lists at least two steps, earliest first"),
            ),
            OrderCycle { cycle } => said(
                format!("the chains of `order` contradict each other: {cycle}"),
                "a cycle",
                self::help(
                    "a party's own order cannot put a step before itself; drop or reverse one of these",
                ),
            ),
            UnknownStep { id, issue, help } => said(
                format!("unknown step `{id}` for issue `{issue}`"),
                "not a step of this issue",
                help,
            ),
            SequenceTakesNoConditions { issue, field } => said(
                format!("the stance on `{issue}`, a sequence, takes no `{field}`"),
                "not for a sequence",
                self::help(
                    "an order is not conditional: state the chains the party holds in `order`, and any condition in a `note`",
                ),
            ),
            SequenceRequired { what, issue } => said(
                format!("{what} names `{issue}`, a sequence issue"),
                "a sequence cannot be required",
                self::help(
                    "conditions name issues of options or ranges; say what the order must be in the stance's `order`, or in a `note`",
                ),
            ),
            NotSalience { found } => said(
                format!("`salience` must be a whole number from 0 to 100, found {found}"),
                "not a salience",
                Some(format!(
                    "salience is how much the issue matters to the party: 0 (not at all) to 100 (above all), {} when not given",
                    crate::model::DEFAULT_SALIENCE
                )),
            ),
            EmptyDecidedBy { issue } => said(
                format!("issue `{issue}` has an empty `decided_by`"),
                "no party named",
                self::help(
                    "name the parties whose consent settles it, or leave `decided_by` out for every principal",
                ),
            ),
            DeciderTwice { id, issue } => said(
                format!("party `{id}` is listed twice in `decided_by` of issue `{issue}`"),
                "listed again here",
                None,
            ),
            UnknownDecider { id, issue, help } => said(
                format!("unknown party `{id}` in `decided_by` of issue `{issue}`"),
                format!("no file `{id}.yaml` beside the agenda"),
                help,
            ),
            OneDecider { issue } => said(
                format!(
                    "issue `{issue}` is decided by one party alone: it is a gap in every report"
                ),
                "one party",
                self::help(
                    "list every party whose consent settles it, or leave `decided_by` out for every principal",
                ),
            ),
            FewPrincipals { none, issues, one } => whole(
                format!(
                    "{} of the parties is a principal, and {issues} {} no `decided_by`: {} a gap in every report",
                    if none { "none" } else { "only one" },
                    if one { "has" } else { "have" },
                    if one { "it is" } else { "each is" },
                ),
                self::help(
                    "give those issues a `decided_by`, or make the deciding parties principals (the default `role`)",
                ),
            ),
        }
    }
}

const URL_HELP: &str = "give the full address, starting `https://`; reports link no other kind";
