# While a run over top/root is going, a run over the same root, a directory
# or file inside it, or the directory above it exits 3 and names the holder
# (host, pid, start time from the runs table); a sibling directory is free.
# SIGINT stops the first run afterwards (exit 130, state interrupted).
. "$E2E_SUPPORT"
need sqlite3
db=$XDG_DATA_HOME/hasher/catalog.db
mkdir -p top/root/inner top/sibling
# md2 runs at ~10-20 MB/s: 300 MB keep the first run busy for well over 10 s.
truncate -s 300M top/root/big
echo inner >top/root/inner/file
echo sibling >top/sibling/file
top=$(pwd -P)/top

"$HASHER" hash -q -a md2 top/root >first.out 2>first.err &
first=$!
trap 'kill -9 $first 2>/dev/null' EXIT
running() { [[ $(sql "$db" "select state from runs" 2>/dev/null) == running ]]; }
wait_until 20 running || fail "first run never shown as running: $(cat first.err)"
expect_eq "$(sql "$db" "select id, root, host, pid from runs")" \
  "1|$top/root|$(hostname)|$first" "runs row of the first run"
since=$(sql "$db" "select started_at from runs where id = 1")

refused() { # path given, its absolute form
  local status
  timeout 20 "$HASHER" hash -a md5 "$1" >second.out 2>second.err
  status=$?
  expect_eq "$status" 3 "exit status of a run over $1"
  expect_eq "$(cat second.err)" \
    "hasher: error: $2: locked by run 1 (host $(hostname), pid $first, since $since)" \
    "stderr of a run over $1"
  [[ ! -s second.out ]] || fail "records printed by the refused run over $1"
}
refused top/root "$top/root"
refused top/root/inner "$top/root/inner"
refused top/root/inner/file "$top/root/inner/file"
refused top "$top"
refused "$top/root/../root" "$top/root"

timeout 20 "$HASHER" hash -q -a md5 top/sibling >sibling.out 2>sibling.err
expect_eq "$?" 0 "exit status of a run over a sibling ($(cat sibling.err))"
expect_eq "$(cat sibling.out)" "$(md5sum top/sibling/file)" "sibling record"

kill -0 "$first" 2>/dev/null || fail "the first run ended before the checks did"
kill -INT "$first"
wait_pid "$first" 20
expect_eq "$?" 130 "exit status of the first run after SIGINT (124: still running 20 s later)"
expect_eq "$(sql "$db" "select state from runs where id = 1")" interrupted \
  "state of the first run"
echo ok
