# iris-backup-audit — build, demo, tests. `make demo` and `make test` work on a fresh
# Debian/Ubuntu machine with Swift installed: `deps` installs what is missing.

SWIFT    ?= swift
BIN      := .build/release/iris-backup-audit
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_DEPS := libpcre2-dev zlib1g-dev pkg-config man-db

.PHONY: deps build demo test samples reports clean

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
test: deps
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
# deps, given them as well. BENCH_BIN=path/to/iris-backup-audit skips the build;
# BENCH_SHAPES="1g json" measures some shapes only (Benchmarks/bench.sh lists them).
BENCH_APT_DEPS := hyperfine pcre2-utils ripgrep time python3
.PHONY: bench
bench:
	@$(MAKE) --no-print-directory deps APT_DEPS="$(APT_DEPS) $(BENCH_APT_DEPS)"
	Benchmarks/bench.sh
	python3 Benchmarks/watch-latency.py $${BENCH_BIN:-$(BIN)}

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
