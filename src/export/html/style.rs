//! The page's one stylesheet, and the Content-Security-Policy that allows
//! it and nothing else: no script, no font, image or style from anywhere,
//! no form, no `<base>`. The stylesheet is the same for every report
//! (user text never reaches it), and the policy names it by its SHA-256,
//! worked out when the page is rendered, so that a style injected by any
//! means would not apply.

use super::evidence::QUOTE_MARKS;
use crate::export::cell::Mark;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::sync::OnceLock;

/// The stylesheet, and the policy that allows exactly it.
pub(super) struct Style {
    pub css: String,
    pub policy: String,
}

pub(super) fn style() -> &'static Style {
    static STYLE: OnceLock<Style> = OnceLock::new();
    STYLE.get_or_init(|| {
        let mut css = String::from(BASE);
        for m in Mark::ALL {
            let look = m.look();
            let _ = writeln!(
                css,
                ".{}{{background:{};color:{}}}",
                look.class, look.background, look.text
            );
        }
        let _ = writeln!(
            css,
            "{}",
            VERDICTS
                .iter()
                .map(|(class, mark)| {
                    let look = mark.look();
                    format!(
                        ".{class}{{background:{};color:{}}}svg .{class}{{fill:{}}}",
                        look.background, look.text, look.background
                    )
                })
                .collect::<String>()
        );
        for (k, (background, text)) in AGREEMENT.iter().enumerate() {
            let _ = writeln!(css, ".a{k}{{fill:{background}}}.a{k}t{{fill:{text}}}");
            let _ = writeln!(css, ".k{k}{{background:{background};color:{text}}}");
        }
        for (_, _, class, background, text) in QUOTE_MARKS {
            let _ = writeln!(css, ".{class}{{background:{background};color:{text}}}");
        }
        for (name, background, text) in LABELS {
            let _ = writeln!(
                css,
                ".l-{name}{{fill:{background}}}.l-{name}-t{{fill:{text}}}.lc-{name}{{background:{background};color:{text}}}"
            );
        }
        let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(&css));
        let policy = format!(
            "default-src 'none'; style-src 'sha256-{hash}'; base-uri 'none'; form-action 'none'"
        );
        Style { css, policy }
    })
}

/// A verdict's chip wears the colours of the mark its cells mostly get.
pub(super) const VERDICTS: [(&str, Mark); 6] = [
    ("v-overlap", Mark::InZone),
    ("v-contingent", Mark::Conditional),
    ("v-blocked", Mark::Blocking),
    ("v-conflict", Mark::Clashing),
    ("v-hard", Mark::RedLine),
    ("v-gap", Mark::Alone),
];

/// The agreement matrix's shades, from no agreement to full, each with
/// the colour of a number written on it (contrast at least 4.5:1, held by
/// a test).
pub(super) const AGREEMENT: [(&str, &str); 11] = [
    ("#f7fbff", "#1d232a"),
    ("#e3eef9", "#1d232a"),
    ("#cfe1f2", "#1d232a"),
    ("#b5d4e9", "#1d232a"),
    ("#93c3df", "#1d232a"),
    ("#6daed5", "#1d232a"),
    ("#4b97c9", "#000000"),
    ("#2f7ebc", "#000000"),
    ("#1864aa", "#ffffff"),
    ("#0a4a90", "#ffffff"),
    ("#08306b", "#ffffff"),
];

/// The colours of the kinds of stance change on the changes page, with
/// the colour of a count written on each.
pub(super) const LABELS: [(&str, &str, &str); 9] = [
    ("hardened", "#b42318", "#ffffff"),
    ("softened", "#1a7f37", "#ffffff"),
    ("moved", "#6639ba", "#ffffff"),
    ("new", "#0b57b0", "#ffffff"),
    ("withdrawn", "#57606a", "#ffffff"),
    ("recast", "#8a4b00", "#ffffff"),
    ("reweighed", "#e8e1f5", "#3f2270"),
    ("clarified", "#d0d7de", "#1d232a"),
    ("unchanged", "#f4f6f8", "#1d232a"),
];

const BASE: &str = r#":root{color-scheme:light;--ink:#1d232a;--muted:#525c66;--line:#d5dbe1;--panel:#f4f6f8;--link:#0b57b0}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;color:var(--ink);background:#fff}
main{max-width:1240px;margin:0 auto;padding:22px 28px 80px}
a{color:var(--link)}
h1{font-size:1.75rem;line-height:1.2;margin:0 0 4px}
h2{font-size:1.3rem;margin:40px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--ink)}
h3{font-size:1.05rem;margin:18px 0 6px}
.sub,.note{color:var(--muted)}
.sub{margin:0 0 14px}
.note{font-size:.92rem;margin:4px 0 10px}
code,.id{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.92em}
.counts{display:flex;flex-wrap:wrap;gap:10px;margin:14px 0 8px}
.count{border-radius:8px;padding:8px 14px;min-width:8.5em}
.count b{display:block;font-size:1.7rem;line-height:1.1}
.bar{display:block;width:100%;height:12px;border-radius:6px;margin:6px 0 0}
nav.toc{margin:14px 0 0;font-size:.95rem}
nav.toc a{margin-right:14px;white-space:nowrap}
.lede{font-size:1.08rem;margin:8px 0}
.chip{display:inline-block;border-radius:999px;padding:1px 9px;font-size:.86rem;font-weight:600;white-space:nowrap}
.sym{font-weight:700}
ul.chains,ul.plain{padding-left:1.2em;margin:6px 0}
ul.chains li{margin:4px 0}
.arrow{color:var(--muted);padding:0 .3em}
.deal{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:10px;margin:10px 0}
.party-card{border:1px solid var(--line);border-radius:8px;padding:8px 12px;background:var(--panel)}
.party-card h3{margin:0 0 4px;font-size:1rem}
.party-card ul{margin:0;padding-left:1.1em}
.gridwrap{overflow:auto;max-height:82vh;border:1px solid var(--line);border-radius:6px}
table.grid{border-collapse:separate;border-spacing:0;font-size:.9rem}
.grid th,.grid td{border-right:1px solid #fff;border-bottom:1px solid #fff;padding:0;vertical-align:top}
.grid thead th{position:sticky;top:0;z-index:2;background:#fff;border-bottom:2px solid var(--ink);padding:6px 8px;text-align:left;vertical-align:bottom}
.grid th.issue{position:sticky;left:0;z-index:1;background:#fff;text-align:left;padding:6px 10px 6px 8px;font-weight:normal;min-width:13em;max-width:22em;border-right:1px solid var(--line)}
.grid thead th.issue{z-index:3}
.grid th.issue a{font-weight:600}
.grid th.issue .t{display:block;color:var(--muted);font-size:.84rem}
.grid tr.phase th.issue{font-weight:600;background:#f4f4f4;max-width:none}
.grid td.v{padding:6px 8px;background:#fff}
.grid td>button{all:unset;box-sizing:border-box;display:block;width:100%;min-height:100%;padding:6px 8px;cursor:pointer}
.grid td>button:focus-visible{outline:3px solid #1d4ed8;outline-offset:-3px}
.grid td>button:hover{box-shadow:inset 0 0 0 2px rgba(0,0,0,.35)}
.grid.wide td{min-width:9em;max-width:16em}
.grid.compact{table-layout:fixed;width:1px}
.grid.compact col.ci{width:15em}
.grid.compact col.cv{width:8.5em}
.grid.compact col.cp{width:2.3em}
.grid.compact th.issue{white-space:nowrap;overflow:hidden;text-overflow:ellipsis;padding:3px 8px}
.grid.compact td.v{padding:3px 6px}
.grid.compact .chip{font-size:.78rem;padding:0 7px}
.grid.compact td{text-align:center;white-space:nowrap;overflow:hidden}
.grid td:not(.v)>span{display:block;padding:6px 8px}
.grid.compact td>button,.grid.compact td>span{display:block;padding:3px 0}
.grid.compact thead th.p{writing-mode:vertical-rl;transform:rotate(180deg);padding:8px 4px;font-weight:600;font-size:.82rem;max-height:11em;overflow:hidden}
.grid .sym{margin-right:.3em}
.grid.compact .sym{margin:0}
[popover].card{max-width:min(38em,92vw);padding:16px 20px;border:1px solid var(--line);border-radius:10px;box-shadow:0 12px 36px rgba(0,0,0,.28);color:var(--ink);background:#fff}
[popover].card::backdrop{background:rgba(20,24,28,.18)}
.card h4{margin:0 0 8px;font-size:1rem}
.card p{margin:6px 0}
blockquote{margin:8px 0;padding:2px 0 2px 12px;border-left:3px solid #8a96a3;font-style:italic}
.legend{display:flex;flex-wrap:wrap;gap:6px 14px;margin:10px 0;font-size:.88rem;padding:0;list-style:none}
.legend li{display:flex;align-items:center;gap:6px}
.legend .sw{display:inline-block;min-width:1.8em;text-align:center;border-radius:4px;padding:1px 4px;font-weight:700;border:1px solid var(--line)}
.group>summary,details.issue>summary{cursor:pointer;padding:7px 12px;font-weight:600}
.group{border:1px solid var(--line);border-radius:6px;margin:6px 0;content-visibility:auto;contain-intrinsic-size:auto 3em}
details.issue{border:1px solid var(--line);border-radius:8px;margin:10px 0;content-visibility:auto;contain-intrinsic-size:auto 4em}
details.issue[open]>summary{border-bottom:1px solid var(--line);background:var(--panel);border-radius:8px 8px 0 0}
details.issue>div{padding:6px 14px 12px}
details.issue .t{font-weight:normal;color:var(--muted)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:8px 0}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0}
table.stances{border-collapse:collapse;width:100%;font-size:.92rem;margin:8px 0}
table.stances th,table.stances td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
table.stances td.mk{white-space:nowrap}
table.changes{table-layout:fixed}
table.changes th:nth-child(1){width:18%}table.changes th:nth-child(2){width:11%}table.changes th:nth-child(3){width:22%}table.changes th:nth-child(5){width:14%}
table.changes td{overflow-wrap:anywhere}
table.stances td.mk span{display:inline-block;border-radius:4px;padding:1px 7px}
.heat{overflow:auto;content-visibility:auto;contain-intrinsic-size:auto 600px}
.heat svg text{font:12px system-ui,"DejaVu Sans",sans-serif}
.heat .lbl{fill:#1d232a}
.heat .grp{fill:none;stroke:#d1400b;stroke-width:3}
.heat .diag{fill:#e6e8eb}
.heat .none{fill:#fff;stroke:#d5dbe1}
.heat svg text,.moves svg text{pointer-events:none}
.scale{display:flex;align-items:center;gap:0;margin:6px 0;font-size:.85rem}
.scale span{display:inline-block;width:2.4em;text-align:center;padding:2px 0}
.scale span.end{width:auto;padding:2px 6px}
table.plain{border-collapse:collapse;font-size:.92rem;margin:8px 0}
table.plain th,table.plain td{border-bottom:1px solid var(--line);padding:4px 10px;text-align:left;vertical-align:top}
table.plain td.n{text-align:right;font-variant-numeric:tabular-nums}
.moves svg text{font:12px system-ui,"DejaVu Sans",sans-serif}
.ev-up{background:#d3eedb;color:#0b4d2c}
.ev-down{background:#ffd5c2;color:#7a1f00}
.ev-side{background:#ececec;color:#303030}
.qm{display:inline-block;border-radius:4px;padding:0 6px;font-size:.84rem;font-style:normal}
details.ctx{margin:2px 0 6px}
details.ctx>summary{cursor:pointer;list-style-position:inside}
p.ctx,p.qline{margin:4px 0;font-size:.9rem}
p.ctx mark{background:#fff3a8;color:#1d232a;padding:0 2px}
ul.conds{margin:4px 0;padding-left:1.2em;font-size:.9rem}
footer{margin-top:48px;color:var(--muted);font-size:.85rem}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    /// The numbers on the agreement matrix read on their shade.
    #[test]
    fn agreement_shades_are_readable() {
        for (background, text) in AGREEMENT {
            let ratio = crate::export::cell::tests::contrast(background, text);
            assert!(ratio >= 4.5, "{background} {text}: {ratio:.2}");
        }
    }

    /// The quote marks read on their colours.
    #[test]
    fn quote_marks_are_readable() {
        for (_, symbol, _, background, text) in QUOTE_MARKS {
            let ratio = crate::export::cell::tests::contrast(background, text);
            assert!(ratio >= 4.5, "{symbol}: {ratio:.2}");
        }
    }

    /// The counts on the changes page's bars read on their colours.
    #[test]
    fn label_colours_are_readable() {
        for (name, background, text) in LABELS {
            let ratio = crate::export::cell::tests::contrast(background, text);
            assert!(ratio >= 4.5, "{name}: {ratio:.2}");
        }
    }

    /// The policy names the stylesheet as it is: a changed byte would
    /// leave the page unstyled.
    #[test]
    fn the_policy_hashes_the_stylesheet() {
        let s = style();
        let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(&s.css));
        assert!(s.policy.contains(&format!("'sha256-{hash}'")));
        assert!(s.policy.starts_with("default-src 'none';"));
    }
}
