//! User text in HTML: every byte of a position folder may come from a
//! stranger, so text is rendered only through `Shown`, which shows hidden
//! characters as escapes (`visible::line`, the one rule for every format)
//! and leaves markup to maud's escaping (`<`, `>`, `&`, `"`): a title
//! holding `</style><script>` is text on the page. Ids become anchors only
//! through `export::anchor`, and urls links only through `url`.

use crate::visible;
use maud::{Escaper, Render};
use std::borrow::Cow;
use std::fmt::Write as _;

/// User text as one line: runs of whitespace (YAML folds, line breaks)
/// become one space, as in the Markdown, and hidden characters escapes.
pub(super) struct Shown<'a>(pub &'a str);

impl Render for Shown<'_> {
    fn render_to(&self, buffer: &mut String) {
        let folded = folded(self.0);
        let line = visible::line(&folded);
        // Writing to a `String` does not fail.
        let _ = Escaper::new(buffer).write_str(&line);
    }
}

/// `text` with each run of whitespace made one space.
fn folded(text: &str) -> Cow<'_, str> {
    let mut after_space = true;
    let plain = text.chars().all(|c| {
        let fine = match c {
            ' ' => !after_space,
            c => !c.is_whitespace(),
        };
        after_space = c == ' ';
        fine
    }) && !text.ends_with(' ');
    if plain {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use maud::html;

    /// Markup in a stranger's text is text; hidden characters are escapes.
    #[test]
    fn user_text_is_inert() {
        let page = html! { p title=(Shown("a\"b")) { (Shown("</style><script>x</script>\u{202e}\n\tz")) } };
        assert_eq!(
            page.into_string(),
            "<p title=\"a&quot;b\">&lt;/style&gt;&lt;script&gt;x&lt;/script&gt;\\u{202e} z</p>"
        );
    }

    #[test]
    fn whitespace_folds() {
        assert_eq!(folded("a b"), "a b");
        assert!(matches!(folded("a b"), Cow::Borrowed(_)));
        assert_eq!(folded(" a  b\n c\u{2028}d "), "a b c d");
        assert_eq!(folded(""), "");
    }
}
