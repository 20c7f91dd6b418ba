# A sparse 1 GiB file (all zeros, few blocks on disk) hashes to md5sum's digest.
. "$E2E_SUPPORT"
need sqlite3
db=$XDG_DATA_HOME/hasher/catalog.db
truncate -s 1G sparse
timeout 50 "$HASHER" hash -q -a md5 sparse >out
expect_eq "$?" 0 "exit status"
expect_eq "$(cat out)" "$(md5sum sparse)" "record"
expect_eq "$(sql "$db" "select file_size, lower(hex(md5)) from hashes")" \
  "1073741824|$(cut -d' ' -f1 out)" "catalog row"
echo ok
