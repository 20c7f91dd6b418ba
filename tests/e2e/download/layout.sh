# DEST/host/path by default, DEST/name with --flat; the record names the
# file as DEST was given, and its digest is the content's.
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
port=$(cat port)
dl "$base/file/a/b.txt?size=5000" out >tree.txt || fail "tree download failed"
expect_eq "$(got out/127.0.0.1_$port/file/a/b.txt)" "$(want a/b.txt 5000)" "tree file"
expect_eq "$(cat tree.txt)" "$(want a/b.txt 5000)  out/127.0.0.1_$port/file/a/b.txt" "tree record"
dl --flat "$base/file/a/c.txt?size=7" "$base/file/d/?size=9" flat >flat.txt || fail "flat download failed"
expect_eq "$(got flat/c.txt)" "$(want a/c.txt 7)" "flat file"
expect_eq "$(got flat/index.html)" "$(want d/ 9)" "directory URL"
expect_eq "$(find flat -type f | sort | tr '\n' ' ')" "flat/c.txt flat/index.html " "only final files"
echo ok
