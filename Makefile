# Statute — the README's commands.
SWIFT ?= swift
STATUTE = .build/debug/statute

.PHONY: deps build test example demo benchmark fuzz sanitize sanitize-ci

# Installs libyaml's development files when pkg-config cannot find them (Debian/Ubuntu).
deps:
	@pkg-config --exists yaml-0.1 || { echo "installing libyaml-dev"; \
	  (apt-get update -qq && apt-get install -y -qq libyaml-dev pkg-config) || \
	  { echo "could not install libyaml-dev; run: sudo apt-get install libyaml-dev" >&2; exit 2; }; }

build: deps
	$(SWIFT) build

# Every test: the Swift test suite, the shipped policies checked strictly, and the
# policies' own tests with full transition coverage.
test: build
	$(SWIFT) test
	$(STATUTE) check --strict policies/ examples/membership/
	$(STATUTE) test --coverage --min-coverage 100 policies/ examples/membership/

# The main job on the shipped default policy: check it, run its tests, and evaluate a record.
demo: build
	$(STATUTE) check policies/certification.yaml
	$(STATUTE) eval --policy policies/certification.yaml --status active \
	  --fact completed_on=2025-01-31 --fact program.expires_after_months=13 \
	  --today 2026-02-20 --explain

# The embedding example (examples/nightly-reevaluation): a separate package that depends on
# the library by path, re-evaluating the committed enrollments as of a fixed date.
example: build
	cd examples/nightly-reevaluation && $(SWIFT) run -c debug nightly-reevaluation enrollments.json 2026-02-20

# The benchmarks (Benchmarks/): a separate package using ordo-one's package-benchmark,
# built and run in release mode; prints time, throughput and mallocs per operation.
# Pass options through, e.g. `make benchmark BENCHMARK_ARGS="--filter Engine.*"`.
BENCHMARK_ARGS ?=
benchmark: deps
	cd Benchmarks && $(SWIFT) package benchmark $(BENCHMARK_ARGS)

# Fuzzing (Fuzz/, a separate package): libFuzzer with AddressSanitizer, each harness for
# SECONDS seconds on a corpus seeded from the repository's policies, fixtures and records.
# Fails on any crash or hang; the findings are kept in Fuzz/.build/findings/.
SECONDS ?= 600
FUZZ_HARNESSES = FuzzPolicy FuzzExpression FuzzRecords FuzzTestFile
# lld: GNU gold stops with an internal error (dwarf_reader.cc) linking the instrumented harnesses.
FUZZ_BUILD_FLAGS = -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -use-ld=lld
fuzz: deps
	cd Fuzz && $(SWIFT) build $(FUZZ_BUILD_FLAGS)
	Fuzz/seed.sh Fuzz/.build/fuzz-corpus
	for harness in $(FUZZ_HARNESSES); do Fuzz/run.sh $$harness $(SECONDS) || exit 1; done

# The test suite under ThreadSanitizer, then AddressSanitizer, each in its own build folder.
# Leak detection is off (detect_leaks=0): the Swift runtime and Foundation allocate type
# metadata, conformance caches and singletons once and never free them, so LeakSanitizer
# reports them at exit as leaks that are not ours; ARC frees everything else, and reference
# cycles are not what ASan is here for (bad reads and writes are).
SANITIZE_FILTER ?=
sanitize: deps
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan $(if $(SANITIZE_FILTER),--filter "$(SANITIZE_FILTER)")
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --sanitize=address --scratch-path .build-asan $(if $(SANITIZE_FILTER),--filter "$(SANITIZE_FILTER)")

# CI's bounded sanitizer pass: ThreadSanitizer on the engine and concurrency tests.
sanitize-ci: deps
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan --filter "Engine|Concurren|Certification"
