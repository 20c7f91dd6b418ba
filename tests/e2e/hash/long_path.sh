# A file 22 directories of 200 bytes deep (a path of over 4400 bytes, beyond
# PATH_MAX) is hashed: digests right on stdout and in the catalog.
. "$E2E_SUPPORT"
need sqlite3
db=$XDG_DATA_HOME/hasher/catalog.db
python3 - <<'PY'
import os
os.mkdir("deep")
os.chdir("deep")
for _ in range(22):
    os.mkdir("d" * 200)
    os.chdir("d" * 200)
with open("leaf", "wb") as f:
    f.write(b"deep leaf\n")
PY
md5=$(printf 'deep leaf\n' | md5sum | cut -d' ' -f1)
sha256=$(printf 'deep leaf\n' | sha256sum | cut -d' ' -f1)
rel=$(for i in $(seq 22); do printf '/%s' "$(printf '%200s' '' | tr ' ' d)"; done)
rel=deep$rel/leaf
timeout 20 "$HASHER" hash -a md5,sha256 -f jsonl deep >out 2>err
expect_eq "$?" 0 "exit status ($(cat err))"
expect_eq "$(sed 's/"mtime":"[^"]*",//' out)" \
  "{\"file_path\":\"$rel\",\"file_size\":10,\"md5\":\"$md5\",\"sha256\":\"$sha256\"}" \
  "record"
expect_eq "$(sql "$db" "select file_path, lower(hex(md5)), lower(hex(sha256)) from hashes")" \
  "$(pwd -P)/$rel|$md5|$sha256" "catalog row"
((${#rel} > 4096)) || fail "the path is only ${#rel} bytes"
echo ok
