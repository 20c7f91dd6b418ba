# --no-clobber never replaces a file already at the destination; the
# others are copied.
. "$E2E_SUPPORT"
mkdir src out
printf 'new\n' > src/f
printf 'old\n' > out/f
printf 'g\n' > src/g
"$HASHER" copy -a md5 --no-db --no-clobber src/ out
cat out/f
