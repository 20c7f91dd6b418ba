# `..` in URLs (plain and encoded) and in Content-Disposition never leave
# DEST.
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
mkdir dest
dl "$base/file/../../../escape1?size=5" "$base/file/%2e%2e/%2E%2E/escape2?size=5" \
  "$base/disposition/d?size=5&name=../../escape3" \
  "$base/disposition/e?size=5&name=%2Fetc%2Fescape4" dest/in >records.txt || fail "download failed"
[[ -z $(find . -name 'escape*' -not -path './dest/in/*') ]] || fail "escaped: $(find . -name 'escape*')"
port=$(cat port)
test -f dest/in/127.0.0.1_$port/file/escape1 || fail "escape1 not in DEST: $(find dest)"
test -f dest/in/127.0.0.1_$port/disposition/escape3 || fail "escape3: $(find dest)"
test -f dest/in/127.0.0.1_$port/disposition/escape4 || fail "escape4: $(find dest)"
echo ok
