# --no-clobber leaves an existing file alone (exit 0, a warning).
. "$E2E_SUPPORT"
start_fault_server
mkdir out
echo mine >out/k
timeout 60 "$HASHER" download --no-db --no-clobber --flat "$BASE/file/k?size=10" out >records.txt 2>err.txt
expect_eq "$?" 0 "exit status"
expect_eq "$(cat out/k)" mine "content"
grep -q 'out/k: exists; not downloaded (--no-clobber)' err.txt || fail "message: $(cat err.txt)"
[[ ! -s records.txt ]] || fail "a record for a skipped file"
echo ok
