# A slow download killed with -9 resumes from its .part with a Range
# request; the final file is whole and its digest is the content's.
. "$E2E_SUPPORT"
start_fault_server
url="$BASE/trickle/t?size=40000&rate=2000"
"$HASHER" download --no-db -q -a sha256 -f gnu --flat "$url" out >/dev/null 2>&1 &
pid=$!
wait_until 10 test -s out/t.part || fail "no .part appeared"
sleep 0.5
kill -9 $pid
wait $pid 2>/dev/null
[[ ! -e out/t ]] || fail "a final file after kill -9"
dl --flat "$url" out >records.txt || fail "resumed download failed"
grep -q 'range=bytes=[1-9][0-9]*- if-range="' requests.log || fail "no Range request: $(cat requests.log)"
expect_eq "$(got out/t)" "$(want t 40000)" "file"
expect_eq "$(cut -d' ' -f1 records.txt)" "$(want t 40000)" "record digest covers the whole file"
echo ok
