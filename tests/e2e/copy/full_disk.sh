# A destination that fills up: the file that does not fit fails with a
# one-line "No space left on device" naming it (exit 1), nothing is left
# under its name and no temp stays behind; the files that fit, before and
# after it, are whole copies. Needs root to mount a 1 MiB tmpfs.
. "$E2E_SUPPORT"
[[ $(id -u) == 0 ]] || { echo "needs root to mount a tmpfs" >&2; exit 77; }
mkdir -p src dest
mount -t tmpfs -o size=1m tmpfs dest 2>/dev/null ||
  { echo "cannot mount a tmpfs here" >&2; exit 77; }
trap 'umount dest' EXIT
for i in 1 2 3; do head -c 50000 /dev/urandom > src/a$i; done
head -c 3000000 /dev/urandom > src/big
for i in 1 2 3; do head -c 50000 /dev/urandom > src/z$i; done
"$HASHER" copy -a sha256 -f gnu --no-db src/ dest > out.txt 2> err.txt
expect_eq "$?" 1 "exit code"
grep -qx "hasher: error: dest/big: cannot write: No space left on device" \
  err.txt || fail "no one-line ENOSPC error for big: $(cat err.txt)"
[[ ! -e dest/big ]] || fail "a partial big is under its name"
[[ -z $(ls -A dest | grep hasher-) ]] || fail "temps left: $(ls -A dest)"
for f in a1 a2 a3 z1 z2 z3; do
  cmp "src/$f" "dest/$f" || fail "$f is not a whole copy"
  grep -qx "$(sha256sum < "src/$f" | cut -d' ' -f1)  dest/$f" out.txt ||
    fail "$f: no record"
done
grep -q big out.txt && fail "a record for big"
exit 0
