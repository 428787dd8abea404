"""A second shape of negotiation for the benchmarks, written apart from
`stance::synth` so that a target met on one generator is checked on
another: long quotes (150 to 300 characters, several sentences) on every
stance, long analyst's notes (200 to 500 characters, as folded block
scalars) on four in ten, ten sources per party with urls, option
descriptions that are sentences, more options per choice, and stances
that state both what they accept and what they reject. About twice the
bytes per stance of the project's generator.

    python3 benches/generate_long.py PARTIES ISSUES SEED OUT_DIR

The same arguments always give the same files.
"""

import pathlib
import random
import sys

WORDS = (
    "the delegation considers that any arrangement on this matter must respect "
    "the principles agreed in previous rounds and the obligations of all sides "
    "under international law while taking into account the concerns raised by "
    "neighbouring states the affected communities and the monitoring mission "
    "which has reported repeated difficulties in access verification and "
    "implementation over the past months we therefore propose a phased approach "
    "with clear benchmarks independent verification and a review after the first "
    "period so that confidence can be built step by step and no party is asked to "
    "move further than it can defend before its own public"
).split()

TOPICS = [
    "water-sharing", "grain-exports", "prisoner-exchange", "border-demarcation",
    "reconstruction-fund", "minority-rights", "amnesty", "elections", "demining",
    "refugee-returns", "airspace", "ports", "energy-grid", "cultural-heritage",
    "sanctions", "troop-levels", "monitoring-mission", "language-law", "railways",
    "fisheries",
]

COUNTRIES = [
    "Northern Republic", "Coastal Federation", "Highland Union", "Island Kingdom",
    "River Confederation", "Eastern Commonwealth", "Southern Alliance", "Plains Republic",
]


def sentence(rng, lo, hi):
    """Prose of `lo` to `hi` characters, in sentences."""
    target = rng.randint(lo, hi)
    out = []
    length = 0
    while length < target:
        n = rng.randint(8, 18)
        start = rng.randrange(len(WORDS) - n)
        s = " ".join(WORDS[start:start + n])
        s = s[0].upper() + s[1:] + rng.choice([".", ".", ";", ","])
        out.append(s)
        length += len(s) + 1
    text = " ".join(out)[:target].rstrip(" ,;")
    return text.rstrip(".") + "."


def quoted(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def folded(text, indent):
    """A folded block scalar, wrapped at about 70 columns."""
    pad = " " * indent
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > 70:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return ">-\n" + "\n".join(pad + l for l in lines)


def agenda(rng, issues):
    kinds = []
    out = [
        f"negotiation: Regional settlement conference, {len(issues)} questions",
        "as_of: 2026-01-15",
        "issues:",
    ]
    for k, issue in enumerate(issues):
        roll = rng.random()
        topic = issue.split("-q")[0].replace("-", " ")
        if roll < 0.40:
            n = rng.randint(4, 6)
            options = [f"option-{chr(97 + j)}" for j in range(n)]
            kinds.append(("choice", options))
            out += [f"  {issue}:", f"    title: {quoted(f'How to settle {topic} (question {k + 1})')}",
                    "    kind: choice", "    options:"]
            out += [f"      {o}: {quoted(sentence(rng, 40, 90))}" for o in options]
        elif roll < 0.60:
            options = ["none", "limited", "partial", "substantial", "full"]
            kinds.append(("scale", options))
            out += [f"  {issue}:", f"    title: {quoted(f'How far to go on {topic} (question {k + 1})')}",
                    "    kind: scale", "    options:"]
            out += [f"      {o}: {quoted(sentence(rng, 30, 70))}" for o in options]
        elif roll < 0.85:
            kinds.append(("yes-no", ["yes", "no"]))
            out += [f"  {issue}:", f"    title: {quoted(f'Whether to agree on {topic} (question {k + 1})')}",
                    "    kind: yes-no"]
        else:
            unit = rng.choice(["months", "kilometres", "million euros", "people"])
            kinds.append(("range", unit))
            out += [f"  {issue}:", f"    title: {quoted(f'How much on {topic} (question {k + 1})')}",
                    "    kind: range", f"    unit: {unit}"]
    return "\n".join(out) + "\n", kinds


def plans(rng, kinds):
    """What each issue is meant to come to, so that the verdicts stay
    mixed at any number of parties: on an agreed issue every party that
    speaks accepts one common option (or a common stretch of the range),
    on a contested one each picks its own, and a quiet one is spoken to by
    a single party."""
    out = []
    for kind, shape in kinds:
        roll = rng.random()
        plan = "agreed" if roll < 0.45 else "quiet" if roll < 0.53 else "contested"
        common = rng.choice(shape) if kind != "range" else rng.randint(20, 50) * 10
        out.append((plan, common))
    return out


def party(rng, p, pid, name, issues, kinds, plan):
    sources = [f"statement-{j + 1:02d}" for j in range(10)]
    out = [f"party: {pid}", f"name: {quoted(name)}", "as_of: 2026-01-10", "sources:"]
    for j, s in enumerate(sources):
        out += [f"  {s}:", f"    title: {quoted(f'{name}, statement {j + 1} to the plenary')}",
                f"    date: 2025-{(j % 12) + 1:02d}-{(j % 27) + 1:02d}",
                f"    url: https://example.org/long/{pid}/{s}"]
    out.append("stances:")
    stated = {}
    for k, (issue, (kind, shape), (intent, common)) in enumerate(zip(issues, kinds, plan)):
        if intent == "quiet":
            if k % 200 != p % 200:
                continue
        elif rng.random() > 0.75:
            continue
        out.append(f"  {issue}:")
        if rng.random() < 0.04:
            out.append(f"    status: {rng.choice(['undecided', 'ambiguous', 'not-applicable'])}")
        elif kind == "range":
            lo = rng.randint(10, 60) * 10
            if intent == "agreed":
                lo = common - rng.randint(0, 10) * 10
            out += [f"    min: {lo}", f"    max: {max(lo, common if intent == 'agreed' else lo) + rng.randint(5, 30) * 10}"]
        else:
            options = shape
            accepted = rng.sample(options, rng.randint(1, max(1, len(options) - 1)))
            if intent == "agreed" and common not in accepted:
                accepted.append(common)
            rejected = [o for o in options if o not in accepted]
            out.append("    accepts: [" + ", ".join(quoted(o) for o in accepted) + "]")
            if rejected and rng.random() < 0.5:
                out.append("    rejects: [" + ", ".join(quoted(o) for o in rejected) + "]")
        if out[-1].startswith("    status"):
            pass
        elif rng.random() < 0.15:
            out.append("    strength: red-line")
        elif rng.random() < 0.3:
            out.append("    strength: flexible")
        if kind == "yes-no" and out[-1].startswith("    accepts"):
            stated[issue] = accepted
        # A requirement asks of another yes-no issue only what this party
        # itself accepts there (stated earlier in the file): one asking for
        # what it refuses is a warning of `stance check`, and a file with a
        # warning is read twice (the second time for locations).
        if stated and out[-1].startswith("    accepts") and rng.random() < 0.05:
            other = rng.choice(sorted(stated))
            if other != issue:
                out.append(f"    requires: {{{other}: {quoted(rng.choice(stated[other]))}}}")
        out.append(f"    basis: {rng.choice(['stated', 'stated', 'reported', 'inferred'])}")
        out.append(f"    source: {rng.choice(sources)}")
        out.append(f"    quote: {quoted(sentence(rng, 150, 300))}")
        if rng.random() < 0.4:
            out.append(f"    note: {folded(sentence(rng, 200, 500), 6)}")
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    parties, n_issues, seed = (int(a) for a in sys.argv[1:4])
    out = pathlib.Path(sys.argv[4])
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.yaml"):
        old.unlink()
    rng = random.Random(seed)
    issues = [f"{TOPICS[k % len(TOPICS)]}-q{k + 1:04d}" for k in range(n_issues)]
    text, kinds = agenda(rng, issues)
    plan = plans(rng, kinds)
    (out / "agenda.yaml").write_text(text)
    for p in range(parties):
        pid = f"delegation-{p + 1:03d}"
        name = f"{COUNTRIES[p % len(COUNTRIES)]} {p // len(COUNTRIES) + 1}"
        (out / f"{pid}.yaml").write_text(party(rng, p, pid, name, issues, kinds, plan))
    size = sum(f.stat().st_size for f in out.glob("*.yaml"))
    print(f"{out}: {parties + 1} files, {size} bytes ({parties} parties, {n_issues} issues, seed {seed})")


if __name__ == "__main__":
    main()
