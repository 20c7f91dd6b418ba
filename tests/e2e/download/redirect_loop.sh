# A redirect loop ends after --max-redirects with a clear error and no file.
. "$E2E_SUPPORT"
start_fault_server
dl --flat --max-redirects 3 "$BASE/loop/l" out >records.txt
expect_eq "$?" 1 "exit status"
[[ -z $(find out -type f) ]] || fail "files left: $(find out -type f)"
dl --flat "$BASE/redirect/x?to=/file/target%3Fsize=10" out2 >/dev/null || fail "redirect failed"
echo ok
