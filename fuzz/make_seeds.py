#!/usr/bin/env python3
"""Builds the committed seed corpus (fuzz/seeds/whole_path/) from the
negotiation folders under tests/fixtures and positions/, in the packing of
stance::harness::pack: the agenda, then NUL + "name\\n" + content per party
file."""
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent.parent
out = root / "fuzz" / "seeds" / "whole_path"
out.mkdir(parents=True, exist_ok=True)
# Rebuilt from the fixtures each time; regression inputs (regression-*)
# added by hand from fuzzing findings are kept.
for old in out.iterdir():
    if not old.name.startswith("regression-"):
        old.unlink()
folders = sorted(p.parent for p in root.glob("tests/fixtures/**/agenda.yaml"))
folders += sorted(p.parent for p in root.glob("positions/*/agenda.yaml"))

# Hostile text (docs/limits.md, "Untrusted repositories"): a terminal
# title sequence, erase-line and carriage return, C1 CSI, a right-to-left
# override, a zero-width space and a tag character, as YAML escapes.
HOSTILE = rb"\e]0;PWNED\a\e[2K\r\x9b31m\u202e\u200b\U000E0041"
# A text field written plain on its own line: its value is quoted, with
# HOSTILE after it.
TEXT_FIELD = re.compile(
    rb"^( *(?:negotiation|title|name|unit|quote|note|url): +)"
    rb"([^\"'|>&*!\[{#\s][^#\n]*?) *$",
    re.M,
)


def hostile(text):
    def quoted(m):
        value = m.group(2).replace(b"\\", b"\\\\").replace(b'"', b'\\"')
        return m.group(1) + b'"' + value + HOSTILE + b'"'

    return TEXT_FIELD.sub(quoted, text)


def pack(folder, edit=lambda text: text):
    data = edit((folder / "agenda.yaml").read_bytes())
    for party in sorted(folder.iterdir()):
        if party.suffix in (".yaml", ".yml") and party.name != "agenda.yaml":
            data += b"\0" + party.name.encode() + b"\n" + edit(party.read_bytes())
    return data


for folder in folders:
    name = str(folder.relative_to(root)).replace("/", "__")
    (out / name).write_bytes(pack(folder))
# Every text field of the valid negotiations made hostile, so that the
# fuzzer starts from reports full of control characters.
valid = [f for f in folders if f.parent.name in ("compare", "positions")]
for folder in valid:
    name = "hostile__" + str(folder.relative_to(root)).replace("/", "__")
    (out / name).write_bytes(pack(folder, hostile))
print(f"{len(folders) + len(valid)} seeds in {out.relative_to(root)}")
