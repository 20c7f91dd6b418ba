#!/usr/bin/env python3
"""Deterministic benchmark trees.

usage: make_tree.py DIR KIND [COUNT]
  tree   ~20,000 files, sizes log-normal between 1 KiB and 8 MiB (~1.5 GiB),
         100 files per directory, two directory levels
  small  COUNT files (default 100,000) of 1-8 KiB, 500 per directory
  dupes  the tree kind's files (same names and bytes) plus duplicates
         planted under DIR/planted: 10% of the files copied one to three
         times, 20 hard links to tree files, 30 empty files
The same KIND and COUNT always give the same names and bytes (seeded), so
runs on different days compare. A finished tree is marked with DIR/.complete
and reused.
"""
import math
import os
import random
import shutil
import sys


def sizes(kind, count, rng):
    if kind == "small":
        return [rng.randint(1024, 8192) for _ in range(count)]
    out = []
    for _ in range(count):
        size = int(rng.lognormvariate(math.log(11 * 1024), 2.0))
        out.append(max(1024, min(8 << 20, size)))
    return out


def plant(root, paths):
    """Planted duplicates of `paths` (the dupes kind), the same every time;
    returns the bytes copied."""
    rng = random.Random("dupes-plant")
    planted = os.path.join(root, "planted")
    total = 0
    for n, i in enumerate(sorted(rng.sample(range(len(paths)),
                                            len(paths) // 10))):
        copies = rng.choices([1, 2, 3], weights=[7, 2, 1])[0]
        for c in range(copies):
            d = os.path.join(planted, f"copy{c}", f"g{n // 100:03d}")
            os.makedirs(d, exist_ok=True)
            shutil.copyfile(paths[i], os.path.join(d, f"p{n:05d}.bin"))
            total += os.path.getsize(paths[i])
    links = os.path.join(planted, "links")
    os.makedirs(links, exist_ok=True)
    for n, i in enumerate(rng.sample(range(len(paths)), 20)):
        link = os.path.join(links, f"l{n:02d}.bin")
        if os.path.lexists(link):
            os.remove(link)
        os.link(paths[i], link)
    empty = os.path.join(planted, "empty")
    os.makedirs(empty, exist_ok=True)
    for n in range(30):
        open(os.path.join(empty, f"e{n:02d}"), "wb").close()
    return total


def main():
    root, kind = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else (
        100000 if kind == "small" else 20000)
    marker = os.path.join(root, ".complete")
    if os.path.exists(marker):
        with open(marker) as f:
            if f.read().strip() == f"{kind} {count}":
                return
    # The dupes kind starts as the tree kind.
    base = "tree" if kind == "dupes" else kind
    rng = random.Random(f"{base}-{count}")
    per_dir = 500 if base == "small" else 100
    total = 0
    paths = []
    for i, size in enumerate(sizes(base, count, rng)):
        d = os.path.join(root, f"d{i // (per_dir * 20):03d}",
                         f"e{(i // per_dir) % 20:02d}")
        if i % per_dir == 0:
            os.makedirs(d, exist_ok=True)
        path = os.path.join(d, f"f{i:06d}.bin")
        with open(path, "wb") as f:
            f.write(rng.randbytes(size))
        total += size
        paths.append(path)
    if kind == "dupes":
        total += plant(root, paths)
    with open(marker, "w") as f:
        f.write(f"{kind} {count}\n")
    print(f"{root}: {count} files, {total / 2**30:.2f} GiB", file=sys.stderr)


main()
