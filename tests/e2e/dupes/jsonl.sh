# `hasher dupes -f jsonl`: one JSON object per group, largest waste first,
# with size, algorithm, digest, wasted bytes and the absolute paths.
. "$E2E_SUPPORT"
mkdir -p tree/sub
printf 'hello world\n' >tree/a
cp tree/a tree/sub/a2
cp tree/a "tree/new
line"
printf 'xyz' >tree/c
cp tree/c tree/d
printf 'unique' >tree/u
timeout 20 "$HASHER" hash -q tree >/dev/null || fail "hash failed"
here=$(pwd -P)
timeout 20 "$HASHER" dupes -f jsonl tree >out.jsonl
echo "exit $?"
sed "s|$here/|./|g" out.jsonl
python3 -c 'import json, sys; [json.loads(l) for l in open(sys.argv[1])]' out.jsonl ||
  fail "not JSON lines"
