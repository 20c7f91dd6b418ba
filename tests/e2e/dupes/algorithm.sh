# The strongest algorithm the catalog holds decides unless -a names one;
# a 32-bit checksum never decides.
. "$E2E_SUPPORT"
mkdir tree
printf 'same' >tree/a
cp tree/a tree/b
timeout 20 "$HASHER" hash -q -a crc32,md5,blake2b512,sha256 tree >/dev/null || fail "hash failed"
here=$(pwd -P)
for option in "" "-a md5" "-a sha256,md5"; do
  echo "== dupes $option"
  # shellcheck disable=SC2086
  timeout 20 "$HASHER" dupes -q $option tree | sed "s|$here/|./|g"
  echo "exit ${PIPESTATUS[0]}"
done
