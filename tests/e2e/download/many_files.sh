# More files than one commit batch (64), four at once, hashed off the
# transfer thread: every record comes in list order with the content's
# digest, a --checksums mismatch in the middle leaves nothing under its
# name while the others are named, and no .part or .part.meta stays.
. "$E2E_SUPPORT"
start_fault_server
: >list
for i in $(seq 1 130); do
  size=$(((i * 7919) % 90000))
  [[ $i -eq 5 ]] && size=0
  echo "$BASE/file/f$i?size=$size" >>list
done
python3 "$SERVER" --digests list sha256 >sums.txt
while read -r _ name sum; do
  [[ $name == f77 ]] && sum=0000000000000000000000000000000000000000000000000000000000000000
  echo "$sum  $name" >>SHA256SUMS
  [[ $name == f77 ]] || echo "$sum  out/$name" >>want.txt
done <sums.txt
dl -j 4 --flat --checksums SHA256SUMS @list out >records.txt 2>err.txt
expect_eq "$?" 1 "exit status"
grep -q 'out/f77: digest mismatch (sha256)' err.txt || fail "message: $(cat err.txt)"
[[ ! -e out/f77 ]] || fail "mismatching file left"
expect_eq "$(cat records.txt)" "$(cat want.txt)" "records"
(cd out && sha256sum -c --quiet <(sed 's|  out/|  |' ../want.txt)) || fail "files differ from their records"
expect_eq "$(find out -name '*.part*' | wc -l)" 0 "part files left"
expect_eq "$(find out -type f | wc -l)" 129 "files"
echo ok
