# Impossible SRC/DEST combinations are usage errors (exit 2).
. "$E2E_SUPPORT"
mkdir d
printf 'x\n' > f
"$HASHER" copy --no-db f
echo "exit $?"
"$HASHER" copy --no-db f d f
echo "exit $?"
"$HASHER" copy --no-db . d
echo "exit $?"
"$HASHER" copy --no-db d f
echo "exit $?"
# A dry run is refused, and nothing is copied.
"$HASHER" copy --no-db --dry-run f d
echo "exit $?"
ls d
