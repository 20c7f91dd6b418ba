# The user agent: hasher/VERSION by default, [download] user_agent from a
# configuration file, --user-agent over both.
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
dl --flat "$base/file/u1?size=1" out >/dev/null || fail "download failed"
grep -q 'GET /file/u1.* ua=hasher/0.1.0$' requests.log || fail "default: $(cat requests.log)"
printf '[download]\nuser_agent = "from-config/2"\n' >conf.toml
dl --config conf.toml --flat "$base/file/u2?size=1" out >/dev/null || fail "download failed"
grep -q 'GET /file/u2.* ua=from-config/2$' requests.log || fail "config: $(cat requests.log)"
dl --config conf.toml --user-agent cli/3 --flat "$base/file/u3?size=1" out >/dev/null || fail "download failed"
grep -q 'GET /file/u3.* ua=cli/3$' requests.log || fail "flag: $(cat requests.log)"
echo ok
