# @FILE: one URL a line, blank lines and # comments skipped; records come
# in the order of the list whatever -j.
. "$E2E_SUPPORT"
start_fault_server
cat >list <<EOF
# the first
$BASE/trickle/one?size=3000&rate=500

  $BASE/file/two?size=10
    # an indented comment
EOF
echo "$BASE/file/three?size=20" >>list
dl -j 3 --flat @list "$BASE/file/four?size=1" out >records.txt || fail "download failed"
expect_eq "$(cut -d' ' -f3 records.txt | tr '\n' ' ')" "out/one out/two out/three out/four " "record order"
expect_eq "$(got out/one)" "$(want one 3000)" "one"
expect_eq "$(got out/four)" "$(want four 1)" "four"
echo ok
