# verify -c agrees with the peer tools on checksum files they wrote, after
# one file is tampered with and one deleted: sha256sum -c, md5sum -c,
# b3sum -c, rhash -c (its --bsd file) and hashdeep -a (its CSV). Verdicts
# are compared file by file as OK / FAILED / MISSING.
. "$E2E_SUPPORT"
for tool in sha256sum md5sum b3sum rhash hashdeep; do need "$tool"; done
printf 'one' >a
printf 'two' >b
printf 'three' >'c d'
printf 'four' >e
sha256sum a b 'c d' e >S.sha256
md5sum a b 'c d' e >MD5SUMS
b3sum a b 'c d' e >B.b3
rhash --bsd --sha256 --md5 a b 'c d' e >R.bsd
hashdeep -c md5,sha256 a b 'c d' e >H.hashdeep
printf 'TWO' >b
rm e

# Ours, normalised to "path VERDICT" lines.
ours() {
  "$HASHER" verify -c "$1" 2>/dev/null |
    sed -e 's/: OK$/ OK/' -e 's/: FAILED open or read$/ MISSING/' -e 's/: FAILED$/ FAILED/'
}
coreutils_style() { # tool file
  "$1" -c "$2" 2>/dev/null |
    sed -e 's/: OK$/ OK/' -e 's/: FAILED open or read$/ MISSING/' \
      -e 's/: FAILED (No such file.*$/ MISSING/' -e 's/: FAILED$/ FAILED/'
}
compare() { # label ours theirs (any order: hashdeep writes in thread order)
  [[ $(grep -c . <<<"$2") == 4 ]] || fail "$1: expected 4 verdicts of ours, got: $2"
  if [[ "$(sort <<<"$2")" == "$(sort <<<"$3")" ]]; then
    echo "$1: agree"
  else
    echo "$1: differ"
    diff <(echo "$2") <(echo "$3")
  fi
}
compare sha256sum "$(ours S.sha256)" "$(coreutils_style sha256sum S.sha256)"
compare md5sum "$(ours MD5SUMS)" "$(coreutils_style md5sum MD5SUMS)"
compare b3sum "$(ours B.b3)" "$(coreutils_style b3sum B.b3)"
# rhash prints a table, one row per checksum line: path, then OK / ERR /
# an error text.
rhash_verdicts=$(rhash -c R.bsd 2>/dev/null | sed -n 's/^\(.*[^ ]\) \+\(OK\|ERR\|No such file or directory\) *$/\1 \2/p' |
  sed -e 's/ ERR$/ FAILED/' -e 's/ No such file or directory$/ MISSING/' | uniq)
compare rhash "$(ours R.bsd)" "$rhash_verdicts"
# hashdeep -a -vv names the files that do not match and the known files it
# did not meet; the others matched.
hd=$(hashdeep -a -vv -k H.hashdeep a b 'c d' 2>&1)
hashdeep_verdicts=$(for f in a b 'c d' e; do
  if grep -qF "/$f: No match" <<<"$hd"; then echo "$f FAILED"
  elif [[ ! -e $f ]]; then echo "$f MISSING"
  else echo "$f OK"; fi
done)
compare hashdeep "$(ours H.hashdeep | sed "s|^$(pwd -P)/||")" "$hashdeep_verdicts"
"$HASHER" verify -c S.sha256 >/dev/null 2>&1
echo "ours exit $?"
sha256sum -c S.sha256 >/dev/null 2>&1
echo "sha256sum exit $?"
