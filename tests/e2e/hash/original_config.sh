# The original tool's config.toml works unchanged with --config: crc32, md5
# and sha1 are computed, the catalog goes to its db_string (relative
# sqlite://test.db, here in the working directory), table hashes; no warning,
# and the default catalog is not touched. The original's -c works as well.
. "$E2E_SUPPORT"
need sqlite3
cat >config.toml <<'TOML'
[database]
db_string = "sqlite://test.db"
table_name = "hashes"

[hashes]
crc32 = true
md2 = false
md4 = false
md5 = true
sha1 = true
sha256 = false
TOML
printf 'test data' >t.txt
timeout 20 "$HASHER" hash --config config.toml t.txt
echo "exit $?"
[[ ! -e $XDG_DATA_HOME/hasher/catalog.db ]] || fail "the default catalog was written"
sqlite3 test.db "select name from pragma_table_info('hashes') where type = 'BLOB' order by name"
sqlite3 test.db "select substr(file_path, -6), file_size, lower(hex(crc32)), lower(hex(md5)), lower(hex(sha1)) from hashes"
expect_eq "$(sqlite3 test.db "select file_path from hashes")" "$(pwd -P)/t.txt" "catalog path"
# The original's short option.
timeout 20 "$HASHER" hash -q -c config.toml t.txt
echo "exit $?"
expect_eq "$(sqlite3 test.db "select count(*) from hashes")" 1 "catalog rows after -c"
