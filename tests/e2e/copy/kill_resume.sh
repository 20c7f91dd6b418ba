# kill -9 in the middle of a copy leaves no partial file under a final name
# (only whole copies, or nothing, plus temps); the re-run resumes the run,
# copies only what is missing, and removes the temps the killed run left.
. "$E2E_SUPPORT"
mkdir -p src/a src/z
for i in 1 2 3 4 5; do printf 'file %s\n' $i > src/a/f$i; done
# md2 is slow: the big file takes seconds, long enough to be killed in.
head -c 12000000 /dev/urandom > src/z/big
printf 'last\n' > src/z/zz
"$HASHER" copy -q -a md2 --db cat.db --batch-size 1 src out > first.out 2>&1 &
pid=$!
temp_exists() { ls -A out/src/z 2>/dev/null | grep -q '^\.big\.hasher-'; }
wait_until 20 temp_exists || fail "the big file's temp never appeared"
sleep 1 # the catalog writer commits the small files meanwhile
kill -9 $pid
wait $pid 2>/dev/null
[[ ! -e out/src/z/big ]] || fail "big is under its final name after the kill"
[[ ! -e out/src/z/zz ]] || fail "zz was copied before big"
for i in 1 2 3 4 5; do cmp src/a/f$i out/src/a/f$i || fail "f$i partial"; done
temp_exists || fail "the killed run's temp is gone already"
"$HASHER" copy -a md2 --db cat.db src out > second.out 2> second.err ||
  fail "re-run failed: $(cat second.err)"
diff -r src out/src || fail "trees differ after the re-run"
temp_exists && fail "the stale temp stayed"
echo "--- second run printed"
sed 's/^[0-9a-f]*  //' second.out
echo "--- second run said"
grep resumed second.err
echo "--- runs"
sql cat.db "select id, state, files, resumes from runs"
