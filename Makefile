# Statute — the README's commands.
SWIFT ?= swift
STATUTE = .build/debug/statute

.PHONY: deps build test example demo benchmark

# Installs libyaml's development files when pkg-config cannot find them (Debian/Ubuntu).
deps:
	@pkg-config --exists yaml-0.1 || { echo "installing libyaml-dev"; \
	  (apt-get update -qq && apt-get install -y -qq libyaml-dev pkg-config) || \
	  { echo "could not install libyaml-dev; run: sudo apt-get install libyaml-dev" >&2; exit 2; }; }
	@pkg-config --exists libgvc || { echo "installing libgraphviz-dev (the server's console diagrams)"; \
	  (apt-get update -qq && apt-get install -y -qq libgraphviz-dev) || \
	  { echo "could not install libgraphviz-dev; run: sudo apt-get install libgraphviz-dev" >&2; exit 2; }; }

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
