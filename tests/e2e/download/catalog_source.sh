# The catalog records each file with its URL, size and digests.
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
need sqlite3
db=$PWD/cat.db
timeout 60 "$HASHER" download -q --db "$db" --flat "$base/file/s?size=1234" out >/dev/null || fail "download failed"
expect_eq "$(sql "$db" "select source, file_size, lower(hex(sha256)) from hashes")" \
  "$base/file/s?size=1234|1234|$(want s 1234)" "catalog row"
expect_eq "$(sql "$db" "select file_path from hashes")" "$PWD/out/s" "path"
echo ok
