# Shared compile settings and the two helpers every module uses to declare its targets.

add_library(salesflow_options INTERFACE)
target_compile_options(salesflow_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                                                   -Wnon-virtual-dtor -Wno-missing-field-initializers)
if(SALESFLOW_WERROR)
  target_compile_options(salesflow_options INTERFACE -Werror)
endif()
if(SALESFLOW_SANITIZE)
  target_compile_options(salesflow_options INTERFACE -fsanitize=address,undefined
                                                     -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(salesflow_options INTERFACE -fsanitize=address,undefined)
endif()
if(SALESFLOW_FUZZ)
  target_compile_options(salesflow_options INTERFACE -fsanitize=fuzzer-no-link,address,undefined)
  target_link_options(salesflow_options INTERFACE -fsanitize=address,undefined)
endif()

# salesflow_add_library(NAME SOURCES ... HEADERS ... DEPS ...)
# One static library per src/<module>; headers are listed so the module's surface is explicit.
function(salesflow_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;HEADERS;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES} ${ARG_HEADERS})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PUBLIC salesflow_options ${ARG_DEPS})
  if(SALESFLOW_FUZZ)
    # The fuzz build compiles only what its fuzzers link.
    set_target_properties(${name} PROPERTIES EXCLUDE_FROM_ALL ON)
  endif()
endfunction()

# salesflow_add_test(NAME SOURCES ... DEPS ... LABELS ... [TIMEOUT s] [FIXTURES ...])
# One GoogleTest executable per suite; every case becomes a CTest test carrying the labels.
function(salesflow_add_test name)
  cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;DEPS;LABELS;FIXTURES" ${ARGN})
  if(SALESFLOW_FUZZ)
    return()
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE salesflow_options ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 120)
  endif()
  # gtest_discover_tests cannot pass a list-valued ENVIRONMENT (CMake 3.25), so the two
  # directories reach tests as compile definitions; tests/test_paths.h reads them.
  target_compile_definitions(${name} PRIVATE SALESFLOW_SOURCE_DIR_DEFAULT="${PROJECT_SOURCE_DIR}"
                                             SALESFLOW_BINARY_DIR_DEFAULT="${PROJECT_BINARY_DIR}")
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  set(props LABELS "${ARG_LABELS}" TIMEOUT ${ARG_TIMEOUT})
  if(ARG_FIXTURES)
    list(APPEND props FIXTURES_REQUIRED "${ARG_FIXTURES}")
  endif()
  gtest_discover_tests(${name} PROPERTIES ${props} DISCOVERY_TIMEOUT 60)
endfunction()

# salesflow_add_fuzzer(NAME SOURCES ... DEPS ...): only in the clang fuzz build.
function(salesflow_add_fuzzer name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  if(NOT SALESFLOW_FUZZ)
    return()
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE salesflow_options ${ARG_DEPS})
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
endfunction()

include(GoogleTest)
