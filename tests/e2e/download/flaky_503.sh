# 503 twice, then 200: retried with backoff, the file is whole.
. "$E2E_SUPPORT"
start_fault_server
dl --flat "$BASE/flaky/f?size=4000" out >records.txt || fail "download failed"
expect_eq "$(got out/f)" "$(want f 4000)" "file"
expect_eq "$(grep -c 'GET /flaky/f' requests.log)" 3 "requests"
echo ok
