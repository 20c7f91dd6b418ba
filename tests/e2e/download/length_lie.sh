# Content-Length larger than the body, every time: an error, exit 1, and
# nothing under the final name.
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
dl --flat --retries 1 "$base/lie/z?size=3000" out >records.txt
expect_eq "$?" 1 "exit status"
[[ ! -e out/z ]] || fail "a short file under the final name"
[[ ! -s records.txt ]] || fail "a record for a failed download"
echo ok
