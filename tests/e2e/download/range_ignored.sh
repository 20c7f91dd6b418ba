# A .part from an earlier run, but the server ignores Range: the download
# starts over and the file is right (no doubled bytes).
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
head -c 3000 /dev/zero >out/n.part
printf '%s\n\n' "$base/norange/n?size=8000" >out/n.part.meta
dl --flat "$base/norange/n?size=8000" out >records.txt || fail "download failed"
grep -q 'range=bytes=3000-' requests.log || fail "no Range request"
expect_eq "$(got out/n)" "$(want n 8000)" "file"
expect_eq "$(cut -d' ' -f1 records.txt)" "$(want n 8000)" "record digest"
echo ok
