# '-' and --stdin read standard input; the name shown is '-'.
printf 'abc' | "$HASHER" hash -q -a md5,sha1 -
printf 'abc' | "$HASHER" hash -q -a sha256 --stdin
