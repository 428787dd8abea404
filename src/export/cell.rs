//! What one cell of the party × issue grid is: the one classification
//! that the Markdown summary and the HTML grid both show, each mark with
//! its symbol (colour is never the only carrier), its words, and its
//! colours. The symbols are in the fonts every system has (DejaVu Sans
//! among them), not emoji, which a machine without an emoji font shows
//! as empty boxes. A new kind of cell is a new `Mark`, its row in
//! `Mark::ALL` and an arm in `Marks::of_held`.

use crate::model::{Status, Strength};
use crate::report::{IssueReport, Outside, StanceReport, Verdict};

/// What a party's stance on an issue comes to, as the grid shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Accepts the zone: the issue is an overlap, or blocked by another
    /// party's requirement.
    InZone,
    /// Accepts the zone, but only on conditions: through an alternative,
    /// under requirements that are met (its own, its party's, a
    /// package's), or on an overlap that rests on a gap (`overlap
    /// (contingent)`).
    Conditional,
    /// Accepts the zone, but its own requirement blocks the issue.
    Blocking,
    /// On a conflict, shares no outcome with at least one other party.
    Clashing,
    /// Clashing, and holds the issue as a red line.
    RedLine,
    /// On a conflict, shares an outcome with each other party, but nothing
    /// suits all of them.
    NoCommonZone,
    /// A position on a gap: too few of the deciders took one.
    Alone,
    /// Does not decide the issue (a mediator, an observer, or a party its
    /// `decided_by` leaves out), and could accept the deciders' zone.
    OutsideWithin,
    /// Does not decide the issue, and could accept nothing of the
    /// deciders' zone (or they have none).
    OutsideAgainst,
    /// Spoke to the issue: undecided.
    Undecided,
    /// Spoke to the issue: ambiguous.
    Ambiguous,
    /// Spoke to the issue: not applicable to it.
    NotApplicable,
    /// No stance at all.
    Silent,
}

/// How a mark looks: its symbol and words for every format, its CSS class
/// and colours for HTML.
pub struct Look {
    pub symbol: &'static str,
    /// What the mark means, in a few words.
    pub label: &'static str,
    /// The HTML class of its cells.
    pub class: &'static str,
    /// Background and text colour, as CSS hex colours: their contrast is
    /// at least 4.5:1 (held by a test here and in the browser).
    pub background: &'static str,
    pub text: &'static str,
}

impl Mark {
    /// Every mark, in the order of the legend.
    pub const ALL: [Mark; 13] = [
        Mark::InZone,
        Mark::Conditional,
        Mark::Blocking,
        Mark::Clashing,
        Mark::RedLine,
        Mark::NoCommonZone,
        Mark::Alone,
        Mark::OutsideWithin,
        Mark::OutsideAgainst,
        Mark::Undecided,
        Mark::Ambiguous,
        Mark::NotApplicable,
        Mark::Silent,
    ];

    pub fn look(self) -> Look {
        let (symbol, label, class, background, text) = match self {
            Mark::InZone => ("✔", "in the zone", "m-zone", "#d3eedb", "#0b4d2c"),
            Mark::Conditional => (
                "◐",
                "in the zone, on conditions",
                "m-cond",
                "#e3f0b0",
                "#384600",
            ),
            Mark::Blocking => (
                "⚠",
                "in the zone, but its requirement blocks",
                "m-blocking",
                "#ffedb3",
                "#5c3b00",
            ),
            Mark::Clashing => (
                "✖",
                "clashes with another party",
                "m-clash",
                "#ffd5c2",
                "#7a1f00",
            ),
            Mark::RedLine => (
                "⊘",
                "clashes, and holds it as a red line",
                "m-redline",
                "#a3141b",
                "#ffffff",
            ),
            Mark::NoCommonZone => (
                "○",
                "no clash, but nothing suits all",
                "m-nozone",
                "#e8e1f5",
                "#3f2270",
            ),
            Mark::Alone => ("•", "a position on a gap", "m-alone", "#d8e9f7", "#0a3a63"),
            Mark::OutsideWithin => (
                "◇",
                "outside the decision, could accept its zone",
                "m-out-within",
                "#dcefed",
                "#0d4743",
            ),
            Mark::OutsideAgainst => (
                "◆",
                "outside the decision, against",
                "m-out-against",
                "#f5dfe8",
                "#6b1237",
            ),
            Mark::Undecided => ("?", "undecided", "m-undecided", "#ececec", "#303030"),
            Mark::Ambiguous => ("≈", "ambiguous", "m-ambiguous", "#ececec", "#303030"),
            Mark::NotApplicable => ("∅", "not applicable", "m-na", "#ececec", "#303030"),
            Mark::Silent => ("—", "silent", "m-silent", "#ffffff", "#5a5a5a"),
        };
        Look {
            symbol,
            label,
            class,
            background,
            text,
        }
    }
}

/// The marks of one issue's cells: what is worked out once per issue
/// (who clashes, whose requirement blocks, who accepts on conditions)
/// from the report.
pub struct Marks<'a, 'n> {
    issue: &'a IssueReport<'n>,
    /// By the party's place among the report's parties.
    clashing: Vec<bool>,
    /// The parties that accept the zone only on conditions, sorted (a
    /// search per cell: a hash per cell was a tenth of the HTML's cost at
    /// conference scale); every party, on a contingent overlap
    /// (`all_conditional`).
    conditional: Vec<&'a str>,
    all_conditional: bool,
    /// The parties with a position that do not decide the issue, sorted
    /// by id, and where each stands.
    outside: Vec<(&'a str, Outside)>,
}

impl<'a, 'n> Marks<'a, 'n> {
    /// The marks of `issue` among `parties` parties.
    pub fn new(issue: &'a IssueReport<'n>, parties: usize) -> Self {
        let mut clashing = vec![false; parties];
        if issue.verdict == Verdict::Conflict {
            for place in issue.clashes.involved() {
                clashing[place] = true;
            }
        }
        // Conditions colour a cell in the zone only: a clash or a block
        // says more.
        let mut conditional = Vec::new();
        if matches!(issue.verdict, Verdict::Overlap | Verdict::Blocked) {
            conditional.extend(issue.conditional.iter().map(|c| c.party.as_str()));
            conditional.extend(issue.stances.under_requirements());
            conditional.sort_unstable();
        }
        let mut outside: Vec<(&str, Outside)> = issue
            .outside
            .0
            .iter()
            .map(|(id, side)| (id.as_str(), *side))
            .collect();
        outside.sort_unstable_by_key(|(id, _)| *id);
        Marks {
            issue,
            clashing,
            conditional,
            all_conditional: issue.is_contingent(),
            outside,
        }
    }

    /// In the zone: on conditions, or not.
    fn in_zone(&self, party: &str) -> Mark {
        if self.all_conditional || self.conditional.binary_search(&party).is_ok() {
            Mark::Conditional
        } else {
            Mark::InZone
        }
    }

    /// The mark of the party at `place` (of id `party`), whose stance is
    /// `stance` (in outline is enough).
    pub fn of(&self, place: usize, party: &str, stance: Option<&StanceReport>) -> Mark {
        self.of_held(place, party, stance.map(|s| (s.status, s.strength)))
    }

    /// `of`, from all that a mark needs of the stance: its status and its
    /// strength (`Stances::held`), with no stance made up for it.
    pub fn of_held(
        &self,
        place: usize,
        party: &str,
        held: Option<(Option<Status>, Option<Strength>)>,
    ) -> Mark {
        let Some((status, strength)) = held else {
            return Mark::Silent;
        };
        match status {
            Some(Status::Undecided) => return Mark::Undecided,
            Some(Status::Ambiguous) => return Mark::Ambiguous,
            Some(Status::NotApplicable) => return Mark::NotApplicable,
            None => {}
        }
        // Beside the verdict, not in it: whatever the deciders came to.
        if let Ok(k) = self.outside.binary_search_by_key(&party, |(id, _)| *id) {
            return match self.outside[k].1 {
                Outside::Within => Mark::OutsideWithin,
                Outside::Against => Mark::OutsideAgainst,
            };
        }
        match self.issue.verdict {
            Verdict::Overlap => self.in_zone(party),
            Verdict::Blocked if self.issue.blocked_by.iter().any(|b| b.party == party) => {
                Mark::Blocking
            }
            Verdict::Blocked => self.in_zone(party),
            Verdict::Conflict if !self.clashing[place] => Mark::NoCommonZone,
            Verdict::Conflict if strength == Some(Strength::RedLine) => Mark::RedLine,
            Verdict::Conflict => Mark::Clashing,
            Verdict::Gap => Mark::Alone,
        }
    }
}

/// The legend of the marks, as one sentence.
pub fn legend() -> String {
    let parts: Vec<String> = Mark::ALL
        .iter()
        .map(|m| {
            let look = m.look();
            format!("{} {}", look.symbol, look.label)
        })
        .collect();
    parts.join("; ")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// WCAG's relative luminance of a `#rrggbb` colour.
    pub(crate) fn luminance(hex: &str) -> f64 {
        let channel = |k: usize| {
            let c = f64::from(u8::from_str_radix(&hex[1 + 2 * k..3 + 2 * k], 16).unwrap()) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
    }

    pub(crate) fn contrast(a: &str, b: &str) -> f64 {
        let (a, b) = (luminance(a), luminance(b));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// Every mark's text reads on its background (WCAG AA, 4.5:1), and no
    /// two marks share a symbol or a class: colour never carries a mark
    /// alone.
    #[test]
    fn marks_are_readable_and_distinct() {
        for m in Mark::ALL {
            let look = m.look();
            let ratio = contrast(look.background, look.text);
            assert!(ratio >= 4.5, "{m:?}: {ratio:.2}");
        }
        for (k, a) in Mark::ALL.iter().enumerate() {
            for b in &Mark::ALL[k + 1..] {
                assert_ne!(a.look().symbol, b.look().symbol);
                assert_ne!(a.look().class, b.look().class);
            }
        }
        assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
    }
}
