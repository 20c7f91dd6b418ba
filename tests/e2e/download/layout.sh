# DEST/host/path by default, DEST/name with --flat; the record names the
# file as DEST was given, and its digest is the content's.
. "$E2E_SUPPORT"
start_fault_server
port=$(cat port)
dl "$BASE/file/a/b.txt?size=5000" out >tree.txt || fail "tree download failed"
expect_eq "$(got out/127.0.0.1_$port/file/a/b.txt)" "$(want a/b.txt 5000)" "tree file"
expect_eq "$(cat tree.txt)" "$(want a/b.txt 5000)  out/127.0.0.1_$port/file/a/b.txt" "tree record"
dl --flat "$BASE/file/a/c.txt?size=7" "$BASE/file/d/?size=9" flat >flat.txt || fail "flat download failed"
expect_eq "$(got flat/c.txt)" "$(want a/c.txt 7)" "flat file"
expect_eq "$(got flat/index.html)" "$(want d/ 9)" "directory URL"
expect_eq "$(find flat -type f | sort | tr '\n' ' ')" "flat/c.txt flat/index.html " "only final files"
echo ok
