# HASHER_SANITIZE=address,undefined (or thread) instruments everything we build.
if(HASHER_SANITIZE)
  set(_san -fsanitize=${HASHER_SANITIZE} -fno-omit-frame-pointer
           -fno-sanitize-recover=all)
  add_compile_options(${_san})
  add_link_options(${_san})
endif()
