# Ctrl-C while a slow transfer runs: exit 130, the file already done is
# named and recorded, the slow one keeps its .part and record (no final
# file), and the next run resumes it with a Range request.
. "$E2E_SUPPORT"
start_fault_server
slow="$BASE/trickle/t?size=40000&rate=2000"
"$HASHER" download --no-db -q -a sha256 -f gnu --flat "$BASE/file/q?size=100" "$slow" out >records.txt 2>err.txt &
pid=$!
# The record comes with the second piece written (a .part of one piece is
# fetched again, not resumed).
has_record() {
  [[ -e $1.meta ]] || python3 -c 'import os, sys; os.getxattr(sys.argv[1], "user.hasher.resume")' "$1" 2>/dev/null
}
wait_until 10 has_record out/t.part || fail "no .part with a resume record appeared"
kill -INT $pid
wait $pid
expect_eq "$?" 130 "exit status"
expect_eq "$(cat records.txt)" "$(want q 100)  out/q" "record of the finished file"
[[ ! -e out/t ]] || fail "a final file for the interrupted download"
[[ -s out/t.part ]] || fail "the .part is gone"
dl --flat "$slow" out >resumed.txt || fail "resumed download failed"
grep -q 'range=bytes=[1-9][0-9]*- ' requests.log || fail "no Range request: $(cat requests.log)"
expect_eq "$(got out/t)" "$(want t 40000)" "file"
expect_eq "$(cut -d' ' -f1 resumed.txt)" "$(want t 40000)" "record digest covers the whole file"
echo ok
