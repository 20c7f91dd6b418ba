# --compress zstd|gzip[:LEVEL]: every copy gets the codec's suffix and
# decompresses (with zstd -d / gzip -d) to the source's bytes; the records
# carry the content's digests under the decoded name (what sha256sum of the
# source says), --hash-compressed the digests of the file on disk (what
# sha256sum of the .zst says), --hash-both both; --verify passes.
. "$E2E_SUPPORT"
need zstd
need gzip
mkdir -p src/sub
seq 1 30000 > src/notes.txt
head -c 200000 /dev/urandom > src/sub/noise.bin
: > src/empty
sum() { sha256sum "$1" | cut -d' ' -f1; }

"$HASHER" copy -q --no-db -a sha256 -f gnu --compress zstd --verify src out \
  > content.txt || fail "zstd copy failed"
for f in notes.txt sub/noise.bin empty; do
  [[ -f out/src/$f.zst && ! -e out/src/$f ]] || fail "$f: no $f.zst alone"
  zstd -q -t "out/src/$f.zst" || fail "$f.zst: zstd -t fails"
  zstd -q -d -c "out/src/$f.zst" | cmp - "src/$f" || fail "$f: content differs"
  grep -qx "$(sum "src/$f")  out/src/$f" content.txt ||
    fail "$f: no content record: $(cat content.txt)"
done
expect_eq "$(wc -l < content.txt)" 3 "content records"
[[ $(stat -c %s out/src/notes.txt.zst) -lt $(($(stat -c %s src/notes.txt) / 3)) ]] ||
  fail "notes.txt did not shrink"
expect_eq "$(stat -c %Y out/src/notes.txt.zst)" "$(stat -c %Y src/notes.txt)" "mtime kept"

"$HASHER" copy -q --no-db -a sha256 -f gnu --compress gzip:9 --hash-compressed \
  src/notes.txt gz/ > written.txt || fail "gzip copy failed"
gzip -t gz/notes.txt.gz || fail "gzip -t fails"
gzip -d -c gz/notes.txt.gz | cmp - src/notes.txt || fail "gzip content differs"
expect_eq "$(cat written.txt)" "$(sum gz/notes.txt.gz)  gz/notes.txt.gz" \
  "--hash-compressed record"

"$HASHER" copy -q --no-db -a sha256 -f gnu --compress=zstd:19 --hash-both \
  src/notes.txt both/ > both.txt || fail "--hash-both copy failed"
expect_eq "$(sort both.txt)" "$(printf '%s\n%s' \
  "$(sum both/notes.txt.zst)  both/notes.txt.zst" \
  "$(sum src/notes.txt)  both/notes.txt" | sort)" "--hash-both records"

# The original tool's bare flag: gzip at --compression-level.
"$HASHER" copy -q --no-db -a sha256 --compress --compression-level 1 \
  src/notes.txt bare/ > /dev/null || fail "bare --compress failed"
gzip -t bare/notes.txt.gz || fail "bare --compress did not write gzip"
