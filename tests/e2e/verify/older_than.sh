# --older-than: a scrub re-reads only rows not verified for that long.
. "$E2E_SUPPORT"
need sqlite3
db=$XDG_DATA_HOME/hasher/catalog.db
mkdir t
for i in 1 2 3 4; do echo "$i" >"t/f$i"; done
"$HASHER" hash -q -a sha256 t >/dev/null || fail "hash run"
"$HASHER" verify t >/dev/null 2>&1 || fail "first verify"
"$HASHER" verify --older-than 30d t 2>err
echo "exit $?"
grep -o 'verified [0-9]* files' err
grep -o '[0-9]* skipped (verified recently, --older-than)' err
sql "$db" "update hashes set verified_at = '2020-01-01T00:00:00Z' where file_path like '%/f2'"
"$HASHER" verify --older-than 30d t 2>err
echo "exit $?"
grep -o 'verified [0-9]* files' err
"$HASHER" verify --older-than soon t
echo "exit $?"
