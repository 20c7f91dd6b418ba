# --compress auto: text is compressed with zstd (at a high level), random
# bytes and types that are compressed already are stored plain under their
# own names; the content digests are recorded either way.
. "$E2E_SUPPORT"
need zstd
mkdir src
seq 1 50000 > src/log.txt
seq 1 50000 > src/table.dat
head -c 300000 /dev/urandom > src/noise.bin
seq 1 50000 > src/photo.jpg   # compressible bytes, but the type says no
: > src/empty
"$HASHER" copy -q --no-db -a sha256 -f gnu --compress auto src out > out.txt ||
  fail "auto copy failed"
for f in log.txt table.dat; do
  [[ -f out/src/$f.zst && ! -e out/src/$f ]] || fail "$f was not compressed"
  zstd -q -d -c "out/src/$f.zst" | cmp - "src/$f" || fail "$f differs"
done
for f in noise.bin photo.jpg empty; do
  [[ -f out/src/$f && ! -e out/src/$f.zst ]] || fail "$f was not stored plain"
  cmp "out/src/$f" "src/$f" || fail "$f differs"
done
# Text at a higher level than other data of the same bytes.
[[ $(stat -c %s out/src/log.txt.zst) -lt $(stat -c %s out/src/table.dat.zst) ]] ||
  fail "log.txt not compressed harder than table.dat"
for f in log.txt table.dat noise.bin photo.jpg empty; do
  grep -qx "$(sha256sum < "src/$f" | cut -d' ' -f1)  out/src/$f" out.txt ||
    fail "$f: no content record: $(cat out.txt)"
done
