# Every library comes from a Debian package (scripts/packages.txt) and is found
# here as an imported target; nothing is vendored or downloaded.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(OpenSSL 3.0 REQUIRED)

pkg_check_modules(RHASH REQUIRED IMPORTED_TARGET librhash>=1.4)
pkg_check_modules(GCRYPT REQUIRED IMPORTED_TARGET libgcrypt>=1.10)
pkg_check_modules(CRYPTOPP REQUIRED IMPORTED_TARGET libcrypto++>=8.7)
# Crypto++ is linked from the package's archive: its shared library has
# 30,000 symbol relocations, which the dynamic loader resolved at every
# start (6 of the 10 ms `hasher --version` took), for the few algorithms
# that use it.
find_library(CRYPTOPP_ARCHIVE NAMES libcrypto++.a
  HINTS ${CRYPTOPP_LIBRARY_DIRS} REQUIRED)
add_library(hasher_cryptopp INTERFACE)
target_include_directories(hasher_cryptopp INTERFACE ${CRYPTOPP_INCLUDE_DIRS})
target_link_libraries(hasher_cryptopp INTERFACE ${CRYPTOPP_ARCHIVE})
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash>=0.8)
pkg_check_modules(ZLIB REQUIRED IMPORTED_TARGET zlib)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd>=1.5)
pkg_check_modules(ISAL REQUIRED IMPORTED_TARGET libisal>=2.30)
pkg_check_modules(DEFLATE REQUIRED IMPORTED_TARGET libdeflate>=1.14)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3>=3.40)
pkg_check_modules(GPG_ERROR REQUIRED gpg-error)
# These are linked from their packages' archives too: every shared library
# is opened, mapped and relocated at every start, a quarter to half a
# millisecond each on this VM (`perf stat` of an empty program linked to
# hasher's libraries: 7.6-8.3 ms, against 2.7-3.0 with libstdc++ alone).
# libcrypto stays shared (OpenSSL's providers and libcurl load it too), as
# do ISA-L and toml++ (their packages have no archive) and xxHash (its
# archive lacks the CPU dispatch the shared library has).
function(hasher_archive target pkg archive)
  find_library(${pkg}_ARCHIVE NAMES ${archive}
    HINTS ${${pkg}_LIBRARY_DIRS} REQUIRED)
  add_library(${target} INTERFACE)
  target_include_directories(${target} INTERFACE ${${pkg}_INCLUDE_DIRS})
  target_link_libraries(${target} INTERFACE ${${pkg}_ARCHIVE} ${ARGN})
endfunction()
hasher_archive(hasher_gpg_error GPG_ERROR libgpg-error.a)
hasher_archive(hasher_gcrypt GCRYPT libgcrypt.a hasher_gpg_error)
hasher_archive(hasher_rhash RHASH librhash.a)
hasher_archive(hasher_deflate DEFLATE libdeflate.a)
hasher_archive(hasher_zlib ZLIB libz.a)
hasher_archive(hasher_zstd ZSTD libzstd.a Threads::Threads)
hasher_archive(hasher_sqlite3 SQLITE3 libsqlite3.a m ${CMAKE_DL_LIBS}
  Threads::Threads)
pkg_check_modules(TOMLPP REQUIRED IMPORTED_TARGET tomlplusplus>=3.3)
find_package(CURL 7.80 REQUIRED)
# jemalloc takes malloc's place in the binary, linked from its archive (no
# library to load at start): glibc's malloc is slow when one thread frees
# what another allocated, which the pipelines do for every file (paths,
# digests, queue nodes): 11% less CPU for the first run of 100,000 small
# files, 7% for a copy of the tree data set (paired runs). Not under the
# sanitizers, which bring their own.
if(NOT HASHER_SANITIZE)
  pkg_check_modules(JEMALLOC REQUIRED jemalloc>=5.2)
  find_library(JEMALLOC_ARCHIVE NAMES libjemalloc.a
    HINTS ${JEMALLOC_LIBRARY_DIRS} REQUIRED)
endif()
find_package(GTest REQUIRED)

message(STATUS "hasher dependencies: OpenSSL ${OPENSSL_VERSION}, "
  "librhash ${RHASH_VERSION}, libgcrypt ${GCRYPT_VERSION}, "
  "Crypto++ ${CRYPTOPP_VERSION}, xxHash ${XXHASH_VERSION}, "
  "zlib ${ZLIB_VERSION}, zstd ${ZSTD_VERSION}, ISA-L ${ISAL_VERSION}, libdeflate ${DEFLATE_VERSION}, "
  "SQLite ${SQLITE3_VERSION}, toml++ ${TOMLPP_VERSION}, "
  "libcurl ${CURL_VERSION_STRING}")
