# A file listed by the walk and deleted before it is read is a failure
# (exit 1, named on stderr, a row in the failures table, none in hashes);
# the run goes on. With -j1 and md2 (~10-20 MB/s) the first, 40 MB file keeps
# the reader busy; the progress line shows the walk's total ("/3 files") before
# the second file is deleted.
. "$E2E_SUPPORT"
need sqlite3
db=$XDG_DATA_HOME/hasher/catalog.db
mkdir t
truncate -s 40M t/a_big
printf 'gone' >t/b_gone
printf 'stay' >t/c_stay
"$HASHER" hash --progress -j1 -a md2 t >out 2>err &
pid=$!
trap 'kill -9 $pid 2>/dev/null' EXIT
listed() { grep -qs '/3 files' err; }
wait_until 20 listed || fail "no progress line with the walk's total: $(cat err)"
rm t/b_gone
wait_pid "$pid" 60
status=$?
grep -q 't/b_gone$' out && fail "t/b_gone was hashed before it was deleted (md2 faster than expected?)"
# Drop the progress line (carriage returns, erase-line sequences) from stderr.
errors=$(tr '\r' '\n' <err | sed 's/^\x1b\[K//' | grep '^hasher: ')
grep -q '^hasher: error: t/b_gone: ' <<<"$errors" ||
  fail "no error line for the deleted file (exit $status): $errors"
expect_eq "$status" 1 "exit status"
expect_eq "$(awk '{print $2}' out | paste -sd' ')" "t/a_big t/c_stay" "records"
expect_eq "$(sql "$db" "select count(*) from hashes")" 2 "catalog rows"
expect_eq "$(sql "$db" "select count(*) from hashes where file_path like '%/b_gone'")" 0 \
  "catalog rows of the deleted file"
expect_eq "$(sql "$db" "select count(*) from failures where file_path like '%b_gone'")" 1 \
  "failures rows of the deleted file"
expect_eq "$(sql "$db" "select state, files, errors from runs")" "complete|2|1" "runs row"
echo ok
