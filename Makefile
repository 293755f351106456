# Lodestar: `make run` and `make test` are all a person needs (README.md).
SHELL := /bin/bash
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc)
DATABASE ?= sqlite:var/lodestar.db
LISTEN ?= 127.0.0.1:8080
CMAKE_FLAGS ?=
# ccache hits across clones (CI builds a fresh clone each time): hash paths relative to here.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: run build setup test test-fast test-asan format check-format bench clean

setup:
	@scripts/setup

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

build: setup $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

## Installs what is missing, builds, migrates var/lodestar.db, loads the demo district on first
## start (it prints the accounts to sign in with) and serves http://127.0.0.1:8080.
run: build
	@mkdir -p var
	@-$(BUILD)/lodestar demo --database $(DATABASE)
	$(BUILD)/lodestar serve --listen $(LISTEN) --database $(DATABASE)

## Every test: unit, integration on SQLite and PostgreSQL 15, browser (Chromium + axe-core), then
## the unit and integration tests again under AddressSanitizer and UndefinedBehaviorSanitizer.
test: setup-test $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)
	$(MAKE) --no-print-directory test-asan

.PHONY: setup-test
setup-test:
	@scripts/setup --test

## The release build's tests only (quicker while working).
test-fast: setup-test $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

$(ASAN_BUILD)/build.ninja:
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DLODESTAR_SANITIZE=ON -DLODESTAR_UNITY=ON $(CMAKE_FLAGS)

test-asan: $(ASAN_BUILD)/build.ninja
	cmake --build $(ASAN_BUILD) -j $(JOBS) --target lodestar_unit_tests lodestar_integration_tests
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS) -L 'unit|integration|postgresql'

format:
	clang-format -i $$(git ls-files '*.cc' '*.h')

check-format:
	clang-format --dry-run --Werror $$(git ls-files '*.cc' '*.h')

bench: build
	scripts/setup --bench
	bench/http/run

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
