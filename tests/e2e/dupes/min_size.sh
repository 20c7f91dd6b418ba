# --min-size leaves smaller files out; without it empty files are left out
# (they waste nothing), and --min-size 0 brings them back.
. "$E2E_SUPPORT"
mkdir tree
head -c 100 /dev/zero >tree/big1
cp tree/big1 tree/big2
printf '0123456789' >tree/small1
cp tree/small1 tree/small2
: >tree/empty1
: >tree/empty2
timeout 20 "$HASHER" hash -q tree >/dev/null || fail "hash failed"
here=$(pwd -P)
for option in "" "--min-size 50" "--min-size 0" "--min-size 1K"; do
  echo "== dupes $option"
  # shellcheck disable=SC2086
  timeout 20 "$HASHER" dupes -q $option tree | sed "s|$here/|./|g"
  echo "exit ${PIPESTATUS[0]}"
done
