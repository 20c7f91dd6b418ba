# --decompress: .gz and .zst sources are written decoded, without their
# suffix, and hashed as content; other files are copied as they are; with
# --compress too, gzip is re-packed as zstd. A damaged source fails that
# file only (exit 1), with nothing left under its name.
. "$E2E_SUPPORT"
need zstd
need gzip
mkdir src
seq 1 20000 > plain.txt
gzip -c plain.txt > src/a.txt.gz
zstd -q -c plain.txt > src/b.txt.zst
cp plain.txt src/c.txt
"$HASHER" copy -q --no-db -a sha256 -f gnu --decompress --verify src/ out \
  > out.txt || fail "decompress copy failed"
for f in a.txt b.txt c.txt; do
  cmp "out/$f" plain.txt || fail "$f is not the decoded content"
  grep -qx "$(sha256sum < plain.txt | cut -d' ' -f1)  out/$f" out.txt ||
    fail "$f: record: $(cat out.txt)"
done
[[ ! -e out/a.txt.gz && ! -e out/b.txt.zst ]] || fail "compressed names left"

"$HASHER" copy -q --no-db -a sha256 --decompress --compress zstd src/a.txt.gz \
  repack/ > /dev/null || fail "repack failed"
zstd -q -d -c repack/a.txt.zst | cmp - plain.txt || fail "repacked differs"

head -c 5000 src/a.txt.gz > bad.gz   # truncated
mkdir bad && mv bad.gz bad/
"$HASHER" copy -q --no-db -a sha256 --decompress bad/ badout 2> err.txt
expect_eq "$?" 1 "exit code for a damaged source"
grep -q "bad.gz.*truncated gzip data" err.txt || fail "message: $(cat err.txt)"
[[ -z $(ls -A badout 2>/dev/null) ]] || fail "something left: $(ls -A badout)"
