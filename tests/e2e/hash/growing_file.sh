# A file that grows while it is read (a writer appends 1 KiB every 2 ms, md2
# needs ~0.1 s per MiB) is retried, then reported as changed: exit 1, named on
# stderr, not recorded in the catalog; the other file is.
. "$E2E_SUPPORT"
need sqlite3
db=$XDG_DATA_HOME/hasher/catalog.db
mkdir t
head -c 2M /dev/zero >t/grow
printf 'keep' >t/keep
start_appender t/grow
timeout 60 "$HASHER" hash -j1 -a md2 t >out 2>err
status=$?
kill "$APPENDER_PID"
expect_eq "$status" 1 "exit status ($(cat err))"
grep -q '^hasher: error: t/grow: .*changed' err ||
  fail "no error line saying t/grow changed: $(cat err)"
expect_eq "$(awk '{print $2}' out)" "t/keep" "records"
expect_eq "$(sql "$db" "select file_path from hashes")" "$(pwd -P)/t/keep" \
  "catalog rows"
expect_eq "$(sql "$db" "select count(*) from failures where file_path like '%grow'")" 1 \
  "failures rows of the growing file"
echo ok
