//! Writes a synthetic negotiation folder for benchmarks (see `stance::synth`).
//!
//!     cargo run --release --example generate -- --parties 200 --issues 2000 --seed 1 OUT_DIR

use clap::Parser;
use stance::load::limits::{MAX_ISSUES, MAX_PARTIES};
use stance::synth::{Spec, generate};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Write a synthetic negotiation (an agenda and one file per party) into
/// OUT_DIR. The same numbers always give the same files.
#[derive(Parser)]
struct Args {
    /// Number of parties (party files).
    #[arg(long, default_value_t = 4)]
    parties: usize,
    /// Number of issues on the agenda.
    #[arg(long, default_value_t = 40)]
    issues: usize,
    /// Seed of the generator.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Add Format 2's order: a phased agenda and sequence issues.
    #[arg(long)]
    order: bool,
    /// Add Format 2's "who decides": mediators and observers, issues
    /// that name their deciders, and salience on about half the stances.
    #[arg(long)]
    deciders: bool,
    /// Write into a folder that is not empty, first removing the
    /// `agenda.yaml` and `party-*.yaml` files a previous run left there.
    #[arg(long)]
    force: bool,
    /// The folder to write; created if missing.
    out_dir: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args) -> Result<String, String> {
    // Past these, `stance` refuses the folder: no use as a benchmark input.
    if !(1..=MAX_PARTIES).contains(&args.parties) {
        return Err(format!("--parties must be 1 to {MAX_PARTIES}"));
    }
    if !(1..=MAX_ISSUES).contains(&args.issues) {
        return Err(format!("--issues must be 1 to {MAX_ISSUES}"));
    }
    let out = &args.out_dir;
    prepare(out, args.force)?;
    let spec = Spec {
        parties: args.parties,
        issues: args.issues,
        seed: args.seed,
    };
    let mut files = if args.order {
        stance::synth::generate_ordered(&spec)
    } else {
        generate(&spec)
    };
    if args.deciders {
        stance::synth::add_deciders(&mut files, spec.seed);
    }
    let mut bytes = 0;
    for (name, text) in &files {
        let path = out.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        bytes += text.len();
    }
    Ok(format!(
        "{}: {} files, {bytes} bytes ({} parties, {} issues, seed {})",
        out.display(),
        files.len(),
        args.parties,
        args.issues,
        args.seed
    ))
}

/// Creates `out`, or checks it may be written into. A non-empty folder is
/// refused unless `force`: a typo in OUT_DIR must not mix generated files
/// into someone's real positions.
fn prepare(out: &Path, force: bool) -> Result<(), String> {
    let shown = out.display();
    if !out.exists() {
        return std::fs::create_dir_all(out).map_err(|e| format!("{shown}: {e}"));
    }
    if !out.is_dir() {
        return Err(format!("{shown}: exists and is not a folder"));
    }
    let entries: Vec<_> = std::fs::read_dir(out)
        .and_then(|d| d.collect::<Result<Vec<_>, _>>())
        .map_err(|e| format!("{shown}: {e}"))?;
    if entries.is_empty() {
        return Ok(());
    }
    if !force {
        return Err(format!(
            "{shown} is not empty; give another folder, or --force to write into it"
        ));
    }
    // A previous run with more parties would leave files the new agenda
    // does not list, and the folder would fail `stance check`.
    for e in entries {
        let name = e.file_name();
        let name = name.to_string_lossy();
        let generated =
            name == "agenda.yaml" || (name.starts_with("party-") && name.ends_with(".yaml"));
        if generated && e.path().is_file() {
            std::fs::remove_file(e.path())
                .map_err(|err| format!("{}: {err}", e.path().display()))?;
        }
    }
    Ok(())
}
