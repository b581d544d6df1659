# The README's commands. Both work on a fresh Debian 12 machine as root.
#   make run   install what is missing, build, create var/skillreg.db with a demo province, serve
#   make test  install what is missing, build with sanitizers, run every test on SQLite and PostgreSQL
#              (and each fuzz target briefly)

.PHONY: run test fuzz build build-debug deps web bench bench-certcheck bench-ingest bench-monitoring bench-soak bench-export clean

deps:
	@bash scripts/install-deps.sh

build: deps
	cmake --preset release >/dev/null
	cmake --build --preset release --target skillreg

build-debug: deps
	cmake --preset debug >/dev/null
	cmake --build --preset debug

# The front end: installed from the committed lock file, built by Vite into web/dist.
web: deps
	cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build

run: build web
	@bash scripts/run-demo.sh build/release/skillreg

test: build-debug web
	FUZZ_ARGS="-seed=1" bash scripts/fuzz-smoke.sh
	bash scripts/with-postgres.sh ctest --preset debug || { \
	  f=tests/e2e/output/failures.txt; [ ! -s $$f ] || { echo "--- e2e: failing tests ($$f) ---"; cat $$f; }; exit 1; }

# libFuzzer targets (fuzz/, docs/fuzzing.md): `make test` runs each for 15 s; this runs each for
# FUZZ_SECONDS (default 300). FUZZ_TARGETS picks some, FUZZ_ARGS passes libFuzzer flags.
FUZZ_SECONDS ?= 300
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash scripts/fuzz-smoke.sh

bench: build
	bash bench/run.sh

# Both layouts: the cores shared by server and wrk, then each server alone on a core.
bench-certcheck: build
	bash bench/certcheck.sh
	CERT_LAYOUT=split bash bench/certcheck.sh

bench-ingest: build
	bash bench/ingest.sh

bench-monitoring: build
	cmake --build --preset release --target monitoring_bench
	bash bench/monitoring.sh

# Issue 9 §5: a bounded mixed load for SOAK_SECONDS (default 600) after a 60 s warm-up; fails on
# any error or when RSS grows more than 10% (bench/soak.sh, docs/benchmarks.md "Soak").
bench-soak: build
	bash bench/soak.sh

bench-export: build
	bash bench/export.sh

clean:
	rm -rf build
