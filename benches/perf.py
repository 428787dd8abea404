"""End-to-end timings of `stance` on generated negotiations, against the
floors issue 7 names: rapidyaml merely parsing the same files, and PyYAML
plus deepdiff on a two-party negotiation. Every command runs RUNS times,
the commands interleaved (one run of each in turn), so that a noisy moment
on a shared machine falls on all of them alike. Prints Markdown tables of
medians of wall time and of peak memory (max RSS, from the kernel).

    bash benches/perf.sh          # installs what this needs, then runs it
    python3 benches/perf.py [RUNS] [--no-growth]

Run from the repository root, after `cargo build --release --examples`.
"""

import atexit
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
RUNS = int(ARGS[0]) if ARGS else 7
# `--no-growth` leaves out "How cost grows" (its seven sizes take longest).
GROWTH = "--no-growth" not in sys.argv
ROOT = pathlib.Path(__file__).resolve().parent.parent
STANCE = ROOT / "target/release/stance"
GENERATE = ROOT / "target/release/examples/generate"
DATA = ROOT / "target/perf"
BENCHES = ROOT / "benches"

SIZES = [(2, 500), (4, 20), (20, 500), (200, 2000)]
# The second shape (benches/generate_long.py): long quotes and notes.
LONG = (200, 2000)

# Reports are written here, and removed at exit (about 0.5 GB a run).
SCRATCH = pathlib.Path(tempfile.mkdtemp())
atexit.register(shutil.rmtree, SCRATCH, True)


def folder(parties, issues):
    """Generated afresh on every run: the generator may have changed since
    the files were last written."""
    path = DATA / f"{parties}x{issues}"
    subprocess.run(
        [GENERATE, "--parties", str(parties), "--issues", str(issues),
         "--seed", "1", "--force", path],
        check=True, stdout=subprocess.DEVNULL)
    return path


def folder_format2(parties, issues):
    """The project's generator with every part of Format 2 it knows added:
    phases and sequences (`--order`), roles, decided_by and salience
    (`--deciders`); the conditions are in the plain generator already."""
    path = DATA / f"format2-{parties}x{issues}"
    subprocess.run(
        [GENERATE, "--parties", str(parties), "--issues", str(issues),
         "--seed", "1", "--order", "--deciders", "--force", path],
        check=True, stdout=subprocess.DEVNULL)
    return path


def folder_long(parties, issues):
    """The same size from the second generator, also afresh."""
    path = DATA / f"long-{parties}x{issues}"
    subprocess.run([sys.executable, BENCHES / "generate_long.py", str(parties), str(issues), "1", path],
                   check=True, stdout=subprocess.DEVNULL)
    return path


# Each shape's folder and its name in the tables, by key.
SHAPES = {
    "project": (folder, "the project's generator"),
    "long": (folder_long, "long quotes and notes, benches/generate_long.py"),
    "format2": (folder_format2, "Format 2: the project's generator with --order --deciders"),
}


def size_on_disk(path):
    return sum(p.stat().st_size for p in path.glob("*.yaml"))


def timed(command):
    """Wall seconds and peak RSS in MB of one run: the clock around the
    process, and GNU time's account of its memory (the kernel's max RSS of
    the child, measured from exec, unlike Python's own wait4). GNU time
    counts KiB; MB here are 10^6 bytes, as the input sizes are."""
    with tempfile.NamedTemporaryFile("r") as rss:
        start = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name, *command],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        return wall, int(rss.read().split()[-1]) * 1024 / 1e6


def ryml_parse_seconds(path):
    """rapidyaml's own parse time, measured inside Python (reading the
    files and starting Python are left out: the floor is parsing)."""
    out = subprocess.run([sys.executable, BENCHES / "ryml_parse.py", path],
                         check=True, capture_output=True, text=True).stdout
    return float(out.strip())


def measure(commands):
    """{name: ([wall], [rss])} over RUNS interleaved rounds."""
    results = {name: ([], []) for name in commands}
    for _ in range(RUNS):
        for name, command in commands.items():
            if callable(command):
                results[name][0].append(command())
                results[name][1].append(float("nan"))
            else:
                wall, rss = timed(command)
                results[name][0].append(wall)
                results[name][1].append(rss)
    return results


def growth():
    """How cost grows: issues at a fixed number of parties, then parties at
    a fixed number of issues (compare to Markdown, and the parse floor)."""
    print("### How cost grows\n")
    print("| parties x issues | YAML | compare -> Markdown | per issue | per pair x issue | rapidyaml parse | peak memory |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for parties, issues in [(50, 500), (50, 1000), (50, 2000), (50, 4000),
                            (25, 1000), (100, 1000), (200, 1000)]:
        path = folder(parties, issues)
        out = SCRATCH / "growth.md"
        results = measure({
            "md": [STANCE, "compare", path, "-o", out],
            "ryml": lambda p=path: ryml_parse_seconds(p),
        })
        wall = statistics.median(results["md"][0])
        rss = statistics.median(results["md"][1])
        floor = statistics.median(results["ryml"][0])
        pairs = parties * (parties - 1) // 2
        print(f"| {parties} x {issues} | {size_on_disk(path) / 1e6:.1f} MB | {wall * 1000:.0f} ms "
              f"| {wall / issues * 1e6:.0f} µs | {wall / (pairs * issues) * 1e9:.1f} ns "
              f"| {floor * 1000:.0f} ms | {rss:.0f} MB |")
    print()


def main():
    scratch = SCRATCH
    print(f"Machine: {os.cpu_count()} cores; {RUNS} interleaved runs per command; medians.\n")
    summary = {}
    shapes = ([(p, i, "project") for p, i in SIZES]
              + [(*LONG, "long"), (*LONG, "format2")])
    for parties, issues, key in shapes:
        path = SHAPES[key][0](parties, issues)
        out = scratch / path.name
        out.mkdir()
        mb = size_on_disk(path) / 1e6
        commands = {
            "stance check": [STANCE, "check", path],
            "stance compare -> Markdown": [STANCE, "compare", path, "-o", out / "r.md"],
            "stance compare -> text": [STANCE, "compare", path, "-o", out / "r.txt"],
            "stance compare -> HTML": [STANCE, "compare", path, "-o", out / "r.html"],
            "stance compare --pairs counts -> JSON":
                [STANCE, "compare", path, "--pairs", "counts", "-o", out / "c.json"],
            "rapidyaml, parse only (in process)": lambda p=path: ryml_parse_seconds(p),
        }
        if parties <= 20:
            commands["stance compare -> JSON"] = [STANCE, "compare", path, "-o", out / "r.json"]
        if parties == 2:
            a, b = sorted(path.glob("party-*.yaml"))
            commands = {
                "stance compare -> text": commands["stance compare -> text"],
                "PyYAML + deepdiff (whole process)":
                    [sys.executable, BENCHES / "deepdiff_baseline.py", a, b],
            }
        results = measure(commands)
        shape = SHAPES[key][1]
        print(f"### {parties} parties x {issues} issues, {shape} ({mb:.1f} MB of YAML)\n")
        print("| command | median time | peak memory | memory / input |")
        print("| --- | ---: | ---: | ---: |")
        for name, (walls, rsss) in results.items():
            wall = statistics.median(walls)
            rss = statistics.median(rsss)
            memory = "—" if rss != rss else f"{rss:.0f} MB"
            ratio = "—" if rss != rss else f"{rss / mb:.1f}x"
            print(f"| {name} | {wall * 1000:.0f} ms | {memory} | {ratio} |")
            summary[(key, parties, issues, name)] = wall
            summary[(key, parties, issues, name, "memory")] = rss / mb
        print()
        if (parties, issues) == (200, 2000):
            sizes = {p.name: p.stat().st_size / 1e6 for p in out.iterdir()}
            summary[(key, "html size")] = sizes["r.html"]
            print("Report sizes: " + ", ".join(f"{k} {v:.0f} MB" for k, v in sorted(sizes.items())) + "\n")

    if GROWTH:
        growth()

    print("### Targets\n")
    print("| target | measured | ratio | goal |")
    print("| --- | ---: | ---: | ---: |")
    for key, (_, shape) in SHAPES.items():
        floor = summary[(key, 200, 2000, "rapidyaml, parse only (in process)")]
        md = summary[(key, 200, 2000, "stance compare -> Markdown")]
        html = summary[(key, 200, 2000, "stance compare -> HTML")]
        check = summary[(key, 200, 2000, "stance check")]
        print(f"| compare 200 x 2,000 to Markdown vs rapidyaml parse ({shape}) | {md:.2f} s vs {floor:.2f} s "
              f"| {md / floor:.2f}x | at most 2.5x |")
        print(f"| compare 200 x 2,000 to HTML vs rapidyaml parse ({shape}) | {html:.2f} s vs {floor:.2f} s "
              f"| {html / floor:.2f}x | none set (the Markdown's 2.5x read as its goal) |")
        print(f"| check 200 x 2,000 vs rapidyaml parse ({shape}) | {check:.2f} s vs {floor:.2f} s "
              f"| {check / floor:.2f}x | at most 1.5x |")
        memory = max(summary[(key, 200, 2000, name, "memory")] for name in
                     ["stance check", "stance compare -> Markdown", "stance compare -> text",
                      "stance compare -> HTML", "stance compare --pairs counts -> JSON"])
        print(f"| peak memory of any command on 200 x 2,000 against the input ({shape}) | | {memory:.1f}x "
              f"| at most 3x |")
        print(f"| HTML report of 200 x 2,000 ({shape}) | {summary[(key, 'html size')]:.0f} MB | | at most 60 MB |")
    two = summary[("project", 2, 500, "stance compare -> text")]
    deep = summary[("project", 2, 500, "PyYAML + deepdiff (whole process)")]
    print(f"| compare 2 x 500 vs PyYAML + deepdiff | {two * 1000:.0f} ms vs {deep * 1000:.0f} ms "
          f"| {deep / two:.0f}x faster | at least 25x, under 15 ms |")


if __name__ == "__main__":
    main()
