# hasher_settings: language level and definitions for our code.
# hasher_warnings: the warning set, linked PRIVATE by our targets only.
add_library(hasher_settings INTERFACE)
target_compile_features(hasher_settings INTERFACE cxx_std_20)
target_include_directories(hasher_settings INTERFACE ${PROJECT_SOURCE_DIR}/src)
target_compile_definitions(hasher_settings INTERFACE
  HASHER_VERSION="${PROJECT_VERSION}"
  $<$<CONFIG:Debug>:_GLIBCXX_ASSERTIONS>)

add_library(hasher_warnings INTERFACE)
target_compile_options(hasher_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
  # GCC 12 reports -Wrestrict falsely on std::string concatenation at -O3
  # (GCC bug 105329), and -Warray-bounds / -Wstringop-overflow on the
  # memcpy inside std::string's own members once <string> comes from a
  # precompiled header (the same family of GCC 12 false positives, seen in
  # libstdc++ code only); AddressSanitizer checks the bounds for real in CI.
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>
  $<$<CXX_COMPILER_ID:GNU>:-Wno-array-bounds>
  $<$<CXX_COMPILER_ID:GNU>:-Wno-stringop-overflow>
  $<$<BOOL:${HASHER_WARNINGS_AS_ERRORS}>:-Werror>)
