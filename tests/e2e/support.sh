# Helpers for end-to-end cases: `. "$E2E_SUPPORT"`.

# fail MESSAGE: print to stderr and exit 1.
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# expect_eq ACTUAL EXPECTED WHAT
expect_eq() {
  [[ "$1" == "$2" ]] || fail "$3: expected '$2', got '$1'"
}

# need TOOL: skip the case (exit 77) when a peer tool is missing.
need() {
  command -v "$1" >/dev/null 2>&1 || { echo "needs $1" >&2; exit 77; }
}

# peak_rss_kb COMMAND...: runs it, prints its peak resident set in KiB.
peak_rss_kb() {
  /usr/bin/time -f '%M' -o rss.txt "$@" >/dev/null 2>&1
  cat rss.txt
}
