# A missing file and an unreadable one fail (exit 1, each named on stderr in
# one line); the good file is still hashed; a FIFO is skipped without hanging.
. "$E2E_SUPPORT"
printf 'abc' > good
printf 'abc' > locked
chmod 000 locked
mkfifo pipe
run=()
if [ "$(id -u)" = 0 ]; then
  # root reads anything: run as nobody so the mode bits count.
  command -v setpriv >/dev/null || { echo "needs setpriv" >&2; exit 77; }
  chmod 755 .. .
  run=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
timeout 20 "${run[@]}" "$HASHER" hash --no-db -a md5 missing good pipe locked
echo "exit $?"
