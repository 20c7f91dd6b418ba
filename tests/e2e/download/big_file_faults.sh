# A big file is hashed as it comes, its digests in two halves, one on its
# lane and one on the lane's helper. Cut mid-body, it is resumed with Range,
# or started over when the retry ignores Range (the helper's pieces of the
# bytes dropped are waited for, not mixed in): either way the file and its
# digests are right.
. "$E2E_SUPPORT"
start_fault_server
big() {
  timeout 60 "$HASHER" download --no-db -q -a md5,sha256 -f gnu --retries 3 \
    --flat "$@" out
}
md5_of() { python3 "$SERVER" --content "$1" "$2" want.bin && md5sum <want.bin | cut -d' ' -f1; }
big "$BASE/cut/b?size=6000000&at=2500000" >records.txt || fail "download failed"
grep -q 'range=bytes=2500000-' requests.log || fail "no Range request: $(cat requests.log)"
expect_eq "$(got out/b)" "$(want b 6000000)" "resumed file"
expect_eq "$(cut -d' ' -f1 records.txt | tr '\n' ' ')" \
  "$(md5_of b 6000000) $(want b 6000000) " "resumed digests"
big "$BASE/cutnorange/r?size=6000000&at=2500000" >records.txt || fail "download failed"
expect_eq "$(grep -c 'cutnorange/r' requests.log)" 2 "requests for the restarted file"
expect_eq "$(got out/r)" "$(want r 6000000)" "restarted file"
expect_eq "$(cut -d' ' -f1 records.txt | tr '\n' ' ')" \
  "$(md5_of r 6000000) $(want r 6000000) " "restarted digests"
[[ -z $(find out -name '*.part*') ]] || fail "part files left"
echo ok
