# As nobody: an unreadable file and an unreadable directory inside a tree are
# failures (exit 1, each named on stderr in one line, listed by
# --failed-list); the run goes on and hashes the readable files.
. "$E2E_SUPPORT"
as_nobody
mkdir -p t/closed t/open
printf 'abc' >t/a
printf 'secret' >t/secret
printf 'x' >t/closed/x
printf 'y' >t/open/y
chmod 000 t/secret t/closed
chmod 777 .  # nobody writes the failed list here
timeout 20 "${NOBODY[@]}" "$HASHER" hash --no-db -a md5 --failed-list failed.txt t
echo "exit $?"
cat failed.txt
