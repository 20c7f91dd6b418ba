# hash --decompress hashes the content of .gz and .zst files (what
# gunzip/unzstd give) and names it as the decoded file, with a catalog row
# that says which codec it was read through, so verify reads it the same
# way; other files are hashed as they are. A damaged one fails alone.
. "$E2E_SUPPORT"
need zstd
need gzip
need sqlite3
db=$PWD/cat.db
mkdir t
seq 1 10000 > content
gzip -c content > t/a.txt.gz
zstd -q -c content > t/b.txt.zst
cp content t/c.txt
sum=$(sha256sum < content | cut -d' ' -f1)
"$HASHER" hash -a sha256 -f gnu --decompress --db "$db" t > out.txt 2> err.txt ||
  fail "hash failed: $(cat err.txt)"
expect_eq "$(sort out.txt)" "$(printf '%s  t/a.txt\n%s  t/b.txt\n%s  t/c.txt' "$sum" "$sum" "$sum")" "records"
expect_eq "$(sql "$db" "select content_codec from hashes order by file_path" | tr '\n' ' ')" "gzip zstd  " "codecs"
"$HASHER" verify -q --db "$db" t > verify.txt 2>&1 || fail "verify: $(cat verify.txt)"
expect_eq "$(grep -c ': OK$' verify.txt)" 3 "verified"

"$HASHER" hash -a sha256 -f gnu --no-db t > raw.txt || fail "plain hash failed"
grep -qx "$(sha256sum < t/a.txt.gz | cut -d' ' -f1)  t/a.txt.gz" raw.txt ||
  fail "without --decompress the file is hashed as it is: $(cat raw.txt)"

printf 'not gzip at all' > t/bad.gz
"$HASHER" hash -a sha256 --decompress --no-db t > /dev/null 2> bad.err
expect_eq "$?" 1 "exit code with a damaged file"
grep -q 't/bad.gz: not valid gzip data' bad.err || fail "message: $(cat bad.err)"

"$HASHER" hash --hash-both --no-db t > /dev/null 2> both.err
expect_eq "$?" 2 "--hash-both on hash"
grep -q -- '--hash-both: copy only' both.err || fail "$(cat both.err)"
