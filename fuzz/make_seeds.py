#!/usr/bin/env python3
"""Builds the committed seed corpus (fuzz/seeds/whole_path/) from the
negotiation folders under tests/fixtures and positions/, in the packing of
stance::harness::pack: the agenda, then NUL + "name\\n" + content per party
file."""
import pathlib

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
for folder in folders:
    data = (folder / "agenda.yaml").read_bytes()
    for party in sorted(folder.iterdir()):
        if party.suffix in (".yaml", ".yml") and party.name != "agenda.yaml":
            data += b"\0" + party.name.encode() + b"\n" + party.read_bytes()
    name = str(folder.relative_to(root)).replace("/", "__")
    (out / name).write_bytes(data)
print(f"{len(folders)} seeds in {out.relative_to(root)}")
