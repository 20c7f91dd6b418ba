# BLAKE3 from the BLAKE3 team's C sources as Debian ships them in
# librust-blake3-dev, built here as a static library with their x86-64
# assembly (SSE2, SSE4.1, AVX2, AVX-512) and runtime dispatch.
file(GLOB _blake3_candidates /usr/share/cargo/registry/blake3-*/c/blake3.h)
if(NOT _blake3_candidates)
  message(FATAL_ERROR "BLAKE3 C sources not found: install librust-blake3-dev")
endif()
list(SORT _blake3_candidates)
list(GET _blake3_candidates -1 _blake3_header)
get_filename_component(BLAKE3_C_DIR ${_blake3_header} DIRECTORY)
message(STATUS "BLAKE3 C sources: ${BLAKE3_C_DIR}")

add_library(hasher_blake3 STATIC
  ${BLAKE3_C_DIR}/blake3.c
  ${BLAKE3_C_DIR}/blake3_dispatch.c
  ${BLAKE3_C_DIR}/blake3_portable.c)
if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64")
  target_sources(hasher_blake3 PRIVATE
    ${BLAKE3_C_DIR}/blake3_sse2_x86-64_unix.S
    ${BLAKE3_C_DIR}/blake3_sse41_x86-64_unix.S
    ${BLAKE3_C_DIR}/blake3_avx2_x86-64_unix.S
    ${BLAKE3_C_DIR}/blake3_avx512_x86-64_unix.S)
else()
  target_compile_definitions(hasher_blake3 PRIVATE BLAKE3_NO_SSE2
    BLAKE3_NO_SSE41 BLAKE3_NO_AVX2 BLAKE3_NO_AVX512)
endif()
target_include_directories(hasher_blake3 SYSTEM PUBLIC ${BLAKE3_C_DIR})
set_target_properties(hasher_blake3 PROPERTIES POSITION_INDEPENDENT_CODE ON)
