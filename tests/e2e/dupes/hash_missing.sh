# --hash-missing hashes what the catalog lacks under the PATHs first (as
# `hash --update`, the deciding algorithm only), so a copy made after the
# first hash is found; -a naming an algorithm the catalog lacks hashes with
# it only the files that share their size with another one (b, of a size
# of its own, gets no sha512).
. "$E2E_SUPPORT"
need sqlite3
db=$XDG_DATA_HOME/hasher/catalog.db
mkdir tree
printf 'first' >tree/a
printf 'second' >tree/b
timeout 20 "$HASHER" hash -q tree >/dev/null || fail "hash failed"
cp tree/a tree/a-copy
here=$(pwd -P)
echo "== dupes"
timeout 20 "$HASHER" dupes tree | sed "s|$here/|./|g"
echo "== dupes --hash-missing"
timeout 20 "$HASHER" dupes --hash-missing tree | sed "s|$here/|./|g"
echo "exit ${PIPESTATUS[0]}"
sql "$db" "select count(*), count(sha256) from hashes"
echo "== dupes --hash-missing -a sha512"
timeout 20 "$HASHER" dupes --hash-missing -a sha512 tree | sed "s|$here/|./|g"
echo "exit ${PIPESTATUS[0]}"
sql "$db" "select count(*), count(sha256), count(sha512) from hashes"
