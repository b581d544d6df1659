# shellcheck shell=bash
# Shared by the benchmark scripts (bench/run.sh, certcheck.sh, ingest.sh, soak.sh): messages,
# starting and stopping the processes they run, ports, durations, the nginx settings of the
# ceiling, and the CPU accounting of noise control. Source it after setting BENCH_NAME and HOST
# (and BENCH_DIE_STATUS, the exit status of die, 1 unless set):
#   BENCH_NAME=certcheck; source "$ROOT/bench/common.sh"

die() {
  echo "${BENCH_NAME:-bench}: $*" >&2
  exit "${BENCH_DIE_STATUS:-1}"
}
log() { echo "${BENCH_NAME:-bench}: $*" >&2; }

stop_pid() { # pid name: SIGTERM, wait up to 10 s, then SIGKILL
  local pid=$1 name=$2 i
  [[ -n $pid ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name (pid $pid) did not stop on SIGTERM; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# The http-level settings every nginx ceiling uses (inside `http { … }`): no access log, temp
# paths under $1, static files with sendfile, long keep-alive, an open-file cache.
nginx_http_settings() { # ngx_dir
  cat <<EOF_NGX
    access_log off;
    client_body_temp_path $1/tmp/body;
    proxy_temp_path $1/tmp/proxy;
    fastcgi_temp_path $1/tmp/fastcgi;
    uwsgi_temp_path $1/tmp/uwsgi;
    scgi_temp_path $1/tmp/scgi;
    types {}
    default_type application/json;
    charset off;
    server_tokens off;
    etag off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 65s;
    keepalive_requests 1000000;
    open_file_cache max=64 inactive=60s;
    open_file_cache_valid 60s;
EOF_NGX
}

# remove_tmp rc: at exit, removes the scratch folder $TMP, or keeps it and says where when the
# run failed (rc 1, die's status) or BENCH_KEEP_TMP=1; not after ^C.
remove_tmp() {
  [[ -n ${TMP:-} && -d $TMP ]] || return 0
  if [[ ${BENCH_KEEP_TMP:-0} == 1 || $1 -eq 1 ]]; then
    log "temporary files kept in $TMP"
  else
    rm -rf "$TMP"
  fi
}

# --- processes and ports -------------------------------------------------------------------------

# run_child outfile command…: runs the command in the background with its output in outfile and
# waits for it, so INT/TERM reach the caller's trap at once (the redirection stays on the child:
# a trap firing inside a redirected function would write its messages into that file). The
# caller's cleanup stops $CHILD_PID.
CHILD_PID=""
run_child() {
  local rc=0 out=$1
  shift
  "$@" >"$out" 2>&1 &
  CHILD_PID=$!
  wait "$CHILD_PID" || rc=$?
  CHILD_PID=""
  return "$rc"
}

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; } # on $HOST, the caller's loopback address

# free_port [taken…]: a port nobody listens on and not among the taken ones, below Linux's
# ephemeral range (32768+) so no client socket holds it.
# shellcheck disable=SC2120 # the taken ports are optional
free_port() {
  local p i
  for ((i = 0; i < 200; i++)); do
    p=$((20000 + RANDOM % 12000))
    [[ " ${*:-} " == *" $p "* ]] && continue
    port_open "$p" || {
      echo "$p"
      return 0
    }
  done
  die "no free loopback port found"
}

# wait_http url pid name: until the URL answers 2xx, the process dies, or 60 s pass.
wait_http() {
  local url=$1 pid=$2 name=$3 i
  for ((i = 0; i < 600; i++)); do
    kill -0 "$pid" 2>/dev/null || return 1
    curl -sf -o /dev/null --max-time 1 "$url" && return 0
    sleep 0.1
  done
  log "$name did not answer $url within 60 s"
  return 1
}

# --- numbers and the machine ---------------------------------------------------------------------

# seconds_of "10s" | "2m" | "1h" | plain seconds, as wrk reads them → seconds.
seconds_of() {
  local v=$1
  [[ $v =~ ^([0-9]+)([smh]?)$ ]] || die "bad duration '$v' (use e.g. 10s, 2m)"
  local n=${BASH_REMATCH[1]}
  case ${BASH_REMATCH[2]} in
    m) n=$((n * 60)) ;;
    h) n=$((n * 3600)) ;;
  esac
  ((n >= 1)) || die "duration '$v' is shorter than a second"
  echo "$n"
}

thousands() { awk -v n="$1" 'BEGIN { s = sprintf("%.0f", n); o = ""; while (length(s) > 3) { o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) } print s o }'; }

lscpu_field() { lscpu 2>/dev/null | awk -F': *' -v k="$1" '$1 == k && !seen++ { print $2 }' || true; }

# --- CPU accounting, for noise control -----------------------------------------------------------

CLK_TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)
# Clock ticks the whole machine has been busy (user, nice, system, irq, softirq, steal).
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
# Clock ticks of CPU (user + system) process $1 has used so far; 0 once it is gone.
proc_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null || echo 0; }

# children_ticks: sets CHILD_TICKS, the clock ticks (user + system) this shell's reaped children
# (wrk, sqlite3, curl) have used. Call it directly, not in $(…): a forked subshell starts with no
# children's times of its own. Writes $TMP/times.
CHILD_TICKS=0
children_ticks() {
  times >"$TMP/times"
  CHILD_TICKS=$(awk -v hz="$CLK_TCK" 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); t += p[1] * 60 + p[2] } printf "%d", t * hz }' "$TMP/times")
  CHILD_TICKS=${CHILD_TICKS:-0}
}
# noise_pct busy0 busy1 ours0 ours1 ns: the machine's busy ticks over a timed step, less those of
# the step's own processes, as a % of all CORES: how much others took while we measured.
noise_pct() {
  awk -v b=$(($2 - $1)) -v o=$(($4 - $3)) -v ns="$5" -v hz="$CLK_TCK" -v n="$CORES" \
    'BEGIN { x = 100 * (b - o) / (ns / 1e9 * hz * n); if (x < 0) x = 0; printf "%.0f", x }'
}

# wait_quiet: before a run, wait while others keep the machine busy (idle servers use next to
# nothing, so the machine's busy share over one second is the others' share), within a budget of
# QUIET_WAIT seconds for the whole benchmark. Needs CORES, NOISE_LIMIT (%) and QUIET_WAIT.
wait_quiet() {
  local b0 b1 pct said=0
  : "${QUIET_LEFT:=$QUIET_WAIT}"
  while :; do
    b0=$(busy_ticks)
    sleep 1
    b1=$(busy_ticks)
    pct=$((100 * (b1 - b0) / (CLK_TCK * CORES)))
    ((pct > NOISE_LIMIT && QUIET_LEFT > 0)) || return 0
    ((said)) || log "others use ${pct}% of the CPU; waiting for a quieter moment (${QUIET_LEFT}s of waiting left)"
    said=1
    sleep 2
    QUIET_LEFT=$((QUIET_LEFT - 3))
  done
}
