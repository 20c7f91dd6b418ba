# The connection closes mid-body: the retry asks for the rest with Range
# and the digest still covers the whole file.
. "$E2E_SUPPORT"
start_fault_server
dl --flat "$BASE/cut/c?size=50000&at=20000" out >records.txt || fail "download failed"
expect_eq "$(got out/c)" "$(want c 50000)" "file"
expect_eq "$(cut -d' ' -f1 records.txt)" "$(want c 50000)" "record digest"
grep -q 'range=bytes=20000- if-range="' requests.log || fail "no Range request: $(cat requests.log)"
[[ ! -e out/c.part && ! -e out/c.part.meta ]] || fail "part files left"
echo ok
