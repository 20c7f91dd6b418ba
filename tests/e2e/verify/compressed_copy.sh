# A compressed copy verifies through its codec: copy --compress zstd keeps
# content rows (content_codec "zstd", under the decoded names) and verify
# reads each .zst decoded: OK while intact; a .zst re-packed with other
# content is a MISMATCH, a deleted one MISSING, a damaged one FAILED (not
# valid zstd data); --quick compares its mtime only. --hash-both rows (the
# file on disk, and its content) both verify.
. "$E2E_SUPPORT"
need zstd
need sqlite3
db=$PWD/cat.db
mkdir src
for f in a b c d; do seq 1 5000 | sed "s/^/$f /" > src/$f.txt; done
"$HASHER" copy -q -a sha256 --db "$db" --compress zstd src out > /dev/null ||
  fail "copy failed"
expect_eq "$(sql "$db" "select count(*) from hashes where content_codec = 'zstd' and file_path like '%/out/src/_.txt'")" 4 "content rows"
"$HASHER" verify -q --db "$db" out > ok.txt 2>&1 || fail "intact copy: $(cat ok.txt)"
expect_eq "$(grep -c ': OK$' ok.txt)" 4 "OK lines: $(cat ok.txt)"

echo other | zstd -q -c > out/src/b.txt.zst
rm out/src/c.txt.zst
head -c 100 out/src/a.txt.zst > cut && mv cut out/src/d.txt.zst
"$HASHER" verify --db "$db" out > bad.txt 2> bad.err
expect_eq "$?" 1 "exit code after damage"
grep -qx 'out/src/a.txt: OK' bad.txt || fail "a: $(cat bad.txt)"
grep -qx 'out/src/b.txt: MISMATCH (sha256)' bad.txt || fail "b: $(cat bad.txt)"
grep -qx 'out/src/c.txt: MISSING' bad.txt || fail "c: $(cat bad.txt)"
grep -q '^out/src/d.txt: FAILED' bad.txt || fail "d: $(cat bad.txt)"
grep -q 'not valid zstd data\|truncated zstd data' bad.txt bad.err ||
  fail "d's reason: $(cat bad.txt bad.err)"

"$HASHER" verify --quick --db "$db" out/src/a.txt > quick.txt 2>/dev/null ||
  fail "quick: $(cat quick.txt)"
grep -qx 'out/src/a.txt: OK' quick.txt || fail "quick: $(cat quick.txt)"

"$HASHER" copy -q -a sha256 --db "$db" --compress gzip --hash-both src both \
  > /dev/null || fail "hash-both copy failed"
expect_eq "$(sql "$db" "select count(*) from hashes where file_path like '%/both/src/%'")" 8 "hash-both rows"
"$HASHER" verify -q --db "$db" both > both.txt 2>&1 || fail "hash-both verify: $(cat both.txt)"
expect_eq "$(grep -c ': OK$' both.txt)" 8 "hash-both OK lines"
