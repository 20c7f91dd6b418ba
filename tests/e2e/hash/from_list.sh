# --failed-list writes the failures (odd names too), --from-list reads them
# back: once they are readable, a run over the list hashes exactly them.
. "$E2E_SUPPORT"
as_nobody
mkdir -p t
printf 'ok' >t/fine
printf 'one' >t/locked
printf 'two' >"t/back\\slash"
printf 'three' >"t/new
line"
chmod 000 t/locked "t/back\\slash" "t/new
line"
chmod 777 .
timeout 20 "${NOBODY[@]}" "$HASHER" hash --no-db -a md5 --failed-list failed.txt t >first.out 2>first.err
echo "first: exit $?"
cat first.out
cat failed.txt
chmod 644 t/locked "t/back\\slash" "t/new
line"
timeout 20 "$HASHER" hash --no-db -a md5 --from-list failed.txt
echo "second: exit $?"
# A list that does not exist is a usage error, nothing done.
timeout 20 "$HASHER" hash --no-db -a md5 --from-list missing.txt
echo "missing list: exit $?"
