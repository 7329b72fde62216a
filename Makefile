# Statute — the README's commands.
SWIFT ?= swift
STATUTE = .build/debug/statute

.PHONY: deps build test example demo demo-ledger benchmark benchmark-impact ratios lib lib-test release install install-check fuzz sanitize sanitize-ci

# Installs libyaml's development files when pkg-config cannot find them (Debian/Ubuntu).
deps:
	@pkg-config --exists yaml-0.1 || { echo "installing libyaml-dev"; \
	  (apt-get update -qq && apt-get install -y -qq libyaml-dev pkg-config) || \
	  { echo "could not install libyaml-dev; run: sudo apt-get install libyaml-dev" >&2; exit 2; }; }
	@pkg-config --exists libgvc || { echo "installing libgraphviz-dev (the server's console diagrams)"; \
	  (apt-get update -qq && apt-get install -y -qq libgraphviz-dev) || \
	  { echo "could not install libgraphviz-dev; run: sudo apt-get install libgraphviz-dev" >&2; exit 2; }; }
	@pkg-config --exists sqlite3 || { echo "installing libsqlite3-dev (the ledger's embedded store)"; \
	  (apt-get update -qq && apt-get install -y -qq libsqlite3-dev) || \
	  { echo "could not install libsqlite3-dev; run: sudo apt-get install libsqlite3-dev" >&2; exit 2; }; }

build: deps
	$(SWIFT) build

# Every test: the Swift test suite, the shipped policies checked strictly, and the
# policies' own tests with full transition coverage.
test: build
	$(SWIFT) test
	$(STATUTE) check --strict policies/ examples/membership/
	$(STATUTE) test --coverage --min-coverage 100 policies/ examples/membership/

# The main job on the shipped default policy: install `statute` (release build) into
# $(PREFIX)/bin, check the default policy with it, and evaluate a record.
demo: install
	$(PREFIX)/bin/statute check policies/certification.yaml
	$(PREFIX)/bin/statute eval --policy policies/certification.yaml --status active \
	  --fact completed_on=2025-01-31 --fact program.expires_after_months=13 \
	  --today 2026-02-20 --explain
	@$(MAKE) --no-print-directory demo-ledger STATUTE_BIN=$(PREFIX)/bin/statute
	@$(SAY_WHERE)

# The ledger round-trip on an embedded SQLite store in a fresh temporary folder: import the
# example enrollments on 2026-01-15, sweep on 2026-02-20 with a 30-day Expiring notice, then
# one record's history and the outbox of emails waiting to be sent.
STATUTE_BIN ?= .build/debug/statute
demo-ledger: $(if $(filter .build/debug/statute,$(STATUTE_BIN)),build)
	@set -e; store=$$(mktemp -d)/demo.db; export STATUTE_STORE=sqlite:$$store; set -x; \
	  $(STATUTE_BIN) ledger init; \
	  $(STATUTE_BIN) ledger import --policy policies/certification.yaml --today 2026-01-15 examples/ledger/enrollments.jsonl; \
	  $(STATUTE_BIN) ledger sweep --policy policies/certification.yaml --setting expiring_notice_days=30 --today 2026-02-20; \
	  $(STATUTE_BIN) ledger show --policy certification c-1001; \
	  $(STATUTE_BIN) ledger outbox

# --- Installing: `make install PREFIX=…` (default /usr/local) ------------------------------
# A release build of `statute` in $(PREFIX)/bin, its man page (swift-argument-parser's
# generate-manual plugin) in $(PREFIX)/share/man/man1, and bash, zsh and fish completions
# where each shell looks for them under $(PREFIX)/share.
PREFIX ?= /usr/local
DESTDIR ?=
INSTALL_ROOT = $(DESTDIR)$(PREFIX)
# CONFIG=debug installs the debug build (CI's install check, which reuses `make test`'s build).
CONFIG ?= release
RELEASE_BIN = $$($(SWIFT) build -c $(CONFIG) --show-bin-path)
MAN_DIR = .build/plugins/GenerateManual/outputs/StatuteCLI
SAY_WHERE = case ":$$PATH:" in *":$(PREFIX)/bin:"*) echo "statute is installed as $(PREFIX)/bin/statute, on your PATH: run 'statute --help' or 'man statute'";; \
	  *) echo "statute is installed as $(PREFIX)/bin/statute; $(PREFIX)/bin is not on your PATH: add it with  export PATH=\"$(PREFIX)/bin:\$$PATH\"";; esac

release: deps
	$(SWIFT) build -c $(CONFIG) --product statute

# The man page; the plugin builds the package in release mode and runs generate-manual on it.
$(MAN_DIR)/statute.1: release
	$(SWIFT) package plugin generate-manual --configuration $(CONFIG) --authors "the Statute authors"
	@test -s $(MAN_DIR)/statute.1 || { echo "generate-manual did not write $(MAN_DIR)/statute.1" >&2; exit 2; }

install: release $(MAN_DIR)/statute.1
	@mkdir -p "$(INSTALL_ROOT)/bin" 2>/dev/null && test -w "$(INSTALL_ROOT)/bin" || { \
	  echo "cannot write to $(INSTALL_ROOT)/bin: run 'sudo make install', or install for yourself with 'make $(MAKECMDGOALS) PREFIX=$$HOME/.local'" >&2; exit 2; }
	install -d "$(INSTALL_ROOT)/bin" "$(INSTALL_ROOT)/share/man/man1" \
	  "$(INSTALL_ROOT)/share/bash-completion/completions" "$(INSTALL_ROOT)/share/zsh/site-functions" \
	  "$(INSTALL_ROOT)/share/fish/vendor_completions.d"
	install -m 755 "$(RELEASE_BIN)/statute" "$(INSTALL_ROOT)/bin/statute"
	install -m 644 $(MAN_DIR)/statute.1 "$(INSTALL_ROOT)/share/man/man1/statute.1"
	"$(RELEASE_BIN)/statute" --generate-completion-script bash > "$(INSTALL_ROOT)/share/bash-completion/completions/statute"
	"$(RELEASE_BIN)/statute" --generate-completion-script zsh > "$(INSTALL_ROOT)/share/zsh/site-functions/_statute"
	"$(RELEASE_BIN)/statute" --generate-completion-script fish > "$(INSTALL_ROOT)/share/fish/vendor_completions.d/statute.fish"
	@$(SAY_WHERE)

# Installs into a temporary PREFIX and checks what landed there: the installed binary runs
# (version, a check of the default policy), the man page and the three completions exist.
install-check:
	@root=$$(mktemp -d) && trap 'rm -rf "$$root"' EXIT && \
	$(MAKE) --no-print-directory install PREFIX="$$root" CONFIG=$(CONFIG) && \
	"$$root/bin/statute" --version | grep -q '^statute [0-9][0-9.]* (policy language 1)$$' && \
	"$$root/bin/statute" check --strict policies/certification.yaml && \
	grep -q '^\.Dt STATUTE 1' "$$root/share/man/man1/statute.1" && \
	grep -q 'statute' "$$root/share/bash-completion/completions/statute" && \
	grep -q '#compdef statute' "$$root/share/zsh/site-functions/_statute" && \
	grep -q "complete -c 'statute'" "$$root/share/fish/vendor_completions.d/statute.fish" && \
	echo "install-check: ok (installed into a temporary PREFIX and ran it)"

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

# The ledger benchmark (Benchmarks/ledger/run.sh): import and sweep of LEDGER_RECORDS
# (default 100,000) on SQLite against a plain-SQL C reference, a sweep's peak memory, and
# 1, 2 and 4 sweepers on PostgreSQL when $$STATUTE_TEST_POSTGRES names a server.
.PHONY: benchmark-ledger
benchmark-ledger: deps
	Benchmarks/ledger/run.sh $(LEDGER_RECORDS)

# The C library (docs/embedding.md, docs/embedding.md): dist/libstatute.so, release, with the Swift
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

# The side-by-side table of Benchmarks/README.md: Statute against a hand-written policy and
# libyaml's raw scan, with the ratios (CPU time of the thread, medians).
ratios: deps
	cd Benchmarks && $(SWIFT) run -c release statute-ratios

# The `run` ratio (Benchmarks/run/ratios.sh): `statute run` with one job and with two
# against a hand-written pipeline, whole processes on 200,000 generated records (medians of 3).
.PHONY: ratios-run
ratios-run: deps
	sh Benchmarks/run/ratios.sh $(RUN_RECORDS)

# Fuzzing (Fuzz/, harness targets the manifest adds when STATUTE_FUZZ is set): libFuzzer with AddressSanitizer, each harness for
# SECONDS seconds on a corpus seeded from the repository's policies, fixtures and records.
# Fails on any crash or hang; the findings are kept in .build-fuzz/findings/.
SECONDS ?= 600
FUZZ_HARNESSES = FuzzPolicy FuzzExpression FuzzRecords FuzzTestFile FuzzLanguageServer
# lld: GNU gold stops with an internal error (dwarf_reader.cc) linking the instrumented harnesses.
FUZZ_BUILD_FLAGS = -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -use-ld=lld
fuzz: deps
	STATUTE_FUZZ=1 $(SWIFT) build $(FUZZ_BUILD_FLAGS) --scratch-path .build-fuzz
	Fuzz/seed.sh .build-fuzz/fuzz-corpus
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
# STATUTE_LIBRARY_ONLY=1 leaves the server, the CLI and the C ABI out of the package, so this
# pass does not build Hummingbird, NIO and BoringSSL under the sanitizer.
sanitize-ci: deps
	STATUTE_LIBRARY_ONLY=1 $(SWIFT) test --sanitize=thread --scratch-path .build-tsan --filter "Engine|Concurren|Certification"
