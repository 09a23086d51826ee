# Runs a libFuzzer binary briefly on a corpus seeded at test time from parquet-testing files
# (copied into the build directory, never committed).
#   cmake -DFUZZER=... -DCORPUS=... -DSEED_DIRS="a;b" -DSECONDS=20 -P run_fuzzer.cmake
file(REMOVE_RECURSE "${CORPUS}")
file(MAKE_DIRECTORY "${CORPUS}")
set(seeds 0)
foreach(dir IN LISTS SEED_DIRS)
  file(GLOB_RECURSE files "${dir}/*.parquet")
  foreach(f IN LISTS files)
    file(SIZE "${f}" size)
    # Small files mutate fastest; large ones would dominate the short run.
    if(size LESS 65536)
      file(COPY "${f}" DESTINATION "${CORPUS}")
      math(EXPR seeds "${seeds} + 1")
    endif()
  endforeach()
endforeach()
if(seeds EQUAL 0)
  message(FATAL_ERROR "no seed files found in ${SEED_DIRS}")
endif()
message(STATUS "fuzzing ${FUZZER} for ${SECONDS}s from ${seeds} seeds")
# -entropic=0: with whole Parquet files as inputs the entropic schedule's per-feature
# bookkeeping took 80% of the time (11 runs/s instead of ~150 on the loaded CI machine).
execute_process(
  COMMAND "${FUZZER}" -max_total_time=${SECONDS} -timeout=10 -rss_limit_mb=2048
          -max_len=65536 -entropic=0 -print_final_stats=1 "${CORPUS}"
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "fuzzer ${FUZZER} failed (exit ${rc}); see the crash file above")
endif()
