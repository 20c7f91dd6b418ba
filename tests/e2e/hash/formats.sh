# Every output format on two small files, exactly as SPEC "Output formats".
printf 'abc' > a.txt
printf '' > empty
touch -d '2024-01-02T03:04:05Z' a.txt empty
for f in bsd gnu sfv hashdeep jsonl json csv; do
  echo "== $f"
  "$HASHER" hash -q -a crc32,md5 -f "$f" a.txt empty | grep -v '^## Invoked from'
done
echo "== json pretty"
"$HASHER" hash -q -a crc32 -f json --pretty-json a.txt
echo "== default with one algorithm is gnu"
"$HASHER" hash -q -a sha256 a.txt
echo "== default with several is bsd"
"$HASHER" hash -q a.txt
