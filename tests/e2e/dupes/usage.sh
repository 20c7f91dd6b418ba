# Usage errors exit 2 with one line naming the setting: a link kind other
# than hard, a format other than text or jsonl, --hash-missing without PATH,
# --no-db, a 32-bit checksum as the deciding algorithm, a catalog without
# digests or with only 32-bit ones, -a naming what the catalog lacks.
. "$E2E_SUPPORT"
mkdir tree
printf 'same' >tree/a
cp tree/a tree/b
run() {
  echo "== dupes $*"
  timeout 20 "$HASHER" dupes "$@" tree
  echo "exit $?"
}
run
timeout 20 "$HASHER" hash -q -a crc32 tree >/dev/null || fail "hash failed"
run
run -a crc32
run -a sha512
run --link soft
run -f bsd
run --no-db
echo "== dupes --hash-missing"
timeout 20 "$HASHER" dupes --hash-missing
echo "exit $?"
