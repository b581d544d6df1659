#!/usr/bin/env bash
# Certificate-check benchmark: skillreg's public check against nginx (the ceiling) and against a
# Node.js express + better-sqlite3 server (a typical alternative stack), in one run.
#
#   make bench-certcheck             (release build, then this script)
#   bash bench/certcheck.sh          (uses an existing build/release/skillreg)
#
# Data: a synthetic province (docs/synthetic-province.md) with at least CERT_MIN certificates,
# built once with `skillreg demo --scale CERT_SCALE --seed CERT_SEED` and cached in
# bench/results/certcheck/ (gitignored) under a name holding scale and seed, so reruns start in
# seconds. CERT_SAMPLE (cert_no, name) pairs of existing certificates are drawn from it with a
# fixed seed (bench/certcheck/sample_pairs.mjs) and every server gets the same request mix:
# wrk (bench/certcheck/certcheck.lua) cycles through them, one different certificate per request:
#   GET /api/v1/public/certificates/verify?cert_no=…&name=<percent-encoded UTF-8>
#
# Two layouts of servers and load generator on the cores (CERT_LAYOUT; `make bench-certcheck` runs
# both, each writing its own section):
#   shared  each server with one worker per core, wrk -t2 on the same cores: what the machine
#           serves, but wrk's CPU is taken from the server's, so the ratios between servers shrink
#   split   each server pinned to core 0 with one worker (taskset -c 0), wrk -t1 pinned to core 1:
#           the server alone, as long as its core is the busy one (the report says whether it was)
# Servers, all on 127.0.0.1 (the number of workers as the layout says):
#   skillreg  the release binary, io_threads = server cores, log level warn
#   nginx     one static JSON file of the size of a median skillreg answer, with skillreg's
#             response headers, at the same path (the query is ignored)
#   node      bench/certcheck/node/server.js: express + better-sqlite3, the same SQL and JSON,
#             one process per server core (cluster), read-only on the SAME database file
# Each round runs the three back to back, in an order that rotates from round to round; the
# report is requests/s and p99 at BENCH_CONNECTIONS connections, the ratios skillreg/nginx and
# skillreg/node, and the issue's targets. It replaces only its own section of docs/benchmarks.md
# (between the certcheck:begin/end markers; bench/run.sh keeps that section when it rewrites the
# rest). Raw wrk output goes to bench/results/certcheck-<stamp>/.
#
# Environment (defaults in brackets):
#   CERT_LAYOUT        shared or split (above)                               [shared]
#   CERT_SCALE         --scale of the synthetic province (candidates)        [1700000]
#   CERT_SEED          --seed                                                [20220420]
#   CERT_MIN           certificates the issue asks for; fewer is reported    [1000000]
#   CERT_SAMPLE        (cert_no, name) pairs in the request mix              [100000]
#   CERT_REBUILD=1     build the cached database again
#   BENCH_DURATION     wrk -d per measured run                               [10s]
#   BENCH_CONNECTIONS  wrk -c                                                [64]
#   BENCH_THREADS      wrk -t                                [2 shared, 1 split]
#   BENCH_ROUNDS       measured rounds (each runs all three servers)         [3]
#   BENCH_WARMUP       wrk -d of the warm-up run per server (JIT, caches)    [5s]
#   NODE_WORKERS       Node.js cluster workers               [nproc shared, 1 split]
#   SKILLREG_BIN       the server binary        [build/release/skillreg]
#   BENCH_DOC          the report to update     [docs/benchmarks.md]
#   BENCH_NOISE_LIMIT, BENCH_RETRIES, BENCH_QUIET_WAIT   as in bench/run.sh    [15, 2, 300]
#   BENCH_KEEP_TMP=1   keep the temporary folder (configs, logs) for inspection
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HERE=$ROOT/bench/certcheck
BIN=${SKILLREG_BIN:-$ROOT/build/release/skillreg}
SCALE=${CERT_SCALE:-1700000}
SEED=${CERT_SEED:-20220420}
MIN_CERTS=${CERT_MIN:-1000000}
SAMPLE=${CERT_SAMPLE:-100000}
DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
LAYOUT=${CERT_LAYOUT:-shared}
ROUNDS=${BENCH_ROUNDS:-3}
WARMUP=${BENCH_WARMUP:-5s}
DOC=${BENCH_DOC:-$ROOT/docs/benchmarks.md}
NOISE_LIMIT=${BENCH_NOISE_LIMIT:-15}
RETRIES=${BENCH_RETRIES:-2}
QUIET_WAIT=${BENCH_QUIET_WAIT:-300}
CORES=$(nproc)
HOST=127.0.0.1 # loopback only, on purpose: not configurable
TARGETS=(skillreg nginx node)
VERIFY_PATH=/api/v1/public/certificates/verify
# Targets of issue 4.
TARGET_NGINX=0.6
TARGET_NODE=5
TARGET_P99_MS=3

BENCH_NAME=certcheck
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"  # die, log, run_child, free_port, wait_http, wait_quiet, …

# The layout: how many cores the server gets, and which cores server and wrk are pinned to.
case $LAYOUT in
  shared)
    SERVER_CORES=$CORES
    PIN_SERVER=()
    PIN_WRK=()
    THREADS=${BENCH_THREADS:-2}
    MARK=certcheck
    ;;
  split)
    ((CORES >= 2)) || die "CERT_LAYOUT=split needs at least 2 cores (this machine has $CORES)"
    command -v taskset >/dev/null 2>&1 || die "'taskset' (util-linux) is not installed"
    SERVER_CORES=1
    PIN_SERVER=(taskset -c 0)
    PIN_WRK=(taskset -c 1)
    THREADS=${BENCH_THREADS:-1}
    MARK=certcheck-split
    ;;
  *) die "CERT_LAYOUT must be shared or split (got '$LAYOUT')" ;;
esac
NODE_WORKERS=${NODE_WORKERS:-$SERVER_CORES}

# --- checks before anything starts ---------------------------------------------------------
[[ -x $BIN ]] || die "no server binary at $BIN; build it first with 'make build' (or run 'make bench-certcheck')"
for tool in wrk nginx curl awk sqlite3 node npm sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' is not installed"
done
for f in certcheck.lua sample_pairs.mjs node/server.js node/package.json node/package-lock.json; do
  [[ -f $HERE/$f ]] || die "missing $HERE/$f"
done
DURATION_S=$(seconds_of "$DURATION")
WARMUP_S=$(seconds_of "$WARMUP")
for v in SCALE SEED MIN_CERTS SAMPLE CONNECTIONS THREADS ROUNDS NODE_WORKERS; do
  [[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive integer (got '${!v}')"
done
for v in NOISE_LIMIT RETRIES QUIET_WAIT; do
  [[ ${!v} =~ ^[0-9]+$ ]] || die "$v must be a whole number (got '${!v}')"
done
((CONNECTIONS >= THREADS)) || die "BENCH_CONNECTIONS ($CONNECTIONS) must be >= BENCH_THREADS ($THREADS)"

# --- processes we start, and their cleanup ---------------------------------------------------
TMP=""
SKILLREG_PID=""
NGINX_PID=""
NODE_PID=""

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$CHILD_PID" child
  stop_pid "$SKILLREG_PID" skillreg
  stop_pid "$NGINX_PID" nginx
  stop_pid "$NODE_PID" node
  remove_tmp "$rc"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

STAMP=$(date +%Y%m%d-%H%M%S)
RESULTS=$ROOT/bench/results/$MARK-$STAMP
CACHE=$ROOT/bench/results/certcheck
mkdir -p "$RESULTS" "$CACHE"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/skillreg-certcheck.XXXXXX")
chmod 755 "$TMP" # nginx's workers run as 'nobody' when started as root
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "results in $RESULTS"

cat >"$TMP/skillreg.toml" <<EOF
# Written by bench/certcheck.sh. One access-log line per request would dominate the measurement.
[server]
io_threads = $SERVER_CORES
[log]
level = "warn"
[certificates]
signing_key_file = "$TMP/signing.key"
EOF

# --- the database: built once per scale and seed, then cached --------------------------------
DB=$CACHE/province-scale$SCALE-seed$SEED.db
INFO=$DB.info # what built it, and the counts
if [[ ${CERT_REBUILD:-0} == 1 ]]; then rm -f "$DB" "$DB-wal" "$DB-shm" "$INFO"; fi
if [[ ! -f $DB || ! -f $INFO ]]; then
  rm -f "$DB" "$DB-wal" "$DB-shm" "$INFO"
  BUILD_DIR=$CACHE/building-$$
  rm -rf "$BUILD_DIR"
  mkdir -p "$BUILD_DIR"
  log "building the synthetic province: demo --scale $SCALE --seed $SEED (several minutes, once)"
  t0=$(date +%s)
  run_child "$BUILD_DIR/demo.log" "$BIN" --config "$TMP/skillreg.toml" --database "sqlite:$BUILD_DIR/province.db" \
    demo --scale "$SCALE" --seed "$SEED" || {
    tail -n 30 "$BUILD_DIR/demo.log" >&2
    die "'skillreg demo --scale $SCALE' failed (log in $BUILD_DIR/demo.log)"
  }
  t1=$(date +%s)
  sqlite3 "$BUILD_DIR/province.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  certs=$(sqlite3 "$BUILD_DIR/province.db" "SELECT COUNT(*) FROM certificates")
  candidates=$(sqlite3 "$BUILD_DIR/province.db" "SELECT COUNT(*) FROM candidates")
  {
    echo "scale=$SCALE"
    echo "seed=$SEED"
    echo "certificates=$certs"
    echo "voided=$(sqlite3 "$BUILD_DIR/province.db" "SELECT COUNT(*) FROM certificates WHERE status = 'voided'")"
    echo "candidates=$candidates"
    echo "institutions=$(sqlite3 "$BUILD_DIR/province.db" "SELECT COUNT(*) FROM institutions")"
    echo "build_seconds=$((t1 - t0))"
    echo "built_at=$(date '+%Y-%m-%d %H:%M %Z')"
    echo "binary_commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "demo_output=$(tr '\n' ' ' <"$BUILD_DIR/demo.log" | cut -c1-300)"
  } >"$BUILD_DIR/info"
  mv "$BUILD_DIR/province.db" "$DB"
  rm -f "$BUILD_DIR/province.db-wal" "$BUILD_DIR/province.db-shm"
  mv "$BUILD_DIR/info" "$INFO"
  rm -rf "$BUILD_DIR"
  log "built in $((t1 - t0)) s: $certs certificates for $candidates candidates"
fi
info() { sed -n "s/^$1=//p" "$INFO"; }
CERTS=$(info certificates)
SHORTFALL=""
if ((CERTS < MIN_CERTS)); then
  # About 1.65 candidates per certificate (about three in five get one).
  log "WARNING: $DB holds $CERTS certificates, fewer than CERT_MIN=$MIN_CERTS; raise CERT_SCALE"
  SHORTFALL="**Fewer certificates than the issue's $(thousands "$MIN_CERTS")**: raise CERT_SCALE (about 1.65
candidates per certificate) for a run that measures what the issue asks."
fi
DB_BYTES=$(stat -c %s "$DB")
log "database $DB: $CERTS certificates ($((DB_BYTES / 1048576)) MiB)"

# --- the request mix -----------------------------------------------------------------------------
PATHS=$CACHE/paths-scale$SCALE-seed$SEED-n$SAMPLE.txt
if [[ ! -s $PATHS || $PATHS -ot $INFO ]]; then
  log "sampling $SAMPLE (cert_no, name) pairs with seed $SEED"
  sqlite3 -separator $'\t' "$DB" "SELECT cert_no, name FROM certificates ORDER BY cert_no" |
    node "$HERE/sample_pairs.mjs" --count "$SAMPLE" --seed "$SEED" >"$PATHS.tmp"
  mv "$PATHS.tmp" "$PATHS"
fi
PATH_COUNT=$(wc -l <"$PATHS")
((PATH_COUNT > 0)) || die "no request paths in $PATHS"

# --- the Node.js server's dependencies, from the committed lock file --------------------------------
NODE_DIR=$HERE/node
LOCK_SUM=$(sha256sum "$NODE_DIR/package-lock.json" | cut -d' ' -f1)
if [[ ! -f $NODE_DIR/node_modules/.certcheck-lock-sha256 || $(cat "$NODE_DIR/node_modules/.certcheck-lock-sha256") != "$LOCK_SUM" ]]; then
  log "installing the Node.js server's dependencies (npm ci; better-sqlite3 compiles, a few minutes)"
  # No prebuilt binaries can be downloaded here: node-gyp builds better-sqlite3 against the
  # installed Node.js headers.
  if [[ -z ${npm_config_nodedir:-} && -f /usr/include/node/common.gypi ]]; then export npm_config_nodedir=/usr; fi
  (cd "$NODE_DIR" && run_child "$TMP/npm-ci.log" npm ci --no-audit --no-fund) || {
    tail -n 40 "$TMP/npm-ci.log" >&2
    die "npm ci failed in $NODE_DIR"
  }
  echo "$LOCK_SUM" >"$NODE_DIR/node_modules/.certcheck-lock-sha256"
fi

# --- servers ---------------------------------------------------------------------------------------
SKILLREG_PORT=$(free_port)
log "starting skillreg on $HOST:$SKILLREG_PORT ($SERVER_CORES I/O threads${PIN_SERVER[*]:+, ${PIN_SERVER[*]}})"
"${PIN_SERVER[@]}" "$BIN" --config "$TMP/skillreg.toml" --database "sqlite:$DB" serve --listen "$HOST:$SKILLREG_PORT" \
  >"$TMP/skillreg.log" 2>&1 &
SKILLREG_PID=$!
SKILLREG_URL="http://$HOST:$SKILLREG_PORT"
wait_http "$SKILLREG_URL/api/v1/health" "$SKILLREG_PID" skillreg || {
  tail -n 30 "$TMP/skillreg.log" >&2
  die "skillreg did not start"
}
SERVER_VERSION=$(curl -sS --max-time 5 "$SKILLREG_URL/api/v1/health" | sed -n 's/.*"version":"\([^"]*\)".*/\1/p')

NODE_PORT=$(free_port "$SKILLREG_PORT")
log "starting the Node.js server on $HOST:$NODE_PORT ($NODE_WORKERS cluster workers${PIN_SERVER[*]:+, ${PIN_SERVER[*]}})"
"${PIN_SERVER[@]}" node "$NODE_DIR/server.js" --database "$DB" --listen "$HOST:$NODE_PORT" --workers "$NODE_WORKERS" \
  >"$TMP/node.log" 2>&1 &
NODE_PID=$!
NODE_URL="http://$HOST:$NODE_PORT"
FIRST_PATH=$(head -n 1 "$PATHS")
wait_http "$NODE_URL$FIRST_PATH" "$NODE_PID" node || {
  tail -n 30 "$TMP/node.log" >&2
  die "the Node.js server did not start"
}

# The same answers from skillreg and Node.js, byte for byte, and none of them not_found (a request
# mix that found nothing would measure the wrong thing); the median answer size sizes nginx's file.
log "checking that skillreg and Node.js give the same answers"
CHECK_N=200
head -n "$CHECK_N" "$PATHS" >"$TMP/check-paths.txt"
n=0
: >"$TMP/sizes.txt"
while IFS= read -r p; do
  n=$((n + 1))
  code=$(curl -sS --max-time 5 -o "$TMP/a-skillreg" -w '%{http_code}' "$SKILLREG_URL$p") || die "curl failed on skillreg $p"
  [[ $code == 200 ]] || die "skillreg answered $code to $p: $(head -c 300 "$TMP/a-skillreg")"
  curl -sS --max-time 5 --fail -o "$TMP/a-node" "$NODE_URL$p" || die "the Node.js server failed on $p"
  grep -q '"status":"not_found"' "$TMP/a-skillreg" && die "skillreg answers not_found for a sampled certificate: $p"
  cmp -s "$TMP/a-skillreg" "$TMP/a-node" ||
    die "skillreg and Node.js differ on $p:"$'\n'"$(cat "$TMP/a-skillreg")"$'\n'"$(cat "$TMP/a-node")"
  echo "$(stat -c %s "$TMP/a-skillreg") $n" >>"$TMP/sizes.txt"
  if ((n == 1)); then cp "$TMP/a-skillreg" "$RESULTS/example-answer.json"; fi
done <"$TMP/check-paths.txt"
MEDIAN_N=$(sort -n "$TMP/sizes.txt" | awk '{ a[NR] = $2 } END { print a[int((NR + 1) / 2)] }')
MEDIAN_PATH=$(sed -n "${MEDIAN_N}p" "$TMP/check-paths.txt")
WWW=$TMP/www
mkdir -p "$WWW$(dirname "$VERIFY_PATH")"
curl -sS --fail --max-time 5 -D "$RESULTS/headers-skillreg.txt" -o "$WWW$VERIFY_PATH" "$SKILLREG_URL$MEDIAN_PATH" ||
  die "cannot fetch $MEDIAN_PATH from skillreg"
cp "$WWW$VERIFY_PATH" "$RESULTS/nginx-body.json"
curl -sS --max-time 5 -D "$RESULTS/headers-node.txt" -o /dev/null "$NODE_URL$MEDIAN_PATH" || true
chmod -R a+rX "$WWW"
BODY_BYTES=$(stat -c %s "$WWW$VERIFY_PATH")

# nginx as in bench/run.sh: one worker per server core, no access log, keep-alive, sendfile, an
# open-file cache, and the Content-Type and extra headers skillreg sent.
NGINX_PORT=$(free_port "$SKILLREG_PORT" "$NODE_PORT")
NGX=$TMP/nginx
mkdir -p "$NGX/tmp"
header_lines() {
  local name value line
  while IFS= read -r line; do
    line=${line%$'\r'}
    [[ $line == *:* ]] || continue
    name=${line%%:*}
    value=${line#*:}
    value=${value# }
    case ${name,,} in
      connection | content-length | date | server | keep-alive | transfer-encoding) ;;
      content-type) echo "            default_type \"$value\";" ;;
      x-request-id) echo "            add_header X-Request-Id \$request_id always;" ;;
      *) echo "            add_header $name \"${value//\"/\\\"}\" always;" ;;
    esac
  done <"$RESULTS/headers-skillreg.txt"
}
cat >"$NGX/nginx.conf" <<EOF
# Written by bench/certcheck.sh; serves skillreg's median certificate-check answer as a file.
worker_processes $SERVER_CORES;
pid $NGX/nginx.pid;
daemon off;
error_log $NGX/error.log warn;
events {
    worker_connections 4096;
}
http {
$(nginx_http_settings "$NGX")
    server {
        listen $HOST:$NGINX_PORT backlog=4096;
        root $WWW;
        location = $VERIFY_PATH {
$(header_lines)
        }
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
log "starting nginx on $HOST:$NGINX_PORT ($SERVER_CORES workers, a $BODY_BYTES-byte answer${PIN_SERVER[*]:+, ${PIN_SERVER[*]}})"
"${PIN_SERVER[@]}" nginx -p "$NGX/" -e "$NGX/error.log" -c "$NGX/nginx.conf" >"$NGX/stdout.log" 2>&1 &
NGINX_PID=$!
NGINX_URL="http://$HOST:$NGINX_PORT"
wait_http "$NGINX_URL$FIRST_PATH" "$NGINX_PID" nginx || {
  cat "$NGX/error.log" "$NGX/stdout.log" >&2 2>/dev/null || true
  die "nginx did not start"
}
curl -sS --fail --max-time 5 -D "$RESULTS/headers-nginx.txt" -o "$TMP/a-nginx" "$NGINX_URL$FIRST_PATH" ||
  die "cannot fetch from nginx"
cmp -s "$TMP/a-nginx" "$WWW$VERIFY_PATH" || die "nginx's answer differs from its file"

url_of() { # target: the base URL (the paths come from the wrk script)
  case $1 in
    skillreg) echo "$SKILLREG_URL" ;;
    nginx) echo "$NGINX_URL" ;;
    node) echo "$NODE_URL" ;;
  esac
}
WRK_LUA=$HERE/certcheck.lua
run_wrk() { # seconds outfile url
  run_child "$2" timeout --kill-after=5 $(($1 + 30)) "${PIN_WRK[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" --latency -s "$WRK_LUA" \
    -d"$1s" "$3" -- "$PATHS" || {
    cat "$2" >&2
    die "wrk failed against $3"
  }
  grep -q '^WRK_JSON ' "$2" || {
    cat "$2" >&2
    die "wrk printed no WRK_JSON line"
  }
}

# --- noise: CPU used by processes other than ours during a run (as in bench/run.sh) -----------
children() { ps -o pid= --ppid "$1" 2>/dev/null | tr '\n' ' '; }
OUR_PIDS="$SKILLREG_PID $NGINX_PID $(children "$NGINX_PID") $NODE_PID $(children "$NODE_PID")"
# Each server's own processes, for the CPU it spends per answer (user + system time, from /proc).
declare -A SERVER_PIDS=([skillreg]="$SKILLREG_PID" [nginx]="$NGINX_PID $(children "$NGINX_PID")"
  [node]="$NODE_PID $(children "$NODE_PID")")
server_ticks() { # target: clock ticks of CPU its processes have used so far
  local pid v n=0
  for pid in ${SERVER_PIDS[$1]}; do
    v=$(proc_ticks "$pid")
    n=$((n + ${v:-0}))
  done
  echo "$n"
}
BUSY=0
OURS=0
sample_cpu() {
  local pid v
  BUSY=$(busy_ticks)
  OURS=0
  for pid in $OUR_PIDS; do
    v=$(proc_ticks "$pid")
    OURS=$((OURS + ${v:-0}))
  done
  children_ticks # wrk, above all
  OURS=$((OURS + CHILD_TICKS))
}
NOISE=0
SERVER_CPU=0
WRK_CPU=0
measure() { # target seconds outfile url: runs wrk, sets NOISE (% of all cores used by others),
  # SERVER_CPU (clock ticks the target's processes used during the run) and WRK_CPU (wrk's)
  local target=$1 b0 o0 t0 t1 s0 c0
  shift
  wait_quiet
  sample_cpu
  s0=$(server_ticks "$target")
  b0=$BUSY o0=$OURS t0=$(date +%s%N)
  children_ticks
  c0=$CHILD_TICKS
  run_wrk "$@"
  children_ticks
  WRK_CPU=$((CHILD_TICKS - c0))
  t1=$(date +%s%N)
  SERVER_CPU=$(($(server_ticks "$target") - s0))
  sample_cpu
  NOISE=$(noise_pct "$b0" "$BUSY" "$o0" "$OURS" $((t1 - t0)))
}

# --- measurement -------------------------------------------------------------------------------
log "warming up (${WARMUP_S}s per server)"
for t in "${TARGETS[@]}"; do run_wrk "$WARMUP_S" "$RESULTS/warmup-$t.txt" "$(url_of "$t")"; done

RUNS=$RESULTS/runs.tsv
printf 'round\ttarget\trps\tp50_ms\tp90_ms\tp99_ms\tmax_ms\tnon2xx\tsocket_errors\tbytes_per_response\trequests\tother_cpu_pct\tattempts\tserver_cpu_us_per_answer\twrk_cpu_us_per_request\n' >"$RUNS"
json_num() {
  local v
  v=$(sed -n "s/.*\"$1\":\([-0-9.eE+]*\).*/\1/p" <<<"$2")
  [[ -n $v ]] || die "no '$1' in wrk's report: $2"
  echo "$v"
}
log "measuring: $((ROUNDS * ${#TARGETS[@]})) runs of ${DURATION_S}s (about $((ROUNDS * ${#TARGETS[@]} * (DURATION_S + 3) / 60 + 1)) min, more if runs are repeated)"
for ((r = 1; r <= ROUNDS; r++)); do
  # Rotate who goes first, so a slow trend in background load favours no one.
  order=()
  for ((k = 0; k < ${#TARGETS[@]}; k++)); do order+=("${TARGETS[$(((k + r - 1) % ${#TARGETS[@]}))]}"); done
  for t in "${order[@]}"; do
    out=$RESULTS/round$r-$t.txt
    best=-1
    for ((a = 0; a <= RETRIES; a++)); do
      measure "$t" "$DURATION_S" "$out.try$a" "$(url_of "$t")"
      if ((best < 0 || NOISE < best)); then
        best=$NOISE
        best_cpu=$SERVER_CPU
        best_wrk=$WRK_CPU
        mv "$out.try$a" "$out"
      fi
      ((NOISE > NOISE_LIMIT && a < RETRIES)) || break
      log "round $r $t: other processes used ${NOISE}% of the CPU; repeating the run"
      sleep 2
    done
    j=$(grep '^WRK_JSON ' "$out" | tail -n 1)
    socket=$(($(json_num connect "$j") + $(json_num read "$j") + $(json_num write "$j") + $(json_num timeout "$j")))
    per_answer() { awk -v t="$1" -v hz="$CLK_TCK" -v n="$(json_num requests "$j")" 'BEGIN { printf "%.2f", (n > 0 ? t / hz * 1e6 / n : 0) }'; }
    cpu_us=$(per_answer "$best_cpu")
    wrk_us=$(per_answer "$best_wrk")
    printf '%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$t" \
      "$(json_num rps "$j")" "$(json_num p50_ms "$j")" "$(json_num p90_ms "$j")" "$(json_num p99_ms "$j")" \
      "$(json_num max_ms "$j")" "$(json_num non2xx "$j")" "$socket" "$(json_num bytes_per_response "$j")" \
      "$(json_num requests "$j")" "$best" "$((a + 1))" "$cpu_us" "$wrk_us" >>"$RUNS"
    log "round $r/$ROUNDS $t: $(json_num rps "$j") req/s, p99 $(json_num p99_ms "$j") ms, ${cpu_us} µs of server CPU an answer, others used ${best}% CPU"
  done
done
kill -0 "$SKILLREG_PID" 2>/dev/null || die "skillreg died during the benchmark (see $TMP/skillreg.log)"
kill -0 "$NGINX_PID" 2>/dev/null || die "nginx died during the benchmark"
kill -0 "$NODE_PID" 2>/dev/null || die "the Node.js server died during the benchmark (see $TMP/node.log)"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
cp "$TMP/skillreg.log" "$RESULTS/skillreg.log"
cp "$TMP/node.log" "$RESULTS/node.log"

# --- summary -------------------------------------------------------------------------------------
# A round is quiet when none of its three runs went over the noise limit; medians and paired
# ratios use the quiet rounds when there are any, otherwise every round.
SUMMARY=$RESULTS/summary.tsv
awk -F'\t' -v limit="$NOISE_LIMIT" '
  function median(s,   a, n, i, j, t) {
    n = split(s, a, " ")
    for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  FNR == 1 { next }
  NR == FNR { rounds[$1] = 1; if ($12 + 0 > limit + 0) loud[$1] = 1; next }
  {
    if (nq == "") { nq = 0; for (x in rounds) if (!(x in loud)) nq++ }
    rps[$2, $1] = $3
    non2xx[$2] += $8; sock[$2] += $9
    if (nq > 0 && ($1 in loud)) next
    if (!($2 in seen)) { seen[$2] = 1; keys[++nk] = $2 }
    R[$2] = R[$2] " " $3; P50[$2] = P50[$2] " " $4; P90[$2] = P90[$2] " " $5; P99[$2] = P99[$2] " " $6
    CPU[$2] = CPU[$2] " " $14
    WT[$2] = WT[$2] " " $15
    W = W " " $15
    bytes[$2] = $10
  }
  END {
    for (i = 1; i <= nk; i++) { k = keys[i]
      printf "%s\t%.0f\t%.3f\t%.3f\t%.3f\t%d\t%d\t%.0f\t%.2f\t%.2f\n", k, median(R[k]), median(P50[k]), median(P90[k]), median(P99[k]), non2xx[k], sock[k], bytes[k], median(CPU[k]), median(WT[k]) }
    for (base in seen) {
      if (base == "skillreg") continue
      line = "ratio\t" base; pm = ""
      for (r = 1; r in rounds; r++) {
        v = rps[base, r] > 0 ? rps["skillreg", r] / rps[base, r] : 0
        line = line "\t" sprintf("%.3f", v) ((r in loud) ? "*" : "")
        if (nq == 0 || !(r in loud)) pm = pm " " v
      }
      print line
      printf "paired\t%s\t%.2f\n", base, median(pm)
    }
    printf "quiet\t%d\n", nq
    printf "wrk\t%.2f\n", median(W)
  }' "$RUNS" "$RUNS" >"$SUMMARY"

field() { awk -F'\t' -v t="$1" -v c="$2" '$1 == t { print $c }' "$SUMMARY"; }
paired() { awk -F'\t' -v b="$1" '$1 == "paired" && $2 == b { print $3 }' "$SUMMARY"; }
per_round() { awk -F'\t' -v b="$1" '$1 == "ratio" && $2 == b { s = ""; for (i = 3; i <= NF; i++) { v = $i; sub(/\*$/, " (noisy)", v); s = s (i > 3 ? ", " : "") v } print s }' "$SUMMARY"; }
QUIET_ROUNDS=$(awk -F'\t' '$1 == "quiet" { print $2 }' "$SUMMARY")
WRK_US=$(awk -F'\t' '$1 == "wrk" { print $2 }' "$SUMMARY")
# How busy a server's cores were during its runs (requests a second × CPU per answer), and wrk's.
busy_pct() { awk -v r="$(field "$1" 2)" -v us="$(field "$1" 9)" -v n="$SERVER_CORES" 'BEGIN { printf "%.0f", r * us / 1e4 / n }'; }
wrk_busy_pct() { awk -v r="$(field "$1" 2)" -v us="$(field "$1" 10)" -v n="${#PIN_WRK[@]}" -v c="$CORES" 'BEGIN { printf "%.0f", r * us / 1e4 / (n ? 1 : c) }'; }
BUSY_LIMIT=90 # % of its cores: a server busier than this ran as fast as its cores let it
if [[ $LAYOUT == shared ]]; then
  # With the cores shared, requests per second go about as 1 / (wrk's CPU + the server's CPU per
  # request): the ratio that predicts, and what a server would have to cost per answer to reach
  # the Node.js target with this load generator on these cores.
  MODEL_NODE=$(awk -v w="$WRK_US" -v s="$(field skillreg 9)" -v n="$(field node 9)" 'BEGIN { printf "%.2f", (w + s > 0 ? (w + n) / (w + s) : 0) }')
  NEEDED_US=$(awk -v w="$WRK_US" -v n="$(field node 9)" -v t="$TARGET_NODE" 'BEGIN { printf "%.2f", (w + n) / t - w }')
else
  # With a core each, a server whose core is busy answers 1 / (its CPU per answer) a second.
  MODEL_NODE=$(awk -v s="$(field skillreg 9)" -v n="$(field node 9)" 'BEGIN { printf "%.2f", (s > 0 ? n / s : 0) }')
  NEEDED_US=$(awk -v n="$(field node 9)" -v t="$TARGET_NODE" 'BEGIN { printf "%.2f", n / t }')
fi
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'; }
# Little's law for a closed loop: each connection waits for its answer, so the mean latency is
# connections / requests per second.
mean_wait_ms() { awk -v c="$CONNECTIONS" -v r="$(field "$1" 2)" 'BEGIN { if (r + 0 == 0) print "n/a"; else printf "%.2f", c / r * 1000 }'; }
meets() { awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN { ok = op == ">=" ? a + 0 >= b + 0 : a + 0 <= b + 0; print ok ? "met" : "**missed**" }'; }
judge() { # other ratio target: met/missed, unless the other server was held back by wrk
  if [[ $LAYOUT == shared ]] || server_bound "$1"; then meets "$2" ">=" "$3"; else echo "not measured here: $1's cores were $(busy_pct "$1")% busy (below)"; fi
}

R_NGINX=$(paired nginx)
R_NODE=$(paired node)
# A ratio skillreg/X measures the two servers when X's cores were busy: X then answered as fast as
# its cores let it, and skillreg at most as fast as its own. Otherwise X was held back by wrk.
server_bound() { (($(busy_pct "$1") >= BUSY_LIMIT)); }
P99_SKILLREG=$(field skillreg 5)
ERRORS=$(awk -F'\t' '$1 == "skillreg" || $1 == "nginx" || $1 == "node" { n += $6 + $7 } END { print n + 0 }' "$SUMMARY")
SKILLREG_ERRORS=$(awk -F'\t' '$1 == "skillreg" { print $6 + $7 }' "$SUMMARY")

# --- the report: only our section of docs/benchmarks.md --------------------------------------------
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git -C "$ROOT" status --porcelain -- src CMakeLists.txt 2>/dev/null) ]]; then commit="$commit (with uncommitted changes in src/)"; fi
node_versions="Node.js $(node --version), express $(node -p "require('$NODE_DIR/node_modules/express/package.json').version"), better-sqlite3 $(node -p "require('$NODE_DIR/node_modules/better-sqlite3/package.json').version") (SQLite $(cd "$NODE_DIR" && node -e "const D=require('better-sqlite3');console.log(new D(':memory:').prepare('select sqlite_version() v').get().v)"))"
binary_note=""
[[ $BIN != "$ROOT/build/release/skillreg" ]] &&
  binary_note="The server binary was \`$BIN\` (SKILLREG_BIN, built $(date -r "$BIN" '+%Y-%m-%d %H:%M')), so the commit above may not match it."
reproduce="make bench-certcheck"
defaults="BENCH_DURATION=10s BENCH_CONNECTIONS=64 BENCH_THREADS=$([[ $LAYOUT == shared ]] && echo 2 || echo 1) BENCH_ROUNDS=3 BENCH_WARMUP=5s CERT_SCALE=1700000 CERT_SEED=20220420 CERT_SAMPLE=100000"
actual="BENCH_DURATION=$DURATION BENCH_CONNECTIONS=$CONNECTIONS BENCH_THREADS=$THREADS BENCH_ROUNDS=$ROUNDS BENCH_WARMUP=$WARMUP CERT_SCALE=$SCALE CERT_SEED=$SEED CERT_SAMPLE=$SAMPLE"
[[ $actual == "$defaults" ]] || reproduce="$actual make bench-certcheck"
[[ $LAYOUT == shared ]] || reproduce="$reproduce   # both layouts; this one alone: CERT_LAYOUT=$LAYOUT bash bench/certcheck.sh"

table() {
  echo "| server | req/s | p50 | p90 | p99 | server CPU per answer | server's cores busy | non-2xx | socket errors | bytes/response |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for t in "${TARGETS[@]}"; do
    printf '| %s | %s | %s ms | %s ms | %s ms | %s µs | %s%% | %s | %s | %s |\n' "$t" "$(thousands "$(field "$t" 2)")" \
      "$(field "$t" 3)" "$(field "$t" 4)" "$(field "$t" 5)" "$(field "$t" 9)" "$(busy_pct "$t")" "$(field "$t" 6)" "$(field "$t" 7)" "$(field "$t" 8)"
  done
}
runs_table() {
  echo "| round | server | req/s | p50 | p99 | server CPU per answer | other processes' CPU | attempts |"
  echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  awk -F'\t' 'NR > 1 { printf "| %d | %s | %.0f | %.3f ms | %.3f ms | %.2f µs | %d%% | %d |\n", $1, $2, $3, $4, $6, $14, $12, $13 }' "$RUNS"
}
quiet_note="Every round had a run above the noise limit, so the medians are over all rounds: **treat the numbers as rough and re-run on a quieter machine.**"
((QUIET_ROUNDS == 0)) || quiet_note="$QUIET_ROUNDS of $ROUNDS rounds stayed under the noise limit in all three runs; medians and paired ratios are over those."
errors_note="No run had a non-2xx answer or a socket error."
((ERRORS == 0)) || errors_note="**Some runs had errors** (see the table and the raw wrk output in bench/results/)."

# What differs between the layouts' sections.
if [[ $LAYOUT == shared ]]; then
  HEADING="Certificate check"
  LAYOUT_TEXT="wrk shares the $CORES cores with the server under test; the ratios are the
figures to watch. The next section runs the same comparison with each server alone on a core and
wrk on the other."
  P99_TEXT=": with wrk's threads and the server's sharing $CORES cores, the slowest answers are
mostly ones that waited for a core"
  WRK_WHERE=" of the same cores"
  MODEL_TEXT="When the load generator shares the cores, requests per second go about as 1 / (wrk's CPU + the
server's CPU per request) while both keep the cores busy: that model gives skillreg/node ≈
($WRK_US + $(field node 9)) / ($WRK_US + $(field skillreg 9)) = ${MODEL_NODE}× (measured: ${R_NODE}×), and by it
≥ ${TARGET_NODE}× would take an answer for at most about **$NEEDED_US µs** of server CPU, against nginx's
$(field nginx 9) µs for sending one cached file."
  TARGET_TEXT="These are the targets with wrk taking its CPU from the same cores as the server; the next
section has them with each server alone on a core."
else
  HEADING="Certificate check, each server alone on a core"
  LAYOUT_TEXT="Each server ran pinned to core 0 (\`${PIN_SERVER[*]}\`) with one I/O thread,
worker process or cluster worker, and wrk pinned to core 1 (\`${PIN_WRK[*]}\`) with $THREADS thread(s),
so the load generator took no CPU from the server under test. That measures what one core of each
server does, as long as the server's core is the busy one; a server cheaper per request than wrk
runs out of requests before its core runs out of time, and then the figure is wrk's limit, not
the server's (the \"server's cores busy\" column says which it was)."
  P99_TEXT=""
  WRK_WHERE=" of its own core, which was $(wrk_busy_pct skillreg)% busy during skillreg's runs, $(wrk_busy_pct nginx)% during nginx's and $(wrk_busy_pct node)% during the Node.js server's"
  MODEL_TEXT="With a core to itself, a server whose core is busy answers 1 / (its CPU per answer) requests
a second. skillreg's core was $(busy_pct skillreg)% busy, nginx's $(busy_pct nginx)% and the Node.js server's
$(busy_pct node)%; with both servers' cores busy, skillreg/node ≈ $(field node 9) / $(field skillreg 9) = ${MODEL_NODE}× (measured:
${R_NODE}×), and ≥ ${TARGET_NODE}× takes an answer for at most **$NEEDED_US µs** of server CPU."
  TARGET_TEXT="A ratio skillreg/X measures the two servers, not wrk, when X's core was busy (at least
$BUSY_LIMIT%): X then answered as fast as its core let it, and skillreg at most as fast as its own, so
the ratio is if anything low. A target against a server whose core was less busy is not judged
here; the section above has it with the cores shared."
fi

SECTION=$TMP/section.md
cat >"$SECTION" <<EOF
<!-- $MARK:begin (written by bench/certcheck.sh; bench/run.sh keeps this section) -->
## $HEADING

*Generated by \`bench/certcheck.sh\` on $(date '+%Y-%m-%d %H:%M %Z'); do not edit by hand, re-run it.*

Reproduce (from the repository root, as root on a Debian 12 machine with \`wrk\`, \`nginx-light\`,
\`sqlite3\` and Node.js 20; the first run builds and caches the province, a few minutes):

\`\`\`sh
$reproduce
\`\`\`

### What is compared

\`GET $VERIFY_PATH?cert_no=…&name=…\`, the busiest public endpoint (issue 4). The database is
the synthetic province of \`skillreg demo --scale $SCALE --seed $SEED\` (docs/synthetic-province.md):
$(thousands "$CERTS") certificates ($(thousands "$(info voided)") voided) of $(thousands "$(info candidates)") candidates
at $(info institutions) institutions, $((DB_BYTES / 1048576)) MiB of SQLite. About three in five candidates get a
certificate, so a million certificates need about 1.65 million candidates. ${SHORTFALL:+$SHORTFALL }$(thousands "$PATH_COUNT") (certificate number, holder's
name) pairs of existing certificates were drawn from it with a fixed seed; each request checks the
next one, the name percent-encoded UTF-8, and every server gets the same request mix.

- **skillreg** ${SERVER_VERSION:-?} (release build), $SERVER_CORES I/O thread(s) (one server and io_context
  each, on one port with SO_REUSEPORT), log level \`warn\`: for each request it validates the
  number and name, reads the certificate's one row of \`certificate_checks\` by its number
  (\`kPublicLookup\`; the table migration 0018 keeps equal to the join of certificate, institution
  and occupation, with the identity number stored masked) on SQLite, with a statement prepared
  once per I/O thread on that thread's own connection, inside a read snapshot it keeps open
  between requests (used again only while the process has committed no write since it began and
  for at most a second; see Database::sqlite_cached), compares the name and writes the JSON answer.
- **nginx** (the ceiling) serves one static file of $BODY_BYTES bytes, skillreg's answer of median
  size, at the same path with skillreg's \`Content-Type\` and extra headers, $SERVER_CORES worker process(es),
  no access log, sendfile, an open-file cache, as in the HTTP section.
- **Node.js** (a typical alternative stack, \`bench/certcheck/node/\`): express + better-sqlite3,
  the same SQL statement (prepared once per process), the same name check and JSON fields
  (its answers were checked to be byte-identical to skillreg's on $CHECK_N requests), read-only on the same
  database file. **$NODE_WORKERS process(es)** (the cluster module, one per server core), so that it
  can use as many cores as skillreg and nginx do.

\`wrk -t$THREADS -c$CONNECTIONS -d${DURATION_S}s --latency\` over keep-alive connections, with
\`bench/certcheck/certcheck.lua\` choosing the path of each request. After a ${WARMUP_S}s warm-up of each
server, each of $ROUNDS rounds ran the three back to back, in an order rotated from round to round.
Noise control as in the HTTP section (runs repeated while other processes use more than
$NOISE_LIMIT% of the machine). $LAYOUT_TEXT

### Results

In short: skillreg served **${R_NGINX}×** nginx's requests per second and **${R_NODE}×** the Node.js
server's (medians of the ratios measured back to back in each round), with a p99 of
**$P99_SKILLREG ms** at $CONNECTIONS connections (nginx's, serving one static file in the same rounds:
$(field nginx 5) ms$P99_TEXT). Each answer cost skillreg's process $(field skillreg 9) µs of CPU,
nginx's $(field nginx 9) µs and the Node.js server's $(field node 9) µs
($(ratio "$(field node 9)" "$(field skillreg 9)")× skillreg's); wrk used $WRK_US µs a request$WRK_WHERE.
$MODEL_TEXT
At full load latency is mostly waiting in line: each of the $CONNECTIONS connections sends its next
request only after its answer, so the mean latency is $CONNECTIONS / (requests per second) (Little's law):
$(mean_wait_ms skillreg) ms for skillreg, $(mean_wait_ms nginx) ms for nginx and $(mean_wait_ms node) ms for the Node.js server. A p99
measured at full load follows the throughput: ≤ $TARGET_P99_MS ms needs a mean well below $TARGET_P99_MS ms, that is
well over $(thousands "$((CONNECTIONS * 1000 / TARGET_P99_MS))") requests a second at $CONNECTIONS connections.

$(table)
| **skillreg / nginx** | **$(ratio "$(field skillreg 2)" "$(field nginx 2)")** | $(ratio "$(field skillreg 3)" "$(field nginx 3)") | $(ratio "$(field skillreg 4)" "$(field nginx 4)") | $(ratio "$(field skillreg 5)" "$(field nginx 5)") | $(ratio "$(field skillreg 9)" "$(field nginx 9)") | | | | |
| **skillreg / node** | **$(ratio "$(field skillreg 2)" "$(field node 2)")** | $(ratio "$(field skillreg 3)" "$(field node 3)") | $(ratio "$(field skillreg 4)" "$(field node 4)") | $(ratio "$(field skillreg 5)" "$(field node 5)") | $(ratio "$(field skillreg 9)" "$(field node 9)") | | | | |

Medians over the rounds; for latency and CPU columns the ratio is skillreg's over the other's.
"Server CPU per answer" is the user and system time the server's own processes used during the
run (from \`/proc/<pid>/stat\`) divided by the answers it gave: what one answer costs the server,
the kernel's TCP work on its side included, whatever wrk used. It moves much less from run to run
than the requests per second. "Server's cores busy" is requests per second × CPU per answer over
the $SERVER_CORES core(s) the server had: near 100%, the server ran as fast as its cores let it.
Throughput ratio per round: skillreg/nginx $(per_round nginx); skillreg/node $(per_round node).
$quiet_note $errors_note

| target (issue 4) | measured | |
| --- | ---: | --- |
| ≥ $TARGET_NGINX × nginx | ${R_NGINX}× | $(judge nginx "$R_NGINX" "$TARGET_NGINX") |
| ≥ $TARGET_NODE × Node.js | ${R_NODE}× | $(judge node "$R_NODE" "$TARGET_NODE") |
| p99 ≤ $TARGET_P99_MS ms | $P99_SKILLREG ms | $(meets "$P99_SKILLREG" "<=" "$TARGET_P99_MS") |
| no errors | $SKILLREG_ERRORS | $( ((SKILLREG_ERRORS == 0)) && echo met || echo "**missed**") |

$TARGET_TEXT

### Every run

$(runs_table)

Machine: $(lscpu_field 'Model name'), $CORES cores, $(free -h | awk '/^Mem:/ { print $2 }'); load average before $LOAD_BEFORE, after
$LOAD_AFTER. skillreg commit $commit; $(nginx -v 2>&1 | sed 's/^nginx version: //'); $node_versions; $({ wrk --version 2>&1 || true; } | awk 'NR == 1 { print $1, $2 }').
${binary_note:+$binary_note }Raw wrk output, headers, the nginx.conf and the answer nginx served are in
\`bench/results/$MARK-$STAMP/\` on the machine that ran it (not committed).
<!-- $MARK:end -->
EOF
cp "$SECTION" "$RESULTS/section.md"

# Replace our section in the report, or append it; everything else is left as it is.
mkdir -p "$(dirname "$DOC")"
touch "$DOC"
present=$(grep -c "^<!-- $MARK:begin" "$DOC" || true)
awk -v section="$SECTION" -v mark="$MARK" -v present="$present" '
  function emit(   line) { while ((getline line < section) > 0) print line; close(section); done = 1 }
  $0 ~ "^<!-- " mark ":begin" { skip = 1; emit(); next }
  skip && $0 ~ "^<!-- " mark ":end" { skip = 0; next }
  skip { next }
  { print }
  # A section not there yet goes after the shared layout section, or at the end.
  !present && !done && mark != "certcheck" && /^<!-- certcheck:end/ { print ""; emit() }
  END { if (!done) { if (NR > 0) print ""; emit() } }' "$DOC" >"$DOC.tmp"
mv "$DOC.tmp" "$DOC"

log "done: $DOC"
awk -F'\t' '$1 == "skillreg" || $1 == "nginx" || $1 == "node" { printf "  %-9s %9s req/s  p50 %s ms  p99 %s ms  errors %d\n", $1, $2, $3, $5, $6 + $7 }' "$SUMMARY" >&2
log "skillreg/nginx = $R_NGINX (per round: $(per_round nginx)); skillreg/node = $R_NODE (per round: $(per_round node))"
