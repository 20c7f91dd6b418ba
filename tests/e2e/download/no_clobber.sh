# --no-clobber leaves an existing file alone (exit 0, a warning).
. "$E2E_SUPPORT"
server=$(dirname "$E2E_SUPPORT")/../support/http_fault_server.py
python3 "$server" --log requests.log >port &
server_pid=$!
trap 'kill $server_pid' EXIT
wait_until 10 test -s port || fail "the test server did not start"
base=http://127.0.0.1:$(cat port)
# sha256 of the content the server sends for NAME SIZE.
want() { python3 "$server" --content "$1" "$2" want.bin && sha256sum <want.bin | cut -d' ' -f1; }
got() { sha256sum <"$1" | cut -d' ' -f1; }
dl() { timeout 60 "$HASHER" download --no-db -q -a sha256 -f gnu --retries 3 "$@"; }
mkdir out
echo mine >out/k
timeout 60 "$HASHER" download --no-db --no-clobber --flat "$base/file/k?size=10" out >records.txt 2>err.txt
expect_eq "$?" 0 "exit status"
expect_eq "$(cat out/k)" mine "content"
grep -q 'out/k: exists; not downloaded (--no-clobber)' err.txt || fail "message: $(cat err.txt)"
[[ ! -s records.txt ]] || fail "a record for a skipped file"
echo ok
