# --update over an unchanged tree reads nothing (no records, the summary says
# the files are unchanged, the run counts 0 files); after one file is touched
# and one added, exactly those two are hashed and their catalog rows updated.
. "$E2E_SUPPORT"
need sqlite3
db=$XDG_DATA_HOME/hasher/catalog.db
mkdir -p t/sub
for i in 1 2 3 4 5; do
  echo "$i" >"t/f$i"
  echo "s$i" >"t/sub/g$i"
done
touch -d '2024-01-02 03:04:05' t/f* t/sub/g*
timeout 20 "$HASHER" hash -q -a md5 t >out0
expect_eq "$?" 0 "exit status of the first run"
expect_eq "$(wc -l <out0)" 10 "records of the first run"

timeout 20 "$HASHER" hash -a md5 --update t >out1 2>err1
expect_eq "$?" 0 "exit status over the unchanged tree"
[[ ! -s out1 ]] || fail "records over the unchanged tree: $(cat out1)"
grep -q '10 files unchanged' err1 || fail "summary does not say 10 files unchanged: $(cat err1)"
expect_eq "$(sql "$db" "select files, bytes, state from runs order by id desc limit 1")" \
  "0|0|complete" "runs row over the unchanged tree"

touch t/f3
echo new >t/sub/new
timeout 20 "$HASHER" hash -a md5 --update t >out2 2>err2
expect_eq "$?" 0 "exit status after touch and add"
expect_eq "$(cat out2)" "$(md5sum t/f3 t/sub/new)" "records after touch and add"
grep -q '9 files unchanged' err2 || fail "summary does not say 9 files unchanged: $(cat err2)"
expect_eq "$(sql "$db" "select count(*) from hashes")" 11 "catalog rows"
expect_eq "$(sql "$db" "select mtime_ns from hashes where file_path like '%/t/f3'")" \
  "$(stat -c %.9Y t/f3 | tr -d .)" "mtime_ns of the touched file"
echo ok
