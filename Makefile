# Statute — the README's commands.
SWIFT ?= swift
STATUTE = .build/debug/statute

.PHONY: deps build test example demo benchmark benchmark-impact lib lib-test

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
	cd examples/nightly-reevaluation && $(SWIFT) run -c debug readme-embedding ../../policies/certification.yaml

# The benchmarks (Benchmarks/): a separate package using ordo-one's package-benchmark,
# built and run in release mode; prints time, throughput and mallocs per operation.
# Pass options through, e.g. `make benchmark BENCHMARK_ARGS="--filter Engine.*"`.
BENCHMARK_ARGS ?=
benchmark: deps
	cd Benchmarks && $(SWIFT) package benchmark $(BENCHMARK_ARGS)

# The change-impact benchmark (Benchmarks/impact/run.sh): `statute impact` over 200,000
# generated records and a 90-day window against one `statute run`, time and peak memory.
benchmark-impact: deps
	Benchmarks/impact/run.sh $(IMPACT_RECORDS)

# The C library (SPEC §9, docs/embedding.md): dist/libstatute.so, release, with the Swift
# runtime and Foundation linked in statically, only the statute_* functions exported, and
# symbols stripped; and dist/statute.h. Built in its own scratch folder, since its flags differ.
LIB_SCRATCH ?= .build-lib
lib: deps
	$(SWIFT) build -c release --product StatuteC --scratch-path $(LIB_SCRATCH) -Xswiftc -static-stdlib \
	  -Xlinker --version-script=Sources/StatuteCABI/libstatute.map -Xlinker -soname=libstatute.so
	mkdir -p dist
	strip --strip-unneeded -o dist/libstatute.so $(LIB_SCRATCH)/release/libStatuteC.so
	cp include/statute.h dist/statute.h

# The C and Python examples, the C ABI's hostile-input test, and the acceptance test (every
# scenario of policies/certification.test.yaml from 8 threads, against `statute eval`).
lib-test: lib build
	$(MAKE) -C examples/c run
	python3 examples/python/evaluate.py policies/certification.yaml
	python3 examples/python/threads.py policies/certification.yaml
	$(MAKE) -C Tests/CABI run
