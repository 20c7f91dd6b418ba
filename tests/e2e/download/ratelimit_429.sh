# 429 with Retry-After: 1: the retry waits at least that second.
. "$E2E_SUPPORT"
start_fault_server
start=$(date +%s%N)
dl --flat "$BASE/ratelimit/r?size=4000" out >records.txt || fail "download failed"
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
((elapsed_ms >= 1000)) || fail "retried after $elapsed_ms ms, before Retry-After"
expect_eq "$(got out/r)" "$(want r 4000)" "file"
echo ok
