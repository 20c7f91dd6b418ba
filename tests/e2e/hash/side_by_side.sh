# Many files hashed side by side (the multi-buffer kernels' 16 lanes): 600
# files of mixed sizes, lanes ending and refilling at every padding
# boundary, give the coreutils digests with one worker and with two, read
# decoded through --decompress, and copied (copy's records and the copies).
. "$E2E_SUPPORT"
need gzip
python3 - <<'PY'
import os, random
rng = random.Random(9)
os.makedirs("tree/gz")
sizes = [0, 1, 55, 56, 63, 64, 65, 119, 120, 65535, 65536, 65537, 1 << 20]
for i in range(600):
    size = sizes[i] if i < len(sizes) else int(rng.lognormvariate(8, 2.5)) % (3 << 20)
    d = f"tree/d{i % 7}"
    os.makedirs(d, exist_ok=True)
    with open(f"{d}/f{i:03d}", "wb") as f:
        f.write(rng.randbytes(size))
for i in range(40):
    with open(f"tree/gz/g{i:02d}", "wb") as f:
        f.write(rng.randbytes(rng.randrange(200000)))
PY
gzip tree/gz/g*
find tree -type f ! -name '*.gz' | LC_ALL=C sort > plain.list
check() { # algorithm tool jobs
  local ours theirs
  ours=$("$HASHER" hash -q --db c.db -j "$3" -a "$1" -f gnu tree | grep -v '\.gz$' | LC_ALL=C sort -k2)
  theirs=$(xargs "$2" < plain.list | LC_ALL=C sort -k2)
  expect_eq "$ours" "$theirs" "$1 with -j $3 vs $2"
}
for jobs in 1 2; do
  check md5 md5sum "$jobs"
  check sha1 sha1sum "$jobs"
  check sha256 sha256sum "$jobs"
done
# The four defaults at once, each column against its tool.
"$HASHER" hash -q --db c.db -a md5,sha1,sha256 -f jsonl tree > all.jsonl
python3 - <<'PY' > all.sums
import json
for line in open("all.jsonl"):
    r = json.loads(line)
    if r["file_path"].endswith(".gz"): continue
    print(r["md5"], r["sha1"], r["sha256"], r["file_path"])
PY
while read -r md5 sha1 sha256 path; do
  [[ $(md5sum < "$path") == "$md5  -" && $(sha1sum < "$path") == "$sha1  -" &&
     $(sha256sum < "$path") == "$sha256  -" ]] || fail "wrong digests for $path"
done < all.sums
expect_eq "$(wc -l < all.sums)" "$(wc -l < plain.list)" "records of plain files"

# Decoded side by side: the content's digests under the stripped names.
ours=$("$HASHER" hash -q --db d.db --decompress -a sha256 -f gnu tree/gz | LC_ALL=C sort -k2)
theirs=$(for g in tree/gz/g*.gz; do printf '%s  %s\n' "$(zcat "$g" | sha256sum | cut -d' ' -f1)" "${g%.gz}"; done | LC_ALL=C sort -k2)
expect_eq "$(echo "$ours" | wc -l)" 40 "decoded records"
expect_eq "$ours" "$theirs" "decoded digests"

# copy: side by side too; its records and the copies are right.
"$HASHER" copy -q --db e.db -a sha256 -f gnu tree out > copy.sums
diff -r tree out/tree || fail "copies differ"
theirs=$(find tree -type f | LC_ALL=C sort | xargs sha256sum | sed 's|  tree/|  out/tree/|')
expect_eq "$(LC_ALL=C sort -k2 copy.sums)" "$theirs" "copy records vs sha256sum"
echo ok
