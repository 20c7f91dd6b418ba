# Empty files (in a tree and named alone) get the digests of the empty string,
# the same as the reference tools print for /dev/null, on stdout and in the
# catalog (file_size 0).
. "$E2E_SUPPORT"
need sqlite3
db=$XDG_DATA_HOME/hasher/catalog.db
mkdir -p e/sub
: >e/one
: >e/sub/two
: >alone
timeout 20 "$HASHER" hash -q -a md5,sha1,sha256,sha512,blake2b512 -f jsonl e alone >records.jsonl
expect_eq "$?" 0 "exit status"
sed 's/"mtime":"[^"]*",//' records.jsonl >out
ref() { "$1" </dev/null | cut -d' ' -f1; }
for path in e/one e/sub/two alone; do
  echo "{\"file_path\":\"$path\",\"file_size\":0,\"md5\":\"$(ref md5sum)\",\"sha1\":\"$(ref sha1sum)\",\"sha256\":\"$(ref sha256sum)\",\"sha512\":\"$(ref sha512sum)\",\"blake2b512\":\"$(ref b2sum)\"}"
done >expected
cmp -s out expected || fail "records differ: $(diff expected out)"
expect_eq "$(timeout 20 "$HASHER" hash --no-db -q -a crc32 -f sfv alone)" "alone 00000000" "crc32"
expect_eq "$(sql "$db" "select count(*) from hashes where file_size = 0 and lower(hex(md5)) = '$(ref md5sum)' and lower(hex(sha256)) = '$(ref sha256sum)'")" \
  3 "catalog rows with the empty string's digests"
echo ok
