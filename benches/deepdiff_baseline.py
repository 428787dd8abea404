"""The yardstick of issue 7 for a small comparison: load two party files
with PyYAML and diff them with deepdiff, as a script would without stance.

    python3 benches/deepdiff_baseline.py A.yaml B.yaml
"""
import sys

import yaml
from deepdiff import DeepDiff

with open(sys.argv[1]) as a, open(sys.argv[2]) as b:
    diff = DeepDiff(yaml.safe_load(a), yaml.safe_load(b))
print(len(diff))
