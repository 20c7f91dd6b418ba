# An interrupted verify of 20,000 files resumes like a hash run: SIGINT at a
# random moment gives exit 130 and state interrupted; the next verify reads
# only the files the first had not recorded, and every row ends verified.
. "$E2E_SUPPORT"
need sqlite3
n=20000 db=$XDG_DATA_HOME/hasher/catalog.db
make_tree tree "$n"
"$HASHER" hash -q -a md5,sha256 tree >/dev/null || fail "hash run"
cmd=("$HASHER" verify -j2 --batch-size 100 tree)
t0=$(date +%s%N)
"${cmd[@]}" --restart >/dev/null 2>full.err || fail "full verify: $(cat full.err)"
full_ms=$((($(date +%s%N) - t0) / 1000000))
sql "$db" "update hashes set verified_at = NULL, verify_result = NULL, verify_run_id = NULL"
sql "$db" "delete from runs where command = 'verify'"

status=0
for attempt in 1 2 3 4 5 6; do
  delay=$((full_ms * (20 + RANDOM % 61) / 100))
  "${cmd[@]}" >out1 2>err1 &
  pid=$!
  sleep "$((delay / 1000)).$(printf %03d $((delay % 1000)))"
  kill -INT "$pid"
  wait "$pid"
  status=$?
  done1=$(sql "$db" "select count(*) from hashes where verify_result is not null")
  echo "attempt $attempt: SIGINT after $delay of $full_ms ms: exit $status, $done1 recorded" >&2
  [[ $status == 130 && $done1 -gt 0 && $done1 -lt $n ]] && break
  sql "$db" "update hashes set verified_at = NULL, verify_result = NULL, verify_run_id = NULL"
  sql "$db" "delete from runs where command = 'verify'"
done
expect_eq "$status" 130 "exit status after SIGINT"
id=$(sql "$db" "select id from runs where command = 'verify'")
expect_eq "$(sql "$db" "select state from runs where id = $id")" interrupted "state"
k=$(sql "$db" "select count(*) from hashes where verify_run_id = $id")
"${cmd[@]}" >out2 2>err2
expect_eq "$?" 0 "exit status of the resumed verify ($(cat err2))"
grep -qxF "hasher: resumed run $id: $k files already done, $((n - k)) read" err2 ||
  fail "resume line missing: $(cat err2)"
expect_eq "$(wc -l <out2)" "$((n - k))" "lines printed by the resumed verify"
expect_eq "$(sql "$db" "select count(*) from hashes where verify_result = 'ok' and verify_run_id = $id")" \
  "$n" "rows verified ok by the run"
expect_eq "$(sql "$db" "select state, resumes from runs where id = $id")" "complete|1" "run row"
echo ok
