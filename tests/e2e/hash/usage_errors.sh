# Usage errors exit 2 with one line naming the setting, and do nothing.
"$HASHER" hash -a md5,nope x; echo "exit $?"
"$HASHER" hash -a sha256:512 x; echo "exit $?"
"$HASHER" hash -f xml x; echo "exit $?"
"$HASHER" hash -a md5 -f sfv x; echo "exit $?"
"$HASHER" hash --bogus; echo "exit $?"
"$HASHER" hash -j x y; echo "exit $?"
"$HASHER" frobnicate; echo "exit $?"
