# --link hard compares byte for byte before linking: two files the catalog
# claims are identical (a row edited by hand) but that differ are not
# linked, a warning names them and the exit status is 1.
. "$E2E_SUPPORT"
need sqlite3
db=$XDG_DATA_HOME/hasher/catalog.db
mkdir tree
printf 'aaaa' >tree/p
printf 'bbbb' >tree/q
touch -d 2020-01-01 tree/p
timeout 20 "$HASHER" hash -q -a sha256 tree >/dev/null || fail "hash failed"
here=$(pwd -P)
sql "$db" "update hashes set sha256 = (select sha256 from hashes where file_path = '$here/tree/p') where file_path = '$here/tree/q'"
before=$(stat -c '%i %h %n' tree/p tree/q)
timeout 20 "$HASHER" dupes --link hard tree 2>err | sed "s|$here/|./|g"
echo "exit ${PIPESTATUS[0]}"
sed "s|$here/|./|g" err >&2
expect_eq "$(stat -c '%i %h %n' tree/p tree/q)" "$before" "inodes after refusing"
expect_eq "$(cat tree/p tree/q)" "aaaabbbb" "content after refusing"
