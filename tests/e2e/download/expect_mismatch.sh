# --expect: a match stays; a mismatch is reported, exit 1, and no file.
. "$E2E_SUPPORT"
start_fault_server
good=$(want g 100)
dl --flat --expect "sha256=$good" "$BASE/file/g?size=100" out >records.txt || fail "matching download failed"
test -f out/g || fail "matching file missing"
dl --flat --expect "md5=00112233445566778899aabbccddeeff" "$BASE/file/h?size=100" out 2>err.txt >records.txt
expect_eq "$?" 1 "exit status"
grep -q 'digest mismatch (md5)' err.txt || fail "no mismatch message: $(cat err.txt)"
[[ ! -e out/h && ! -e out/h.part ]] || fail "mismatching file left"
echo ok
