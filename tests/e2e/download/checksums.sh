# --checksums FILE (any format verify -c reads), matched by file name.
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
echo "$(want a 50)  a" >SHA256SUMS
echo "0000000000000000000000000000000000000000000000000000000000000000  b" >>SHA256SUMS
dl --flat --checksums SHA256SUMS "$base/file/a?size=50" "$base/file/b?size=50" out 2>err.txt >records.txt
expect_eq "$?" 1 "exit status"
test -f out/a || fail "matching file missing"
[[ ! -e out/b ]] || fail "mismatching file left"
grep -q 'out/b: digest mismatch (sha256)' err.txt || fail "message: $(cat err.txt)"
echo ok
