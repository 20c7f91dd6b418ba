# A .part from an earlier run, but the server ignores Range: the download
# starts over and the file is right (no doubled bytes).
. "$E2E_SUPPORT"
start_fault_server
mkdir out
head -c 3000 /dev/zero >out/n.part
printf '%s\n\n' "$BASE/norange/n?size=8000" >out/n.part.meta
dl --flat "$BASE/norange/n?size=8000" out >records.txt || fail "download failed"
grep -q 'range=bytes=3000-' requests.log || fail "no Range request"
expect_eq "$(got out/n)" "$(want n 8000)" "file"
expect_eq "$(cut -d' ' -f1 records.txt)" "$(want n 8000)" "record digest"
echo ok
