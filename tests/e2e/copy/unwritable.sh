# A destination that cannot be written is fatal (exit 3) and nothing is
# copied; a file that cannot be written inside it fails alone (exit 1).
# (Permission bits stop no root, so the cases use names in the way.)
. "$E2E_SUPPORT"
printf 'x\n' > file
printf 'y\n' > other
"$HASHER" copy -q --no-db file file/inside
echo "exit $?"
# A directory in the way of a file.
mkdir -p tree dest/tree/file
printf 'z\n' > tree/file
"$HASHER" copy -q -a md5 --no-db tree dest
echo "exit $?"
