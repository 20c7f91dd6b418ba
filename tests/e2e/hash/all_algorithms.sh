# `-a all` on "abc": every algorithm's tag and digest in one run (each value
# is also checked against published vectors by the unit tests).
printf 'abc' > abc
"$HASHER" hash -q -a all abc
