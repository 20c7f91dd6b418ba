# export writes checksum files from the catalog without reading the data:
# sha256sum -c and hasher verify -c pass on them; after one file is tampered
# with, both fail on exactly that file.
. "$E2E_SUPPORT"
need sha256sum
mkdir -p t/sub
printf 'one' >t/a
printf 'two' >"t/sp ace"
printf 'three' >t/sub/c
"$HASHER" hash -q -a md5,sha256 t >/dev/null || fail "hash run"
"$HASHER" export -a sha256 -f gnu --relative-to . t >SHA256SUMS
echo "export: exit $?"
cat SHA256SUMS
sha256sum -c SHA256SUMS
echo "sha256sum: exit $?"
"$HASHER" verify -c SHA256SUMS
echo "hasher: exit $?"
printf 'TWO' >"t/sp ace"
sha256sum -c SHA256SUMS 2>/dev/null
echo "sha256sum: exit $?"
"$HASHER" verify -c SHA256SUMS 2>/dev/null
echo "hasher: exit $?"
# Absolute paths by default, every requested algorithm, any format.
"$HASHER" export -f bsd t/sub | sed "s|$(pwd -P)|ROOT|"
"$HASHER" export -a md5 -f jsonl t/a | sed "s|$(pwd -P)|ROOT|; s/\"mtime\":\"[^\"]*\"/\"mtime\":T/"
"$HASHER" export -a sha512 t
echo "missing algorithm: exit $?"
