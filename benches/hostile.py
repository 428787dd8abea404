"""Negotiation folders shaped to make `stance` work hard: the inputs of
`benches/hostile.sh`, each within the limits of docs/limits.md.

    python3 benches/hostile.py CASE DIR [SIZE]

Each case writes a negotiation folder at DIR. SIZE scales it (the
default is the size docs/limits.md quotes).
"""

import json
import os
import sys

AGENDA = """negotiation: Hostile talks
as_of: 2025-03-18
issues:
  scope:
    title: What a ceasefire covers
    kind: choice
    options:
      energy: No strikes on energy and infrastructure
      full: Full ceasefire
  days:
    title: Length of the ceasefire
    kind: range
    unit: days
  aid:
    title: Foreign military aid continues
    kind: yes-no
"""

BETA = """party: beta
name: Party Beta
as_of: 2025-03-18
stances:
  scope:
    accepts: [full]
"""


def write(folder, name, text):
    with open(os.path.join(folder, name), "w") as f:
        f.write(text)


def small_agenda(folder):
    write(folder, "agenda.yaml", AGENDA)
    write(folder, "beta.yaml", BETA)


def party(folder, lines):
    head = ["party: alpha", "name: Party Alpha", "as_of: 2025-03-18"]
    write(folder, "alpha.yaml", "\n".join(head + lines) + "\n")


def bad_dates(folder, n=20_000):
    """`n` sources with an impossible date: one error each (1.3 MB)."""
    small_agenda(folder)
    lines = ["sources:"]
    for i in range(n):
        lines += [f"  s{i}:", f"    title: Source {i}", f"    date: 2025-13-{i % 28 + 1:02d}"]
    lines += ["stances:", "  scope: {accepts: [full], source: s0}"]
    party(folder, lines)


def bad_dates_one_line(folder, n=20_000):
    """The same errors in one flow mapping on one line (1 MB)."""
    small_agenda(folder)
    items = ", ".join(f"s{i}: {{title: t, date: 2025-13-01}}" for i in range(n))
    party(folder, ["sources: {" + items + "}", "stances:", "  scope: {accepts: [full]}"])


def unknown_issues(folder, n=500_000):
    """`n` stances on issues the agenda does not have (6 MB)."""
    small_agenda(folder)
    party(folder, ["stances:"] + [f"  x{i}: {{}}" for i in range(n)])


def big_agenda(folder, issues):
    lines = ["negotiation: Hostile talks", "as_of: 2025-03-18", "issues:"]
    for i in range(issues):
        lines += [f"  issue-{i:05d}:", f"    title: Issue {i}", "    kind: yes-no"]
    write(folder, "agenda.yaml", "\n".join(lines) + "\n")
    write(folder, "beta.yaml", BETA.replace("scope", "issue-00000").replace("[full]", "[yes]"))


def unknown_issues_big_agenda(folder, n=100_000):
    """`n` unknown issues, each near none of 10,000 agenda issues (2 MB)."""
    big_agenda(folder, 10_000)
    party(folder, ["stances:"] + [f"  q{i:07d}: {{accepts: [yes]}}" for i in range(n)])


def unknown_sources(folder, n=100_000):
    """10,000 stances naming sources missing from the `n` listed (5 MB)."""
    big_agenda(folder, 10_000)
    lines = ["sources:"] + [f"  src-{i:06d}: {{title: t}}" for i in range(n)]
    lines += ["stances:"]
    lines += [f"  issue-{i:05d}: {{accepts: [yes], source: zzz-{i:06d}}}" for i in range(10_000)]
    party(folder, lines)


def unknown_options(folder, n=200_000):
    """`n` unknown options of an issue with 1,000 options (2 MB)."""
    lines = ["negotiation: Hostile talks", "as_of: 2025-03-18", "issues:"]
    lines += ["  many:", "    title: Many options", "    kind: choice", "    options:"]
    lines += [f"      option-{o:04d}: Option {o}" for o in range(1000)]
    write(folder, "agenda.yaml", "\n".join(lines) + "\n")
    write(folder, "beta.yaml", BETA.replace("scope", "many").replace("[full]", "[option-0000]"))
    picks = ", ".join(f"x{i:06d}" for i in range(n))
    party(folder, ["stances:", "  many:", f"    accepts: [{picks}]"])


def long_ids(folder, n=100):
    """`n` unknown issue ids of 100,000 characters, against 10 agenda
    issues as long (11 MB). Keys this long must be explicit (`? key`)."""
    lines = ["negotiation: Hostile talks", "as_of: 2025-03-18", "issues:"]
    for i in range(10):
        lines += [f"  ? {'a' * 99_990}{i:010d}", "  : {title: Long, kind: yes-no}"]
    write(folder, "agenda.yaml", "\n".join(lines) + "\n")
    first = "a" * 99_990 + "0" * 10
    write(folder, "beta.yaml", BETA.replace("  scope:\n    accepts: [full]", f"  ? {first}\n  : {{accepts: [yes]}}"))
    lines = ["stances:"]
    for i in range(n):
        lines += [f"  ? {'a' * 99_989}b{i:010d}", "  : {accepts: [yes]}"]
    party(folder, lines)


def deal(folder, parties=300, issues=16):
    """`issues` two-option conflicts among `parties`, every stance
    requiring the next issue to settle its way (1.2 MB at 300)."""
    lines = ["negotiation: Hostile talks", "as_of: 2025-03-18", "issues:"]
    for i in range(issues):
        lines += [f"  i{i:02d}:", f"    title: Issue {i}", "    kind: choice", "    options:"]
        lines += ["      a: Option a", "      b: Option b"]
    write(folder, "agenda.yaml", "\n".join(lines) + "\n")
    for p in range(parties):
        lines = [f"party: p{p:04d}", f"name: Party {p}", "as_of: 2025-03-18", "stances:"]
        for i in range(issues):
            mine = "ab"[(p + i) % 2]
            wants = "ab"[(p + i + 1) % 2]
            lines += [f"  i{i:02d}:", f"    accepts: [{mine}]", "    note: n", "    requires:"]
            lines += [f"      i{(i + 1) % issues:02d}: {wants}"]
        write(folder, f"p{p:04d}.yaml", "\n".join(lines) + "\n")


def yes_no_agenda(folder, issues):
    lines = ["negotiation: Hostile talks", "as_of: 2025-03-18", "issues:"]
    lines += [f"  i{i:02d}: {{title: Issue {i}, kind: yes-no}}" for i in range(issues)]
    write(folder, "agenda.yaml", "\n".join(lines) + "\n")


def blocked_chain(folder, parties=300, issues=16):
    """`issues` yes-no issues every party accepts as `yes`, each stance
    requiring the next issue to be `no`: every issue blocked by every
    party, down a chain (0.8 MB at 300)."""
    yes_no_agenda(folder, issues)
    for p in range(parties):
        lines = [f"party: p{p:04d}", f"name: Party {p}", "stances:"]
        lines += [f"  i{i:02d}: {{accepts: [yes], note: n, requires: {{i{(i + 1) % issues:02d}: no}}}}" for i in range(issues)]
        write(folder, f"p{p:04d}.yaml", "\n".join(lines) + "\n")


def blocked_by_conflict(folder, parties=1000):
    """One issue every party accepts, each requiring a second issue on
    which the parties split in half: each of the `parties` blocks names
    the same conflict and its clashing pairs (80 KB at 1,000)."""
    yes_no_agenda(folder, 2)
    for p in range(parties):
        lines = [f"party: p{p:04d}", f"name: Party {p}", "stances:"]
        lines += [f"  i00: {{accepts: [yes], note: n, requires: {{i01: yes}}}}"]
        lines += [f"  i01: {{accepts: [{'yes' if p % 2 else 'no'}], note: n}}"]
        write(folder, f"p{p:04d}.yaml", "\n".join(lines) + "\n")


def tied_options(folder, parties=1000, issues=10, options=1000):
    """`issues` choice issues of `options` options, each party accepting
    its own: every option a tied bridging proposal (0.8 MB at 1,000)."""
    lines = ["negotiation: Hostile talks", "as_of: 2025-03-18", "issues:"]
    for i in range(issues):
        lines += [f"  i{i:02d}:", f"    title: Issue {i}", "    kind: choice", "    options:"]
        lines += [f"      o{o:04d}: Option {o}" for o in range(options)]
    write(folder, "agenda.yaml", "\n".join(lines) + "\n")
    for p in range(parties):
        lines = [f"party: p{p:04d}", f"name: Party {p}", "stances:"]
        lines += [f"  i{i:02d}: {{accepts: [o{p % options:04d}], note: n}}" for i in range(issues)]
        write(folder, f"p{p:04d}.yaml", "\n".join(lines) + "\n")


def words_text(size):
    """About `size` bytes of made-up words, lines of about 80 characters:
    every passage different, as in an article, none a quote by chance."""
    import random
    rng = random.Random(1)
    vocab = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9))) for _ in range(5000)]
    lines, total = [], 0
    while total < size:
        line = " ".join(rng.choices(vocab, k=12)) + "."
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines) + "\n"


def quote_party(folder, text, quotes):
    """alpha quotes `quotes` (one per agenda issue, `issue-NNNNN`) from a
    source whose text is `text`."""
    os.makedirs(os.path.join(folder, "sources"), exist_ok=True)
    write(folder, "sources/article.txt", text)
    lines = ["sources:", "  article: {title: The article, text: sources/article.txt}", "stances:"]
    for i, q in enumerate(quotes):
        lines += [f"  issue-{i:05d}:", "    accepts: [yes]", "    source: article", f"    quote: {json.dumps(q)}"]
    party(folder, lines)


def quotes_text(folder, mib=15):
    """A text of `mib` MiB and 200 quotes of it: 180 of 12 words found as
    they are, 20 with one word changed (each an error whose nearest
    passage is searched for across the whole text)."""
    big_agenda(folder, 200)
    text = words_text(mib << 20)
    lines = text.split("\n")
    quotes = []
    for i in range(200):
        line = lines[(i * 7919) % (len(lines) - 1)]
        if i % 10 == 9:
            words = line.split(" ")
            words[5] = "zzzz"
            line = " ".join(words)
        quotes.append(line)
    quote_party(folder, text, quotes)


def quotes_periodic(folder, mib=15):
    """The worst text for both searches: `a a a ...` for `mib` MiB, every
    gram the same. Quoted by a quote of 99,999 characters that is the
    text but for its last word (too long to align: placed by its votes),
    one of 2,000 characters with a word changed in the middle (aligned),
    and one of 20,000 `a` joined by `...` (each fragment found at every
    other byte of the text, until the budget runs out)."""
    big_agenda(folder, 3)
    text = "a " * ((mib << 20) // 2)
    quotes = [
        "a " * 49_999 + "b",
        "a " * 500 + "b " + "a " * 499 + "a",
        " ... ".join(["a"] * 16_000),
    ]
    quote_party(folder, text, quotes)


CASES = {f.__name__.replace("_", "-"): f for f in [
    bad_dates, bad_dates_one_line, unknown_issues, unknown_issues_big_agenda,
    unknown_sources, unknown_options, long_ids, deal, blocked_chain,
    blocked_by_conflict, tied_options, quotes_text, quotes_periodic,
]}

if __name__ == "__main__":
    case, folder, *size = sys.argv[1:]
    os.makedirs(folder, exist_ok=True)
    CASES[case](folder, *map(int, size))
