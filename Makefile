# iris-backup-audit — build, demo, tests. `make demo` and `make test` work on a fresh
# Debian/Ubuntu machine with Swift installed: `deps` installs what is missing.

SWIFT    ?= swift
BIN      := .build/release/iris-backup-audit
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_DEPS := libpcre2-dev zlib1g-dev libsqlite3-dev pkg-config
# What the tests use besides: man-db renders the man page (Packaging/check.sh), rsyslog ships a
# cluster's logs through a real pipeline, chromium and poppler-utils print the HTML report.
TEST_APT_DEPS := man-db rsyslog chromium poppler-utils

.PHONY: deps test-deps build demo test samples reports clean

deps:
	@missing=""; for package in $(APT_DEPS); do \
	  dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	fi

build: deps
	$(SWIFT) build -c release

# The audit of the bundled samples: a clean week (exit 0), then a month with a fault of every
# kind (exit 2, a critical finding, is the expected outcome there).
demo: build
	$(BIN) audit Samples/clean-week
	$(BIN) audit Samples/faulty-month; status=$$?; \
	  echo "faulty-month: exit $$status (2 = critical findings, as expected)"; [ $$status -eq 2 ]

# The Swift tests, then the packaging test (make install into a temporary DESTDIR, make deb,
# the unpacked package run without the toolchain).
test-deps:
	@$(MAKE) --no-print-directory deps APT_DEPS="$(APT_DEPS) $(TEST_APT_DEPS)"

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	Packaging/check.sh

samples: build
	Samples/generate.sh $(BIN)

# The reports of every sample in every format, with a pinned generation time (a test checks
# that reports/ is current).
reports: build
	reports/generate.sh $(BIN)

clean:
	rm -rf .build

# Speed and memory against pcre2grep and ripgrep on every corpus shape of SPEC §10 (1 GB of
# ordinary noise, 1 GB dense with backup-class mentions, the structured log's JSON form, two
# years of 16 servers); takes minutes, so .ci/run does not run it. Its tools are installed by
# deps, given them as well. It measures the binary the Debian package ships (make static's,
# built by the script); BENCH_BIN=path/to/iris-backup-audit skips the build;
# BENCH_SHAPES="1g json" measures some shapes only (Benchmarks/bench.sh lists them).
BENCH_APT_DEPS := hyperfine pcre2-utils ripgrep time python3
.PHONY: bench
bench:
	@$(MAKE) --no-print-directory deps APT_DEPS="$(APT_DEPS) $(BENCH_APT_DEPS)"
	Benchmarks/bench.sh
	python3 Benchmarks/watch-latency.py $${BENCH_BIN:-$(STATIC_BIN)}

# The test suite under AddressSanitizer with UndefinedBehaviorSanitizer, then under
# ThreadSanitizer, each in its own scratch folder (the sanitizers cannot share objects). swiftc
# has no UndefinedBehaviorSanitizer on Linux, so it instruments the C and C++ code (the byte
# search, toml++, BoringSSL); the address sanitizer's runtime carries its handlers. The
# property test runs PROPERTY_SEEDS seeds instead of 300: a sanitized build is several times
# slower. A sanitizer report fails the run (halt_on_error); leak checking is off because the
# Swift runtime and Foundation keep caches for the life of the process.
SANITIZE_SEEDS ?= 30
ASAN_FLAGS := --sanitize=address -Xcc -fsanitize=undefined -Xcxx -fsanitize=undefined \
  --scratch-path .build-asan
TSAN_FLAGS := --sanitize=thread --scratch-path .build-tsan
.PHONY: sanitize sanitize-address sanitize-thread
sanitize: sanitize-address sanitize-thread

sanitize-address: test-deps
	$(SWIFT) build --build-tests $(ASAN_FLAGS)
	PROPERTY_SEEDS=$(SANITIZE_SEEDS) ASAN_OPTIONS=detect_leaks=0:halt_on_error=1 \
	  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:suppressions=$(CURDIR)/Fuzz/ubsan.supp \
	  $(SWIFT) test --skip-build $(ASAN_FLAGS)

sanitize-thread: test-deps
	$(SWIFT) build --build-tests $(TSAN_FLAGS)
	PROPERTY_SEEDS=$(SANITIZE_SEEDS) TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
	  $(SWIFT) test --skip-build $(TSAN_FLAGS)

# libFuzzer over the harnesses of Sources/iris-backup-audit-fuzz (Fuzz/README.md): a release
# build with coverage and AddressSanitizer in .build-fuzz, then every target in turn for
# FUZZ_SECONDS, one process at a time. swiftc honours only the last -sanitize= flag, so the
# fuzzer and the address sanitizer are asked for together after SwiftPM's own two (which
# instrument the C code and link libFuzzer's main).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= events structured gzip configuration durations snapshot
FUZZ_BIN     := .build-fuzz/release/iris-backup-audit-fuzz
FUZZ_FLAGS   := -c release --product iris-backup-audit-fuzz --scratch-path .build-fuzz \
  --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
.PHONY: fuzz fuzz-build
fuzz-build: deps
	$(SWIFT) build $(FUZZ_FLAGS)

fuzz: fuzz-build
	Fuzz/run.sh $(FUZZ_BIN) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# Installation (README: "Install"). The man page comes from the command's own definitions
# through swift-argument-parser's manual generator, the completions from the binary's own
# generator; PREFIX and DESTDIR as usual.
PREFIX     ?= /usr/local
DESTDIR    ?=
MANPAGE    := .build/plugins/GenerateManual/outputs/iris-backup-audit/iris-backup-audit.1
STATIC_BIN := .build-static/release/iris-backup-audit
.PHONY: man install uninstall deb static
$(MANPAGE): build
	$(SWIFT) package generate-manual

man: $(MANPAGE)

install: build man
	Packaging/install.sh $(BIN) $(MANPAGE) $(PREFIX) "$(DESTDIR)"

uninstall:
	Packaging/install.sh $(BIN) $(MANPAGE) $(PREFIX) "$(DESTDIR)" --uninstall

# A binary that runs without a Swift toolchain: the Swift runtime and Foundation linked in.
static: deps
	$(SWIFT) build -c release --static-swift-stdlib --scratch-path .build-static \
	  --product iris-backup-audit

deb: static man
	Packaging/make-deb.sh $(STATIC_BIN) $(MANPAGE) .build-deb
