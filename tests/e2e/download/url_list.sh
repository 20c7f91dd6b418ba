# @FILE: one URL a line, blank lines and # comments skipped; records come
# in the order of the list whatever -j.
. "$E2E_SUPPORT"
server=$(dirname "$E2E_SUPPORT")/../support/http_fault_server.py
python3 "$server" --log requests.log >port &
server_pid=$!
trap 'kill $server_pid' EXIT
wait_until 10 test -s port || fail "the test server did not start"
base=http://127.0.0.1:$(cat port)
# sha256 of the content the server sends for NAME SIZE.
want() { python3 "$server" --content "$1" "$2" want.bin && sha256sum <want.bin | cut -d' ' -f1; }
got() { sha256sum <"$1" | cut -d' ' -f1; }
dl() { timeout 60 "$HASHER" download --no-db -q -a sha256 -f gnu --retries 3 "$@"; }
cat >list <<EOF
# the first
$base/trickle/one?size=3000&rate=500

  $base/file/two?size=10
    # an indented comment
EOF
echo "$base/file/three?size=20" >>list
dl -j 3 --flat @list "$base/file/four?size=1" out >records.txt || fail "download failed"
expect_eq "$(cut -d' ' -f3 records.txt | tr '\n' ' ')" "out/one out/two out/three out/four " "record order"
expect_eq "$(got out/one)" "$(want one 3000)" "one"
expect_eq "$(got out/four)" "$(want four 1)" "four"
echo ok
