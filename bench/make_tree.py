#!/usr/bin/env python3
"""Deterministic benchmark trees.

usage: make_tree.py DIR KIND [COUNT]
  tree   ~20,000 files, sizes log-normal between 1 KiB and 8 MiB (~1.5 GiB),
         100 files per directory, two directory levels
  small  COUNT files (default 100,000) of 1-8 KiB, 500 per directory
The same KIND and COUNT always give the same names and bytes (seeded), so
runs on different days compare. A finished tree is marked with DIR/.complete
and reused.
"""
import math
import os
import random
import sys


def sizes(kind, count, rng):
    if kind == "small":
        return [rng.randint(1024, 8192) for _ in range(count)]
    out = []
    for _ in range(count):
        size = int(rng.lognormvariate(math.log(11 * 1024), 2.0))
        out.append(max(1024, min(8 << 20, size)))
    return out


def main():
    root, kind = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else (
        100000 if kind == "small" else 20000)
    marker = os.path.join(root, ".complete")
    if os.path.exists(marker):
        with open(marker) as f:
            if f.read().strip() == f"{kind} {count}":
                return
    rng = random.Random(f"{kind}-{count}")
    per_dir = 500 if kind == "small" else 100
    total = 0
    for i, size in enumerate(sizes(kind, count, rng)):
        d = os.path.join(root, f"d{i // (per_dir * 20):03d}",
                         f"e{(i // per_dir) % 20:02d}")
        if i % per_dir == 0:
            os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, f"f{i:06d}.bin"), "wb") as f:
            f.write(rng.randbytes(size))
        total += size
    with open(marker, "w") as f:
        f.write(f"{kind} {count}\n")
    print(f"{root}: {count} files, {total / 2**30:.2f} GiB", file=sys.stderr)


main()
