# `format` rewrites our sources with clang-format; `check-format` fails on any
# difference (CI runs it).
find_program(CLANG_FORMAT clang-format)
if(CLANG_FORMAT)
  file(GLOB_RECURSE _hasher_format_files CONFIGURE_DEPENDS
    ${PROJECT_SOURCE_DIR}/src/*.cpp ${PROJECT_SOURCE_DIR}/src/*.hpp
    ${PROJECT_SOURCE_DIR}/tests/*.cpp ${PROJECT_SOURCE_DIR}/tests/*.hpp
    ${PROJECT_SOURCE_DIR}/bench/*.cpp ${PROJECT_SOURCE_DIR}/tools/*.cpp)
  add_custom_target(format COMMAND ${CLANG_FORMAT} -i ${_hasher_format_files})
  add_custom_target(check-format
    COMMAND ${CLANG_FORMAT} --dry-run --Werror ${_hasher_format_files})
endif()
