# HASHER_SANITIZE=address,undefined (or thread) instruments everything we build.
if(HASHER_SANITIZE)
  set(_san -fsanitize=${HASHER_SANITIZE} -fno-omit-frame-pointer
           -fno-sanitize-recover=all)
  add_compile_options(${_san})
  add_link_options(${_san})
  # -O1, as the sanitizers' documentation advises: the Debug build's -O0
  # made the suites of the slow native digests (FSB, GOST) take minutes and
  # pushed CI towards its limit; the checks are the same.
  add_compile_options(-O1)
endif()
