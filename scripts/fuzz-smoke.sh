#!/usr/bin/env bash
# Builds the libFuzzer targets under fuzz/ into build/fuzz (clang, ASan + UBSan) and runs each one
# for FUZZ_SECONDS seconds, starting from its committed seeds (fuzz/corpus/<target>). Fails on the
# first crash, sanitizer report, broken invariant, leak or timeout, and says how to reproduce it.
# `make test` runs it briefly; `make fuzz` runs it for longer (docs/fuzzing.md).
#
#   FUZZ_SECONDS=15     seconds per target
#   FUZZ_TARGETS="..."  a subset of the targets, by name (default: all)
#   FUZZ_ARGS="..."     more libFuzzer flags, e.g. "-jobs=2 -workers=2" or "-max_len=65536"
#   FUZZ_CXX=clang++-19 the compiler
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-15}
cxx=${FUZZ_CXX:-clang++-19}
build=build/fuzz
all_targets=(json_input_fuzz csv_fuzz validators_fuzz query_fuzz utf8_fuzz policy_fuzz)
read -r -a targets <<<"${FUZZ_TARGETS:-${all_targets[*]}}"

command -v "$cxx" >/dev/null || { echo "fuzz: $cxx not found (scripts/install-deps.sh installs it)" >&2; exit 1; }
# Stack traces with file:line need llvm-symbolizer; ASan does not find a versioned one by itself.
symbolizer=${ASAN_SYMBOLIZER_PATH:-$(command -v llvm-symbolizer-19 || command -v llvm-symbolizer || true)}
[ -n "$symbolizer" ] && export ASAN_SYMBOLIZER_PATH=$symbolizer UBSAN_SYMBOLIZER_PATH=$symbolizer
started=$(date +%s)
if [ ! -f "$build/build.ninja" ]; then
  CXX=$cxx cmake -S fuzz -B "$build" -G Ninja >"$build.configure.log" 2>&1 ||
    { cat "$build.configure.log" >&2; exit 1; }
fi
cmake --build "$build" -j2 -- -k 0 >"$build.build.log" 2>&1 || { tail -n 60 "$build.build.log" >&2; exit 1; }
echo "fuzz: built ${#targets[@]} targets in $(($(date +%s) - started)) s; ${seconds} s each"

dict_of() {
  case $1 in
    json_input_fuzz | policy_fuzz) echo "-dict=fuzz/dict/json.dict" ;;
    query_fuzz) echo "-dict=fuzz/dict/query.dict" ;;
    csv_fuzz) echo "-dict=fuzz/dict/csv.dict" ;;
  esac
}

passed=0
failed=0
for t in "${targets[@]}"; do
  # New inputs go to build/fuzz/corpus/<target> (kept between runs, never committed); the seeds
  # in fuzz/corpus/<target> are only read.
  work="$build/corpus/$t"
  mkdir -p "$work" "$build/artifacts"
  log="$build/$t.log"
  # shellcheck disable=SC2046,SC2086
  if "$build/$t" $(dict_of "$t") -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -print_final_stats=1 -artifact_prefix="$build/artifacts/$t-" ${FUZZ_ARGS:-} \
       "$work" "fuzz/corpus/$t" >"$log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -n 1 || true)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 || true)
    echo "fuzz: $t ok (${runs:-?} runs, ${cov:-cov: ?})"
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "fuzz: $t FAILED; the end of $log:" >&2
    grep -v -E '^#[0-9]+|^INFO:' "$log" | tail -n 40 >&2
    artifact=$(grep -o "Test unit written to [^ ]*" "$log" | tail -n 1 | sed 's/Test unit written to //' || true)
    if [ -n "$artifact" ]; then
      echo "fuzz: reproduce with: $build/$t $artifact" >&2
      echo "fuzz: then keep it as a seed (fuzz/corpus/$t/) and a regression test (docs/fuzzing.md)" >&2
    fi
  fi
done
echo "fuzz: finished in $(($(date +%s) - started)) s"
echo "fuzz: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
