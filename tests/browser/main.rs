//! The HTML reports as a person sees them, in headless Chromium: every
//! party and issue on the page, the grid's cells with their symbols and
//! computed colours (and the contrast between them), a stance opening on a
//! click, no script error or policy violation, hostile text shown as text
//! with no element or attribute injected, and the first screen of a
//! conference-scale report in time.
//!
//! Without a Chromium (`cdp::find`) each test says it skipped and passes,
//! unless `STANCE_BROWSER_TESTS=required` (which `.ci/run` sets): then a
//! missing browser fails. With `STANCE_SCREENSHOTS=DIR` the screenshots
//! are written to DIR too (`docs/` keeps the seed's).

mod cdp;

use cdp::{Browser, Page};
use serde_json::Value;
use stance::changes::{Listing, changes};
use stance::export::{Format, render_changes_to_string, render_to_string};
use stance::load;
use stance::model::Negotiation;
use stance::synth::{Spec, folder};
use stance::{Scope, compare};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

const SEED: &str = "positions/ukraine-2025-03-18";
const EARLIER: &str = "positions/ukraine-2025-03-11";
const HOSTILE: &str = "tests/fixtures/hostile-text";
const CONDITIONS: &str = "tests/fixtures/html-conditions";

/// The first screen of the conference page below must be painted within
/// this (docs/performance.md): generous, as CI shares two cores. The
/// 200-party target is measured by `benches/browser.rs`.
const FIRST_SCREEN: Duration = Duration::from_secs(10);

/// One browser at a time: each is a few processes, on two cores.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// A fresh browser, or `None` (said on stderr) where there is none and
/// none is required.
fn browser() -> Option<Browser> {
    let required = std::env::var("STANCE_BROWSER_TESTS").is_ok_and(|v| v == "required");
    match cdp::find() {
        Some(path) => {
            Some(Browser::launch(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        }
        None if required => {
            panic!("no Chromium found (set CHROMIUM), and STANCE_BROWSER_TESTS=required")
        }
        None => {
            eprintln!("skipped: no Chromium found (set CHROMIUM, or install chromium)");
            None
        }
    }
}

fn negotiation(path: &str) -> Negotiation {
    load::load(Path::new(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .negotiation
}

/// Where this run's pages and screenshots go.
fn scratch() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write_page(name: &str, html: &str) -> PathBuf {
    let path = scratch().join(name);
    std::fs::write(&path, html).unwrap();
    path
}

/// `report` as its HTML page, written to `name` and opened in a new tab
/// 1280 pixels wide and `height` tall.
fn open_report<'b>(
    browser: &'b mut Browser,
    report: &stance::report::Report,
    name: &str,
    height: u32,
) -> cdp::Page<'b> {
    let file = write_page(name, &render_to_string(report, Format::Html));
    let mut page = browser.page().unwrap();
    page.resize(1280, height).unwrap();
    page.open(&file).unwrap();
    page
}

/// A screenshot in the scratch folder, and in `$STANCE_SCREENSHOTS` when
/// set.
fn screenshot(page: &mut Page, name: &str) {
    let path = scratch().join(name);
    page.screenshot(&path).unwrap();
    if let Some(dir) = std::env::var_os("STANCE_SCREENSHOTS") {
        std::fs::copy(&path, Path::new(&dir).join(name)).unwrap();
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not a list: {v}"))
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect()
}

/// The grid as the page shows it: per row, the issue and each cell's
/// symbol, background, text colour and their contrast (WCAG, worked out
/// from the computed colours).
const READ_GRID: &str = r#"(() => {
  const rgb = c => c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)]; return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  return [...document.querySelectorAll('.gridwrap tbody tr')].map(tr => ({
    issue: tr.querySelector('th.issue a').textContent,
    cells: [...tr.querySelectorAll('td:not(.v)')].map(td => {
      const shown = td.querySelector('button, span') || td;
      const bg = getComputedStyle(td).backgroundColor, fg = getComputedStyle(shown).color;
      return { symbol: (td.querySelector('.sym') || shown).textContent.trim().slice(0, 1), bg, fg, contrast: contrast(bg, fg) };
    }),
  }));
})()"#;

/// Guards the first screen a mediator sees: the seed's parties and issues,
/// each cell's symbol as a reader checks it against the positions, each
/// cell's colour that of its mark in the legend and readable on it, a
/// stance opening on a click, and no error.
#[test]
fn the_seed_reads_at_a_glance() {
    let _one = ONE_AT_A_TIME.lock();
    let Some(mut browser) = browser() else { return };
    let n = negotiation(SEED);
    let report = compare(&n, &Scope::all(&n));
    // Tall enough for the counts, what blocks a deal and the grid.
    let mut page = open_report(&mut browser, &report, "seed.html", 1760);
    assert_eq!(page.eval("document.title").unwrap(), report.negotiation);

    let parties = strings(
        &page
            .eval(
                "[...document.querySelectorAll('.gridwrap thead th.p')].map(th => th.textContent)",
            )
            .unwrap(),
    );
    assert_eq!(parties, ["russia", "ukraine", "united-states", "europe"]);
    let grid = page.eval(READ_GRID).unwrap();
    let rows = grid.as_array().unwrap();
    let issues: Vec<&str> = rows.iter().map(|r| r["issue"].as_str().unwrap()).collect();
    let agenda: Vec<&str> = n.agenda.issues.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(issues, agenda);
    // What the positions come to, party by party, as a reader works it
    // out from docs/design.md: ✔ in the zone, ⚠ its requirement blocks,
    // ✖ clashing, ⊘ a red line clashing, ○ no clash but no zone, • a
    // position on a gap, ◇ / ◆ Europe, an observer, within or against
    // the principals' zone, ≈ ambiguous, — silent. Military aid is
    // Europe's to decide too: a gap with two positions.
    let expected = [
        "✖✖○—",
        "✔✔✔—",
        "•———",
        "•——•",
        "•———",
        "⚠✔✔◇",
        "⊘⊘✖◆",
        "—•——",
        "•———",
        "•———",
        "•———",
        "——≈—",
        "✔—✔—",
        "✔—✔—",
        "✔✔✔—",
    ];
    assert_eq!(rows.len(), expected.len());
    let legend = page
        .eval(
            "Object.fromEntries([...document.querySelectorAll('.legend .sw')].map(s => [s.textContent, getComputedStyle(s).backgroundColor]))",
        )
        .unwrap();
    for (row, want) in rows.iter().zip(expected) {
        let symbols: String = row["cells"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["symbol"].as_str().unwrap())
            .collect();
        assert_eq!(symbols, want, "{}", row["issue"]);
        for cell in row["cells"].as_array().unwrap() {
            let symbol = cell["symbol"].as_str().unwrap();
            assert_eq!(cell["bg"], legend[symbol], "{} {symbol}", row["issue"]);
            let contrast = cell["contrast"].as_f64().unwrap();
            assert!(contrast >= 4.5, "{} {symbol}: {contrast:.2}", row["issue"]);
        }
    }
    // Red is red: the legend is not one colour for all.
    assert_eq!(legend["⊘"], "rgb(163, 20, 27)");
    assert_ne!(legend["✔"], legend["✖"]);

    screenshot(&mut page, "report.png");

    // A click on Russia's cell on territory opens its stance and evidence.
    let place = page
        .eval(
            "(() => { const b = [...document.querySelectorAll('.gridwrap tbody tr')][6].querySelectorAll('td:not(.v) button')[0]; b.scrollIntoView({block: 'center'}); const r = b.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()",
        )
        .unwrap();
    let (x, y) = (place[0].as_f64().unwrap(), place[1].as_f64().unwrap());
    page.click(x, y).unwrap();
    let open = page
        .eval("[...document.querySelectorAll(':popover-open')].map(p => p.innerText)")
        .unwrap();
    let open = strings(&open);
    assert_eq!(open.len(), 1, "{open:?}");
    assert!(open[0].contains("Russian Federation on Territory Russia has seized"));
    assert!(open[0].contains("Putin has said Russia must keep control"));
    assert!(open[0].contains("putin-earlier-statements"));
    // Every quote of the seed (14) is verified against the stored
    // article, and marked so beside it.
    let quotes = page
        .eval("[...document.querySelectorAll('table.stances .qm')].map(m => m.textContent)")
        .unwrap();
    assert_eq!(
        strings(&quotes),
        vec!["✓ verified in its source's text"; 14]
    );
    screenshot(&mut page, "report-stance.png");

    assert_eq!(page.errors(), Vec::<String>::new());
}

/// A click at the middle of the element `selector` picks (the first), once
/// scrolled into view.
fn click_on(page: &mut Page, selector: &str) {
    let place = page
        .eval(&format!(
            "(() => {{ const e = document.querySelector({selector:?}); e.scrollIntoView({{block: 'center'}}); const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()"
        ))
        .unwrap_or_else(|e| panic!("{selector}: {e}"));
    page.click(place[0].as_f64().unwrap(), place[1].as_f64().unwrap())
        .unwrap();
}

/// Guards Format 2 on the page, as a person sees it: a cell accepted on
/// conditions has a symbol and a colour of its own (not the zone's, not
/// the block's), readable, and in the legend; its detail says what it
/// holds under; a quote is marked verified or not checked, and a click
/// on the mark shows the passage in the source's text, whose markup
/// (`<script>`, `<img onerror>`, `<b>` inside the quote) is text on the
/// page, not elements.
#[test]
fn conditions_and_verified_quotes_read_on_the_page() {
    let _one = ONE_AT_A_TIME.lock();
    let Some(mut browser) = browser() else { return };
    let n = negotiation(CONDITIONS);
    let report = compare(&n, &Scope::all(&n));
    let mut page = open_report(&mut browser, &report, "conditions.html", 1500);
    let grid = page.eval(READ_GRID).unwrap();
    // As a reader works it out from the fixture and docs/design.md: the
    // ceasefire is an overlap that rests on a gap (every cell ◐); alpha
    // reaches `some` aid only through its alternative, beta ties aid and
    // monitors in a package (◐); gamma's requirement on the clashing
    // troops blocks elections (⚠).
    let expected = [
        ("ceasefire", "◐◐◐"),
        ("disarmament", "•——"),
        ("aid", "◐◐✔"),
        ("monitors", "✔◐✔"),
        ("troops", "✖✖—"),
        ("elections", "✔✔⚠"),
    ];
    let legend = page
        .eval(
            "Object.fromEntries([...document.querySelectorAll('.legend .sw')].map(s => [s.textContent, getComputedStyle(s).backgroundColor]))",
        )
        .unwrap();
    let rows = grid.as_array().unwrap();
    assert_eq!(rows.len(), expected.len());
    for (row, (issue, want)) in rows.iter().zip(expected) {
        assert_eq!(row["issue"], issue);
        let cells = row["cells"].as_array().unwrap();
        let symbols: String = cells
            .iter()
            .map(|c| c["symbol"].as_str().unwrap())
            .collect();
        assert_eq!(symbols, want, "{issue}");
        for cell in cells {
            let symbol = cell["symbol"].as_str().unwrap();
            assert_eq!(cell["bg"], legend[symbol], "{issue} {symbol}");
            let contrast = cell["contrast"].as_f64().unwrap();
            assert!(contrast >= 4.5, "{issue} {symbol}: {contrast:.2}");
        }
    }
    // The conditional colour is its own: no other mark of the legend has it.
    let conditional = &legend["◐"];
    assert!(conditional.is_string(), "◐ is not in the legend: {legend}");
    for (symbol, colour) in legend.as_object().unwrap() {
        if symbol != "◐" {
            assert_ne!(colour, conditional, "{symbol} looks like ◐");
        }
    }
    screenshot(&mut page, "html2-conditions.png");

    // Alpha's ceasefire: its detail lists the conditions, and its quote is
    // verified; the passage opens on a click, hostile markup as text.
    click_on(
        &mut page,
        ".gridwrap tbody tr:nth-child(1) td:nth-child(3) button",
    );
    let open = strings(
        &page
            .eval("[...document.querySelectorAll(':popover-open')].map(p => p.innerText)")
            .unwrap(),
    );
    assert_eq!(open.len(), 1, "{open:?}");
    for shown in [
        "in the zone, on conditions",
        "Conditions:",
        "The overlap is contingent; it rests on: alpha requires disarmament: yes",
        "“We accept <b>a ceasefire</b> once they disarm”",
        "✓ verified in its source's text",
    ] {
        assert!(open[0].contains(shown), "{shown} not in {open:?}");
    }
    click_on(&mut page, ":popover-open details.ctx > summary");
    let context = page
        .eval(
            r#"(() => { const p = document.querySelector(':popover-open details.ctx[open] p.ctx'); return p && { text: p.innerText, marked: p.querySelector('mark').innerText, elements: [...p.querySelectorAll('*')].map(e => e.tagName.toLowerCase()) }; })()"#,
        )
        .unwrap();
    assert!(context.is_object(), "the passage did not open");
    let text = context["text"].as_str().unwrap();
    assert!(text.starts_with("In minutes: Minutes, 1 January 2025. <script>alert('minutes')</script> The delegate of alpha opened:"), "{text}");
    assert!(
        text.contains("and then <img src=x onerror=alert(1)> sat down."),
        "{text}"
    );
    assert_eq!(
        context["marked"],
        "We accept <b>a ceasefire</b> once they disarm"
    );
    assert_eq!(strings(&context["elements"]), ["a", "mark"]);
    screenshot(&mut page, "html2-conditions-passage.png");
    page.eval("document.querySelector(':popover-open').hidePopover()")
        .unwrap();

    // Each quote on the page is marked, with a symbol and words, each kind
    // in its own readable colour: beta's has no text to check it against.
    let marks = page
        .eval(
            r#"(() => {
  const rgb = c => c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)]; return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  return [...document.querySelectorAll('table.stances .qm')].map(m => { const s = getComputedStyle(m); return { text: m.textContent, bg: s.backgroundColor, contrast: contrast(s.backgroundColor, s.color) }; });
})()"#,
        )
        .unwrap();
    let marks = marks.as_array().unwrap();
    let texts: Vec<&str> = marks.iter().map(|m| m["text"].as_str().unwrap()).collect();
    assert_eq!(
        texts,
        [
            "✓ verified in its source's text",
            "? not checked against a source's text",
            "✓ verified in its source's text",
        ]
    );
    assert_ne!(marks[0]["bg"], marks[1]["bg"]);
    for m in marks {
        assert!(m["contrast"].as_f64().unwrap() >= 4.5, "{m}");
    }
    let found = page
        .eval("({ scripts: document.scripts.length, images: document.images.length, bold: document.querySelectorAll('main b:not(.count b)').length })")
        .unwrap();
    assert_eq!(found["scripts"], 0);
    assert_eq!(found["images"], 0);
    assert_eq!(found["bold"], 0);
    assert_eq!(page.errors(), Vec::<String>::new());
}

/// Guards the error check itself: a page that breaks the policy (an
/// injected script, a remote image) shows errors, and the script does
/// not run. Without this, an empty list of errors could mean nothing.
#[test]
fn the_policy_blocks_scripts_and_loads_and_the_test_sees_it() {
    let _one = ONE_AT_A_TIME.lock();
    let Some(mut browser) = browser() else { return };
    let n = negotiation(SEED);
    let html = render_to_string(&compare(&n, &Scope::all(&n)), Format::Html).replace(
        "</main>",
        "<script>document.title = 'ran'</script><img src=\"https://example.org/x.png\"></main>",
    );
    let file = write_page("broken.html", &html);
    let mut page = browser.page().unwrap();
    page.open(&file).unwrap();
    assert_ne!(page.eval("document.title").unwrap(), "ran");
    let errors = page.errors();
    assert!(
        errors.iter().any(|e| e.contains("Content Security Policy")),
        "{errors:?}"
    );
}

/// What an attacker's position folder could inject, if anything: the
/// hostile fixture's compare and changes pages hold no script, no event
/// handler, no link but to http, https, mailto or the page itself, no
/// element beyond the report's own; the attack strings are on the page
/// as text; nothing errs.
#[test]
fn hostile_text_is_shown_as_text() {
    let _one = ONE_AT_A_TIME.lock();
    let Some(mut browser) = browser() else { return };
    let n = negotiation(HOSTILE);
    let compare_page = render_to_string(&compare(&n, &Scope::all(&n)), Format::Html);
    let all = Listing {
        all: true,
        party: None,
    };
    let c = changes(&n, &n, [HOSTILE, "later\u{1b}]0;PWNED\u{7}<script>"], all);
    let changes_page = render_changes_to_string(&c, Format::Html);
    for (name, html) in [
        ("hostile.html", compare_page),
        ("hostile-changes.html", changes_page),
    ] {
        let file = write_page(name, &html);
        let mut page = browser.page().unwrap();
        page.resize(1280, 900).unwrap();
        page.open(&file).unwrap();
        let found = page
            .eval(
                r#"(() => {
  const all = [...document.querySelectorAll('*')];
  return {
    scripts: document.scripts.length,
    styles: document.querySelectorAll('style').length,
    handlers: all.flatMap(e => [...e.attributes].filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name)),
    styled: all.filter(e => e.hasAttribute('style')).length,
    foreign: all.map(e => e.tagName.toLowerCase()).filter(t => ['img', 'iframe', 'object', 'embed', 'base', 'form', 'input', 'link', 'video', 'audio', 'source'].includes(t)),
    hrefs: [...document.querySelectorAll('[href]')].map(e => e.getAttribute('href')),
    metas: [...document.querySelectorAll('meta')].map(m => m.getAttribute('http-equiv')).filter(Boolean),
    text: document.body.innerText,
    title: document.title,
  };
})()"#,
            )
            .unwrap();
        assert_eq!(found["scripts"], 0, "{name}");
        assert_eq!(found["styles"], 1, "{name}");
        assert_eq!(found["handlers"], Value::Array(vec![]), "{name}");
        assert_eq!(found["styled"], 0, "{name}");
        assert_eq!(found["foreign"], Value::Array(vec![]), "{name}");
        assert_eq!(
            strings(&found["metas"]),
            ["Content-Security-Policy"],
            "{name}"
        );
        for href in strings(&found["hrefs"]) {
            assert!(
                href.starts_with('#')
                    || href.starts_with("https://")
                    || href.starts_with("http://")
                    || href.starts_with("mailto:"),
                "{name}: {href}"
            );
        }
        let text = found["text"].as_str().unwrap();
        if name == "hostile.html" {
            // The attacks, as text: a url that is not a link, raw HTML,
            // a terminal's title sequence, an override shown as an escape.
            for shown in [
                "(not linked: javascript:alert(1))",
                "(not linked: <script>alert(1)</script>)",
                "\\u{1b}]0;PWNED\\u{7}\\u{1b}[31mCeasefire talks\\u{202e} + aid overlap zone: yes",
                "Party \\u{202e}ahplA",
            ] {
                assert!(text.contains(shown), "{name}: {shown} not shown");
            }
            assert!(
                found["title"]
                    .as_str()
                    .unwrap()
                    .starts_with("\\u{1b}]0;PWNED")
            );
            screenshot(&mut page, "hostile.png");
        } else {
            assert!(
                text.contains("later\\u{1b}]0;PWNED\\u{7}<script>"),
                "{name}"
            );
        }
        assert_eq!(page.errors(), Vec::<String>::new(), "{name}");
    }
}

/// Guards the changes page: one bar per party that moved, its counts
/// written beside it as the changes report counts them, and a row per
/// issue whose verdict changed.
#[test]
fn the_changes_page_shows_who_moved() {
    let _one = ONE_AT_A_TIME.lock();
    let Some(mut browser) = browser() else { return };
    let (old, new) = (negotiation(EARLIER), negotiation(SEED));
    let c = changes(&old, &new, [EARLIER, SEED], Listing::default());
    let file = write_page("changes.html", &render_changes_to_string(&c, Format::Html));
    let mut page = browser.page().unwrap();
    page.resize(1280, 900).unwrap();
    page.open(&file).unwrap();
    let bars = page
        .eval("[...document.querySelectorAll('#moved svg text.lbl')].map(t => t.textContent)")
        .unwrap();
    // Each bar: the party's name, then its counts.
    let bars = strings(&bars);
    let mut expected = Vec::new();
    for party in ["russia", "ukraine", "united-states", "europe"] {
        let mut counts = Vec::new();
        for label in [
            "hardened",
            "softened",
            "moved",
            "new",
            "withdrawn",
            "clarified",
        ] {
            let n = c
                .stances
                .iter()
                .filter(|s| s.party == party && s.label.name() == label)
                .count();
            if n > 0 {
                counts.push(format!("{n} {label}"));
            }
        }
        expected.push(party.to_owned());
        expected.push(counts.join(", "));
    }
    assert_eq!(bars, expected);
    let segments = page
        .eval("document.querySelectorAll('#moved svg rect').length")
        .unwrap();
    assert_eq!(
        segments.as_u64().unwrap() as usize,
        expected
            .iter()
            .skip(1)
            .step_by(2)
            .map(|s| s.split(", ").count())
            .sum::<usize>()
    );
    let rows = page
        .eval("document.querySelectorAll('#events tbody tr').length")
        .unwrap();
    assert_eq!(rows.as_u64().unwrap() as usize, c.issues.len());
    screenshot(&mut page, "changes.png");
    assert_eq!(page.errors(), Vec::<String>::new());
}

/// Guards the conference page: generated above the conference threshold
/// (60 parties, 400 issues here, to keep CI fast), every party and issue
/// is on the page, the grid's groups are closed, and the first screen is
/// painted within `FIRST_SCREEN`.
#[test]
fn a_conference_opens_in_time() {
    let _one = ONE_AT_A_TIME.lock();
    let Some(mut browser) = browser() else { return };
    let spec = Spec {
        parties: 60,
        issues: 400,
        seed: 1,
    };
    let n = load::load_folder(folder(&spec)).unwrap().negotiation;
    let report = compare(&n, &Scope::all(&n));
    assert!(stance::export::scale::is_conference(&report));
    let file = write_page("conference.html", &render_to_string(&report, Format::Html));
    let mut page = browser.page().unwrap();
    page.resize(1280, 900).unwrap();
    let loaded = page.open(&file).unwrap();
    let paint = page
        .eval(
            "performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint')?.startTime ?? -1",
        )
        .unwrap()
        .as_f64()
        .unwrap();
    assert!(paint >= 0.0, "nothing painted");
    let paint = Duration::from_secs_f64(paint / 1000.0);
    eprintln!("conference page: first paint {paint:?}, loaded {loaded:?}");
    assert!(paint <= FIRST_SCREEN, "first paint after {paint:?}");
    let counts = page
        .eval(
            r#"({
  parties: document.querySelectorAll('.gridwrap details:first-child thead th.p').length,
  rows: document.querySelectorAll('.gridwrap tbody tr').length,
  open: document.querySelectorAll('.gridwrap details[open]').length,
  h1: document.querySelector('h1').getBoundingClientRect().top,
})"#,
        )
        .unwrap();
    assert_eq!(counts["parties"], 60);
    assert_eq!(counts["rows"], 400);
    assert_eq!(counts["open"], 0);
    assert!(counts["h1"].as_f64().unwrap() < 100.0);
    screenshot(&mut page, "conference.png");
    assert_eq!(page.errors(), Vec::<String>::new());
}
