# iris-backup-audit — build, demo, tests. `make demo` and `make test` work on a fresh
# Debian/Ubuntu machine with Swift installed: `deps` installs what is missing.

SWIFT    ?= swift
BIN      := .build/release/iris-backup-audit
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_DEPS := libpcre2-dev zlib1g-dev pkg-config

.PHONY: deps build demo test samples clean

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

demo: build
	$(BIN) events Samples/hand-made --tz Europe/Berlin

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

samples: build
	Samples/generate.sh $(BIN)

clean:
	rm -rf .build
