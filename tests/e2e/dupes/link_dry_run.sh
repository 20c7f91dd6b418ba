# --link hard --dry-run prints what it would link (the oldest file kept)
# and changes nothing: inodes and link counts stay.
. "$E2E_SUPPORT"
mkdir -p tree/sub
printf 'same bytes\n' >tree/a
cp tree/a tree/b
cp tree/a tree/sub/c
touch -d 2020-01-01 tree/b
timeout 20 "$HASHER" hash -q tree >/dev/null || fail "hash failed"
before=$(stat -c '%i %h %n' tree/a tree/b tree/sub/c)
here=$(pwd -P)
timeout 20 "$HASHER" dupes --link hard --dry-run tree | sed "s|$here/|./|g"
echo "exit ${PIPESTATUS[0]}"
expect_eq "$(stat -c '%i %h %n' tree/a tree/b tree/sub/c)" "$before" "inodes after --dry-run"
timeout 20 "$HASHER" dupes -q -f jsonl --link hard --dry-run tree | sed "s|$here/|./|g"
expect_eq "$(stat -c '%i %h %n' tree/a tree/b tree/sub/c)" "$before" "inodes after --dry-run"
