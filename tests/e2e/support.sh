# Helpers for end-to-end cases: `. "$E2E_SUPPORT"`.

# fail MESSAGE: print to stderr and exit 1.
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# expect_eq ACTUAL EXPECTED WHAT
expect_eq() {
  [[ "$1" == "$2" ]] || fail "$3: expected '$2', got '$1'"
}

# need TOOL: skip the case (exit 77) when a peer tool is missing.
need() {
  command -v "$1" >/dev/null 2>&1 || { echo "needs $1" >&2; exit 77; }
}

# show_run LABEL ARGS...: runs "$HASHER" ARGS... and prints "== LABEL: exit
# N", its stdout, then its stderr with each line prefixed "stderr: ", for
# cases compared against their .stdout.
show_run() {
  local label=$1
  shift
  "$HASHER" "$@" >out 2>err
  echo "== $label: exit $?"
  cat out
  sed 's/^/stderr: /' err
}

# peak_rss_kb COMMAND...: runs it, prints its peak resident set in KiB.
peak_rss_kb() {
  /usr/bin/time -f '%M' -o rss.txt "$@" >/dev/null 2>&1
  cat rss.txt
}

# make_tree DIR N: N files of 1–8 KiB of pseudo-random bytes spread over 100
# directories DIR/d000..d099, the same bytes on every call (fixed seed).
make_tree() {
  python3 - "$1" "$2" <<'PY'
import os, random, sys
root, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(20240101)
for d in range(100):
    os.makedirs(f"{root}/d{d:03d}", exist_ok=True)
for i in range(count):
    with open(f"{root}/d{i % 100:03d}/f{i:05d}", "wb") as f:
        f.write(rng.randbytes(rng.randint(1024, 8192)))
PY
}

# sql DB QUERY: prints the result of an SQLite query, '|' between columns.
sql() {
  sqlite3 -batch "$1" "$2"
}

# wait_until SECONDS COMMAND...: polls COMMAND every 50 ms; returns 1 if it
# has not succeeded within SECONDS.
wait_until() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.05
  done
}

# as_nobody: sets the array NOBODY to the prefix that runs a command as the
# user nobody (root reads anything, so mode bits only count for nobody) and
# makes the scratch directory reachable for it. Skips the case if not root.
as_nobody() {
  [[ $(id -u) == 0 ]] || { echo "needs root to switch to nobody" >&2; exit 77; }
  need setpriv
  chmod 755 .. .
  NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups)
}

# jsonl_paths FILE: the file_path of each record of jsonl output.
jsonl_paths() {
  sed -n 's/^{"file_path":"\([^"]*\)".*/\1/p' "$1"
}

# start_appender FILE: appends 1 KiB to FILE every 2 ms in the background
# (a file growing while it is read) until `kill "$APPENDER_PID"` or the end
# of the case; returns once FILE has grown by 8 KiB (fails the case if it
# does not within 10 s).
start_appender() {
  local start
  start=$(stat -c %s "$1")
  python3 -c '
import sys, time
with open(sys.argv[1], "ab") as f:
    while True:
        f.write(b"x" * 1024)
        f.flush()
        time.sleep(0.002)
' "$1" &
  APPENDER_PID=$!
  trap 'kill "$APPENDER_PID" 2>/dev/null' EXIT
  wait_until 10 larger_than "$1" $((start + 8192)) ||
    fail "the writer does not append to $1"
}
larger_than() { (($(stat -c %s "$1") > $2)); }

# interrupt_and_resume SIGNAL EXIT_STATUS STATE: the resume cases (SPEC "Runs,
# locks and resume"). Hashes a 20,000-file tree with a commit every 100 files,
# sends SIGNAL at a random moment between 20% and 80% of a full run's time,
# expects EXIT_STATUS and the runs row in STATE; then runs again and checks
# that the run was resumed, read only the files not yet committed, and left
# every file in the catalog once with md5sum's and sha256sum's digests.
interrupt_and_resume() {
  local signal=$1 want_status=$2 want_state=$3
  need sqlite3
  local n=20000 db=$XDG_DATA_HOME/hasher/catalog.db root
  local cmd=("$HASHER" hash -j2 --batch-size 100 -a md5,sha256 -f jsonl tree)
  make_tree tree "$n"
  root=$(pwd -P)/tree

  # A full run into another catalog gives the time scale.
  local t0 full_ms
  t0=$(date +%s%N)
  "${cmd[@]}" --db full.db >/dev/null 2>full.err || fail "full run: $(cat full.err)"
  full_ms=$((($(date +%s%N) - t0) / 1000000))

  # The signal must land while the run is going: after it has begun its runs
  # row and before it marked the row complete (a run faster than the full
  # one, on a box whose load changes, can end before the signal);
  # otherwise try again with another delay.
  local attempt delay status=0 runs
  HASHER_BG_PID=
  trap '[[ -n $HASHER_BG_PID ]] && kill -9 "$HASHER_BG_PID" 2>/dev/null' EXIT
  for attempt in 1 2 3 4 5 6; do
    rm -rf "$XDG_DATA_HOME/hasher"
    delay=$((full_ms * (20 + RANDOM % 61) / 100))
    "${cmd[@]}" >out1 2>err1 &
    HASHER_BG_PID=$!
    sleep "$((delay / 1000)).$(printf %03d $((delay % 1000)))"
    kill -s "$signal" "$HASHER_BG_PID"
    wait "$HASHER_BG_PID"
    status=$?
    HASHER_BG_PID=
    runs=$(sql "$db" "select count(*) from runs where state != 'complete'" 2>/dev/null)
    echo "attempt $attempt: SIG$signal after $delay of $full_ms ms:" \
      "exit $status, ${runs:-no} unfinished runs rows" >&2
    [[ $status != 0 && $runs == 1 ]] && break
  done
  [[ $status != 0 && $runs == 1 ]] || fail "could not interrupt a run in $attempt attempts"
  expect_eq "$status" "$want_status" "exit status after SIG$signal"
  local id k m
  id=$(sql "$db" "select id from runs")
  expect_eq "$(sql "$db" "select root, state from runs")" "$root|$want_state" \
    "runs row after SIG$signal"
  sql "$db" "select file_path from hashes" | LC_ALL=C sort >committed
  k=$(wc -l <committed)
  m=$((n - k))

  # The second run resumes and reads only what was not committed.
  "${cmd[@]}" >out2 2>err2
  status=$?
  expect_eq "$status" 0 "exit status of the resumed run (stderr: $(cat err2))"
  grep -qxF "hasher: resumed run $id: $k files already done, $m read" err2 ||
    fail "expected 'hasher: resumed run $id: $k files already done, $m read' on stderr, got: $(cat err2)"
  expect_eq "$(wc -l <out2)" "$m" "records printed by the resumed run"
  jsonl_paths out2 | sed "s|^tree/|$root/|" | LC_ALL=C sort >read.paths
  expect_eq "$(LC_ALL=C comm -12 committed read.paths | wc -l)" 0 \
    "files read again although committed"
  expect_eq "$(cat committed read.paths | sort -u | wc -l)" "$n" \
    "files committed before plus files read after"

  # The catalog: every file once, one complete run, correct digests.
  expect_eq "$(sql "$db" "select count(*), count(distinct file_path) from hashes")" \
    "$n|$n" "catalog rows, distinct paths"
  expect_eq "$(sql "$db" "select count(*) from runs")" 1 "runs rows"
  expect_eq "$(sql "$db" "select id, root, state, resumes, files from runs")" \
    "$id|$root|complete|1|$n" "runs row after the resumed run"
  local algo
  for algo in md5 sha256; do
    find "$root" -type f -print0 | xargs -0 "${algo}sum" |
      awk '{print $2 "|" $1}' | LC_ALL=C sort >"$algo.expected"
    sql "$db" "select file_path, lower(hex($algo)) from hashes" |
      LC_ALL=C sort >"$algo.catalog"
    cmp -s "$algo.expected" "$algo.catalog" ||
      fail "$algo in the catalog differs from ${algo}sum: $(diff "$algo.expected" "$algo.catalog" | head -5)"
  done
}

# wait_pid PID SECONDS: waits for the background job PID and returns its exit
# status; after SECONDS it kills it (-9) and returns 124, as timeout does.
wait_pid() {
  local deadline=$((SECONDS + $2))
  while kill -0 "$1" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.05
  done
  kill -0 "$1" 2>/dev/null && { kill -9 "$1"; wait "$1"; return 124; }
  wait "$1"
}

# start_fault_server: starts tests/support/http_fault_server.py on 127.0.0.1
# (port 0, logging requests to requests.log), stops it when the case exits,
# and sets SERVER (the script) and BASE (http://127.0.0.1:PORT). Defines
# want NAME SIZE (sha256 of what the server sends for NAME), got FILE (its
# sha256) and dl ARGS... (a quiet download printing gnu sha256 records).
start_fault_server() {
  SERVER=$(dirname "$E2E_SUPPORT")/../support/http_fault_server.py
  python3 "$SERVER" --log requests.log >port &
  FAULT_SERVER_PID=$!
  trap 'kill $FAULT_SERVER_PID' EXIT
  wait_until 10 test -s port || fail "the test server did not start"
  BASE=http://127.0.0.1:$(cat port)
}
want() { python3 "$SERVER" --content "$1" "$2" want.bin && sha256sum <want.bin | cut -d' ' -f1; }
got() { sha256sum <"$1" | cut -d' ' -f1; }
dl() { timeout 60 "$HASHER" download --no-db -q -a sha256 -f gnu --retries 3 "$@"; }
