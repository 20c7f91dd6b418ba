# With -L, symbolic link loops (a link to an ancestor, two links to each
# other) and a dangling link are warned about and skipped; the run ends
# (no endless walk), exit 0, the regular file hashed once.
. "$E2E_SUPPORT"
mkdir -p l/sub
printf 'abc' >l/a
ln -s .. l/sub/up
ln -s loop2 l/loop1
ln -s loop1 l/loop2
ln -s nowhere l/dangling
timeout 20 "$HASHER" hash --no-db -a md5 -L l
echo "exit $?"
