//! Provenance (issue 19): quotes checked against their sources' texts,
//! sources read only from inside the folder, the warnings about dates and
//! whose account a stance rests on, and what the reports carry of it. The
//! errors each have a fixture under `tests/fixtures/invalid/` (pinned by
//! `tests/check.rs`); these tests pin the rest.

use stance::load::{self, Invalid, Loaded, in_memory, limits, load_folder};
use stance::model::QuoteCheck;
use std::path::Path;

mod common;
use common::{git, json_of, mkfifo, rendered, stance, warnings_of};

const AGENDA: &str = "negotiation: Test talks\nas_of: 2025-03-18\nissues:\n  scope:\n    title: Scope\n    kind: choice\n    options:\n      energy: Energy\n      full: Full\n  aid:\n    title: Aid\n    kind: yes-no\n";

/// A folder in memory: one party, `alpha`, whose stance on `scope`
/// quotes `quote` from a source whose text is `text`.
fn quoting(quote: &str, text: &str) -> Result<Loaded, Invalid> {
    let alpha = format!(
        "party: alpha\nname: A\nsources:\n  s:\n    title: S\n    text: sources/s.txt\nstances:\n  scope:\n    accepts: [energy]\n    source: s\n    quote: {}\n",
        serde_json::to_string(quote).unwrap()
    );
    load_folder(in_memory(
        "talks",
        AGENDA.into(),
        vec![
            ("alpha.yaml".into(), alpha.into_bytes()),
            ("sources/s.txt".into(), text.as_bytes().to_vec()),
        ],
    ))
}

fn check_of(loaded: &Result<Loaded, Invalid>) -> QuoteCheck {
    let n = &loaded.as_ref().expect("loads").negotiation;
    n.parties[0].stances[0]
        .as_ref()
        .unwrap()
        .quote_check
        .clone()
}

/// Every way a typist, a web page or an encoding may write the same words
/// is found, both ways round: the text in one form, the quote in another.
#[test]
fn typographic_variants_are_verified() {
    let forms = [
        "Europe's \"biggest\" conflict - since 1945",
        "Europe’s “biggest” conflict — since 1945",
        "EUROPE'S BIGGEST\nconflict–since 1945",
        "Europeโs โbiggestโ conflict โ since 1945",
        "Europeâ€™s â€œbiggestâ€ conflict â€” since 1945",
        "Europe’s\u{00a0}«\u{00a0}biggest\u{00a0}» conflict\u{2009}—\u{2009}since 1945",
        "Europe's biggest conflict--since 1945.",
    ];
    // UTF-8 read as Windows-1252, in a text only: YAML takes no C1 control
    // (U+009D) in a quote.
    let damaged = "Europeâ€™s â€œbiggestâ€\u{9d} conflict â€” since 1945";
    for text in forms.iter().chain([&damaged]) {
        for quote in forms {
            let loaded = quoting(quote, &format!("He spoke of {text} on Monday."));
            assert!(
                matches!(check_of(&loaded), QuoteCheck::Verified(_)),
                "{quote:?} in {text:?}: {}",
                rendered(&loaded)
            );
        }
    }
    // Elided, with either mark, each part in the text's order.
    for elided in ["Europe's … since 1945", "Europe's...conflict ... 1945"] {
        let loaded = quoting(elided, "Europe’s biggest conflict since 1945");
        assert!(
            matches!(check_of(&loaded), QuoteCheck::Verified(_)),
            "{elided}"
        );
    }
}

/// The passage a verified quote points at is the text's own bytes, from
/// its first word to its last, whatever the typography.
#[test]
fn a_verified_quote_points_at_its_passage() {
    let text = "Intro. He said โthe energy truce must come first,โ then left.";
    let loaded = quoting("“The energy truce must come first.”", text);
    let QuoteCheck::Verified(p) = check_of(&loaded) else {
        panic!("not verified");
    };
    assert_eq!(&*p.source, "s");
    assert_eq!(
        &text[p.start as usize..p.end as usize],
        "the energy truce must come first"
    );
}

/// A fabricated quote and an altered one are errors at the quote itself,
/// with the passage of the text nearest to it in the help.
#[test]
fn fabricated_and_altered_quotes_are_located_errors_with_the_nearest_passage() {
    let fabricated = load::load(Path::new("tests/fixtures/invalid/quote-fabricated"));
    let d = &load::diagnostics(&fabricated)[0];
    assert!(d.is_error());
    assert_eq!(
        d.place(),
        "tests/fixtures/invalid/quote-fabricated/alpha.yaml:13:12"
    );
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .contains("the nearest passage, at line 1"),
        "{:?}",
        d.help
    );
    let altered = load::load(Path::new("tests/fixtures/invalid/quote-altered"));
    let found: Vec<(String, String)> = load::diagnostics(&altered)
        .iter()
        .map(|d| (d.place(), d.help.clone().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "tests/fixtures/invalid/quote-altered/alpha.yaml:13:12".to_owned(),
                "the closest passage, at line 1 of `sources/article.txt`: “the energy truce must come first, and the rest can wait”".to_owned()
            ),
            (
                "tests/fixtures/invalid/quote-altered/alpha.yaml:17:12".to_owned(),
                "the closest passage, at line 2 of `sources/article.txt`: “never accept foreign weapons on its soil”".to_owned()
            ),
        ]
    );
}

/// Every quote of the seed is verified against the CBC article, stored as
/// it arrived: its damaged `โ` in place of every curly quote and
/// apostrophe, and no curly quote of its own.
#[test]
fn the_seed_quotes_are_verified_against_the_article_as_it_arrived() {
    let article =
        std::fs::read_to_string("positions/ukraine-2025-03-18/sources/cbc-2025-03-18.txt").unwrap();
    assert_eq!(article.len(), 3604);
    assert_eq!(article.matches('โ').count(), 24);
    assert!(!article.contains(['“', '”', '’']));
    let loaded = load::load(Path::new("positions/ukraine-2025-03-18"));
    let n = &loaded.as_ref().expect("the seed loads").negotiation;
    let mut quotes = 0;
    for party in &n.parties {
        for stance in party.stances.iter().flatten() {
            if stance.quote.is_some() {
                quotes += 1;
                assert!(
                    matches!(stance.quote_check, QuoteCheck::Verified(_)),
                    "{}: {:?}",
                    party.id,
                    stance.quote
                );
            }
        }
    }
    assert_eq!(quotes, 14);
}

/// Every stance in the JSON carries `quote_verified`; `source` is a
/// string for one id and a list for several.
#[test]
fn json_carries_quote_verified_on_every_stance_and_source_in_both_shapes() {
    let seed = json_of(&[
        "compare",
        "positions/ukraine-2025-03-18",
        "--format",
        "json",
    ]);
    let (mut stances, mut lists) = (0, 0);
    for issue in seed["issues"].as_array().unwrap() {
        for (party, s) in issue["stances"].as_object().unwrap() {
            stances += 1;
            lists += usize::from(s["source"].is_array());
            let verified = &s["quote_verified"];
            match s.get("quote") {
                Some(_) => assert_eq!(verified, true, "{party}"),
                None => assert!(verified.is_null(), "{party}"),
            }
            // Russia's path to peace cites the readout and the Kremlin.
            assert!(
                s["source"].is_string() || s["source"].as_array().is_some_and(|l| l.len() > 1),
                "{party}"
            );
        }
    }
    assert_eq!((stances, lists), (30, 1));
    let warned = json_of(&[
        "compare",
        "tests/fixtures/provenance-warnings",
        "--format",
        "json",
    ]);
    let aid = &warned["issues"][2]["stances"]["alpha"];
    assert_eq!(aid["source"], serde_json::json!(["article", "readout"]));
    assert_eq!(aid["quote_verified"], true);
    assert_eq!(aid["speaker"], "ministr");
    assert_eq!(aid["as_of"], "2025-03-25");
    assert_eq!(aid["quote_passage"]["source"], "article");
}

/// The provenance warnings, each at its place: a source dated after the
/// file, a source no stance cites, a `reported` stance resting on the
/// other side's account (by its source's `party`, by its speaker's), a
/// stance dated after the file, a speaker that is a misspelt id.
#[test]
fn provenance_warnings() {
    insta::assert_snapshot!(warnings_of("tests/fixtures/provenance-warnings"));
}

/// A source's text is read only from inside the folder: a link out of it
/// (to a file, or a folder on the way), and a named pipe (never opened,
/// so never waited on), are refused at the source's `text`, nothing of
/// what they point to shown.
#[test]
fn texts_that_leave_the_folder_or_are_not_files_are_refused() {
    let outer = tempfile::tempdir().unwrap();
    let dir = outer.path().join("talks");
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    std::fs::write(outer.path().join("secret.txt"), "the secret words").unwrap();
    std::os::unix::fs::symlink("../../secret.txt", dir.join("sources/link.txt")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("up")).unwrap();
    std::os::unix::fs::symlink(outer.path().join("secret.txt"), dir.join("abs.txt")).unwrap();
    mkfifo(&dir.join("sources/pipe.txt"));
    std::fs::write(dir.join("agenda.yaml"), AGENDA).unwrap();
    let sources = [
        "sources/link.txt",
        "up/secret.txt",
        "abs.txt",
        "sources/pipe.txt",
    ];
    let mut alpha = "party: alpha\nname: A\nsources:\n".to_owned();
    for (k, path) in sources.iter().enumerate() {
        alpha += &format!("  s{k}:\n    title: T\n    text: {path}\n");
    }
    alpha += "stances:\n  scope:\n    accepts: [energy]\n    source: [s0, s1, s2, s3]\n    quote: the secret words\n";
    std::fs::write(dir.join("alpha.yaml"), alpha).unwrap();
    let loaded = load::load(&dir);
    let messages: Vec<String> = load::diagnostics(&loaded)
        .iter()
        .map(|d| {
            format!("{} {}", d.place(), d.message)
                .replace(&outer.path().display().to_string(), "<tmp>")
        })
        .collect();
    assert_eq!(
        messages,
        [
            "<tmp>/talks/alpha.yaml:6:11 the text of source `s0`, `sources/link.txt`: is a link to `../../secret.txt`, out of the folder that holds it: stance follows a link only when it stays inside its folder",
            "<tmp>/talks/alpha.yaml:9:11 the text of source `s1`, `up/secret.txt`: `<tmp>/talks/up` is a link to `..`, out of the folder that holds it: stance follows a link only when it stays inside its folder",
            "<tmp>/talks/alpha.yaml:12:11 the text of source `s2`, `abs.txt`: is a link to `<tmp>/secret.txt`, out of the folder that holds it: stance follows a link only when it stays inside its folder",
            "<tmp>/talks/alpha.yaml:15:11 the text of source `s3`, `sources/pipe.txt`: is not a regular file (a named pipe)",
        ]
    );
    assert!(!rendered(&loaded).contains("the secret words\""));
}

/// A link inside the folder to a position file (the party's own file, the
/// agenda) is refused as a text, as `text: alpha.yaml` is: every quote of
/// that file would be found in it.
#[test]
fn a_link_to_a_position_file_is_no_text() {
    let dir = tempfile::tempdir().unwrap();
    // Beside the files they point to: a link stays inside its folder.
    std::os::unix::fs::symlink("alpha.yaml", dir.path().join("own.txt")).unwrap();
    std::os::unix::fs::symlink("agenda.yaml", dir.path().join("words.txt")).unwrap();
    std::fs::write(dir.path().join("agenda.yaml"), AGENDA).unwrap();
    std::fs::write(
        dir.path().join("alpha.yaml"),
        "party: alpha\nname: A\nsources:\n  s:\n    title: T\n    text: own.txt\n  t:\n    title: T\n    text: ./words.txt\nstances:\n  scope:\n    accepts: [energy]\n    source: [s, t]\n    quote: the words nobody said\n",
    )
    .unwrap();
    let loaded = load::load(dir.path());
    let messages: Vec<String> = load::diagnostics(&loaded)
        .iter()
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(
        messages,
        [
            "the text of source `s`, `own.txt`: is a position file of this folder, reached through a link, not a source's text",
            "the text of source `t`, `./words.txt`: is a position file of this folder, reached through a link, not a source's text",
        ]
    );
}

/// One file named by several sources, in several party files and by
/// several paths (a link that stays inside among them), is read once.
#[test]
fn a_text_named_many_ways_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("sources")).unwrap();
    std::fs::write(dir.path().join("sources/a.txt"), "the words").unwrap();
    std::os::unix::fs::symlink("sources/a.txt", dir.path().join("same.txt")).unwrap();
    std::fs::write(dir.path().join("agenda.yaml"), AGENDA).unwrap();
    for (party, path) in [
        ("alpha", "sources/a.txt"),
        ("beta", "./sources//a.txt"),
        ("gamma", "same.txt"),
    ] {
        std::fs::write(
            dir.path().join(format!("{party}.yaml")),
            format!("party: {party}\nname: P\nsources:\n  s:\n    title: T\n    text: {path}\nstances:\n  scope:\n    accepts: [energy]\n    source: s\n    quote: the words\n"),
        )
        .unwrap();
    }
    let loaded = load::load(dir.path()).expect("loads");
    let texts: Vec<_> = loaded
        .inputs
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    assert_eq!(texts.len(), 1, "{texts:?}");
    for party in &loaded.negotiation.parties {
        assert!(matches!(
            party.stances[0].as_ref().unwrap().quote_check,
            QuoteCheck::Verified(_)
        ));
    }
}

/// A text over the size limit of one file, and texts over the folder's
/// limit together, are refused before they are read (sparse files: no
/// disk is used).
#[test]
fn texts_over_the_size_limits_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("sources")).unwrap();
    std::fs::write(dir.path().join("agenda.yaml"), AGENDA).unwrap();
    let big = std::fs::File::create(dir.path().join("sources/big.txt")).unwrap();
    big.set_len(limits::MAX_FILE_BYTES + 1).unwrap();
    // Three files of 15 MiB: the third passes the folder's 32 MiB.
    let parts = limits::MAX_SOURCE_TEXT_BYTES / (15 << 20) + 1;
    let mut alpha =
        "party: alpha\nname: A\nsources:\n  big:\n    title: T\n    text: sources/big.txt\n"
            .to_owned();
    let mut cited = vec!["big".to_owned()];
    for k in 0..parts {
        let f = std::fs::File::create(dir.path().join(format!("sources/{k}.txt"))).unwrap();
        f.set_len(15 << 20).unwrap();
        alpha += &format!("  p{k}:\n    title: T\n    text: sources/{k}.txt\n");
        cited.push(format!("p{k}"));
    }
    alpha += &format!(
        "stances:\n  scope:\n    accepts: [energy]\n    source: [{}]\n",
        cited.join(", ")
    );
    std::fs::write(dir.path().join("alpha.yaml"), alpha).unwrap();
    let loaded = load::load(dir.path());
    let text = rendered(&loaded).replace(&dir.path().display().to_string(), "<tmp>");
    insta::assert_snapshot!(text, @r"
    error: <tmp>/sources/big.txt: file is 16777217 bytes, over the limit of 16777216 bytes (16 MiB) for one file of a negotiation

    error: <tmp>: the sources' texts hold more than 33554432 bytes (32 MiB), the limit for one negotiation, by `sources/2.txt`
    help: keep in the folder the articles and statements quoted from, not whole archives
    ");
}

/// `stance changes` reads its rounds as history: a quote that stops being
/// found in its source's text (here the text was corrected) is a warning
/// and the event `quote-unverified`, which `--fail-on` can fail on. The
/// old round is read from git at a revision, its text too.
#[test]
fn a_quote_that_stops_verifying_is_an_event_of_changes() {
    let repo = tempfile::tempdir().unwrap();
    let dir = repo.path().join("talks");
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    std::fs::write(dir.join("agenda.yaml"), AGENDA).unwrap();
    std::fs::write(
        dir.join("alpha.yaml"),
        "party: alpha\nname: A\nsources:\n  s:\n    title: T\n    text: sources/s.txt\nstances:\n  scope:\n    accepts: [energy]\n    source: s\n    quote: the energy truce comes first\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("sources/s.txt"),
        "He said the energy truce comes first.",
    )
    .unwrap();
    git(repo.path(), &["init", "-q"]);
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-q", "-m", "one"]);
    std::fs::write(
        dir.join("sources/s.txt"),
        "He said a full truce comes first.",
    )
    .unwrap();
    let folder = dir.to_str().unwrap();
    let out = stance(&[
        "changes",
        folder,
        "--since",
        "HEAD",
        "--format",
        "json",
        "--fail-on",
        "quote-unverified",
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("warning: quote not found in the text of source `s`"),
        "{stderr}"
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let issue = &report["issues"][0];
    assert_eq!(issue["events"], serde_json::json!(["quote-unverified"]));
    assert_eq!(issue["quotes_unverified"], serde_json::json!(["alpha"]));
    // `check` and `compare` refuse the same round.
    assert_eq!(stance(&["check", folder]).status.code(), Some(2));
}

/// A `changes` report in text names the party whose quote stopped
/// verifying beside the event, and Markdown marks the quote.
#[test]
fn changes_reports_say_whose_quote_stopped_verifying() {
    let old = tempfile::tempdir().unwrap();
    let new = tempfile::tempdir().unwrap();
    for (dir, text) in [
        (&old, "the energy truce comes first"),
        (&new, "a full truce comes first"),
    ] {
        std::fs::create_dir_all(dir.path().join("sources")).unwrap();
        std::fs::write(dir.path().join("agenda.yaml"), AGENDA).unwrap();
        std::fs::write(
            dir.path().join("alpha.yaml"),
            "party: alpha\nname: A\nsources:\n  s:\n    title: T\n    text: sources/s.txt\nstances:\n  scope:\n    accepts: [energy]\n    source: s\n    quote: the energy truce comes first\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("sources/s.txt"), text).unwrap();
    }
    let (o, n) = (old.path().to_str().unwrap(), new.path().to_str().unwrap());
    let text = String::from_utf8(stance(&["changes", o, n, "--all"]).stdout).unwrap();
    assert!(text.contains("quote unverified (alpha)"), "{text}");
    let md = String::from_utf8(stance(&["changes", o, n, "--all", "--format", "markdown"]).stdout)
        .unwrap();
    assert!(md.contains("quote unverified (alpha)"), "{md}");
}
