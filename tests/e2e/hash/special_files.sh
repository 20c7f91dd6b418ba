# A FIFO and a socket inside a tree, and named on the command line, are
# skipped without being opened (opening the FIFO would block): exit 0, the
# regular file hashed, both counted as skipped in the summary.
. "$E2E_SUPPORT"
mkdir t
printf 'abc' >t/a
mkfifo t/fifo
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' t/sock ||
  fail "cannot make a socket"
timeout 20 "$HASHER" hash --no-db -a md5 t
echo "exit $?"
timeout 20 "$HASHER" hash --no-db -a md5 -L t/fifo t/sock t/a
echo "exit $?"
