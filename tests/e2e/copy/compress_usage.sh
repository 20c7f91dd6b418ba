# Bad compression settings are refused before anything is copied (exit 2),
# with a one-line message naming the option.
. "$E2E_SUPPORT"
mkdir src
echo hi > src/f
check() { # expected-message args...
  local want=$1
  shift
  "$HASHER" copy --no-db "$@" src out 2> err.txt
  expect_eq "$?" 2 "exit code of $*"
  grep -qF -- "$want" err.txt || fail "$*: message: $(cat err.txt)"
  [[ ! -e out ]] || fail "$*: out was made"
}
check "--compress: 'xz' is not a compression (gzip, zstd or auto)" --compress xz
check "--compress: gzip levels are 1 to 9, not 12" --compress gzip:12
check "--compress: zstd levels are 1 to 19, not 30" --compress zstd --compression-level 30
check "--compress: auto picks the level itself" --compress auto:5
check "--hash-compressed: needs --compress" --hash-compressed
check "--hash-both: needs --compress" --hash-both
check "--compression-level: needs --compress" --compression-level 3
check "choose one" --compress zstd --hash-both --hash-compressed
