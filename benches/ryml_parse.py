"""The parse floor: rapidyaml parsing every YAML file of a negotiation
folder, and nothing else (issue 7's yardstick). Reads all files first, so
the time is parsing alone; prints the parse time in seconds.

    python3 benches/ryml_parse.py FOLDER
"""
import pathlib
import sys
import time

import ryml

folder = pathlib.Path(sys.argv[1])
texts = [p.read_bytes() for p in sorted(folder.glob("*.yaml"))]
start = time.perf_counter()
for text in texts:
    tree = ryml.parse_in_arena(text)
    del tree
print(f"{time.perf_counter() - start:.4f}")
