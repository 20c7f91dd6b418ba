# The catalog records each file with its URL, size and digests.
. "$E2E_SUPPORT"
start_fault_server
need sqlite3
db=$PWD/cat.db
timeout 60 "$HASHER" download -q --db "$db" --flat "$BASE/file/s?size=1234" out >/dev/null || fail "download failed"
expect_eq "$(sql "$db" "select source, file_size, lower(hex(sha256)) from hashes")" \
  "$BASE/file/s?size=1234|1234|$(want s 1234)" "catalog row"
expect_eq "$(sql "$db" "select file_path from hashes")" "$PWD/out/s" "path"
# A big file is hashed as it comes, half of its digests on a helper thread
# that takes the pieces: the size recorded is still all of them.
timeout 60 "$HASHER" download -q --db "$db" --flat "$BASE/file/b?size=9000001" out >/dev/null || fail "big download failed"
expect_eq "$(sql "$db" "select file_size, lower(hex(sha256)) from hashes where file_path = '$PWD/out/b'")" \
  "9000001|$(want b 9000001)" "big file's row"
echo ok
