# verify -c reads its checksum list from a pipe as sha256sum -c does: a
# process substitution, a named FIFO with its writer, standard input, and
# a list of BSD lines with two algorithms (read twice when it is a file:
# once for the algorithms, once to check). A directory is an error naming
# it, like a missing list.
. "$E2E_SUPPORT"
printf 'one' >a
printf 'two' >b
run() { show_run "$1" verify "${@:2}"; } # label, options...
run process-substitution -c <(sha256sum a b)
run process-substitution-bad -c <(sha256sum a; echo "$(sha256sum b | cut -c1-63)0  b")
mkfifo list
# The writer gives up if verify never opens the FIFO (the case cannot hang).
timeout 10 sh -c "md5sum a b >list" &
run fifo -c list
wait
"$HASHER" hash --no-db -a md5,sha1 a b >bsd
run bsd-file -c bsd
run bsd-pipe -c <(cat bsd)
run bsd-stdin -c - <bsd
mkdir dir
run directory -c dir
