# Shared by the benchmark scripts (bench/run.sh, certcheck.sh, ingest.sh, soak.sh): messages, stopping the
# processes they start, and the nginx settings of the ceiling. Source it after setting BENCH_NAME
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
