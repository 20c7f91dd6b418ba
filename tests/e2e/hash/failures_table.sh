# Each failed file gets a row in the catalog's failures table with the run's
# id, the reason, and the path stored absolute like every catalog path.
. "$E2E_SUPPORT"
need sqlite3
db=$XDG_DATA_HOME/hasher/catalog.db
mkdir sub
printf 'abc' >sub/a
timeout 20 "$HASHER" hash -q -a md5 sub/a sub/missing >/dev/null
expect_eq "$?" 1 "exit status"
id=$(sql "$db" "select id from runs")
expect_eq "$(sql "$db" "select run_id, file_path, reason from failures")" \
  "$id|$(pwd -P)/sub/missing|No such file or directory" "failures row"
echo ok
