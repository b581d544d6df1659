#!/usr/bin/env bash
# HTTP benchmark: skillreg against nginx serving the same bytes as static files, in one run.
#
#   make bench                      (release build, then this script)
#   bash bench/run.sh               (uses an existing build/release/skillreg)
#
# For each endpoint (GET /api/v1/health, GET /api/v1/levels) it runs wrk against skillreg and
# against nginx, alternating, BENCH_ROUNDS times, and writes the medians and the ratio
# skillreg/nginx to docs/benchmarks.md. Raw wrk output goes to bench/results/<stamp>/
# (gitignored). Both servers listen on 127.0.0.1 only; every load is bounded in time.
#
# Environment (defaults in brackets):
#   BENCH_DURATION     wrk -d per measured run, e.g. 10s, 1m      [10s]
#   BENCH_CONNECTIONS  wrk -c                                      [64]
#   BENCH_THREADS      wrk -t                                      [2]
#   BENCH_ROUNDS       measured rounds (each round runs all four)  [3]
#   BENCH_WARMUP       wrk -d of the warm-up run per target        [3s]
#   SKILLREG_BIN       the server binary        [build/release/skillreg]
#   BENCH_DOC          the report to (re)write  [docs/benchmarks.md]
#   BENCH_NOISE_LIMIT  % of all cores other processes may use during a run before it is
#                      repeated (the machine may be busy with builds)            [15]
#   BENCH_RETRIES      repeats of a noisy run at most; the quietest attempt counts [2]
#   BENCH_QUIET_WAIT   seconds, in all, to wait for a quiet machine before runs    [300]
#   BENCH_KEEP_TMP=1   keep the temporary folder (database, nginx.conf, logs) for inspection
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${SKILLREG_BIN:-$ROOT/build/release/skillreg}
DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
ROUNDS=${BENCH_ROUNDS:-3}
WARMUP=${BENCH_WARMUP:-3s}
DOC=${BENCH_DOC:-$ROOT/docs/benchmarks.md}
LUA=$ROOT/bench/wrk_report.lua
HOST=127.0.0.1 # loopback only, on purpose: not configurable
ENDPOINTS=(health levels)
TARGETS=(skillreg nginx)

BENCH_NAME=bench
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"  # die, log, run_child, free_port, wait_http, wait_quiet, …

# --- checks before anything starts ---------------------------------------------------------
[[ -x $BIN ]] || die "no server binary at $BIN; build it first with 'make build' (or run 'make bench')"
for tool in wrk nginx curl awk; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' is not installed (scripts/install-deps.sh installs it)"
done
[[ -f $LUA ]] || die "missing $LUA"

DURATION_S=$(seconds_of "$DURATION")
WARMUP_S=$(seconds_of "$WARMUP")
[[ $CONNECTIONS =~ ^[1-9][0-9]*$ ]] || die "BENCH_CONNECTIONS must be a positive integer"
[[ $THREADS =~ ^[1-9][0-9]*$ ]] || die "BENCH_THREADS must be a positive integer"
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "BENCH_ROUNDS must be a positive integer"
((CONNECTIONS >= THREADS)) || die "BENCH_CONNECTIONS ($CONNECTIONS) must be >= BENCH_THREADS ($THREADS)"
NOISE_LIMIT=${BENCH_NOISE_LIMIT:-15}
RETRIES=${BENCH_RETRIES:-2}
QUIET_WAIT=${BENCH_QUIET_WAIT:-300}
[[ $QUIET_WAIT =~ ^[0-9]+$ ]] || die "BENCH_QUIET_WAIT must be a whole number of seconds"
[[ $NOISE_LIMIT =~ ^[0-9]+$ ]] || die "BENCH_NOISE_LIMIT must be a whole percentage"
[[ $RETRIES =~ ^[0-9]+$ ]] || die "BENCH_RETRIES must be a non-negative integer"

CORES=$(nproc)

# --- processes we start, and their cleanup ---------------------------------------------------
TMP=""
SKILLREG_PID=""
NGINX_PID=""

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$CHILD_PID" wrk
  stop_pid "$SKILLREG_PID" skillreg
  stop_pid "$NGINX_PID" nginx
  remove_tmp "$rc"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- set-up ----------------------------------------------------------------------------------
STAMP=$(date +%Y%m%d-%H%M%S)
RESULTS=$ROOT/bench/results/$STAMP
mkdir -p "$RESULTS"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/skillreg-bench.XXXXXX")
# nginx's workers run as 'nobody' when started as root: they must be able to read the files.
chmod 755 "$TMP"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

log "results in $RESULTS"
log "loading the demo database"
cat >"$TMP/skillreg.toml" <<EOF
# Written by bench/run.sh. One access-log line per request would dominate the measurement.
[server]
io_threads = $CORES
[log]
level = "warn"
EOF
DB_URL="sqlite:$TMP/db/skillreg.db"
"$BIN" --config "$TMP/skillreg.toml" --database "$DB_URL" demo >"$TMP/demo.log" 2>&1 ||
  {
    cat "$TMP/demo.log" >&2
    die "'skillreg demo' failed"
  }

SKILLREG_PORT=$(free_port)
log "starting skillreg on $HOST:$SKILLREG_PORT ($CORES I/O threads)"
"$BIN" --config "$TMP/skillreg.toml" --database "$DB_URL" serve --listen "$HOST:$SKILLREG_PORT" \
  >"$TMP/skillreg.log" 2>&1 &
SKILLREG_PID=$!
SKILLREG_URL="http://$HOST:$SKILLREG_PORT"
wait_http "$SKILLREG_URL/api/v1/health" "$SKILLREG_PID" skillreg || {
  tail -n 30 "$TMP/skillreg.log" >&2
  die "skillreg did not start"
}

# The exact bodies skillreg sends become nginx's static files, at the same paths.
WWW=$TMP/www
mkdir -p "$WWW/api/v1"
for ep in "${ENDPOINTS[@]}"; do
  curl -sS --fail --max-time 5 -D "$RESULTS/headers-skillreg-$ep.txt" \
    -o "$WWW/api/v1/$ep" "$SKILLREG_URL/api/v1/$ep" || die "cannot fetch /api/v1/$ep from skillreg"
  [[ -s $WWW/api/v1/$ep ]] || die "skillreg answered /api/v1/$ep with an empty body"
  cp "$WWW/api/v1/$ep" "$RESULTS/body-$ep.json"
done
chmod -R a+rX "$WWW"
SERVER_VERSION=$(sed -n 's/.*"version":"\([^"]*\)".*/\1/p' "$WWW/api/v1/health")

# nginx: same worker count as skillreg's I/O threads, no access log, keep-alive, and the same
# Content-Type and extra response headers skillreg sent (read from its answers above, so the bytes
# on the wire stay about the same as skillreg's headers change); X-Request-Id gets nginx's own
# per-request id. nginx adds Server, Date, Last-Modified and Accept-Ranges of its own.
NGINX_PORT=$(free_port "$SKILLREG_PORT")
NGX=$TMP/nginx
mkdir -p "$NGX/tmp"
location_block() { # endpoint
  local ep=$1 name value
  echo "        location = /api/v1/$ep {"
  while IFS= read -r line; do
    line=${line%$'\r'}
    [[ $line == *:* ]] || continue
    name=${line%%:*}
    value=${line#*:}
    value=${value# }
    case ${name,,} in
      connection | content-length | date | server | keep-alive | transfer-encoding) ;;
      content-type) echo "            default_type \"$value\";" ;;
      x-request-id) echo "            add_header $name \$request_id always;" ;;
      *)
        if [[ $value == *'"'* || $value == *'$'* || $value == *\\* ]]; then
          log "not copying header '$name' to nginx (its value has characters nginx would interpret)"
        else
          echo "            add_header $name \"$value\" always;"
        fi
        ;;
    esac
  done <"$RESULTS/headers-skillreg-$ep.txt"
  echo "        }"
}
cat >"$NGX/nginx.conf" <<EOF
# Written by bench/run.sh: the ceiling for skillreg, serving the same bodies as static files.
daemon off;
master_process on;
worker_processes $CORES;
pid $NGX/nginx.pid;
error_log $NGX/error.log warn;
events {
    worker_connections 4096;
}
http {
$(nginx_http_settings "$NGX")
    server {
        listen $HOST:$NGINX_PORT backlog=4096;
        root $WWW;
$(for ep in "${ENDPOINTS[@]}"; do location_block "$ep"; done)
        location / {
            return 404;
        }
    }
}
EOF
cp "$NGX/nginx.conf" "$RESULTS/nginx.conf"
nginx -t -q -p "$NGX/" -e "$NGX/error.log" -c "$NGX/nginx.conf" 2>"$NGX/check.log" || {
  cat "$NGX/check.log" >&2
  die "the generated nginx.conf does not pass 'nginx -t'"
}
log "starting nginx on $HOST:$NGINX_PORT ($CORES workers)"
nginx -p "$NGX/" -e "$NGX/error.log" -c "$NGX/nginx.conf" >"$NGX/stdout.log" 2>&1 &
NGINX_PID=$!
NGINX_URL="http://$HOST:$NGINX_PORT"
wait_http "$NGINX_URL/api/v1/health" "$NGINX_PID" nginx || {
  cat "$NGX/error.log" "$NGX/stdout.log" >&2 2>/dev/null || true
  die "nginx did not start"
}
for ep in "${ENDPOINTS[@]}"; do
  curl -sS --fail --max-time 5 -D "$RESULTS/headers-nginx-$ep.txt" -o "$TMP/nginx-$ep" \
    "$NGINX_URL/api/v1/$ep" || die "cannot fetch /api/v1/$ep from nginx"
  cmp -s "$TMP/nginx-$ep" "$WWW/api/v1/$ep" || die "nginx's /api/v1/$ep differs from skillreg's"
done

url_of() { # target endpoint
  case $1 in
    skillreg) echo "$SKILLREG_URL/api/v1/$2" ;;
    nginx) echo "$NGINX_URL/api/v1/$2" ;;
  esac
}

# wrk, bounded: wrk stops itself after -d; timeout(1) is the backstop.
WRK_ARGS=(-t"$THREADS" -c"$CONNECTIONS" --latency -s "$LUA")
run_wrk() { # seconds outfile url
  run_child "$2" timeout --kill-after=5 $(($1 + 30)) wrk "${WRK_ARGS[@]}" -d"$1s" "$3" ||
    {
      cat "$2" >&2
      die "wrk failed against $3"
    }
  grep -q '^WRK_JSON ' "$2" || {
    cat "$2" >&2
    die "wrk printed no WRK_JSON line (is $LUA intact?)"
  }
}

# --- noise: CPU used by processes other than ours during a run ---------------------------------
# The machine may be busy with other work (a build, tests). Busy ticks of the whole machine
# (/proc/stat: user nice system irq softirq steal) minus the ticks of skillreg, nginx and this
# shell's reaped children (wrk) is what others took; it is reported per run as a share of all
# cores, and a run above BENCH_NOISE_LIMIT percent is repeated (BENCH_RETRIES times at most,
# keeping the quietest attempt).
NGINX_PIDS="$NGINX_PID $(ps -o pid= --ppid "$NGINX_PID" 2>/dev/null | tr '\n' ' ')"
BUSY=0
OURS=0
sample_cpu() { # sets BUSY and OURS (ticks); no command substitution around `times`
  local pid
  BUSY=$(busy_ticks)
  OURS=0
  for pid in $SKILLREG_PID $NGINX_PIDS; do
    OURS=$((OURS + $(proc_ticks "$pid")))
  done
  children_ticks # wrk via timeout
  OURS=$((OURS + CHILD_TICKS))
}

# --- measurement -----------------------------------------------------------------------------

log "warming up (${WARMUP_S}s per target)"
for ep in "${ENDPOINTS[@]}"; do
  for t in "${TARGETS[@]}"; do
    run_wrk "$WARMUP_S" "$RESULTS/warmup-$t-$ep.txt" "$(url_of "$t" "$ep")"
  done
done

# measure seconds outfile url: runs wrk, sets NOISE (percent of all cores used by others).
NOISE=0
measure() {
  local b0 o0 t0 t1
  wait_quiet
  sample_cpu
  b0=$BUSY o0=$OURS t0=$(date +%s%N)
  run_wrk "$@"
  t1=$(date +%s%N)
  sample_cpu
  NOISE=$(noise_pct "$b0" "$BUSY" "$o0" "$OURS" $((t1 - t0)))
}

RUNS=$RESULTS/runs.tsv # round endpoint target + the WRK_JSON fields + noise
printf 'round\tendpoint\ttarget\trps\tp50_ms\tp90_ms\tp99_ms\tmax_ms\tnon2xx\tsocket_errors\tbytes_per_response\trequests\tother_cpu_pct\tattempts\n' >"$RUNS"
json_num() { # key line
  local v
  v=$(sed -n "s/.*\"$1\":\([-0-9.eE+]*\).*/\1/p" <<<"$2")
  [[ -n $v ]] || die "no '$1' in wrk's report: $2"
  echo "$v"
}
total_runs=$((ROUNDS * ${#ENDPOINTS[@]} * ${#TARGETS[@]}))
log "measuring: $total_runs runs of ${DURATION_S}s (about $((total_runs * DURATION_S / 60 + 1)) min, more if runs are repeated)"
for ((r = 1; r <= ROUNDS; r++)); do
  # Alternate who goes first, so a slow trend in background load does not favour one side.
  if ((r % 2)); then order=(skillreg nginx); else order=(nginx skillreg); fi
  for ep in "${ENDPOINTS[@]}"; do
    for t in "${order[@]}"; do
      out=$RESULTS/round$r-$ep-$t.txt
      best=-1
      for ((a = 0; a <= RETRIES; a++)); do
        measure "$DURATION_S" "$out.try$a" "$(url_of "$t" "$ep")"
        if ((best < 0 || NOISE < best)); then
          best=$NOISE
          mv "$out.try$a" "$out"
        fi
        ((NOISE > NOISE_LIMIT && a < RETRIES)) || break
        log "round $r $ep $t: other processes used ${NOISE}% of the CPU; repeating the run"
        sleep 2
      done
      attempts=$((a + 1))
      j=$(grep '^WRK_JSON ' "$out" | tail -n 1)
      socket=$(($(json_num connect "$j") + $(json_num read "$j") + $(json_num write "$j") + $(json_num timeout "$j")))
      printf '%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$ep" "$t" \
        "$(json_num rps "$j")" "$(json_num p50_ms "$j")" "$(json_num p90_ms "$j")" \
        "$(json_num p99_ms "$j")" "$(json_num max_ms "$j")" "$(json_num non2xx "$j")" "$socket" \
        "$(json_num bytes_per_response "$j")" "$(json_num requests "$j")" "$best" "$attempts" >>"$RUNS"
      log "round $r/$ROUNDS $ep $t: $(json_num rps "$j") req/s, p99 $(json_num p99_ms "$j") ms, others used ${best}% CPU"
    done
  done
done
kill -0 "$SKILLREG_PID" 2>/dev/null || die "skillreg died during the benchmark (see $TMP/skillreg.log)"
kill -0 "$NGINX_PID" 2>/dev/null || die "nginx died during the benchmark (see $NGX/error.log)"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
cp "$TMP/skillreg.log" "$RESULTS/skillreg.log"
cp "$NGX/error.log" "$RESULTS/nginx-error.log" 2>/dev/null || true

# --- summary: medians over rounds, and paired per-round ratios -------------------------------
# summary.tsv, per endpoint and target: endpoint target rps p50 p90 p99 (medians over the quiet
#   rounds of that endpoint, or over all its rounds when none was quiet)
#   non2xx socket (sums) bytes/response max-other-cpu
# then per endpoint: "ratio <endpoint> <r1> <r2> …" and "quiet <endpoint> <0|1> …" (1: both runs
# of that round were under the noise limit)
SUMMARY=$RESULTS/summary.tsv
awk -F'\t' -v limit="$NOISE_LIMIT" '
  function median(s,   a, n, i, j, t) {
    n = split(s, a, " ")
    for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  FNR == 1 { next }
  NR == FNR { # first pass: which rounds were noisy, per endpoint
    if ($13 + 0 > limit + 0) loud[$2, $1] = 1
    all[$2, $1] = 1
    next
  }
  {
    if (!($2 in quietcount)) {
      quietcount[$2] = 0
      for (x in all) { split(x, xx, SUBSEP); if (xx[1] == $2 && !(x in loud)) quietcount[$2]++ }
    }
    if (!(($2, $1) in loud)) quiet_run = 1; else quiet_run = 0
    # tables use the quiet rounds when an endpoint has any; otherwise every round
    use = quiet_run || quietcount[$2] == 0
    if ($3 == "skillreg") own[$2, $1] = $4; else ceil[$2, $1] = $4
    if ($1 > rounds) rounds = $1
    non2xx[$2 "\t" $3] += $9; sock[$2 "\t" $3] += $10
    if (!use) next
    k = $2 "\t" $3
    if (!(k in seen)) { seen[k] = 1; keys[++nk] = k }
    rps[k] = rps[k] " " $4; p50[k] = p50[k] " " $5; p90[k] = p90[k] " " $6; p99[k] = p99[k] " " $7
    bytes[k] = $11
    if ($13 + 0 > noisy[k] + 0) noisy[k] = $13
  }
  END {
    for (i = 1; i <= nk; i++) {
      k = keys[i]
      printf "%s\t%.0f\t%.3f\t%.3f\t%.3f\t%d\t%d\t%.0f\t%d\n", k, median(rps[k]), median(p50[k]), median(p90[k]), median(p99[k]), non2xx[k], sock[k], bytes[k], noisy[k]
    }
    for (i = 1; i <= nk; i++) {
      split(keys[i], kk, "\t"); ep = kk[1]
      if (ep in done) continue
      done[ep] = 1
      line = "ratio\t" ep; q = "quiet\t" ep
      for (r = 1; r <= rounds; r++) {
        line = line "\t" (ceil[ep, r] > 0 ? sprintf("%.3f", own[ep, r] / ceil[ep, r]) : "n/a")
        q = q "\t" ((ep, r) in loud ? 0 : 1)
      }
      print line; print q
    }
  }' "$RUNS" "$RUNS" >"$SUMMARY"

field() { # endpoint target column(3=rps 4=p50 5=p90 6=p99 7=non2xx 8=socket 9=bytes 10=other cpu)
  awk -F'\t' -v e="$1" -v t="$2" -v c="$3" '$1 == e && $2 == t { print $c }' "$SUMMARY"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'; }
round_ratios() { # "0.55, 0.52 (noisy), …"
  awk -F'\t' -v e="$1" '$2 == e && $1 == "ratio" { n = NF; for (i = 3; i <= NF; i++) r[i] = $i }
    $2 == e && $1 == "quiet" { for (i = 3; i <= NF; i++) q[i] = $i }
    END { s = ""; for (i = 3; i <= n; i++) s = s (i > 3 ? ", " : "") r[i] (q[i] ? "" : " (noisy)"); print s }' "$SUMMARY"
}
quiet_rounds() { awk -F'\t' -v e="$1" '$1 == "quiet" && $2 == e { n = 0; for (i = 3; i <= NF; i++) n += $i; print n }' "$SUMMARY"; }
paired_median() { # the median of the per-round ratios, over the quiet rounds when there are any
  awk -F'\t' -v e="$1" '$2 == e && $1 == "ratio" { nf = NF; for (i = 3; i <= NF; i++) r[i] = $i }
    $2 == e && $1 == "quiet" { for (i = 3; i <= NF; i++) { q[i] = $i; nq += $i } }
    END {
      n = 0
      for (i = 3; i <= nf; i++) if (r[i] != "n/a" && (nq == 0 || q[i])) a[++n] = r[i]
      for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
      if (n == 0) print "n/a"; else printf "%.2f", n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }' "$SUMMARY"
}

# --- the report ------------------------------------------------------------------------------
cpu_model=$(lscpu_field 'Model name')
cpu_count=$(lscpu_field 'CPU(s)')
tpc=$(lscpu_field 'Thread(s) per core')
cpu_mhz=$(lscpu_field 'CPU max MHz')
hypervisor=$(lscpu_field 'Hypervisor vendor')
mem_total=$(free -h | awk '/^Mem:/ { print $2 }')
# shellcheck disable=SC1091
os_name=$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-unknown}" || echo unknown)
kernel=$(uname -r)
nginx_version=$(nginx -v 2>&1 | sed 's/^nginx version: //')
wrk_version=$({ wrk --version 2>&1 || true; } | awk 'NR == 1 { print $1, $2 }') # exits 1 after printing
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git -C "$ROOT" status --porcelain -- src CMakeLists.txt 2>/dev/null) ]]; then commit="$commit (with uncommitted changes in src/)"; fi
compiler=$({ c++ --version 2>/dev/null || echo unknown; } | awk 'NR == 1')
binary_note="build/release/skillreg (the \`release\` preset)"
[[ $BIN != "$ROOT/build/release/skillreg" ]] &&
  binary_note="\`$BIN\` (SKILLREG_BIN; built $(date -r "$BIN" '+%Y-%m-%d %H:%M'), so the commit above may not match it)"

reproduce="make bench"
[[ $DURATION != 10s || $CONNECTIONS != 64 || $THREADS != 2 || $ROUNDS != 3 || $WARMUP != 3s ]] &&
  reproduce="BENCH_DURATION=$DURATION BENCH_CONNECTIONS=$CONNECTIONS BENCH_THREADS=$THREADS BENCH_ROUNDS=$ROUNDS BENCH_WARMUP=$WARMUP make bench"

endpoint_table() { # endpoint
  local ep=$1 t
  echo "| server | req/s | p50 | p90 | p99 | non-2xx | socket errors | bytes/response |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for t in "${TARGETS[@]}"; do
    printf '| %s | %s | %s ms | %s ms | %s ms | %s | %s | %s |\n' "$t" "$(thousands "$(field "$ep" "$t" 3)")" \
      "$(field "$ep" "$t" 4)" "$(field "$ep" "$t" 5)" "$(field "$ep" "$t" 6)" \
      "$(field "$ep" "$t" 7)" "$(field "$ep" "$t" 8)" "$(field "$ep" "$t" 9)"
  done
  printf '| **skillreg / nginx** | **%s** | %s | %s | %s | | | |\n' \
    "$(ratio "$(field "$ep" skillreg 3)" "$(field "$ep" nginx 3)")" \
    "$(ratio "$(field "$ep" skillreg 4)" "$(field "$ep" nginx 4)")" \
    "$(ratio "$(field "$ep" skillreg 5)" "$(field "$ep" nginx 5)")" \
    "$(ratio "$(field "$ep" skillreg 6)" "$(field "$ep" nginx 6)")"
  echo
  echo "Throughput ratio per round (skillreg / nginx, measured back to back): $(round_ratios "$ep");"
  if (($(quiet_rounds "$ep") > 0)); then
    echo "median of these paired ratios over the $(quiet_rounds "$ep") quiet round(s): **$(paired_median "$ep")**."
  else
    echo "median of these paired ratios: **$(paired_median "$ep")** (no round was quiet: treat it with care)."
  fi
}

runs_table() {
  echo "| round | endpoint | server | req/s | p50 | p99 | other processes' CPU | attempts |"
  echo "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |"
  awk -F'\t' 'NR > 1 { printf "| %d | %s | %s | %.0f | %.3f ms | %.3f ms | %d%% | %d |\n", $1, $2, $3, $4, $5, $7, $13, $14 }' "$RUNS"
}
quiet_note="Every measured run stayed under the noise limit."
noisy_runs=$(awk -F'\t' -v l="$NOISE_LIMIT" 'NR > 1 && $13 + 0 > l + 0 { n++ } END { print n + 0 }' "$RUNS")
((noisy_runs == 0)) || quiet_note="**$noisy_runs run(s) stayed above the noise limit even after repeating**: their rounds are marked (noisy) and left out of the paired median when quiet rounds exist. Re-run on a quieter machine for numbers to quote."

short_caveat=""
if (($(quiet_rounds health) == 0 || $(quiet_rounds levels) == 0)); then
  short_caveat=" **The machine was busy with other work for whole rounds (see below): treat these as rough.**"
fi

errors_total=$(awk -F'\t' '$1 != "ratio" && $1 != "quiet" { n += $7 + $8 } END { print n + 0 }' "$SUMMARY")
errors_note="No run had a non-2xx answer or a socket error."
((errors_total == 0)) || errors_note="**Some runs had errors** (see the tables and the raw wrk output): a ratio computed over failed requests means little."

mkdir -p "$(dirname "$DOC")"
{
  cat <<EOF
# Benchmarks

*Generated by \`bench/run.sh\` on $(date '+%Y-%m-%d %H:%M %Z'); do not edit by hand, re-run it.*

Reproduce (from the repository root, as root on a Debian 12 machine; it builds the release binary
first and installs \`wrk\` and \`nginx-light\` if they are missing):

\`\`\`sh
$reproduce
\`\`\`

## What is compared

skillreg ${SERVER_VERSION:-?} (release build) and nginx, both on \`$HOST\`, each with $CORES
worker threads/processes (one per core), are loaded in turn by
\`wrk -t$THREADS -c$CONNECTIONS -d${DURATION_S}s --latency\` over keep-alive connections:

- \`GET /api/v1/health\`: skillreg runs \`SELECT 1\` on its SQLite database (per-thread read
  connection) and serialises a small JSON object on every request.
- \`GET /api/v1/levels\`: skillreg answers the 8 skill levels from a JSON string rendered once at
  start-up, so this is the cost of skillreg's HTTP path alone (RESTinio parsing, routing, the
  request pipeline, headers).

nginx serves the very bytes skillreg sent (fetched with curl at the start of the run and checked
to be identical) as static files at the same paths, with the same \`Content-Type\` and the same
extra headers (\`Cache-Control\`, \`Content-Security-Policy\`, …, copied from skillreg's answers;
\`X-Request-Id\` from nginx's own request id), no access log, \`sendfile\` and an open-file cache. Serving a small cached file is about the least work an HTTP/1.1 server can do per request,
and nginx is very good at it, so nginx is the ceiling: the throughput this machine, this kernel
and this load generator allow for responses of this size. The ratio skillreg/nginx says how much
of that ceiling skillreg keeps; it compares well across machines, where the raw numbers do not.
skillreg logs at \`warn\` level for the run (one access-log line per request would otherwise be
measured).

Each round runs all four combinations back to back, and the order within a round alternates
(skillreg first, then nginx first) so that a change in background load does not favour one side.
After a ${WARMUP_S}s warm-up of each, there were $ROUNDS rounds; the tables show medians over the
quiet rounds (over every round when none was quiet; see the last table), errors summed over all. wrk shares the $CORES cores with the server under test, so absolute
numbers are lower than on a dedicated load generator; the ratio is the figure to watch.

## Results

In short: skillreg served **$(paired_median health)×** nginx's requests per second on
\`/api/v1/health\` and **$(paired_median levels)×** on \`/api/v1/levels\` (median of the paired
per-round ratios; 1.00 would be as fast as nginx).$short_caveat

### GET /api/v1/health

$(endpoint_table health)

### GET /api/v1/levels

$(endpoint_table levels)

$errors_note

For latency columns the ratio is skillreg's latency over nginx's (higher is slower).

### Every run, and how busy the machine was

"Other processes' CPU" is the share of all $CORES cores that processes other than skillreg,
nginx and wrk used during the run (from \`/proc/stat\` less those processes' own CPU time, steal
included). A run above $NOISE_LIMIT% (BENCH_NOISE_LIMIT) is repeated up to $RETRIES more times
(BENCH_RETRIES) and the quietest attempt is kept; before each run the script waits while others
keep the machine busy, up to BENCH_QUIET_WAIT=$QUIET_WAIT seconds in all ($((QUIET_WAIT - (${QUIET_LEFT:-$QUIET_WAIT} > 0 ? ${QUIET_LEFT:-$QUIET_WAIT} : 0))) s were spent). $quiet_note

$(runs_table)

## Machine

| | |
| --- | --- |
| CPU | ${cpu_model:-unknown}${cpu_mhz:+ (max ${cpu_mhz} MHz)}, ${cpu_count:-?} logical CPUs (${tpc:-?} thread(s) per core); nproc $CORES${hypervisor:+; virtual machine ($hypervisor)} |
| memory | $mem_total |
| OS | $os_name, kernel $kernel |
| load average (1/5/15 min) | before the run $LOAD_BEFORE; after it $LOAD_AFTER (the run itself adds about $((CORES + THREADS))) |
| skillreg | ${SERVER_VERSION:-?}, commit $commit, built with $compiler |
| binary | $binary_note |
| nginx | $nginx_version |
| wrk | $wrk_version |

The machine may be shared with other work (builds, tests) while this runs; a high load average
above means noisy absolute numbers. The alternating, back-to-back runs keep the ratio usable.

Raw wrk output, response headers, the generated \`nginx.conf\` and per-run numbers are kept in
\`bench/results/$STAMP/\` on the machine that ran it (not committed).

## Looking deeper

To see where skillreg's time goes, keep a server under the same load and profile it:

\`\`\`sh
build/release/skillreg --config bench.toml --database sqlite:/tmp/b/skillreg.db demo
build/release/skillreg --config bench.toml --database sqlite:/tmp/b/skillreg.db serve --listen 127.0.0.1:8090 &
wrk -t$THREADS -c$CONNECTIONS -d20s http://127.0.0.1:8090/api/v1/health &
perf record -g -p \$(pgrep -n -x skillreg) -- sleep 10 && perf report --no-children --sort dso,sym
\`\`\`

where \`bench.toml\` holds \`[log]\` \`level = "warn"\` as in this run. \`strace -c -f -p PID\` over a
short run shows the system calls per request (one \`recvfrom\` and one \`sendmsg\` is the floor).
EOF
} >"$DOC.tmp"
# Sections other scripts write (bench/certcheck.sh's, between its <!-- certcheck:begin/end -->
# comments) are carried over from the previous report unchanged.
if [[ -f $DOC ]]; then
  awk '/^<!-- [a-z-]+:begin/ { keep = 1; print "" } keep { print } /^<!-- [a-z-]+:end/ { keep = 0 }' "$DOC" >>"$DOC.tmp"
fi
mv "$DOC.tmp" "$DOC"
cp "$DOC" "$RESULTS/benchmarks.md"

log "done: $DOC"
awk -F'\t' '$1 != "ratio" && $1 != "quiet" { printf "  %-7s %-9s %9s req/s  p50 %s ms  p99 %s ms  errors %d\n", $1, $2, $3, $4, $6, $7 + $8 }' "$SUMMARY" >&2
for ep in "${ENDPOINTS[@]}"; do
  log "$ep: skillreg/nginx = $(ratio "$(field "$ep" skillreg 3)" "$(field "$ep" nginx 3)") (per round: $(round_ratios "$ep"); paired median $(paired_median "$ep"))"
done
