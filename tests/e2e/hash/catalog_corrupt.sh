# A catalog file of random bytes (given with --db, or at the default place)
# is fatal: exit 3, one line on stderr naming the file, no records, and the
# file is left byte for byte as it was.
. "$E2E_SUPPORT"
printf 'abc' >a
python3 -c 'import random, sys; sys.stdout.buffer.write(random.Random(7).randbytes(65536))' >bad.db
cp bad.db bad.orig
timeout 20 "$HASHER" hash -a md5 --db bad.db a >out 2>err
expect_eq "$?" 3 "exit status"
expect_eq "$(wc -l <err)" 1 "stderr lines: $(cat err)"
grep -q '^hasher: error: bad\.db: ' err || fail "the message does not name bad.db: $(cat err)"
[[ ! -s out ]] || fail "records printed: $(cat out)"
cmp bad.orig bad.db || fail "bad.db changed"

default=$XDG_DATA_HOME/hasher/catalog.db
mkdir -p "${default%/*}"
cp bad.orig "$default"
timeout 20 "$HASHER" hash -a md5 a >out 2>err
expect_eq "$?" 3 "exit status (default catalog)"
expect_eq "$(wc -l <err)" 1 "stderr lines (default catalog): $(cat err)"
grep -qF "hasher: error: $default: " err ||
  fail "the message does not name $default: $(cat err)"
cmp bad.orig "$default" || fail "the default catalog changed"
echo ok
