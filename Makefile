# Entry points. `make demo` and `make test` work on a fresh Debian 12 machine (as root):
# both install what is missing first, and are quick when everything is present.
.PHONY: all deps venv web build build-asan build-fuzz demo test test-unit test-spark format format-check clean

JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

all: build

deps:
	@scripts/setup-deps

venv: deps
	@scripts/setup-venv >/dev/null

# The web UI (web/dist, embedded into the binary): rebuilt only when one of its sources is newer.
WEB_SOURCES := $(wildcard web/src/*.ts web/src/*.css web/public/*) web/index.html web/package.json \
               web/package-lock.json web/vite.config.ts web/tsconfig.json web/gzip-dist.mjs
web: web/dist/index.html
web/dist/index.html: $(WEB_SOURCES)
	@scripts/build-web

# Release build with warnings as errors: the binary ends up at build/salesflow.
build: deps web
	@cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSALESFLOW_WERROR=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build build -j $(JOBS)

# AddressSanitizer + UndefinedBehaviorSanitizer build, used for the unit tests.
build-asan: deps
	@cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSALESFLOW_WERROR=ON -DSALESFLOW_SANITIZE=ON -DSALESFLOW_BENCH=OFF >/dev/null
	@cmake --build build-asan -j $(JOBS)

# libFuzzer targets, built with Debian's clang.
build-fuzz: deps
	@CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSALESFLOW_FUZZ=ON -DSALESFLOW_BENCH=OFF >/dev/null
	@cmake --build build-fuzz -j $(JOBS)

demo: build
	./build/salesflow demo

# Every test, phase by phase, with a time budget per phase (see README).
test: deps
	@scripts/run-tests

test-unit: build-asan
	@ctest --test-dir build-asan -L unit --output-on-failure -j $(JOBS)

# Spark interop (needs pyspark + delta-spark + jars from Maven); not part of CI.
test-spark: build venv
	@ctest --test-dir build -L spark --output-on-failure

format:
	@scripts/check-format --fix

format-check:
	@scripts/check-format

clean:
	rm -rf build build-asan build-fuzz
