# --fail-fast: the first failure, an unreadable file or an unreadable
# directory, ends the run (exit 1, the failure named); without it the run
# goes on and hashes everything else.
. "$E2E_SUPPORT"
as_nobody
mkdir -p t/b
printf 'secret' >t/a0
for i in $(seq 1000 2999); do echo "$i" >"t/b/f$i"; done
chmod 000 t/a0

run() { # label, extra options...
  local label=$1
  shift
  timeout 20 "${NOBODY[@]}" "$HASHER" hash --no-db -j1 -a md5 "$@" t \
    >"$label.out" 2>"$label.err"
  local status=$? records
  records=$(wc -l <"$label.out")
  # How many files were done before the stop depends on timing; that the
  # run stopped (far) short of all 2,000 does not.
  if [[ $label != all ]]; then
    ((records < 100)) && records="fewer than 100"
  fi
  echo "$label: exit $status, $records records"
  grep -c '^hasher: error: ' "$label.err"
  grep '^hasher: error: ' "$label.err" | head -1
}
run all
run fast --fail-fast
chmod 644 t/a0
mkdir t/a1 && chmod 000 t/a1
run fast_dir --fail-fast
