-- wrk script for bench/run.sh (and, through dofile, bench/certcheck/certcheck.lua): leaves the
-- request path alone (no request() or response() function, so wrk keeps its fast pre-built
-- request) and, when the run is over, prints one machine-readable line:
--   WRK_JSON {"requests":…,"duration_s":…,"rps":…,"bytes_per_response":…,
--             "p50_ms":…,"p90_ms":…,"p99_ms":…,"mean_ms":…,"max_ms":…,
--             "non2xx":…,"connect":…,"read":…,"write":…,"timeout":…,"errors":…}
-- Latencies are in milliseconds; "non2xx" is wrk's count of responses with status >= 400
-- ("Non-2xx or 3xx responses" in its own summary); "errors" is non2xx plus socket errors.

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  local n = summary.requests
  local ms = function(us) return us / 1000.0 end
  local socket = e.connect + e.read + e.write + e.timeout
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_s":%.3f,"rps":%.1f,"bytes_per_response":%.1f,' ..
    '"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"mean_ms":%.3f,"max_ms":%.3f,' ..
    '"non2xx":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,"errors":%d}\n',
    n, seconds, seconds > 0 and n / seconds or 0, n > 0 and summary.bytes / n or 0,
    ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(99)),
    ms(latency.mean), ms(latency.max),
    e.status, e.connect, e.read, e.write, e.timeout, e.status + socket))
end
