# Another process holds the catalog's write lock for two seconds: the run
# waits for it (SQLite's busy handler retries with growing sleeps) instead of
# failing, then records every file.
. "$E2E_SUPPORT"
need sqlite3
db=$PWD/catalog.db
mkdir t
for i in 1 2 3 4 5; do echo "$i" >"t/f$i"; done
"$HASHER" hash -q -a md5 --db "$db" t >/dev/null || fail "first run"
python3 - "$db" <<'PY' &
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN EXCLUSIVE")
open("locked", "w").close()
time.sleep(2)
con.execute("COMMIT")
PY
holder=$!
wait_until 10 test -e locked || fail "the lock holder never started"
start=$(date +%s%N)
echo 6 >t/f6
timeout 60 "$HASHER" hash -q -a md5 --db "$db" t >out 2>err
status=$?
waited_ms=$((($(date +%s%N) - start) / 1000000))
wait "$holder"
expect_eq "$status" 0 "exit status while the catalog was busy ($(cat err))"
((waited_ms >= 1000)) || fail "the run did not wait for the lock (${waited_ms} ms)"
expect_eq "$(wc -l <out)" 6 "records"
expect_eq "$(sql "$db" "select count(*) from hashes")" 6 "catalog rows"
expect_eq "$(sql "$db" "select state from runs order by id desc limit 1")" complete "run state"
echo ok
