# As nobody, a catalog in a directory nobody may not write, or an existing
# catalog file nobody may not write, is fatal: exit 3, one line on stderr
# naming the path, no records, the catalog not created.
. "$E2E_SUPPORT"
as_nobody
mkdir ro
printf 'abc' >a
timeout 20 "${NOBODY[@]}" "$HASHER" hash -a md5 --db ro/catalog.db a >out 2>err
expect_eq "$?" 3 "exit status (new catalog)"
expect_eq "$(wc -l <err)" 1 "stderr lines (new catalog): $(cat err)"
grep -q '^hasher: error: ro/catalog\.db: ' err ||
  fail "the message does not name ro/catalog.db: $(cat err)"
[[ ! -s out ]] || fail "records printed: $(cat out)"
[[ ! -e ro/catalog.db ]] || fail "ro/catalog.db created"

"$HASHER" hash -q -a md5 --db ro/existing.db a >/dev/null || fail "root cannot make a catalog"
cp ro/existing.db before.db
timeout 20 "${NOBODY[@]}" "$HASHER" hash -a md5 --db ro/existing.db a >out 2>err
expect_eq "$?" 3 "exit status (read-only catalog file)"
expect_eq "$(wc -l <err)" 1 "stderr lines (read-only catalog file): $(cat err)"
grep -q '^hasher: error: ro/existing\.db: ' err ||
  fail "the message does not name ro/existing.db: $(cat err)"
cmp -s before.db ro/existing.db || fail "ro/existing.db changed"
echo ok
