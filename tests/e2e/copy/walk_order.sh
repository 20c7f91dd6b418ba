# Copies are written on several threads but reported in walk order: the
# records of `copy -j 2` name the files in the order `hash` walks the
# source, and every copy is whole.
. "$E2E_SUPPORT"
make_tree src 600
head -c 30000000 /dev/urandom > src/d050/big   # split over lanes
"$HASHER" hash -q --no-db -a md5 -f gnu -j 2 src > walked.txt || fail "hash failed"
"$HASHER" copy -q --no-db -a md5 -f gnu -j 2 src/ out > copied.txt ||
  fail "copy failed"
expect_eq "$(sed 's|  out/|  src/|' copied.txt | md5sum)" "$(md5sum < walked.txt)" \
  "records in walk order with the source's digests"
diff -r src out || fail "trees differ"
