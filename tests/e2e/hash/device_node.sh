# A character device inside a tree (a copy of /dev/zero: reading it would
# never end) is skipped without being opened: exit 0, counted as skipped.
. "$E2E_SUPPORT"
[[ $(id -u) == 0 ]] || { echo "needs root for mknod" >&2; exit 77; }
mkdir t
printf 'abc' >t/a
mknod t/zero c 1 5 2>/dev/null || { echo "mknod not permitted here" >&2; exit 77; }
timeout 20 "$HASHER" hash --no-db -a md5 t
echo "exit $?"
timeout 20 "$HASHER" hash --no-db -a md5 t/zero
echo "exit $?"
