# Small downloads are hashed once whole, side by side (net/PartHasher);
# one that outgrows the limit (1 MiB) is caught up from its .part and then
# hashed as it comes. Sizes around the limit, with md5, sha1 and sha256
# (the kernels) and crc32 (not): every record equals what hashlib makes of
# what the server sends, in list order, and no .part stays.
. "$E2E_SUPPORT"
start_fault_server
: >list
sizes="0 1 63 64 65 1000 65536 262144 1048575 1048576 1048577 1310720 3000001"
for i in $(seq 1 40); do sizes="$sizes $(((i * 104729) % 300000))"; done
n=0
for size in $sizes; do
  n=$((n + 1))
  echo "$BASE/file/f$n?size=$size" >>list
done
python3 "$SERVER" --digests list md5,sha1,sha256 |
  awk '{printf "%s (out/%s) = %s\n", toupper($1), $2, $3}' >want.txt
timeout 60 "$HASHER" download --no-db -q -a md5,sha1,sha256,crc32 -f bsd \
  --retries 3 -j 4 --flat @list out >records.txt 2>err.txt
expect_eq "$?" 0 "exit status: $(cat err.txt)"
expect_eq "$(grep -v '^CRC32 ' records.txt)" "$(cat want.txt)" "records"
expect_eq "$(grep -c '^CRC32 ' records.txt)" "$n" "crc32 records"
expect_eq "$(find out -name '*.part*' | wc -l)" 0 "part files left"
echo ok
