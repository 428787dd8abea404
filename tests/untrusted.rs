//! A negotiation folder from an untrusted repository (docs/limits.md,
//! "Untrusted repositories"): control, bidirectional and invisible
//! characters never reach a reader raw, in any format of `compare` or
//! `changes`; a url becomes a link only when it is an http, https or
//! mailto address; ids that look alike are refused or are one id.

use insta_cmd::get_cargo_bin;
use stance::changes::{Listing, changes};
use stance::export::{Format, Text};
use stance::export::{render_changes_to_string, render_to_string};
use stance::load::{self, in_memory, load_folder};
use stance::model::Negotiation;
use stance::visible::{self, is_hidden};
use stance::{Scope, compare};
use std::path::Path;
use std::process::Command;

const HOSTILE: &str = "tests/fixtures/hostile-text";

fn negotiation(path: &str) -> Negotiation {
    load::load(Path::new(path))
        .unwrap_or_else(|e| panic!("{path} should load: {e}"))
        .negotiation
}

/// Fails on the first hidden character `output` holds raw, but for the
/// line breaks of its own layout.
fn assert_nothing_hidden(output: &str, what: &str) {
    if let Some((at, c)) = output
        .char_indices()
        .find(|&(_, c)| c != '\n' && is_hidden(c))
    {
        let from = (0..=at.saturating_sub(60))
            .rev()
            .find(|&k| output.is_char_boundary(k))
            .unwrap_or(0);
        panic!(
            "{what}: {} raw at byte {at}, after {:?}",
            visible::code_point(c),
            &output[from..at]
        );
    }
}

/// Every character the rule hides: those of the Basic Multilingual Plane,
/// and a sample of the tag characters, variation selectors and the other
/// invisible characters beyond it.
fn every_hidden_character() -> Vec<char> {
    let beyond = [
        0x1bca0, 0x1d173, 0x1d17a, 0xe0001, 0xe0041, 0xe007f, 0xe0100, 0xe01ef, 0xe0fff,
    ];
    (0..0x10000)
        .chain(beyond)
        .filter_map(char::from_u32)
        .filter(|&c| is_hidden(c))
        .collect()
}

/// `text` as a YAML double-quoted scalar, every character that is not
/// printable ASCII written as an escape.
fn yaml(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            c => out.push_str(&format!("\\U{:08X}", u32::from(c))),
        }
    }
    out.push('"');
    out
}

/// A negotiation whose every text field (title, issue titles, option
/// descriptions, units, notes, party names, source titles and urls,
/// quotes, stance notes) holds `hostile` after a word saying which field
/// it is; the ids are plain. `round` changes the stances, for `changes`.
fn hostile_folder(hostile: &str, round: u32) -> Negotiation {
    let t = |field: &str| yaml(&format!("{field} {hostile}"));
    let agenda = format!(
        "negotiation: {}\nas_of: 2025-03-18\nnote: {}\nissues:\n  scope:\n    title: {}\n    kind: choice\n    note: {}\n    options:\n      a: {}\n      b: {}\n      c: {}\n  days:\n    title: {}\n    kind: range\n    unit: {}\n  aid:\n    title: {}\n    kind: yes-no\n    options:\n      yes: {}\n      no: {}\n",
        t("title"),
        t("agenda-note"),
        t("scope-title"),
        t("scope-note"),
        t("option-a"),
        t("option-b"),
        t("option-c"),
        t("days-title"),
        t("unit"),
        t("aid-title"),
        t("yes"),
        t("no"),
    );
    let party = |id: &str, scope: &str, days: &str, aid: &str| {
        format!(
            "party: {id}\nname: {}\nnote: {}\nsources:\n  s:\n    title: {}\n    date: 2025-03-18\n    url: {}\n    note: {}\n  web:\n    title: {}\n    url: {}\nstances:\n  scope: {{accepts: [{scope}], source: s, quote: {}, note: {}}}\n  days: {{{days}, source: web, quote: {}}}\n  aid: {{accepts: [\"{aid}\"], strength: red-line, source: s, note: {}, requires: {{scope: [{scope}]}}}}\n",
            t("name"),
            t("party-note"),
            t("source-title"),
            t("source-url"),
            t("source-note"),
            t("web-title"),
            yaml(&format!("https://example.org/{hostile}")),
            t("quote"),
            t("stance-note"),
            t("days-quote"),
            t("aid-note"),
        )
    };
    let (alpha_days, beta_aid) = if round == 0 {
        ("min: 30, max: 60", "yes")
    } else {
        ("min: 10, max: 20", "no")
    };
    let parties = vec![
        (
            "alpha.yaml".to_owned(),
            party("alpha", "a, b", alpha_days, "no").into_bytes(),
        ),
        (
            "beta.yaml".to_owned(),
            party("beta", "b", "min: 45", beta_aid).into_bytes(),
        ),
        (
            "gamma.yaml".to_owned(),
            party("gamma", "c", "ideal: 50", "yes").into_bytes(),
        ),
    ];
    load_folder(in_memory("hostile", agenda.into_bytes(), parties))
        .unwrap_or_else(|e| panic!("the hostile negotiation should load: {e}"))
        .negotiation
}

/// The output of every format, every scope and both reports, none of
/// which may hold a hidden character raw; each must show what it hides.
#[test]
fn every_hidden_character_in_every_text_field_is_shown_escaped() {
    let hidden = every_hidden_character();
    let hostile: String = hidden.iter().collect();
    let old = hostile_folder(&hostile, 0);
    let new = hostile_folder(&hostile, 1);
    let n = &new;
    let scopes = [
        ("all", Scope::all(n)),
        ("focus", Scope::all(n).with_focus(n, "beta").unwrap()),
        (
            "half, counts",
            Scope {
                parties: n.party_indices().take(3).collect(),
                issues: n.agenda.indices().step_by(2).take(2).collect(),
                focus: None,
                pair_issues: false,
                list_clashes: false,
                min_shared: stance::scope::DEFAULT_MIN_SHARED,
            },
        ),
    ];
    let mut shown = String::new();
    for (name, scope) in &scopes {
        let report = compare(n, scope);
        for format in [Format::Text, Format::Markdown, Format::Json, Format::Html] {
            let out = render_to_string(&report, format);
            assert_nothing_hidden(&out, &format!("compare {name} {format:?}"));
            shown.push_str(&out);
        }
        // In colour, the text report adds its styles and nothing else.
        let mut colored = Vec::new();
        stance::export::Exporter::render(&Text { color: true }, &report, &mut colored).unwrap();
        let colored = String::from_utf8(colored).unwrap();
        assert_eq!(
            without_styles(&colored),
            render_to_string(&report, Format::Text),
            "compare {name} in colour"
        );
    }
    let labels = [
        format!("old round {hostile}"),
        format!("new round {hostile}"),
    ];
    let all = Listing {
        all: true,
        party: None,
    };
    let report = changes(&old, &new, [&labels[0], &labels[1]], all);
    for format in [Format::Text, Format::Markdown, Format::Json, Format::Html] {
        let out = render_changes_to_string(&report, format);
        assert_nothing_hidden(&out, &format!("changes {format:?}"));
        shown.push_str(&out);
    }
    // The hostile text did reach the reports, every character of it
    // escaped: none was dropped on the way.
    for format in [Format::Markdown, Format::Html] {
        let out = render_to_string(&compare(n, &Scope::all(n)), format);
        for &c in &hidden {
            if !c.is_whitespace() {
                let escape = visible::line(c.encode_utf8(&mut [0; 4])).into_owned();
                assert!(out.contains(&escape), "{escape} not in the {format:?}");
            }
        }
    }
    assert!(shown.contains("unit \\u{0}\\u{1}"));
    // JSON escapes them, and they read back as they were written.
    let json = render_to_string(&compare(n, &Scope::all(n)), Format::Json);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["negotiation"], format!("title {hostile}"));
    assert_eq!(value["issues"][1]["unit"], format!("unit {hostile}"));
}

/// `text` without the styles the text report adds: ESC `[` digits and
/// semicolons, `m`.
fn without_styles(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("\u{1b}[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let end = after
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .expect("a style ends");
        assert_eq!(&after[end..=end], "m", "only styles: {:?}", &rest[at..]);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The attacks of issue 12, as a reader of each format sees them.
#[test]
fn the_attacks_in_every_format() {
    let n = negotiation(HOSTILE);
    let report = compare(&n, &Scope::all(&n));
    snapshot_every_format("compare", |format| render_to_string(&report, format));
    let text = render_to_string(&report, Format::Text);
    // The terminal title sequence, the red, and the line that would have
    // forged a verdict, all on the title's line.
    assert!(text.starts_with(
        "\\u{1b}]0;PWNED\\u{7}\\u{1b}[31mCeasefire talks\\u{202e}\\n+ aid    overlap"
    ));
    assert!(text.contains("45 to 60 days\\u{1b}[2K\\rALL CLEAR"));
    let later = later_round();
    let all = Listing {
        all: true,
        party: None,
    };
    let c = changes(&n, &later, [HOSTILE, "later\u{1b}]0;PWNED\u{7}"], all);
    snapshot_every_format("changes", |format| render_changes_to_string(&c, format));
}

/// `render` in every format: nothing hidden raw, and a snapshot to read
/// (of an HTML page, its body, one element a line: the stylesheet is
/// the same for every page).
fn snapshot_every_format(report: &str, render: impl Fn(Format) -> String) {
    for (format, name) in [
        (Format::Text, "text"),
        (Format::Markdown, "markdown"),
        (Format::Json, "json"),
        (Format::Html, "html"),
    ] {
        let name = format!("{report}_{name}");
        let out = render(format);
        assert_nothing_hidden(&out, &name);
        let out = if format == Format::Html {
            let body = &out[out.find("<body>").expect("a body")..];
            body.replace("><", ">\n<")
        } else {
            out
        };
        insta::assert_snapshot!(name, out);
    }
}

/// The hostile fixture with alpha's range and beta's aid changed.
fn later_round() -> Negotiation {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(HOSTILE).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text
            .replace("{min: 30, max: 60,", "{min: 50, max: 60,")
            .replace("accepts: [\"yes\"]", "accepts: [\"no\"]");
        std::fs::write(dir.path().join(path.file_name().unwrap()), text).unwrap();
    }
    negotiation(dir.path().to_str().unwrap())
}

/// `javascript:` and raw HTML are text, not links; a link cannot break
/// out of its `<...>`; `stance check` warns at each url it will not link.
#[test]
fn only_http_https_and_mailto_urls_are_links() {
    let n = negotiation(HOSTILE);
    let md = render_to_string(&compare(&n, &Scope::all(&n)), Format::Markdown);
    let sources = &md[md.find("## Sources").unwrap()..];
    assert!(sources.contains("Statement\\u{7} (not linked: javascript:alert(1))"));
    assert!(sources.contains("(not linked: \\<script>alert(1)\\</script>)"));
    assert!(sources.contains("<https://example.org/a%20b%3Ec%29d%60e>"));
    assert!(sources.contains("<mailto:press@example.org>"));
    // Every `<` that is not a link's is escaped.
    let unescaped = sources.replace("\\<", "");
    assert!(!unescaped.contains("<javascript") && !unescaped.contains("<script"));
    // In HTML: the same links, and every other url text in a page whose
    // only attributes holding a url are those links' `href`s.
    let html = render_to_string(&compare(&n, &Scope::all(&n)), Format::Html);
    let sources = &html[html.find("<section id=\"sources\">").unwrap()..];
    assert!(
        sources.contains(
            "Statement\\u{7} <span class=\"note\">(not linked: javascript:alert(1))</span>"
        )
    );
    assert!(sources.contains("(not linked: &lt;script&gt;alert(1)&lt;/script&gt;)"));
    assert!(sources.contains("href=\"https://example.org/a%20b%3Ec%29d%60e\""));
    assert!(sources.contains("href=\"mailto:press@example.org\""));
    let hrefs: Vec<&str> = html
        .split("href=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .filter(|href| !href.starts_with('#'))
        .collect();
    assert_eq!(
        hrefs,
        [
            "https://example.org/a%20b%3Ec%29d%60e",
            "mailto:press@example.org"
        ]
    );
    assert!(!html.contains("<script") && !html.contains("javascript:alert(1)\""));
    let loaded = load::load(Path::new(HOSTILE)).expect("only warnings");
    let warnings: Vec<(String, &str)> = loaded
        .warnings
        .iter()
        .map(|d| (d.place(), d.message.as_str()))
        .collect();
    assert_eq!(
        warnings,
        [
            (
                format!("{HOSTILE}/alpha.yaml:8:10"),
                "`url` `javascript:alert(1)` is not an http, https or mailto address"
            ),
            (
                format!("{HOSTILE}/alpha.yaml:11:10"),
                "`url` `<script>alert(1)</script>` is not an http, https or mailto address"
            ),
        ]
    );
}

/// An https address that holds a right-to-left override is not linked,
/// and the warning names the character.
#[test]
fn a_url_with_a_hidden_character_is_not_a_link() {
    let agenda = b"negotiation: t\nissues:\n  aid: {title: t, kind: yes-no}\n".to_vec();
    let alpha = b"party: alpha\nname: A\nsources:\n  s:\n    title: t\n    url: \"https://exa\\u202Eelpm\"\nstances:\n  aid: {accepts: [\"no\"], source: s}\n";
    let loaded = load_folder(in_memory(
        "f",
        agenda,
        vec![("alpha.yaml".to_owned(), alpha.to_vec())],
    ))
    .expect("a warning, not an error");
    let d = &loaded.warnings[0];
    assert!(!d.is_error());
    assert_eq!(d.place(), "f/alpha.yaml:6:10");
    assert_eq!(
        d.message,
        "`url` `https://exa\\u{202e}elpm` holds U+202E, a bidirectional control"
    );
    let n = loaded.negotiation;
    let md = render_to_string(&compare(&n, &Scope::all(&n)), Format::Markdown);
    assert!(md.contains("(not linked: https://exa\\u{202e}elpm)"));
}

/// `café` and `zoë` spelt with precomposed letters in one file and with
/// combining accents in another (as macOS names files) are one id each:
/// the files load, match, and report the NFC spelling; the command line's
/// names are compared the same way.
#[test]
fn ids_in_two_unicode_forms_are_one_id() {
    let agenda = "negotiation: t\nparties: [\"zoe\\u0308\", alpha]\nissues:\n  \"caf\\u00E9\":\n    title: t\n    kind: choice\n    options:\n      \"th\\u00E9\": tea\n      coffee: coffee\n";
    let zoe = "party: \"zo\\u00EB\"\nname: Z\nstances:\n  \"cafe\\u0301\": {accepts: [\"the\\u0301\"], note: n}\n";
    let alpha =
        "party: alpha\nname: A\nstances:\n  \"caf\\u00E9\": {accepts: [\"th\\u00E9\"], note: n}\n";
    let loaded = load_folder(in_memory(
        "f",
        agenda.as_bytes().to_vec(),
        vec![
            ("zoe\u{308}.yaml".to_owned(), zoe.as_bytes().to_vec()),
            ("alpha.yaml".to_owned(), alpha.as_bytes().to_vec()),
        ],
    ))
    .unwrap_or_else(|e| panic!("the files should load: {e}"));
    assert!(loaded.warnings.is_empty());
    let n = loaded.negotiation;
    let ids: Vec<&str> = n.parties.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["zo\u{eb}", "alpha"]);
    assert_eq!(n.agenda.issues[0].id, "caf\u{e9}");
    let report = compare(&n, &Scope::all(&n));
    assert_eq!(
        serde_json::to_value(&report.issues[0].zone).unwrap(),
        serde_json::json!(["th\u{e9}"])
    );
    // `--parties`, `--issues` and `--focus`, typed in the other form.
    let scope = Scope::select(
        &n,
        Some(&["zoe\u{308}".to_owned()]),
        Some(&["cafe\u{301}".to_owned()]),
    )
    .unwrap();
    let first = |at: usize| (at, at);
    assert_eq!((scope.parties[0].get(), scope.issues[0].get()), first(0));
    assert_eq!((scope.parties.len(), scope.issues.len()), (1, 1));
    assert!(Scope::all(&n).with_focus(&n, "zoe\u{308}").is_ok());
}

/// A party file whose name holds an invisible character is refused, the
/// character named; the party id it would give never reaches a report.
#[test]
fn a_file_name_with_a_hidden_character_is_refused() {
    let agenda = b"negotiation: t\nissues:\n  aid: {title: t, kind: yes-no}\n".to_vec();
    let party =
        b"party: \"rus\\u200Bsia\"\nname: R\nstances:\n  aid: {accepts: [\"no\"], note: n}\n";
    let loaded = load_folder(in_memory(
        "f",
        agenda,
        vec![("rus\u{200b}sia.yaml".to_owned(), party.to_vec())],
    ));
    let Err(invalid) = loaded else {
        panic!("the file should be refused");
    };
    let messages: Vec<&str> = invalid
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "`party` `rus\\u{200b}sia` holds U+200B, an invisible character",
            "the file name `rus\\u{200b}sia.yaml` holds U+200B, an invisible character",
        ]
    );
}

fn stance_cmd(args: &[&str]) -> Command {
    let mut cmd = Command::new(get_cargo_bin("stance"));
    cmd.args(args);
    cmd
}

/// The binary, as a terminal user meets it: with colour off by every
/// means, the report still escapes; with colour forced, only its styles
/// are raw.
#[test]
fn the_terminal_gets_no_raw_control_character() {
    for (args, no_color) in [
        (&["compare", HOSTILE, "--color", "never"][..], false),
        (&["compare", HOSTILE][..], true),
        (&["changes", HOSTILE, HOSTILE, "--all"][..], true),
    ] {
        let mut cmd = stance_cmd(args);
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert_nothing_hidden(&stdout, &format!("{args:?}"));
        assert!(stdout.contains("\\u{1b}"), "{args:?}");
    }
    let out = stance_cmd(&["compare", HOSTILE, "--color", "always"])
        .output()
        .unwrap();
    let colored = String::from_utf8(out.stdout).unwrap();
    let plain = stance_cmd(&["compare", HOSTILE, "--color", "never"])
        .output()
        .unwrap()
        .stdout;
    assert_ne!(colored.as_bytes(), plain.as_slice());
    assert_eq!(without_styles(&colored).as_bytes(), plain.as_slice());
}

/// `--check` shows a committed report's escape sequences as escapes:
/// the report file is anyone's bytes.
#[test]
fn check_diff_lines_are_shown_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.md");
    std::fs::write(
        &report,
        "# \u{1b}]0;PWNED\u{7}\u{1b}[2K\rALL CLEAR \u{202e}txet\u{9b}31m\n",
    )
    .unwrap();
    for color in ["never", "always"] {
        let out = stance_cmd(&[
            "compare",
            HOSTILE,
            "-o",
            report.to_str().unwrap(),
            "--check",
            "--color",
            color,
        ])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let stdout = String::from_utf8(out.stdout).unwrap();
        let stdout = if color == "always" {
            without_styles(&stdout)
        } else {
            stdout
        };
        assert_nothing_hidden(&stdout, color);
        // The diff takes `\r` for a line end, and the line after it for a
        // line of its own: both come out on one line, the `\r` shown.
        assert!(
            stdout.contains(
                "-# \\u{1b}]0;PWNED\\u{7}\\u{1b}[2K\\r-ALL CLEAR \\u{202e}txet\\u{9b}31m"
            ),
            "{stdout}"
        );
    }
}

/// The rule's floor: what issue 12 names is hidden, and ordinary text
/// (accents, CJK, emoji without variation selectors) is not.
#[test]
fn the_rule_covers_what_the_issue_names() {
    let named = (0..0x20)
        .chain(0x7f..0xa0)
        .chain([0x61c, 0x200e, 0x200f, 0x2028, 0x2029, 0xfeff])
        .chain(0x202a..=0x202e)
        .chain(0x2066..=0x2069)
        .chain(0x200b..=0x200d)
        .chain([0x2060, 0xad, 0xe0001]);
    for c in named.filter_map(char::from_u32) {
        assert!(is_hidden(c), "{}", visible::code_point(c));
    }
    for c in "aé€北京👍 \u{a0}—“”".chars() {
        assert!(!is_hidden(c), "{}", visible::code_point(c));
    }
}
