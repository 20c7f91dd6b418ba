# A file name that is not UTF-8 (Latin-1 "café") is hashed: the gnu line
# carries the raw bytes as md5sum prints them, jsonl escapes the byte as
# \udce9 (as Python's surrogateescape), and the catalog row holds the bytes.
. "$E2E_SUPPORT"
need sqlite3
db=$XDG_DATA_HOME/hasher/catalog.db
mkdir n
name=$(printf 'caf\351')
printf 'abc' >"n/$name"
timeout 20 "$HASHER" hash -q -a md5 -f gnu n >gnu.out
expect_eq "$?" 0 "exit status"
expect_eq "$(cat gnu.out)" "$(md5sum "n/$name")" "gnu line"
timeout 20 "$HASHER" hash -q -a md5 -f jsonl n | sed 's/"mtime":"[^"]*",//'
expected_hex=$(printf '%s' "$(pwd -P)/n/$name" | od -An -tx1 | tr -d ' \n' | tr a-f A-F)
expect_eq "$(sql "$db" "select hex(file_path), lower(hex(md5)) from hashes")" \
  "$expected_hex|900150983cd24fb0d6963f7d28e17f72" "catalog row"
