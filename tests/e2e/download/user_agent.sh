# The user agent: hasher/VERSION by default, [download] user_agent from a
# configuration file, --user-agent over both.
. "$E2E_SUPPORT"
start_fault_server
dl --flat "$BASE/file/u1?size=1" out >/dev/null || fail "download failed"
grep -q 'GET /file/u1.* ua=hasher/0.1.0$' requests.log || fail "default: $(cat requests.log)"
printf '[download]\nuser_agent = "from-config/2"\n' >conf.toml
dl --config conf.toml --flat "$BASE/file/u2?size=1" out >/dev/null || fail "download failed"
grep -q 'GET /file/u2.* ua=from-config/2$' requests.log || fail "config: $(cat requests.log)"
dl --config conf.toml --user-agent cli/3 --flat "$BASE/file/u3?size=1" out >/dev/null || fail "download failed"
grep -q 'GET /file/u3.* ua=cli/3$' requests.log || fail "flag: $(cat requests.log)"
echo ok
