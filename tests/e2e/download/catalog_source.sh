# The catalog records each file with its URL, size and digests.
. "$E2E_SUPPORT"
start_fault_server
need sqlite3
db=$PWD/cat.db
timeout 60 "$HASHER" download -q --db "$db" --flat "$BASE/file/s?size=1234" out >/dev/null || fail "download failed"
expect_eq "$(sql "$db" "select source, file_size, lower(hex(sha256)) from hashes")" \
  "$BASE/file/s?size=1234|1234|$(want s 1234)" "catalog row"
expect_eq "$(sql "$db" "select file_path from hashes")" "$PWD/out/s" "path"
echo ok
