# A redirect loop ends after --max-redirects with a clear error and no file.
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
dl --flat --max-redirects 3 "$base/loop/l" out >records.txt
expect_eq "$?" 1 "exit status"
[[ -z $(find out -type f) ]] || fail "files left: $(find out -type f)"
dl --flat "$base/redirect/x?to=/file/target%3Fsize=10" out2 >/dev/null || fail "redirect failed"
echo ok
