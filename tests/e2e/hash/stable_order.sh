# Records come in walk order (names sorted within a directory, a directory's
# contents at the place of its name) whatever the number of threads.
. "$E2E_SUPPORT"
mkdir -p tree/b tree/a/deep
for i in $(seq 1 300); do printf "$i" > "tree/b/f$i"; done
printf 'x' > tree/a/deep/z
printf 'y' > tree/a/m
printf 'w' > tree/c
head -c 20000000 /dev/zero > tree/a/big
one=$("$HASHER" hash -q -j1 -a crc32,sha1 tree)
four=$("$HASHER" hash -q -j4 -a crc32,sha1 tree)
expect_eq "$four" "$one" "-j4 vs -j1"
"$HASHER" hash -q -j3 -a crc32 -f sfv tree | head -5
"$HASHER" hash -q -j3 -a crc32 -f sfv tree | tail -2
