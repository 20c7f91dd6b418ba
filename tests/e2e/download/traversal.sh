# `..` in URLs (plain and encoded) and in Content-Disposition never leave
# DEST.
. "$E2E_SUPPORT"
start_fault_server
mkdir dest
dl "$BASE/file/../../../escape1?size=5" "$BASE/file/%2e%2e/%2E%2E/escape2?size=5" \
  "$BASE/disposition/d?size=5&name=../../escape3" \
  "$BASE/disposition/e?size=5&name=%2Fetc%2Fescape4" dest/in >records.txt || fail "download failed"
[[ -z $(find . -name 'escape*' -not -path './dest/in/*') ]] || fail "escaped: $(find . -name 'escape*')"
port=$(cat port)
test -f dest/in/127.0.0.1_$port/file/escape1 || fail "escape1 not in DEST: $(find dest)"
test -f dest/in/127.0.0.1_$port/disposition/escape3 || fail "escape3: $(find dest)"
test -f dest/in/127.0.0.1_$port/disposition/escape4 || fail "escape4: $(find dest)"
echo ok
