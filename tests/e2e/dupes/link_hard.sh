# --link hard keeps the oldest file of each group and replaces the others by
# hard links to it (content intact, no temporary names left); a member that
# vanished or became a symlink is skipped with a warning; a second run finds
# everything already linked.
. "$E2E_SUPPORT"
mkdir -p tree/sub
printf 'same bytes\n' >tree/a
cp tree/a tree/b
cp tree/a tree/sub/c
touch -d 2021-01-01 tree/a
touch -d 2020-01-01 tree/b
touch -d 2022-01-01 tree/sub/c
head -c 5000 /dev/zero >tree/x
cp tree/x tree/y
cp tree/x tree/z
cp tree/x tree/w
timeout 20 "$HASHER" hash -q tree >/dev/null || fail "hash failed"
keep=$(stat -c %i tree/b)
rm tree/z
rm tree/w
ln -s x tree/w
here=$(pwd -P)
timeout 20 "$HASHER" dupes --link hard tree 2>err | sed "s|$here/|./|g"
echo "exit ${PIPESTATUS[0]}"
sed "s|$here/|./|g" err >&2
expect_eq "$(stat -c '%i %h' tree/a tree/b tree/sub/c | sort -u)" "$keep 3" "inode and links of a, b, sub/c"
expect_eq "$(stat -c %i tree/x)" "$(stat -c %i tree/y)" "inodes of x and y"
expect_eq "$(stat -c %h tree/x)" 2 "links of x"
expect_eq "$(cat tree/a tree/sub/c)" "same bytes
same bytes" "content after linking"
expect_eq "$(stat -c %y tree/a)" "$(stat -c %y tree/b)" "the kept file's mtime"
expect_eq "$(find tree -name '*hasher-link*' | wc -l)" 0 "temporary names left"
echo "== again"
timeout 20 "$HASHER" dupes --link hard tree >/dev/null 2>err
echo "exit $?"
sed "s|$here/|./|g" err >&2
