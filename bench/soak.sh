#!/usr/bin/env bash
# Soak test (issue 9 §5): a bounded mixed load against one skillreg server on loopback for
# SOAK_SECONDS (10 minutes) after a SOAK_WARMUP (60 s) warm-up. It passes when there was no
# error and the server's memory stayed flat: RSS at the end within SOAK_RSS_LIMIT (10%) of RSS
# after the warm-up (the private memory by default, see below). The p99 and the rest go into the "Soak"
# section of docs/benchmarks.md.
#
#   make bench-soak                  (release build, then this script)
#   bash bench/soak.sh               (uses build/release/skillreg; builds it when missing)
#   SOAK_SECONDS=60 SOAK_WARMUP=10 bash bench/soak.sh      (a short try)
#
# The server: the release binary, io_threads = cores, worker_threads 1 (the default), log level
# warn, on a fresh scratch SQLite database made by `skillreg demo --scale SOAK_SCALE --seed
# SOAK_SEED` (the demo province and a synthetic one: certificates, institutions, plans, draws,
# inspections, cases), with its signing key in the scratch folder.
#
# The load: one wrk process per kind of request, all at once, each thread with one keep-alive
# connection and a pause after every answer (wrk's delay()), so the rate is bounded: this is a
# soak, not a stress test. bench/soak.lua cycles each thread through its kind's request list and
# checks every answer (status and body):
#   certificates  GET /api/v1/public/certificates/verify for sampled certificates with their
#                 holders' names, and expected not-found checks (a real number with another
#                 holder's name, a well-formed number nobody holds); GET …/:cert_no/qr.png?name= for
#                 valid certificates and, as an expected 404, for numbers nobody holds
#   directory     GET /api/v1/public/institutions?q=…&region=…&kind=…&sort=…&page=…
#   public lists  GET /api/v1/public/draws, /public/draws/:id, /public/sanctions,
#                 /public/institutions/:code
#   reports       GET /api/v1/reports/:name (the six reports, JSON, and one as XLSX) for the
#                 officials, and the lists /api/v1/plans, /inspections, /cases, /institutions,
#                 /certificates, /audit, with Bearer tokens of demo accounts of several roles,
#                 obtained before the run
#   logins        POST /api/v1/auth/login, the demo accounts in turn, right passwords only (the
#                 server throttles failed logins per username; successful ones are not limited,
#                 each costs an argon2id hash of 64 MiB on the worker pool)
# Every distinct non-certificate request, and the first requests of every certificate class, are
# fetched once with curl before the warm-up and must give the expected answer.
#
# Memory: VmRSS, RssAnon, RssFile, VmSwap (and VmHWM, threads, open files, the database's size
# and the CPU other processes used) from /proc every SOAK_SAMPLE_SECONDS into
# bench/results/soak-<stamp>/rss.csv. The figures compared are taken with the load stopped for
# 3 s (after the warm-up, and after the measured run): a login holds argon2id's 64 MiB for the
# length of the hash, so a sample taken under load can catch one in flight. The server
# memory-maps its SQLite database on every pooled connection (PRAGMA mmap_size,
# src/store/database.cpp), so VmRSS also holds the database's page-cache pages (RssFile), which
# come and go by tens of MiB as connections touch them and the kernel reclaims them; the
# criterion is judged on the server's private memory, RssAnon + VmSwap, where a leak shows
# (SOAK_RSS_MEASURE=total judges VmRSS instead). Both are reported.
#
# Errors: any answer that is not what its request expects (a non-2xx/3xx status other than the
# expected 404s, a 2xx with the wrong body) and any socket error (connect, read, write, timeout
# after SOAK_TIMEOUT), in the warm-up or the measured run. The expected not-found answers are
# counted apart. Exits 1 when the soak fails either criterion (after writing the report), 2 when
# it cannot run.
#
# Environment (defaults in brackets):
#   SOAK_SECONDS        the measured run                                  [600]
#   SOAK_WARMUP         the warm-up before it, seconds                    [60]
#   SOAK_SAMPLE_SECONDS RSS sampling interval                             [10]
#   SOAK_SCALE          --scale of the synthetic province (candidates)    [100000]
#   SOAK_SEED           --seed                                            [20220420]
#   SOAK_RSS_LIMIT      allowed RSS growth, percent                       [10]
#   SOAK_RSS_MEASURE    anon (RssAnon + VmSwap) or total (VmRSS): judged  [anon]
#   SOAK_TIMEOUT        wrk --timeout: a slower answer is an error        [5s]
#   SKILLREG_BIN        the server binary             [build/release/skillreg]
#   SOAK_DOC            the report to update; empty: none                 [docs/benchmarks.md]
#   SOAK_KEEP_TMP=1     keep the scratch folder (database, config, logs)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEFAULT_BIN=$ROOT/build/release/skillreg
BIN=${SKILLREG_BIN:-$DEFAULT_BIN}
MEASURE_S=${SOAK_SECONDS:-600}
WARMUP_S=${SOAK_WARMUP:-60}
SAMPLE_S=${SOAK_SAMPLE_SECONDS:-10}
SCALE=${SOAK_SCALE:-100000}
SEED=${SOAK_SEED:-20220420}
RSS_LIMIT=${SOAK_RSS_LIMIT:-10}
RSS_MEASURE=${SOAK_RSS_MEASURE:-anon}
TIMEOUT=${SOAK_TIMEOUT:-5s}
DOC=${SOAK_DOC-$ROOT/docs/benchmarks.md}
CORES=$(nproc)
HOST=127.0.0.1 # loopback only, on purpose: not configurable
PASSWORD=demo-2026 # the demo accounts' password (src/app/bootstrap.hpp)
LUA=$ROOT/bench/soak.lua

# The mix: kind, wrk connections (one per thread), pause after each answer in ms. The rate of a
# kind is at most connections × 1000 / (pause + latency) requests a second: about 170 + 45 + 20
# + 45 + 1.5 a second here, a few per cent of what the server manages on this machine.
KINDS=(certificates directory lists reports logins)
declare -A CONNS=([certificates]=2 [directory]=1 [lists]=1 [reports]=2 [logins]=1)
declare -A PAUSE=([certificates]=10 [directory]=20 [lists]=50 [reports]=40 [logins]=500)
# Certificate checks: how many of each class in the request list.
N_FOUND=4000 N_WRONG_NAME=800 N_NO_SUCH=400 N_PNG=200 N_PNG_404=100
# Accounts whose sessions make the report requests, and the accounts that log in in turn.
REPORT_ACCOUNTS=(province center hangzhou xihu inspector inst)
LOGIN_ACCOUNTS=(province center qualdept hangzhou ningbo xihu yinzhou inspector inst inst2 examiner)

BENCH_NAME=soak BENCH_DIE_STATUS=2
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"  # die, log, stop_pid, free_port, proc_ticks, noise_pct, …

for v in MEASURE_S WARMUP_S SAMPLE_S SCALE SEED RSS_LIMIT; do
  [[ ${!v} =~ ^[0-9]+$ ]] || die "$v must be a whole number (got '${!v}')"
done
((MEASURE_S >= 1 && SAMPLE_S >= 1 && SCALE >= 1)) || die "SOAK_SECONDS, SOAK_SAMPLE_SECONDS and SOAK_SCALE must be positive"
[[ $RSS_MEASURE == anon || $RSS_MEASURE == total ]] || die "SOAK_RSS_MEASURE must be anon or total (got '$RSS_MEASURE')"
[[ $TIMEOUT =~ ^[0-9]+[smh]?$ ]] || die "SOAK_TIMEOUT must be a wrk duration such as 5s (got '$TIMEOUT')"
for tool in wrk curl sqlite3 jq perl awk; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' is not installed"
done
[[ -f $LUA ]] || die "missing $LUA"

# --- the server binary: build the release one when it is missing ---------------------------------
if [[ ! -x $BIN ]]; then
  [[ $BIN == "$DEFAULT_BIN" ]] || die "no server binary at $BIN (SKILLREG_BIN)"
  log "no $BIN: building the release binary"
  (cd "$ROOT" && cmake --preset release >/dev/null && cmake --build --preset release --target skillreg) ||
    die "building the release binary failed"
fi

# --- processes we start, and their cleanup ---------------------------------------------------
TMP=""
SERVER_PID=""
WRK_PIDS=()

cleanup() {
  local rc=$? p
  trap - EXIT INT TERM
  for p in "${WRK_PIDS[@]}"; do stop_pid "$p" wrk; done
  stop_pid "$SERVER_PID" skillreg
  if [[ -n $TMP && -d $TMP ]]; then
    if [[ ${SOAK_KEEP_TMP:-0} == 1 || $rc -ne 0 ]]; then
      log "scratch files kept in $TMP"
    else
      rm -rf "$TMP"
    fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

STAMP=$(date +%Y%m%d-%H%M%S)
RESULTS=$ROOT/bench/results/soak-$STAMP
mkdir -p "$RESULTS"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/skillreg-soak.XXXXXX")
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "results in $RESULTS, scratch files in $TMP"

# --- the scratch database ------------------------------------------------------------------------
export SKILLREG_SIGNING_KEY_FILE=$TMP/signing.key SKILLREG_IDENTITY_KEY_FILE=$TMP/identity.key
cat >"$TMP/skillreg.toml" <<EOF
# Written by bench/soak.sh. One access-log line per request would fill the disk and be measured.
[server]
io_threads = $CORES
[log]
level = "warn"
[certificates]
signing_key_file = "$TMP/signing.key"
EOF
DB=$TMP/soak.db
log "building the scratch database: demo --scale $SCALE --seed $SEED"
"$BIN" --config "$TMP/skillreg.toml" --database "sqlite:$DB" demo --scale "$SCALE" --seed "$SEED" \
  >"$TMP/demo.log" 2>&1 || {
  tail -n 30 "$TMP/demo.log" >&2
  die "'skillreg demo --scale $SCALE' failed"
}
q() { sqlite3 -batch -noheader -separator $'\t' "$DB" "$1"; }
CERTS=$(q "SELECT COUNT(*) FROM certificates")
INSTITUTIONS=$(q "SELECT COUNT(*) FROM institutions")
PLANS=$(q "SELECT COUNT(*) FROM plans")
CANDIDATES=$(q "SELECT COUNT(*) FROM candidates")
((CERTS > 0)) || die "the scratch database holds no certificates"
log "database: $CERTS certificates, $INSTITUTIONS institutions, $PLANS plans, $CANDIDATES candidates"

# --- the server ------------------------------------------------------------------------------------
PORT=$(free_port)
URL="http://$HOST:$PORT"
"$BIN" --config "$TMP/skillreg.toml" --database "sqlite:$DB" serve --listen "$HOST:$PORT" >"$TMP/skillreg.log" 2>&1 &
SERVER_PID=$!
for ((i = 0; i < 600; i++)); do
  kill -0 "$SERVER_PID" 2>/dev/null || {
    tail -n 30 "$TMP/skillreg.log" >&2
    die "skillreg exited at start"
  }
  curl -sf -o /dev/null --max-time 1 "$URL/api/v1/health" && break
  sleep 0.1
done
curl -sf -o /dev/null --max-time 1 "$URL/api/v1/health" || die "skillreg did not answer $URL/api/v1/health within 60 s"
SERVER_VERSION=$(curl -sS --max-time 5 "$URL/api/v1/health" | jq -r '.version // "?"')
log "skillreg $SERVER_VERSION on $URL (pid $SERVER_PID, $CORES I/O threads)"

# --- the request lists ------------------------------------------------------------------------------
urlenc() { perl -pe 's/([^A-Za-z0-9\-._~\t\n])/sprintf("%%%02X",ord($1))/ge'; } # UTF-8 bytes
login_body() { printf '{"username":"%s","password":"%s"}' "$1" "$PASSWORD"; }
declare -A TOKEN
for a in "${REPORT_ACCOUNTS[@]}"; do
  TOKEN[$a]=$(curl -sS --max-time 10 -X POST -H 'Content-Type: application/json' --data "$(login_body "$a")" \
    "$URL/api/v1/auth/login" | jq -r '.token // empty')
  [[ -n ${TOKEN[$a]} ]] || die "cannot log in as $a"
done

REQ=$TMP/requests
mkdir -p "$REQ"

# certificates: a list of (class, number, name), class found, wrong_name or no_such; then the
# requests, in a fixed shuffled order: expect method path token body
C="WITH c AS (SELECT cert_no, name, status, row_number() OVER (ORDER BY cert_no) AS r FROM certificates)"
MIX="((r * 2654435761) % 4294967311)"
{
  q "$C SELECT 'found', cert_no, name FROM c ORDER BY $MIX LIMIT $N_FOUND"
  # a real number with the name of another certificate's holder
  q "$C SELECT 'wrong_name', a.cert_no, b.name FROM (SELECT cert_no, name, row_number() OVER (ORDER BY $MIX) AS n FROM c) a
     JOIN c b ON b.r = a.n * 7 % (SELECT COUNT(*) FROM c) + 1 WHERE a.n <= $N_WRONG_NAME AND b.name <> a.name"
  # a well-formed number nobody holds: a real institution, year and level, serial 9xxxxx
  q "$C SELECT 'no_such', x, name FROM (SELECT substr(cert_no, 1, 16) || printf('%06d', 900000 + r % 99999) AS x, name, r FROM c)
     WHERE x NOT IN (SELECT cert_no FROM certificates) ORDER BY $MIX LIMIT $N_NO_SUCH"
} >"$TMP/cert-pairs.tsv"
{
  paste <(cut -f1,2 "$TMP/cert-pairs.tsv") <(cut -f3 "$TMP/cert-pairs.tsv" | urlenc) |
    awk -F'\t' '{ printf "%s\tGET\t/api/v1/public/certificates/verify?cert_no=%s&name=%s\t-\t-\n", ($1 == "found" ? "found" : "nf"), $2, $3 }'
  # the QR code answers only with the holder's name (S21(5))
  q "$C SELECT cert_no, name FROM c WHERE status = 'valid' ORDER BY $MIX LIMIT $N_PNG" >"$TMP/png-pairs.tsv"
  paste <(cut -f1 "$TMP/png-pairs.tsv") <(cut -f2 "$TMP/png-pairs.tsv" | urlenc) |
    awk -F'\t' '{ printf "png\tGET\t/api/v1/public/certificates/%s/qr.png?name=%s\t-\t-\n", $1, $2 }'
  awk -F'\t' -v n="$N_PNG_404" '$1 == "no_such" && k++ < n { print $2 "\t" $3 }' "$TMP/cert-pairs.tsv" >"$TMP/png-404.tsv"
  paste <(cut -f1 "$TMP/png-404.tsv") <(cut -f2 "$TMP/png-404.tsv" | urlenc) |
    awk -F'\t' '{ printf "nf404\tGET\t/api/v1/public/certificates/%s/qr.png?name=%s\t-\t-\n", $1, $2 }'
} | awk '{ k = (NR * 2654435761) % 4294967311; print k "\t" $0 }' | sort -n -k1,1 | cut -f2- >"$REQ/certificates.tsv"

# directory: name fragments, regions (a city takes its counties), kinds, sorts, pages
{
  frags=("" 职业 技能 培训 评价 中心 学校 有限公司 杭州 宁波 西湖 鉴定 没有这样的机构)
  kinds=(social_organisation employer appraisal branch)
  sorts=(code name valid_until)
  mapfile -t regions < <(q "SELECT DISTINCT region_code FROM institutions ORDER BY 1 LIMIT 8"; q "SELECT DISTINCT substr(region_code, 1, 4) || '00' FROM institutions ORDER BY 1 LIMIT 4")
  n=0
  for f in "${frags[@]}"; do
    for page in 1 2; do
      n=$((n + 1))
      path="/api/v1/public/institutions?page=$page&sort=${sorts[$((n % 3))]}"
      [[ -n $f ]] && path+="&q=$(printf '%s' "$f" | urlenc)"
      ((n % 4 == 0)) && path+="&kind=${kinds[$((n / 4 % 4))]}"
      ((n % 3 == 0)) && path+="&region=${regions[$((n / 3 % ${#regions[@]}))]}"
      printf 'ok\tGET\t%s\t-\t-\n' "$path"
    done
  done
  for r in "${regions[@]}"; do printf 'ok\tGET\t/api/v1/public/institutions?region=%s&page_size=50\t-\t-\n' "$r"; done
  printf 'ok\tGET\t/api/v1/public/institutions?page=1&page_size=100\t-\t-\n'
} >"$REQ/directory.tsv"

# public lists: draws and sanctions pages, single draws and directory entries
{
  for page in 1 2 3; do printf 'ok\tGET\t/api/v1/public/draws?page=%s\t-\t-\n' "$page"; done
  for page in 1 2; do printf 'ok\tGET\t/api/v1/public/sanctions?page=%s\t-\t-\n' "$page"; done
  curl -sS --max-time 10 "$URL/api/v1/public/draws?page_size=20" | jq -r '(.items // [])[:10][].id' |
    awk '{ printf "ok\tGET\t/api/v1/public/draws/%s\t-\t-\n", $1 }'
  q "SELECT code FROM institutions WHERE status = 'active' ORDER BY (id * 2654435761) % 4294967311 LIMIT 10" |
    awk '{ printf "ok\tGET\t/api/v1/public/institutions/%s\t-\t-\n", $1 }'
} >"$REQ/lists.tsv"

# reports: lists in the scope of several roles, with Bearer tokens (an inspector sees only
# inspections; the others also plans, cases, institutions, certificates and the audit log)
{
  for a in "${REPORT_ACCOUNTS[@]}"; do
    t=${TOKEN[$a]}
    printf 'ok\tGET\t/api/v1/inspections?page=1\t%s\t-\n' "$t"
    [[ $a == inspector ]] && continue
    if [[ $a != inst* ]]; then  # the reports are the officials' (issue 10 §3)
      for r in institutions activity monitoring supervision sanctions ratings; do
        printf 'ok\tGET\t/api/v1/reports/%s\t%s\t-\n' "$r" "$t"
      done
      printf 'ok\tGET\t/api/v1/reports/activity?format=xlsx\t%s\t-\n' "$t"
    fi
    for page in 1 2 3; do printf 'ok\tGET\t/api/v1/plans?page=%s\t%s\t-\n' "$page" "$t"; done
    printf 'ok\tGET\t/api/v1/plans?status=published&page=2\t%s\t-\n' "$t"
    printf 'ok\tGET\t/api/v1/cases?page=1\t%s\t-\n' "$t"
    printf 'ok\tGET\t/api/v1/institutions?page=1\t%s\t-\n' "$t"
    printf 'ok\tGET\t/api/v1/certificates?page=1\t%s\t-\n' "$t"
    printf 'ok\tGET\t/api/v1/audit?page=1\t%s\t-\n' "$t"
  done
} >"$REQ/reports.tsv"

# logins: every demo account in turn
for a in "${LOGIN_ACCOUNTS[@]}"; do printf 'token\tPOST\t/api/v1/auth/login\t-\t%s\n' "$(login_body "$a")"; done >"$REQ/logins.tsv"

for k in "${KINDS[@]}"; do
  [[ -s $REQ/$k.tsv ]] || die "no requests for $k"
  cp "$REQ/$k.tsv" "$RESULTS/requests-$k.tsv"
done
# The session tokens are scratch and die with the database, but keep them out of the results.
sed -i 's/\t[0-9a-f]\{64\}\t/\t<token>\t/' "$RESULTS/requests-reports.tsv"

# --- every distinct request answered as expected before the load starts ----------------------------
check_line() { # expect method path token body
  local expect=$1 method=$2 path=$3 token=$4 body=$5 code args=()
  [[ $token == - ]] || args+=(-H "Authorization: Bearer $token")
  [[ $body == - ]] || args+=(-H 'Content-Type: application/json' --data "$body")
  code=$(curl -sS --max-time 10 -o "$TMP/answer" -w '%{http_code}' -X "$method" "${args[@]}" "$URL$path") ||
    die "curl failed on $method $path"
  case $expect in
    found) [[ $code == 200 ]] && grep -Eq '"status":"(valid|voided)"' "$TMP/answer" ;;
    nf) [[ $code == 200 ]] && grep -q '"status":"not_found"' "$TMP/answer" ;;
    png) [[ $code == 200 ]] && [[ $(head -c 4 "$TMP/answer" | tail -c 3) == PNG ]] ;;
    nf404) [[ $code == 404 ]] ;;
    token) [[ $code == 200 ]] && grep -q '"token":"' "$TMP/answer" ;;
    ok) [[ $code =~ ^[23] ]] ;;
  esac || die "the pre-flight check failed: $method $path (expects $expect) answered $code: $(head -c 300 "$TMP/answer")"
}
log "checking every distinct request once with curl"
checked=0
for k in "${KINDS[@]}"; do
  if [[ $k == certificates ]]; then
    lines=$(awk -F'\t' '++n[$1] <= 25' "$REQ/$k.tsv")
  else
    lines=$(cat "$REQ/$k.tsv")
  fi
  while IFS=$'\t' read -r expect method path token body; do
    check_line "$expect" "$method" "$path" "$token" "$body"
    checked=$((checked + 1))
  done <<<"$lines"
done
log "$checked requests answered as expected"

# --- sampling -------------------------------------------------------------------------------------------
CSV=$RESULTS/rss.csv
echo "elapsed_s,phase,vmrss_kib,rssanon_kib,rssfile_kib,vmhwm_kib,threads,fds,db_kib,wal_kib,load1,others_cpu_pct,server_cpu_pct,vmswap_kib" >"$CSV"
T0=$(date +%s)
PREV_BUSY="" PREV_OURS="" PREV_SERVER="" PREV_NS=""
status_kib() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$SERVER_PID/status"; }
# The server's private memory: RssAnon, plus VmSwap in case some of it was swapped out.
private_kib() { awk '$1 == "RssAnon:" || $1 == "VmSwap:" { n += $2 } END { print n }' "/proc/$SERVER_PID/status"; }
sample() { # phase: one CSV line
  local phase=$1 busy ours server ns p others="" scpu=""
  kill -0 "$SERVER_PID" 2>/dev/null || return 1
  busy=$(busy_ticks)
  server=$(proc_ticks "$SERVER_PID")
  ours=$server
  for p in "${WRK_PIDS[@]}"; do # timeout and the wrk it runs
    for c in "$p" $(ps -o pid= --ppid "$p" 2>/dev/null || true); do ours=$((ours + $(proc_ticks "$c"))); done
  done
  ns=$(date +%s%N)
  if [[ -n $PREV_NS ]]; then
    others=$(noise_pct "$PREV_BUSY" "$busy" "$PREV_OURS" "$ours" $((ns - PREV_NS)))
    scpu=$(awk -v s=$((server - PREV_SERVER)) -v ns=$((ns - PREV_NS)) -v hz="$CLK_TCK" \
      'BEGIN { printf "%.0f", 100 * s / (ns / 1e9 * hz) }')
  fi
  PREV_BUSY=$busy PREV_OURS=$ours PREV_SERVER=$server PREV_NS=$ns
  printf '%d,%s,%s,%s,%s,%s,%s,%s,%d,%d,%s,%s,%s,%s\n' $(($(date +%s) - T0)) "$phase" \
    "$(status_kib VmRSS)" "$(status_kib RssAnon)" "$(status_kib RssFile)" "$(status_kib VmHWM)" \
    "$(status_kib Threads)" "$(find "/proc/$SERVER_PID/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)" \
    $(($(stat -c %s "$DB") / 1024)) $(($(stat -c %s "$DB-wal" 2>/dev/null || echo 0) / 1024)) \
    "$(cut -d' ' -f1 /proc/loadavg)" "$others" "$scpu" "$(status_kib VmSwap)" >>"$CSV"
}

run_phase() { # phase seconds: every kind's wrk at once, sampling until they are all done
  local phase=$1 secs=$2 k next now p alive
  WRK_PIDS=()
  for k in "${KINDS[@]}"; do
    timeout --kill-after=10 $((secs + 60)) wrk -t"${CONNS[$k]}" -c"${CONNS[$k]}" -d"${secs}s" --timeout "$TIMEOUT" \
      --latency -s "$LUA" "$URL" -- "$REQ/$k.tsv" "${PAUSE[$k]}" >"$RESULTS/$phase-$k.txt" 2>&1 &
    WRK_PIDS+=("$!")
  done
  sample "$phase" || die "skillreg died (see $TMP/skillreg.log)"
  next=$(($(date +%s) + SAMPLE_S))
  while :; do
    alive=0
    for p in "${WRK_PIDS[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    ((alive)) || break
    now=$(date +%s)
    if ((now >= next)); then
      sample "$phase" || die "skillreg died during the $phase (see $RESULTS/skillreg.log)"
      next=$((next + SAMPLE_S))
    fi
    sleep 1
  done
  for p in "${WRK_PIDS[@]}"; do wait "$p" || die "a wrk process of the $phase failed (see $RESULTS/$phase-*.txt)"; done
  WRK_PIDS=()
  for k in "${KINDS[@]}"; do
    grep -q '^SOAK_JSON ' "$RESULTS/$phase-$k.txt" || {
      cat "$RESULTS/$phase-$k.txt" >&2
      die "wrk printed no SOAK_JSON line for $k in the $phase"
    }
  done
}
QUIET_RSS=0 QUIET_ANON=0
quiet_rss() { # phase: after 3 s without load, one sample; sets QUIET_RSS (VmRSS) and QUIET_ANON (private), KiB
  sleep 3
  sample "$1" || die "skillreg died (see $TMP/skillreg.log)"
  QUIET_RSS=$(status_kib VmRSS)
  QUIET_ANON=$(private_kib)
}

RSS_START=$(status_kib VmRSS)
ANON_START=$(private_kib)
if ((WARMUP_S > 0)); then
  log "warm-up: ${WARMUP_S}s"
  run_phase warmup "$WARMUP_S"
fi
quiet_rss after-warmup
RSS_WARM=$QUIET_RSS ANON_WARM=$QUIET_ANON
log "after the warm-up: VmRSS $RSS_WARM KiB, private $ANON_WARM KiB (at start $RSS_START, $ANON_START KiB)"
log "measured run: ${MEASURE_S}s (ends about $(date -d "+$((MEASURE_S + 5)) seconds" '+%H:%M:%S'))"
MEASURE_T0=$(($(date +%s) - T0))
run_phase measure "$MEASURE_S"
quiet_rss end
RSS_END=$QUIET_RSS ANON_END=$QUIET_ANON
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
log "at the end: VmRSS $RSS_END KiB, private $ANON_END KiB"
kill -0 "$SERVER_PID" 2>/dev/null || die "skillreg died (see $TMP/skillreg.log)"
SERVER_HWM=$(status_kib VmHWM)
stop_pid "$SERVER_PID" skillreg
SERVER_PID=""
cp "$TMP/skillreg.log" "$RESULTS/skillreg.log"
SERVER_LOG_ERRORS=$(grep -Eci '\] \[(error|critical)\]' "$RESULTS/skillreg.log" || true)
SERVER_LOG_WARNINGS=$(grep -Eci '\] \[warning\]' "$RESULTS/skillreg.log" || true)

# --- numbers ---------------------------------------------------------------------------------------------
json_num() { sed -n "s/.*\"$1\":\([-0-9.eE+]*\).*/\1/p" <<<"$2"; }
json_str() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" <<<"$2"; }
SUMMARY=$RESULTS/summary.tsv
printf 'phase\tkind\tconnections\tpause_ms\trequests\trps\tok\texpected_not_found\tbad_status\tmismatch\tsocket_errors\tp50_ms\tp90_ms\tp99_ms\tp999_ms\tmax_ms\tstatuses\n' >"$SUMMARY"
for phase in warmup measure; do
  for k in "${KINDS[@]}"; do
    f=$RESULTS/$phase-$k.txt
    [[ -f $f ]] || continue
    j=$(grep '^SOAK_JSON ' "$f" | tail -n 1)
    socket=$(($(json_num connect "$j") + $(json_num read "$j") + $(json_num write "$j") + $(json_num timeout "$j")))
    printf '%s\t%s\t%s\t%s\t%s\t%.1f\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$phase" "$k" "${CONNS[$k]}" "${PAUSE[$k]}" \
      "$(json_num requests "$j")" "$(awk -v n="$(json_num requests "$j")" -v s="$(json_num duration_s "$j")" 'BEGIN { print (s > 0 ? n / s : 0) }')" \
      "$(json_num ok "$j")" "$(json_num expected_not_found "$j")" "$(json_num bad_status "$j")" "$(json_num mismatch "$j")" \
      "$socket" "$(json_num p50_ms "$j")" "$(json_num p90_ms "$j")" "$(json_num p99_ms "$j")" "$(json_num p999_ms "$j")" \
      "$(json_num max_ms "$j")" "$(json_str statuses "$j")" >>"$SUMMARY"
  done
done
col() { # phase kind column-name
  awk -F'\t' -v p="$1" -v k="$2" -v c="$3" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) n = i; next } $1 == p && $2 == k { print $n }' "$SUMMARY"
}
sum_col() { # phase column-name
  awk -F'\t' -v p="$1" -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) n = i; next } $1 == p { s += $n } END { print s + 0 }' "$SUMMARY"
}
errors_of() { echo $(($(sum_col "$1" bad_status) + $(sum_col "$1" mismatch) + $(sum_col "$1" socket_errors))); }
ERR_MEASURE=$(errors_of measure)
ERR_WARMUP=0
((WARMUP_S > 0)) && ERR_WARMUP=$(errors_of warmup)
ERRORS=$((ERR_MEASURE + ERR_WARMUP))
TOTAL=$(sum_col measure requests)
EXPECTED_NF=$(sum_col measure expected_not_found)
# Overall percentiles: the five wrk processes' histograms merged.
read -r P50 P90 P99 P999 PMAX < <(cat "$RESULTS"/measure-*.txt | awk '$1 == "SOAK_HIST" { print $2, $3 }' | sort -n -k1,1 |
  awk '{ v[NR] = $1; c[NR] = $2; n += $2 }
    END {
      split("50 90 99 99.9", ps, " "); k = 1; cum = 0
      for (i = 1; i <= NR; i++) { cum += c[i]; while (k <= 4 && cum >= ps[k] / 100 * n) { out[k] = v[i]; k++ } }
      printf "%.3f %.3f %.3f %.3f %.3f\n", out[1] / 1000, out[2] / 1000, out[3] / 1000, out[4] / 1000, v[NR] / 1000
    }')
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
within() { awk -v a="$1" -v b="$2" -v l="$RSS_LIMIT" 'BEGIN { print (a <= b * (1 + l / 100) ? 1 : 0) }'; }
RSS_RATIO=$(ratio "$RSS_END" "$RSS_WARM")
ANON_RATIO=$(ratio "$ANON_END" "$ANON_WARM")
TOTAL_OK=$(within "$RSS_END" "$RSS_WARM")
ANON_OK=$(within "$ANON_END" "$ANON_WARM")
if [[ $RSS_MEASURE == anon ]]; then MEM_OK=$ANON_OK MEM_RATIO=$ANON_RATIO; else MEM_OK=$TOTAL_OK MEM_RATIO=$RSS_RATIO; fi
# How memory moved under load: min and max of the samples of the measured run, and the trend
# (least-squares slope, KiB per minute) of the per-minute minima of VmRSS and the private memory, which
# leaves out the transient argon2id allocations of logins in flight.
read -r RSS_MIN RSS_MAX RSS_SLOPE ANON_MIN ANON_MAX ANON_SLOPE OTHERS_MEAN OTHERS_MAX LOAD_MAX SAMPLES < <(awk -F, -v t0="$MEASURE_T0" '
  function slope(m, n,   i, sx, sy, sxx, sxy, k) {
    for (i = 0; i <= maxb; i++) if ((i, "r") in m) { k++; sx += i; sy += m[i, n]; sxx += i * i; sxy += i * m[i, n] }
    return (k > 1 && k * sxx - sx * sx != 0) ? sprintf("%.0f", (k * sxy - sx * sy) / (k * sxx - sx * sx)) : "n/a"
  }
  NR > 1 && $2 == "measure" {
    n++; b = int(($1 - t0) / 60); if (b > maxb) maxb = b
    if (!((b, "r") in m) || $3 < m[b, "r"]) m[b, "r"] = $3
    a = $4 + $14
    if (!((b, "a") in m) || a < m[b, "a"]) m[b, "a"] = a
    if (min == "" || $3 < min) min = $3; if ($3 > max) max = $3
    if (amin == "" || a < amin) amin = a; if (a > amax) amax = a
    if ($12 != "") { on++; os += $12; if ($12 > omax) omax = $12 }
    if ($11 > lmax) lmax = $11
  }
  END {
    printf "%d %d %s %d %d %s %.0f %.0f %s %d\n", min, max, slope(m, "r"), amin, amax, slope(m, "a"),
      on ? os / on : 0, omax, lmax + 0, n
  }' "$CSV")
log "requests $TOTAL, errors $ERRORS (warm-up $ERR_WARMUP), p50 $P50 ms, p90 $P90 ms, p99 $P99 ms, p99.9 $P999 ms; VmRSS $RSS_WARM -> $RSS_END KiB (x$RSS_RATIO), private $ANON_WARM -> $ANON_END KiB (x$ANON_RATIO)"

# --- the report: only our section of docs/benchmarks.md ----------------------------------------------
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git -C "$ROOT" status --porcelain -- src CMakeLists.txt 2>/dev/null) ]]; then commit="$commit (with uncommitted changes in src/)"; fi
binary_note=""
[[ $BIN != "$DEFAULT_BIN" ]] &&
  binary_note=" The server binary was \`$BIN\` (SKILLREG_BIN, built $(date -r "$BIN" '+%Y-%m-%d %H:%M')), so the commit may not match it."
reproduce="make bench-soak"
[[ "$MEASURE_S $WARMUP_S $SAMPLE_S $SCALE $SEED $RSS_LIMIT $RSS_MEASURE $TIMEOUT" == "600 60 10 100000 20220420 10 anon 5s" ]] ||
  reproduce="SOAK_SECONDS=$MEASURE_S SOAK_WARMUP=$WARMUP_S SOAK_SAMPLE_SECONDS=$SAMPLE_S SOAK_SCALE=$SCALE SOAK_SEED=$SEED SOAK_RSS_LIMIT=$RSS_LIMIT SOAK_RSS_MEASURE=$RSS_MEASURE SOAK_TIMEOUT=$TIMEOUT make bench-soak"
passfail() { if (($1)); then echo "**pass**"; else echo "**FAIL**"; fi; }
ZERO_OK=$((ERRORS == 0 ? 1 : 0))
shared_note="Nothing else used more than a few per cent of the machine during the run."
if ((OTHERS_MEAN > 10)) || awk -v l="$LOAD_MAX" -v c="$CORES" 'BEGIN { exit !(l > c + 2) }'; then
  shared_note="**The machine was shared during the run**: other processes used ${OTHERS_MEAN}% of its $CORES cores on average (${OTHERS_MAX}% at most over a ${SAMPLE_S}s sample), and the 1-minute load average reached $LOAD_MAX (the soak itself adds about 1). Latencies are those of a busy machine."
fi
kind_label() {
  case $1 in
    certificates) echo "certificate checks (verify, QR)" ;;
    directory) echo "directory searches" ;;
    lists) echo "public draws, sanctions, entries" ;;
    reports) echo "reports (the six reports, plans, inspections, …)" ;;
    logins) echo "logins" ;;
  esac
}
kind_table() {
  echo "| kind | conn. | pause | requests | req/s | expected not found | errors | p50 | p99 | p99.9 | max |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for k in "${KINDS[@]}"; do
    printf '| %s | %s | %s ms | %s | %s | %s | %s | %s ms | %s ms | %s ms | %s ms |\n' "$(kind_label "$k")" \
      "${CONNS[$k]}" "${PAUSE[$k]}" "$(thousands "$(col measure "$k" requests)")" "$(col measure "$k" rps)" \
      "$(thousands "$(col measure "$k" expected_not_found)")" \
      $(($(col measure "$k" bad_status) + $(col measure "$k" mismatch) + $(col measure "$k" socket_errors))) \
      "$(col measure "$k" p50_ms)" "$(col measure "$k" p99_ms)" "$(col measure "$k" p999_ms)" "$(col measure "$k" max_ms)"
  done
  printf '| **all** | %d | | **%s** | %.1f | %s | **%d** | %s ms | **%s ms** | %s ms | %s ms |\n' \
    "$(sum_col measure connections)" "$(thousands "$TOTAL")" "$(sum_col measure rps)" "$(thousands "$EXPECTED_NF")" \
    "$ERR_MEASURE" "$P50" "$P99" "$P999" "$PMAX"
}
class_line() { # the certificate classes of the measured run
  awk '$1 == "SOAK_CLASS" { a[$2] += $3; c[$2] += $4 }
    END { printf "%d found (%d right), %d not found by number or name (%d right), %d QR codes (%d right), %d QR codes of numbers nobody holds (%d answered 404)",
      a["found"], c["found"], a["nf"], c["nf"], a["png"], c["png"], a["nf404"], c["nf404"] }' "$RESULTS/measure-certificates.txt"
}
bad_examples=$(cat "$RESULTS"/warmup-*.txt "$RESULTS"/measure-*.txt 2>/dev/null | awk '$1 == "SOAK_BAD" && n++ < 5 { sub(/^SOAK_BAD /, "    "); print }')
errors_detail=""
((ERRORS == 0)) || errors_detail="
First errors (status, request, start of the body):

$bad_examples
"
log_note="The server logged no error."
((SERVER_LOG_ERRORS == 0)) || log_note="**The server logged $SERVER_LOG_ERRORS error line(s)** (bench/results/soak-$STAMP/skillreg.log)."
((SERVER_LOG_WARNINGS == 0)) || log_note="$log_note It logged $SERVER_LOG_WARNINGS warning line(s)."

duration() { if (($1 % 60 == 0)); then echo "$(($1 / 60)) min"; elif (($1 < 60)); then echo "$1 s"; else echo "$(($1 / 60)) min $(($1 % 60)) s"; fi; }
mem_criteria() {
  local anon="private memory (RssAnon + VmSwap) at the end within ${RSS_LIMIT}% of after the warm-up"
  local total="VmRSS at the end within ${RSS_LIMIT}% of after the warm-up"
  local a t
  a="$(mib "$ANON_WARM") → $(mib "$ANON_END") MiB (×$ANON_RATIO)"
  t="$(mib "$RSS_WARM") → $(mib "$RSS_END") MiB (×$RSS_RATIO)"
  if [[ $RSS_MEASURE == anon ]]; then
    echo "| $anon | $a | $(passfail "$ANON_OK") |"
    echo "| $total (for information, see below) | $t | $( ((TOTAL_OK)) && echo within || echo outside) |"
  else
    echo "| $total | $t | $(passfail "$TOTAL_OK") |"
    echo "| $anon (for information) | $a | $( ((ANON_OK)) && echo within || echo outside) |"
  fi
}
mem_note() {
  local reclaim="" swap
  [[ $(cat /sys/kernel/mm/damon/admin/kdamonds/0/state 2>/dev/null) == on ]] &&
    reclaim=" (this machine runs DAMON proactive reclaim, kdamond, which pages out memory left untouched for a while)"
  swap=$(awk '$1 == "SwapTotal:" { print $2 }' /proc/meminfo)
  cat <<NOTE
The server maps its SQLite database into memory (\`PRAGMA mmap_size=2147418112\` in
src/store/database.cpp, on each of up to $((CORES + 2)) pooled connections), so VmRSS also counts
the database file's pages (RssFile; $(mib "$DB_END_KIB") MiB of database at the end) as each
connection touches them. Those are the kernel's page cache, not the server's allocations, and they
move by tens of MiB either way: up as connections touch pages, down when the kernel reclaims
them$reclaim. A leak shows in the private memory: RssAnon (the heap with SQLite's page caches of
up to 16 MiB per connection, the threads' stacks), plus VmSwap, which is $( ((swap == 0)) && echo "always 0 here: this machine has no swap" || echo "added in case some of it was swapped out").
NOTE
  if [[ $RSS_MEASURE == anon ]]; then
    echo "The criterion is therefore judged on the private memory (SOAK_RSS_MEASURE=anon, the default); SOAK_RSS_MEASURE=total judges VmRSS instead."
  else
    echo "This run judged VmRSS (SOAK_RSS_MEASURE=total); the default, anon, judges the private memory."
  fi
}
DB_END_KIB=$(($(stat -c %s "$DB") / 1024))

SECTION=$TMP/section.md
cat >"$SECTION" <<EOF
<!-- soak:begin (written by bench/soak.sh; bench/run.sh keeps this section) -->
## Soak

*Generated by \`bench/soak.sh\` on $(date '+%Y-%m-%d %H:%M %Z'); do not edit by hand, re-run it.*

Issue 9 §5: a bounded mixed load against one server on loopback for $(duration "$MEASURE_S"), after a ${WARMUP_S} s
warm-up; it must give no error and keep the memory flat (RSS at the end within ${RSS_LIMIT}% of
RSS after the warm-up; see "Memory" below for which RSS). Reproduce (from the repository root,
with \`wrk\`, \`sqlite3\`, \`jq\`):

\`\`\`sh
$reproduce
\`\`\`

| criterion | measured | |
| --- | ---: | --- |
| zero errors | $ERR_MEASURE in the run, $ERR_WARMUP in the warm-up | $(passfail "$ZERO_OK") |
$(mem_criteria)
| p99, all requests | $P99 ms | recorded |

### Load

skillreg ${SERVER_VERSION} (release build), $CORES I/O threads, 1 worker thread, log level \`warn\`, on a
scratch SQLite database from \`skillreg demo --scale $SCALE --seed $SEED\`: $(thousands "$CERTS") certificates,
$(thousands "$INSTITUTIONS") institutions, $(thousands "$PLANS") plans, $(thousands "$CANDIDATES") candidates. One wrk process per
kind of request, all five at once for ${MEASURE_S} s, each thread with one keep-alive connection
that pauses after every answer (wrk's \`delay()\`), so the rate is bounded (closed loop, no
coordinated-omission correction); \`bench/soak.lua\` cycles through each kind's request list and
checks every answer's status and body:

- **certificate checks**: \`GET /api/v1/public/certificates/verify?cert_no=…&name=…\` for
  $(thousands "$N_FOUND") sampled certificates with their holders' names, $(thousands "$N_WRONG_NAME") real numbers with another
  holder's name and $(thousands "$N_NO_SUCH") well-formed numbers nobody holds (both answered 200
  \`not_found\`, counted as expected not found); \`GET …/:cert_no/qr.png?name=…\` for valid certificates
  and, as an expected 404, numbers nobody holds. In the run: $(class_line).
- **directory searches**: \`GET /api/v1/public/institutions\` with name fragments (one that
  matches nothing), regions, kinds, sort orders and pages.
- **public lists**: \`/api/v1/public/draws\` (pages and single draws), \`/public/sanctions\`,
  \`/public/institutions/:code\`.
- **reports**: \`/api/v1/reports/:name\` (all six, JSON, and \`activity\` as XLSX) for the
  officials, and the lists \`/api/v1/plans\`, \`/inspections\`, \`/cases\`, \`/institutions\`,
  \`/certificates\`, \`/audit\` (pages, a status filter), with Bearer tokens of the accounts ${REPORT_ACCOUNTS[*]} (a province
  administrator, the evaluation centre, a city, a county, an inspector, an institution),
  obtained before the run.
- **logins**: \`POST /api/v1/auth/login\` as the ${#LOGIN_ACCOUNTS[@]} demo accounts in turn, right
  passwords only (failed logins are throttled per username; successful ones are not limited).
  Each costs an argon2id hash (64 MiB, on the one worker thread) and writes a session and an
  audit record.

Every distinct non-certificate request and the first of each certificate class were checked once
with curl before the warm-up. An error is any answer other than the one its request expects
(a status other than 2xx/3xx and the expected 404s, or a 2xx with the wrong body) and any socket
error, a timeout after $TIMEOUT included.

### Results

$(kind_table)

Latencies from wrk's histograms (the pause is not included); the "all" row merges the five
processes' histograms. The logins' argon2id hash dominates the tail of their own row and, through
the shared worker thread, of the QR codes'. $log_note$errors_detail

### Memory

| server memory, MiB | VmRSS (all resident) | private (RssAnon + VmSwap) | rest (mapped files) |
| --- | ---: | ---: | ---: |
| at start (after the pre-flight checks) | $(mib "$RSS_START") | $(mib "$ANON_START") | $(mib $((RSS_START - ANON_START))) |
| after the warm-up (load stopped 3 s) | $(mib "$RSS_WARM") | $(mib "$ANON_WARM") | $(mib $((RSS_WARM - ANON_WARM))) |
| at the end (load stopped 3 s) | $(mib "$RSS_END") | $(mib "$ANON_END") | $(mib $((RSS_END - ANON_END))) |
| **end / after warm-up** | **×$RSS_RATIO** | **×$ANON_RATIO** | |
| under load: min – max over the ${SAMPLES} samples of the run | $(mib "$RSS_MIN") – $(mib "$RSS_MAX") | $(mib "$ANON_MIN") – $(mib "$ANON_MAX") | |
| under load: trend of the per-minute minima, KiB/min | $RSS_SLOPE | $ANON_SLOPE | |
| peak (VmHWM) | $(mib "$SERVER_HWM") | | |

$(mem_note)

Both end figures are taken with the load stopped for 3 s: a login holds argon2id's 64 MiB of
anonymous memory while it hashes, so a sample under load can catch one in flight (the maxima
above). Every sample (VmRSS, RssAnon, RssFile, VmSwap, VmHWM, threads, open files, database and WAL size,
load average, other processes' CPU) is in \`bench/results/soak-$STAMP/rss.csv\`.

Machine: $(lscpu_field 'Model name'), nproc $CORES, $(free -h | awk '/^Mem:/ { print $2 }'); $(
  # shellcheck disable=SC1091
  . /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-}"), kernel $(uname -r). Load average before
$LOAD_BEFORE, after $LOAD_AFTER. $shared_note skillreg commit $commit;
$({ wrk --version 2>&1 || true; } | awk 'NR == 1 { print $1, $2 }').$binary_note Raw wrk output, the request lists (tokens
removed), the samples and the server's log are in \`bench/results/soak-$STAMP/\` on the machine
that ran it (not committed).
<!-- soak:end -->
EOF
cp "$SECTION" "$RESULTS/section.md"

if [[ -n $DOC ]]; then
  mkdir -p "$(dirname "$DOC")"
  touch "$DOC"
  awk -v section="$SECTION" '
    function emit(   line) { while ((getline line < section) > 0) print line; close(section); done = 1 }
    /^<!-- soak:begin/ { skip = 1; emit(); next }
    skip && /^<!-- soak:end/ { skip = 0; next }
    skip { next }
    { print }
    END { if (!done) { if (NR > 0) print ""; emit() } }' "$DOC" >"$DOC.tmp"
  mv "$DOC.tmp" "$DOC"
  log "updated $DOC"
fi

column -t -s $'\t' "$SUMMARY" >&2 || cat "$SUMMARY" >&2
if ((ZERO_OK && MEM_OK)); then
  log "PASS: zero errors, memory ($RSS_MEASURE) ×$MEM_RATIO (limit ×$(awk -v l="$RSS_LIMIT" 'BEGIN { printf "%.2f", 1 + l / 100 }'))"
  exit 0
fi
((ZERO_OK)) || log "FAIL: $ERRORS error(s) (measured run $ERR_MEASURE, warm-up $ERR_WARMUP)"
((MEM_OK)) || log "FAIL: memory ($RSS_MEASURE) grew ×$MEM_RATIO, more than $RSS_LIMIT%"
exit 1
