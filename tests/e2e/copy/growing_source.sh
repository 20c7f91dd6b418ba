# A source that keeps growing while it is copied (a writer appends 1 KiB
# every 2 ms to a 12 MiB file, read side by side with the default digests)
# is tried again, then reported as changed: exit 1, named on stderr, nothing
# under its name and no temp left; the other file is copied.
. "$E2E_SUPPORT"
mkdir t
head -c 12M /dev/urandom >t/grow
printf 'keep' >t/keep
start_appender t/grow
timeout 60 "$HASHER" copy -q --no-db t out >out.txt 2>err
status=$?
kill "$APPENDER_PID"
expect_eq "$status" 1 "exit status ($(cat err))"
grep -q '^hasher: error: .*grow: .*changed' err ||
  fail "no error line saying grow changed: $(cat err)"
[[ ! -e out/t/grow ]] || fail "out/t/grow exists"
expect_eq "$(cat out/t/keep)" "keep" "the other file"
expect_eq "$(ls -A out/t)" "keep" "files left in out/t"
echo ok
