# Shared helpers for the bench scripts: deterministic data, warm cache,
# paired timing with peak RSS, medians. Source it: . "$(dirname "$0")/lib.sh"

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench_dir=${HASHER_BENCH_DIR:-/tmp/hasher-bench}
mkdir -p "$bench_dir"

# make_file PATH BYTES: deterministic pseudo-random content (AES-CTR of
# zeros), reused when already there with the right size.
make_file() {
  local path=$1 bytes=$2
  if [[ -f $path && $(stat -c %s "$path") -eq $bytes ]]; then return; fi
  # head closes the pipe early on purpose: ignore openssl's SIGPIPE.
  { openssl enc -aes-128-ctr -nosalt -K 000102030405060708090a0b0c0d0e0f \
    -iv 00000000000000000000000000000000 </dev/zero 2>/dev/null || true; } |
    head -c "$bytes" >"$path"
  [[ $(stat -c %s "$path") -eq $bytes ]] || { echo "bench: cannot make $path" >&2; exit 1; }
}

# warm PATH...: pull files into the page cache right before timing.
warm() { cat "$@" >/dev/null; }

# steal_ticks: CPU time the hypervisor gave to other guests since boot, in
# clock ticks (/proc/stat; 0 where not reported).
steal_ticks() { awk '/^cpu / {print $9 + 0}' /proc/stat; }

# timed LABEL COMMAND...: runs it, appends "seconds peak_kib user system
# steal" to $bench_dir/LABEL.times. On a small shared box the CPU seconds
# tell a slow run that waited from one that worked, and the steal (seconds
# of both cores taken by other guests meanwhile) a run the host slowed: a
# tool that keeps both cores busy loses more to it than one that uses one.
timed() {
  local label=$1 before
  shift
  before=$(steal_ticks)
  /usr/bin/time -f '%e %M %U %S' -o "$bench_dir/.time" "$@" >/dev/null 2>"$bench_dir/.err" ||
    { cat "$bench_dir/.err" >&2; echo "bench: $label failed" >&2; exit 1; }
  echo "$(cat "$bench_dir/.time") $(awk -v a="$before" -v b="$(steal_ticks)" \
    -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", (b - a) / hz}')" >>"$bench_dir/$label.times"
}

median_of() { # column file
  awk -v c="$1" '{print $c}' "$2" | sort -n |
    awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'
}

# cpu_of LABEL: the median of user + system seconds of LABEL's runs.
cpu_of() { median_of 1 <(awk '{print $3 + $4}' "$bench_dir/$1.times"); }

# med LABEL: the median seconds of LABEL's runs; rss LABEL: their largest
# peak RSS in MiB.
med() { median_of 1 "$bench_dir/$1.times"; }
rss() { echo $(($(max_of 2 "$bench_dir/$1.times") / 1024)); }

# steal_of LABEL: the median steal seconds during LABEL's runs.
steal_of() { median_of 5 "$bench_dir/$1.times"; }

max_of() { awk -v c="$1" 'BEGIN {m=0} $c>m {m=$c} END {print m}' "$2"; }

reset_times() { rm -f "$bench_dir"/*.times; }
