//! Each stage of `stance compare` on generated negotiations, at three sizes:
//! load + validate (from memory: parsing, not the disk), compare, and
//! rendering each format (to a sink: rendering, not the disk).
//!
//!     cargo bench --bench stages
//!
//! The end-to-end runs, against the rapidyaml parse floor, are in
//! `benches/perf.sh`; both are reported in docs/performance.md.

use divan::Bencher;
use stance::export::Format;
use stance::load::{Folder, load_folder};
use stance::model::Negotiation;
use stance::synth::{self, Spec};
use stance::{Scope, compare};
use std::io::sink;

fn main() {
    divan::main();
}

/// (parties, issues): a bilateral talk, a working group, a conference.
const SIZES: [(usize, usize); 3] = [(4, 20), (20, 500), (200, 2000)];

fn folder(size: (usize, usize)) -> Folder {
    synth::folder(&Spec {
        parties: size.0,
        issues: size.1,
        seed: 1,
    })
}

fn negotiation(size: (usize, usize)) -> Negotiation {
    load_folder(folder(size))
        .expect("generated negotiations are valid")
        .negotiation
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn load(bencher: Bencher, size: (usize, usize)) {
    bencher
        .with_inputs(|| folder(size))
        .bench_values(load_folder);
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn engine(bencher: Bencher, size: (usize, usize)) {
    let n = negotiation(size);
    let scope = Scope::all(&n);
    bencher.bench(|| compare(&n, &scope));
}

fn render(bencher: Bencher, size: (usize, usize), format: Format) {
    let n = negotiation(size);
    let report = compare(&n, &Scope::all(&n));
    bencher.bench(|| format.exporter(false).render(&report, &mut sink()));
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn render_text(bencher: Bencher, size: (usize, usize)) {
    render(bencher, size, Format::Text);
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn render_markdown(bencher: Bencher, size: (usize, usize)) {
    render(bencher, size, Format::Markdown);
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn render_json(bencher: Bencher, size: (usize, usize)) {
    render(bencher, size, Format::Json);
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn render_html(bencher: Bencher, size: (usize, usize)) {
    render(bencher, size, Format::Html);
}
