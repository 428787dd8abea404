//! Provenance on the page: how a stance's quote stands against its
//! sources' texts (a mark with a symbol and words, never colour alone),
//! and, on a click, the verified passage in its context, cut from the
//! text by the report (`Report::in_context`) and shown as text.

use super::text::Shown;
use crate::export::anchor::source_anchor;
use crate::export::words;
use crate::report::{Report, StanceReport};
use maud::{Markup, html};

/// How a quote stands: verified, not found, or not checked (no text to
/// look in, or over the search's budget). Each with its symbol, class and
/// colours (background, text: contrast at least 4.5:1, held by a test).
pub(super) const QUOTE_MARKS: [(Option<bool>, &str, &str, &str, &str); 3] = [
    (Some(true), "✓", "q-ok", "#d3eedb", "#0b4d2c"),
    (Some(false), "✗", "q-bad", "#a3141b", "#ffffff"),
    (None, "?", "q-none", "#ececec", "#303030"),
];

fn quote_mark(verified: Option<bool>) -> Markup {
    let (_, symbol, class, _, _) = QUOTE_MARKS
        .iter()
        .find(|m| m.0 == verified)
        .copied()
        .unwrap_or(QUOTE_MARKS[2]);
    html! {
        span class={ "qm " (class) } { span.sym { (symbol) } " " (words::quote_check(verified)) }
    }
}

/// A stance's quote, its mark, and where verified, the passage in its
/// source's text: folded in a `<details>` to open with a click, open at
/// once with `open` (in a cell's popover, itself opened by a click).
pub(super) fn quote(r: &Report, party: &str, s: &StanceReport, open: bool) -> Markup {
    let Some(q) = &s.quote else {
        return html! {};
    };
    let context = s
        .quote_passage
        .as_ref()
        .and_then(|at| r.in_context(party, at));
    html! {
        blockquote { "“" (Shown(q)) "”" }
        @match context {
            Some(c) => {
                details.ctx open[open] {
                    summary { (quote_mark(s.quote_verified)) }
                    p.ctx {
                        "In " a href={ "#" (source_anchor(party, c.source)) } { (Shown(c.source)) } ": "
                        @if c.cut_before { "… " }
                        (Shown(c.before))
                        @if c.before.ends_with(char::is_whitespace) { " " }
                        mark { (Shown(c.passage)) }
                        @if c.after.starts_with(char::is_whitespace) { " " }
                        (Shown(c.after))
                        @if c.cut_after { " …" }
                    }
                }
            }
            None => { p.qline { (quote_mark(s.quote_verified)) } }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each way a quote can stand has its own symbol, class and words: a
    /// quote not found (kept only in a round read as history) is never
    /// shown as verified.
    #[test]
    fn each_quote_mark_is_its_own() {
        let shown = |v| quote_mark(v).into_string();
        let sym = |v| {
            format!(
                "<span class=\"sym\">{}</span>",
                QUOTE_MARKS.iter().find(|m| m.0 == v).unwrap().1
            )
        };
        for (v, class, words) in [
            (Some(true), "q-ok", "verified in"),
            (Some(false), "q-bad", "NOT FOUND"),
            (None, "q-none", "not checked"),
        ] {
            let page = shown(v);
            assert!(
                page.contains(class) && page.contains(&sym(v)) && page.contains(words),
                "{page}"
            );
        }
        assert!(shown(Some(false)).contains("✗") && !shown(Some(false)).contains("✓"));
    }
}
