# A DEST that cannot be a directory is fatal (exit 3) and nothing is fetched.
. "$E2E_SUPPORT"
start_fault_server
echo file >dest
timeout 60 "$HASHER" download --no-db "$BASE/file/a?size=10" dest >records.txt 2>err.txt
expect_eq "$?" 3 "exit status"
expect_eq "$(cat err.txt)" "hasher: error: dest: destination not writable" "message"
[[ ! -s requests.log ]] || fail "fetched anyway: $(cat requests.log)"
echo ok
