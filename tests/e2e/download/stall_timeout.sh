# A slow trickle (300 B every 0.1 s) keeps making progress, so --timeout 2
# (seconds without progress) does not cut it and the file is whole.
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
dl --flat --timeout 2 "$base/trickle/s?size=3000&rate=300" out >/dev/null || fail "trickle failed"
expect_eq "$(got out/s)" "$(want s 3000)" "file"
echo ok
