# --skip-existing keeps a destination of the same size and digests and
# replaces one that differs; --no-hash-existing trusts the size alone.
. "$E2E_SUPPORT"
mkdir src out
printf 'same\n' > src/same
printf 'same\n' > out/same
printf 'new content\n' > src/differs
printf 'old content\n' > out/differs
printf 'fresh\n' > src/missing
touch -d '2001-01-01' out/same out/differs
echo "--- --no-hash-existing"
"$HASHER" copy -a md5 --no-db --no-hash-existing src/differs src/same src/missing out
cat out/differs
echo "--- --skip-existing"
"$HASHER" copy -a md5 --no-db --skip-existing src/differs src/same out
cat out/differs
expect_eq "$(stat -c %Y out/same)" "$(date -d 2001-01-01 +%s)" "kept file untouched"
