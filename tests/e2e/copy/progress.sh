# --progress draws the live line for copy too, with the totals counted
# ahead ("/4 files") while a slow copy runs, and removes it before the
# summary; the copy itself is unchanged.
. "$E2E_SUPPORT"
mkdir src
for i in 1 2 3; do echo "file $i" > src/f$i; done
head -c 8000000 /dev/urandom > src/slow   # md2 is slow: the line gets drawn
"$HASHER" copy --progress --no-db -a md2 -j 1 src out > out.txt 2> err.txt ||
  fail "copy failed: $(cat err.txt)"
grep -q '/4 files, [1-9][0-9.]* MiB/7.6 MiB' err.txt || fail "no progress line with totals: $(cat err.txt)"
tr '\r' '\n' < err.txt | sed 's/\x1b\[K//g' | grep -v '^$' | tail -1 |
  grep -q '^hasher: 4 files, ' || fail "summary not last: $(cat err.txt)"
diff -r src out/src || fail "trees differ"
expect_eq "$(wc -l < out.txt)" 4 "records"
