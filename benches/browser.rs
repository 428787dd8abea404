//! The HTML report of a generated negotiation in headless Chromium: its
//! size, how long `stance` takes to render it, and how long Chromium takes
//! to paint the first screen (first and largest contentful paint) and to
//! load the whole page, in a 1280 x 900 window. Medians of RUNS loads,
//! each in a fresh browser; the machine's Chromium, with the flags of the
//! browser tests (`tests/browser/cdp.rs`).
//!
//!     cargo bench --bench browser -- [PARTIES ISSUES [RUNS]]   # default 200 2000 7
//!
//! docs/performance.md reports it ("The HTML report").

#[path = "../tests/browser/cdp.rs"]
mod cdp;

use stance::export::Format;
use stance::load::load_folder;
use stance::synth::{self, Spec};
use stance::{Scope, compare};
use std::io::{BufWriter, Write};
use std::time::{Duration, Instant};

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// The HTML report of the generated negotiation, written under `dir`.
fn render(parties: usize, issues: usize, dir: &std::path::Path) -> std::path::PathBuf {
    let spec = Spec {
        parties,
        issues,
        seed: 1,
    };
    let n = load_folder(synth::folder(&spec))
        .expect("generated negotiations are valid")
        .negotiation;
    let report = compare(&n, &Scope::all(&n));
    let file = dir.join(format!("{parties}x{issues}.html"));
    let start = Instant::now();
    {
        let mut out = BufWriter::new(std::fs::File::create(&file).unwrap());
        Format::Html
            .exporter(false)
            .render(&report, &mut out)
            .unwrap();
        out.flush().unwrap();
    }
    let rendered = start.elapsed();
    let size = std::fs::metadata(&file).unwrap().len();
    println!(
        "{parties} parties x {issues} issues: {:.1} MB of HTML, rendered in {:.2} s",
        size as f64 / 1e6,
        rendered.as_secs_f64()
    );
    file
}

fn main() {
    // `cargo bench` adds `--bench`; the rest are ours.
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .map(|a| a.parse().expect("numbers: PARTIES ISSUES [RUNS]"))
        .collect();
    let (parties, issues, runs) = match args[..] {
        [] => (200, 2000, 7),
        [p, i] => (p, i, 7),
        [p, i, r] => (p, i, r),
        _ => panic!("usage: cargo bench --bench browser -- [PARTIES ISSUES [RUNS]]"),
    };
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-browser");
    std::fs::create_dir_all(&dir).unwrap();
    // `STANCE_PAGE=FILE`: measure that page instead, as it is.
    let file = match std::env::var_os("STANCE_PAGE") {
        Some(page) => std::path::PathBuf::from(page),
        None => render(parties, issues, &dir),
    };
    let chromium = cdp::find().expect("no Chromium: install chromium, or set CHROMIUM");
    let (mut fcp, mut lcp, mut load, mut opened) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for run in 1..=runs {
        let mut browser = cdp::Browser::launch(&chromium).unwrap();
        let mut page = browser.page().unwrap();
        page.resize(1280, 900).unwrap();
        let start = Instant::now();
        page.go(&file).unwrap();
        if run == 1 {
            // What a person sees one second in, while the rest loads.
            std::thread::sleep(Duration::from_secs(1));
            page.screenshot(&dir.join("first-second.png")).unwrap();
        }
        page.loaded().unwrap();
        let loaded = start.elapsed();
        let first = page
            .eval("performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint').startTime")
            .unwrap()
            .as_f64()
            .unwrap();
        let largest = page
            .eval("new Promise(done => new PerformanceObserver(list => done(list.getEntries().at(-1).startTime)).observe({type: 'largest-contentful-paint', buffered: true}))")
            .unwrap()
            .as_f64()
            .unwrap();
        // Opening the first group of the grid (every party on 50 issues)
        // where it is on screen, until it is painted: what a click on it
        // costs.
        page.eval("new Promise(done => { const d = document.querySelector('.gridwrap details'); if (d) d.scrollIntoView(); const frames = (k, then) => k ? requestAnimationFrame(() => frames(k - 1, then)) : then(); frames(10, done); })").unwrap();
        let open = page
            .eval("new Promise(done => { const d = document.querySelector('.gridwrap details'); if (!d) return done(0); const frames = (k, then) => k ? requestAnimationFrame(() => frames(k - 1, then)) : then(); const t = performance.now(); d.open = true; frames(2, () => done(performance.now() - t)); })")
            .unwrap()
            .as_f64()
            .unwrap();
        if run == 1 {
            page.screenshot(&dir.join("loaded.png")).unwrap();
        }
        let errors = page.errors();
        assert!(errors.is_empty(), "{errors:?}");
        println!(
            "run {run}: first paint {first:.0} ms, largest paint {largest:.0} ms, loaded {:.0} ms, a grid group opened in {open:.0} ms",
            loaded.as_secs_f64() * 1000.0
        );
        opened.push(open);
        fcp.push(first);
        lcp.push(largest);
        load.push(loaded.as_secs_f64() * 1000.0);
    }
    let ms = |v: f64| Duration::from_secs_f64(v / 1000.0);
    println!(
        "medians of {runs}: first contentful paint {:?}, largest contentful paint {:?}, load event {:?}, a grid group opened {:?}",
        ms(median(fcp)),
        ms(median(lcp)),
        ms(median(load)),
        ms(median(opened))
    );
}
