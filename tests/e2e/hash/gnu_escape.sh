# Names with a newline or a backslash are escaped as coreutils does, and the
# lines are identical to sha256sum's.
. "$E2E_SUPPORT"
printf 'x' > "$(printf 'new\nline')"
printf 'y' > 'back\slash'
printf 'z' > 'plain name'
ours=$("$HASHER" hash -q -a sha256 -f gnu -- * )
theirs=$(sha256sum -- *)
expect_eq "$ours" "$theirs" "gnu lines"
ours=$("$HASHER" hash -q -a sha256 -f bsd -- *)
theirs=$(sha256sum --tag -- *)
expect_eq "$ours" "$theirs" "bsd lines"
echo "$ours"
