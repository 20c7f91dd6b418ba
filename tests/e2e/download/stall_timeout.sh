# A slow trickle (300 B every 0.1 s) keeps making progress, so --timeout 2
# (seconds without progress) does not cut it and the file is whole.
. "$E2E_SUPPORT"
start_fault_server
dl --flat --timeout 2 "$BASE/trickle/s?size=3000&rate=300" out >/dev/null || fail "trickle failed"
expect_eq "$(got out/s)" "$(want s 3000)" "file"
echo ok
