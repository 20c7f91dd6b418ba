# --expect: a match stays; a mismatch is reported, exit 1, and no file.
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
good=$(want g 100)
dl --flat --expect "sha256=$good" "$base/file/g?size=100" out >records.txt || fail "matching download failed"
test -f out/g || fail "matching file missing"
dl --flat --expect "md5=00112233445566778899aabbccddeeff" "$base/file/h?size=100" out 2>err.txt >records.txt
expect_eq "$?" 1 "exit status"
grep -q 'digest mismatch (md5)' err.txt || fail "no mismatch message: $(cat err.txt)"
[[ ! -e out/h && ! -e out/h.part ]] || fail "mismatching file left"
echo ok
