# A run killed with -9 leaves its runs row 'running'; the next run over the
# same root takes the lock over and resumes (exit 0). A 'running' row of this
# host whose pid is dead (4000000 is above any pid_max) does not block, over
# the same root or the directory above; one of another host does (exit 3).
. "$E2E_SUPPORT"
need sqlite3
db=$XDG_DATA_HOME/hasher/catalog.db
here=$(pwd -P)
host=$(hostname)
mkdir -p r dead/r2 dead/up/r3 other/r4
truncate -s 16M r/a_big # md2 needs about a second for it
for i in 1 2 3; do echo "$i" >"r/f$i"; done
echo 2 >dead/r2/f
echo 3 >dead/up/r3/f
echo 4 >other/r4/f

"$HASHER" hash -q -j1 -a md2 r >/dev/null 2>first.err &
pid=$!
trap 'kill -9 $pid 2>/dev/null' EXIT
running() { [[ $(sql "$db" "select state from runs" 2>/dev/null) == running ]]; }
wait_until 20 running || fail "first run never shown as running: $(cat first.err)"
kill -9 "$pid"
wait "$pid"
expect_eq "$?" 137 "exit status after kill -9"
expect_eq "$(sql "$db" "select id, state, pid from runs")" "1|running|$pid" \
  "runs row left by the killed run"

"$HASHER" hash -j1 -a md2 r >second.out 2>second.err &
pid=$!
wait_pid "$pid" 30
expect_eq "$?" 0 "exit status of the run after kill -9 ($(cat second.err))"
grep -q "^hasher: resumed run 1: " second.err ||
  fail "the run after kill -9 did not resume run 1: $(cat second.err)"
expect_eq "$(sql "$db" "select count(*) from runs")" 1 "runs rows"
expect_eq "$(sql "$db" "select state, resumes, pid, files from runs")" \
  "complete|1|$pid|4" "runs row after the takeover"
expect_eq "$(sql "$db" "select count(*) from hashes")" 4 "catalog rows"

# Rows of dead holders, written as a crashed run on this host would leave them.
sql "$db" "insert into runs (root, command, algorithms, host, pid, started_at, state)
  values ('$here/dead/r2', 'hash', 'md5', '$host', 4000000, '2024-01-01T00:00:00Z', 'running'),
         ('$here/dead/up', 'hash', 'sha1', '$host', 4000000, '2024-01-01T00:00:00Z', 'running'),
         ('$here/other', 'hash', 'md5', 'elsewhere.invalid', 4000000, '2024-01-01T00:00:00Z', 'running')"
timeout 20 "$HASHER" hash -q -a md5 dead/r2 >r2.out 2>r2.err
expect_eq "$?" 0 "exit status over the root of a dead holder ($(cat r2.err))"
expect_eq "$(cat r2.out)" "$(md5sum dead/r2/f)" "record over the root of a dead holder"
timeout 20 "$HASHER" hash -q -a md5 dead/up/r3 >r3.out 2>r3.err
expect_eq "$?" 0 "exit status under the root of a dead holder ($(cat r3.err))"
expect_eq "$(cat r3.out)" "$(md5sum dead/up/r3/f)" "record under the root of a dead holder"
expect_eq "$(sql "$db" "select count(*) from runs where state = 'running'")" 1 \
  "running rows left (the other host's)"
timeout 20 "$HASHER" hash -q -a md5 other/r4 >r4.out 2>r4.err
expect_eq "$?" 3 "exit status under the root of another host's run"
id=$(sql "$db" "select id from runs where host = 'elsewhere.invalid'")
expect_eq "$(cat r4.err)" \
  "hasher: error: $here/other/r4: locked by run $id (host elsewhere.invalid, pid 4000000, since 2024-01-01T00:00:00Z)" \
  "stderr under the root of another host's run"
echo ok
