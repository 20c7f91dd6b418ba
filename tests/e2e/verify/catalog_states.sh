# verify against the catalog: after a hash run, a file changed in place is a
# MISMATCH naming the algorithms, a deleted one MISSING, a touched one
# CHANGED (mtime) (and the row takes the new mtime), an untouched one OK;
# --new names a file the catalog lacks; -M shows only the bad ones; exit 1.
. "$E2E_SUPPORT"
need sqlite3
db=$XDG_DATA_HOME/hasher/catalog.db
mkdir -p t/sub
printf 'alpha' >t/a
printf 'bravo' >t/b
printf 'charlie' >t/sub/c
printf 'delta' >t/d
"$HASHER" hash -q -a md5,sha256 t >/dev/null || fail "hash run"
printf 'BRAVO' >t/b
rm t/d
touch -d '2001-02-03 04:05:06' t/sub/c
printf 'echo' >t/e

"$HASHER" verify t 2>err
echo "exit $?"
sed 's/ in [0-9.]* s ([0-9]* MB\/s)//' err
"$HASHER" verify -M --new t 2>/dev/null
echo "exit $?"
"$HASHER" verify -f jsonl t/b t/sub 2>/dev/null
echo "exit $?"
# -a picks a subset of the stored algorithms; one the catalog lacks is a
# usage error.
"$HASHER" verify -a md5 t/b 2>/dev/null
echo "exit $?"
"$HASHER" verify -a sha512 t/b 2>/dev/null
echo "exit $?"
# The touched file's row took the new mtime: --quick now sees it as OK.
"$HASHER" verify --quick t/sub 2>/dev/null
echo "exit $?"
sql "$db" "select replace(file_path, '$(pwd -P)/', ''), verify_result from hashes order by file_path"
