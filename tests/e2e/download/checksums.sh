# --checksums FILE (any format verify -c reads), matched by file name.
. "$E2E_SUPPORT"
start_fault_server
echo "$(want a 50)  a" >SHA256SUMS
echo "0000000000000000000000000000000000000000000000000000000000000000  b" >>SHA256SUMS
dl --flat --checksums SHA256SUMS "$BASE/file/a?size=50" "$BASE/file/b?size=50" out 2>err.txt >records.txt
expect_eq "$?" 1 "exit status"
test -f out/a || fail "matching file missing"
[[ ! -e out/b ]] || fail "mismatching file left"
grep -q 'out/b: digest mismatch (sha256)' err.txt || fail "message: $(cat err.txt)"
echo ok
