# `hasher dupes` after `hasher hash` lists the groups of identical files in
# text: largest waste first, a header per group, paths absolute (a newline
# escaped the coreutils way), a blank line between groups; unique and empty
# files are left out; the summary goes to stderr.
. "$E2E_SUPPORT"
mkdir -p tree/sub
printf 'hello world\n' >tree/a
cp tree/a tree/sub/a2
cp tree/a "tree/new
line"
printf 'xyz' >tree/c
cp tree/c tree/d
printf 'unique' >tree/u
: >tree/empty1
: >tree/empty2
timeout 20 "$HASHER" hash -q tree >/dev/null || fail "hash failed"
here=$(pwd -P)
timeout 20 "$HASHER" dupes tree | sed "s|$here/|./|g"
echo "exit ${PIPESTATUS[0]}"
