# Compressed copies resume and skip like plain ones: kill -9 during a
# --compress zstd copy, re-run it: the files the killed run committed are
# not copied again (their rows are under the decoded names), the rest are,
# and every .zst decodes to its source; then --skip-existing keeps them all
# after comparing contents, and --compress auto keeps its plain files too.
. "$E2E_SUPPORT"
need zstd
mkdir -p src/a src/z
for i in 1 2 3 4 5; do seq 1 $((i * 1000)) > src/a/f$i.txt; done
head -c 12000000 /dev/urandom > src/z/big   # md2 is slow: killed in it
printf 'last\n' > src/z/zz
"$HASHER" copy -q -a md2 --compress zstd --db cat.db --batch-size 1 src out \
  > /dev/null 2>&1 &
pid=$!
temp_exists() { ls -A out/src/z 2>/dev/null | grep -q '^\.big\.hasher-'; }
wait_until 20 temp_exists || fail "the big file's temp never appeared"
sleep 1
kill -9 $pid
wait $pid 2>/dev/null
[[ ! -e out/src/z/big.zst ]] || fail "big.zst named after the kill"
for i in 1 2 3 4 5; do
  zstd -q -d -c out/src/a/f$i.txt.zst | cmp - src/a/f$i.txt || fail "f$i partial"
done
"$HASHER" copy -a md2 --compress zstd --db cat.db src out > second.out \
  2> second.err || fail "re-run failed: $(cat second.err)"
grep -q "resumed run 1: 5 files already done, 2 read" second.err ||
  fail "not resumed as expected: $(cat second.err)"
for f in a/f1.txt a/f5.txt z/big z/zz; do
  zstd -q -d -c "out/src/$f.zst" | cmp - "src/$f" || fail "$f differs"
done
"$HASHER" copy -v -a md5 --compress zstd --skip-existing --no-db src out \
  > third.out 2> third.err || fail "skip-existing run failed"
expect_eq "$(grep -c 'exists with the same content' third.err)" 7 "kept files"
[[ ! -s third.out ]] || fail "something was copied again: $(cat third.out)"

head -c 100000 /dev/urandom > src/z/noise
"$HASHER" copy -q -a md5 --compress auto --no-db src auto > /dev/null
[[ -f auto/src/z/noise && -f auto/src/a/f1.txt.zst ]] || fail "auto layout"
"$HASHER" copy -v -a md5 --compress auto --skip-existing --no-db src auto \
  > auto.out 2> auto.err || fail "auto skip-existing failed"
expect_eq "$(grep -c 'exists with the same content' auto.err)" 8 "auto kept files"
