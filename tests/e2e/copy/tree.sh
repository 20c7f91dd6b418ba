# A tree is copied byte for byte with modes and mtimes, the printed digests
# are those of the copies, a FIFO is skipped, and the catalog keys the rows
# by destination (with --store-source-path, the source too).
. "$E2E_SUPPORT"
mkdir -p src/sub/deep
printf 'hello\n' > src/a
printf 'world\n' > src/sub/b
head -c 200000 /dev/zero | tr '\0' 'z' > src/sub/deep/big
chmod 640 src/a
chmod 750 src/sub
touch -d '2020-01-02 03:04:05' src/a src/sub/b
mkfifo src/fifo
"$HASHER" copy -q -a sha256 --store-source-path --db cat.db src/ out ||
  fail "copy failed"
diff -r -x fifo src out || fail "trees differ"
[[ ! -e out/fifo ]] || fail "the FIFO was copied"
for f in a sub sub/b sub/deep/big; do
  expect_eq "$(stat -c '%a %Y' out/$f)" "$(stat -c '%a %Y' src/$f)" "$f mode and mtime"
done
( cd out && find . -type f | sort | xargs sha256sum ) > copies.sha256
ls -A out | grep -q hasher- && fail "a temp was left"
echo "--- sha256sum of the copies"
sed 's|  \./|  out/|' copies.sha256
echo "--- catalog"
sql cat.db "select file_path, source, file_size from hashes order by file_path" |
  sed "s|$PWD|.|g"
echo "--- without the slash: out2/src, whether out2 exists or not"
"$HASHER" copy -q -a md5 --no-db src out2
mkdir out3
"$HASHER" copy -q -a md5 --no-db src/a src out3
