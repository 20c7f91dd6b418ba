# verify -c speaks coreutils: --quiet hides OK lines, --status prints
# nothing, --ignore-missing says nothing of missing files, malformed lines
# are counted (named with --warn, fatal with --strict), a file without a
# single well-formed line is an error; the algorithm comes from -a, the
# file name or the digest length.
. "$E2E_SUPPORT"
printf 'one' >a
printf 'two' >b
{
  echo "7692c3ad3540bb803c020b3aee66cd8887123234ea0c6e7143c0add73ff431ed  a"
  echo "not a checksum line"
  echo "0000000000000000000000000000000000000000000000000000000000000000  b"
  echo "3fc4ccfe745870e2c0d99f71f30ff0656c8dedd41cc1d7d3d376b0dbe685e2f3  gone"
  echo "7692c3ad"
} >sums
run() { show_run "$1" verify "${@:2}"; } # label, options...
run plain -c sums
run quiet -c --quiet sums
run status -c --status sums
run warn -c --warn --ignore-missing sums
run strict -c --strict --ignore-missing sums
sed -n 1p sums >good
run strict-clean -c --strict good
sed -n 1,2p sums >good_and_bad
run lenient-malformed -c good_and_bad
run strict-malformed -c --strict good_and_bad
echo "junk" >junk
run junk -c junk
run missing-file -c nothere
# -a decides for GNU lines; a wrong length for it is malformed.
md5sum a >a.sums
run forced-md5 -c -a md5 a.sums
run forced-sha1 -c -a sha1 a.sums
# Standard input.
"$HASHER" verify -c <good
echo "stdin: exit $?"
