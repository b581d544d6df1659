#!/usr/bin/env bash
# Builds the libFuzzer targets under fuzz/ into build/fuzz (clang, ASan + UBSan) and runs each one
# for FUZZ_SECONDS seconds, starting from its committed seeds (fuzz/corpus/<target>). Fails on the
# first crash, sanitizer report, broken invariant, leak or timeout, and says how to reproduce it.
# `make test` runs it briefly; `make fuzz` runs it for longer (docs/fuzzing.md).
#
#   FUZZ_SECONDS=15     seconds per target
#   FUZZ_TARGETS="..."  a subset of the targets, by name (default: all)
#   FUZZ_ARGS="..."     more libFuzzer flags, e.g. "-max_len=65536" (with "-jobs=2 -workers=2",
#                       set FUZZ_PARALLEL=1)
#   FUZZ_PARALLEL=2     targets run at once (default: the number of cores), each for its full time
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

# Runs target $1 for its time; prints one line when it passes, the end of its log when it fails.
run_target() {
  local t=$1
  # New inputs go to build/fuzz/corpus/<target> (kept between runs, never committed); the seeds
  # in fuzz/corpus/<target> are only read.
  local work="$build/corpus/$t" log="$build/$t.log"
  mkdir -p "$work" "$build/artifacts"
  # shellcheck disable=SC2046,SC2086
  if "$build/$t" $(dict_of "$t") -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -print_final_stats=1 -artifact_prefix="$build/artifacts/$t-" ${FUZZ_ARGS:-} \
       "$work" "fuzz/corpus/$t" >"$log" 2>&1; then
    local runs cov
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -n 1 || true)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 || true)
    echo "fuzz: $t ok (${runs:-?} runs, ${cov:-cov: ?})"
    return 0
  fi
  echo "fuzz: $t FAILED; the end of $log:"
  grep -v -E '^#[0-9]+|^INFO:' "$log" | tail -n 40
  local artifact
  artifact=$(grep -o "Test unit written to [^ ]*" "$log" | tail -n 1 | sed 's/Test unit written to //' || true)
  if [ -n "$artifact" ]; then
    echo "fuzz: reproduce with: $build/$t $artifact"
    echo "fuzz: then keep it as a seed (fuzz/corpus/$t/) and a regression test (docs/fuzzing.md)"
  fi
  return 1
}

# The targets run side by side, one a core: each still gets its full time, the whole takes less.
parallel=${FUZZ_PARALLEL:-$(nproc)}
for t in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$parallel" ]; do wait -n || true; done
  rm -f "$build/$t.rc"
  { if run_target "$t" >"$build/$t.summary" 2>&1; then echo 0; else echo 1; fi >"$build/$t.rc"; } &
done
wait

passed=0
failed=0
for t in "${targets[@]}"; do
  if [ "$(cat "$build/$t.rc" 2>/dev/null)" = 0 ]; then
    passed=$((passed + 1))
    cat "$build/$t.summary"
  else
    failed=$((failed + 1))
    cat "$build/$t.summary" >&2
  fi
done
echo "fuzz: finished in $(($(date +%s) - started)) s"
echo "fuzz: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
