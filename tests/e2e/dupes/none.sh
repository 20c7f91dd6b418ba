# No duplicates: nothing on stdout, a summary of none, exit 0; also with
# --link hard.
. "$E2E_SUPPORT"
mkdir tree
printf 'one' >tree/a
printf 'two' >tree/b
timeout 20 "$HASHER" hash -q tree >/dev/null || fail "hash failed"
timeout 20 "$HASHER" dupes tree
echo "exit $?"
timeout 20 "$HASHER" dupes --link hard tree
echo "exit $?"
