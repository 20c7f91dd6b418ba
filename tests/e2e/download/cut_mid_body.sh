# The connection closes mid-body: the retry asks for the rest with Range
# and the digest still covers the whole file.
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
dl --flat "$base/cut/c?size=50000&at=20000" out >records.txt || fail "download failed"
expect_eq "$(got out/c)" "$(want c 50000)" "file"
expect_eq "$(cut -d' ' -f1 records.txt)" "$(want c 50000)" "record digest"
grep -q 'range=bytes=20000- if-range="' requests.log || fail "no Range request: $(cat requests.log)"
[[ ! -e out/c.part && ! -e out/c.part.meta ]] || fail "part files left"
echo ok
