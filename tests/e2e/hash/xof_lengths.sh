# An XOF with a length is its own column; default lengths per SPEC.
printf 'abc' > a
"$HASHER" hash -q -a shake128,shake256,shake256:128,blake3:512,k12 -f jsonl a | sed 's/"mtime":"[^"]*",//'
