# Entry points; the work is done by scripts/.
.PHONY: all fetch worktree build demo check test e2e export check-series bench fuzz sid-root deb deb-check clean

all: demo

fetch:
	scripts/fetch-base

worktree:
	scripts/worktree

build:
	@[ -d work/libvirt/.git ] || scripts/worktree
	scripts/build

demo: build
	tests/e2e/run

check:
	scripts/check

test:
	scripts/test

e2e:
	tests/e2e/run

export:
	scripts/export

check-series:
	scripts/check-series

bench:
	scripts/bench

# FUZZ_TIME=seconds per harness (default 60)
fuzz:
	@[ -d work/libvirt/.git ] || scripts/worktree
	scripts/fuzz

sid-root:
	scripts/sid-root

# Debian packages of Debian's libvirt with the series (work/deb), then the
# installation check; DEB_ARCHES="amd64 arm64" by default
DEB_ARCHES ?= amd64 arm64
deb:
	scripts/deb $(DEB_ARCHES)
	scripts/deb-check

deb-check:
	scripts/deb-check

clean:
	rm -rf work
