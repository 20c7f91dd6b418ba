# Content-Length larger than the body, every time: an error, exit 1, and
# nothing under the final name.
. "$E2E_SUPPORT"
start_fault_server
dl --flat --retries 1 "$BASE/lie/z?size=3000" out >records.txt
expect_eq "$?" 1 "exit status"
[[ ! -e out/z ]] || fail "a short file under the final name"
[[ ! -s records.txt ]] || fail "a record for a failed download"
echo ok
