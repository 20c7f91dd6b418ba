# --verify reads the synced copy back (from disk where the kernel drops the
# cache) and renames it only when it matches: a good copy passes.
. "$E2E_SUPPORT"
mkdir src
head -c 3000000 /dev/urandom > src/blob
printf 'small\n' > src/small
"$HASHER" copy -q -a sha256,crc32 --verify --no-db src/ out || fail "verify copy failed"
cmp src/blob out/blob || fail "blob differs"
cmp src/small out/small || fail "small differs"
