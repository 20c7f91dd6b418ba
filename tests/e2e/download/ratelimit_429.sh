# 429 with Retry-After: 1: the retry waits at least that second.
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
start=$(date +%s%N)
dl --flat "$base/ratelimit/r?size=4000" out >records.txt || fail "download failed"
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
((elapsed_ms >= 1000)) || fail "retried after $elapsed_ms ms, before Retry-After"
expect_eq "$(got out/r)" "$(want r 4000)" "file"
echo ok
