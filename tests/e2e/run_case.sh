#!/usr/bin/env bash
# Runs one end-to-end case: tests/e2e/<command>/<case>.sh, in a fresh scratch
# directory, with $HASHER pointing at the built binary and $DATA at
# tests/data. Beside the case, optional expectations:
#   <case>.exit     expected exit code (default 0)
#   <case>.stdout   expected stdout, exactly
#   <case>.stderr   expected stderr, exactly (or <case>.stderr.glob: each line
#                   a shell glob, so timings can be '*')
# HASHER_E2E_REWRITE=1 rewrites .stdout/.stderr/.exit from the actual run.
# Exit 77 from the case means skipped. The scratch dir is kept on failure.
set -u
case_file=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
export HASHER=$2
export DATA=$(cd "$(dirname "$0")/../data" && pwd)
export E2E_SUPPORT=$(cd "$(dirname "$0")" && pwd)/support.sh
base=${case_file%.sh}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/hasher-e2e-XXXXXX")
cd "$scratch" || exit 1
# Every case gets its own catalog and configuration directories.
export XDG_DATA_HOME=$scratch/xdg-data XDG_CONFIG_HOME=$scratch/xdg-config
unset HASHER_DB HASHER_CONFIG
mkdir work && cd work || exit 1

bash "$case_file" >"$scratch/stdout" 2>"$scratch/stderr"
status=$?
if [[ $status -eq 77 ]]; then
  echo "skipped: $(tail -n 1 "$scratch/stderr")"
  rm -rf "$scratch"
  exit 77
fi

if [[ ${HASHER_E2E_REWRITE:-0} == 1 ]]; then
  [[ -f $base.stdout || -s $scratch/stdout ]] && cp "$scratch/stdout" "$base.stdout"
  [[ -f $base.stderr ]] && cp "$scratch/stderr" "$base.stderr"
  [[ $status -ne 0 || -f $base.exit ]] && echo "$status" >"$base.exit"
  rm -rf "$scratch"
  exit 0
fi

failed=0
expected_status=0
[[ -f $base.exit ]] && expected_status=$(cat "$base.exit")
if [[ $status -ne $expected_status ]]; then
  echo "exit status: expected $expected_status, got $status"
  failed=1
fi
if [[ -f $base.stdout ]] && ! diff -u "$base.stdout" "$scratch/stdout"; then
  echo "stdout differs"
  failed=1
fi
if [[ -f $base.stderr ]] && ! diff -u "$base.stderr" "$scratch/stderr"; then
  echo "stderr differs"
  failed=1
fi
if [[ -f $base.stderr.glob ]]; then
  mapfile -t patterns <"$base.stderr.glob"
  mapfile -t lines <"$scratch/stderr"
  if [[ ${#patterns[@]} -ne ${#lines[@]} ]]; then
    echo "stderr: expected ${#patterns[@]} lines, got ${#lines[@]}"
    failed=1
  else
    for i in "${!patterns[@]}"; do
      # shellcheck disable=SC2053
      if [[ ${lines[$i]} != ${patterns[$i]} ]]; then
        echo "stderr line $((i + 1)): '${lines[$i]}' !~ '${patterns[$i]}'"
        failed=1
      fi
    done
  fi
fi
if [[ $failed -ne 0 ]]; then
  echo "--- stderr of the case:"
  cat "$scratch/stderr"
  echo "scratch dir kept: $scratch"
  exit 1
fi
rm -rf "$scratch"
exit 0
