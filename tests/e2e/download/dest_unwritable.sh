# A DEST that cannot be a directory is fatal (exit 3) and nothing is fetched.
. "$E2E_SUPPORT"
server=$(dirname "$E2E_SUPPORT")/../support/http_fault_server.py
python3 "$server" --log requests.log >port &
server_pid=$!
trap 'kill $server_pid' EXIT
wait_until 10 test -s port || fail "the test server did not start"
base=http://127.0.0.1:$(cat port)
echo file >dest
timeout 60 "$HASHER" download --no-db "$base/file/a?size=10" dest >records.txt 2>err.txt
expect_eq "$?" 3 "exit status"
expect_eq "$(cat err.txt)" "hasher: error: dest: destination not writable" "message"
[[ ! -s requests.log ]] || fail "fetched anyway: $(cat requests.log)"
echo ok
