-- wrk script for bench/certcheck.sh: every request is a public certificate check of a different
-- existing certificate with its holder's name, cycling through the request paths in the file
-- named as the script's argument (one per line, written by sample_pairs.mjs):
--   wrk … -s bench/certcheck/certcheck.lua URL -- paths.txt
-- Each wrk thread starts at its own place in the list. The same file is used against skillreg,
-- nginx (which ignores the query and sends its one static file) and the Node.js server, so all
-- three read the same request bytes. There is no response() function: defining one makes wrk
-- copy every header and body into Lua, work that would be measured too; certcheck.sh checks the
-- answers' content with curl before the runs instead. At the end it prints the WRK_JSON line of
-- bench/wrk_report.lua ("non2xx" is wrk's count of statuses >= 400).

local paths = {}
local i = 0
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function init(args)
  local file = args[1]
  if file == nil then error("certcheck.lua needs the paths file: wrk … -- paths.txt") end
  for line in io.lines(file) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  if #paths == 0 then error("no request paths in " .. file) end
  -- spread the threads over the list (id is 1-based): an eighth of it apart
  i = (((id or 1) - 1) * math.floor(#paths / 8)) % #paths
end

function request()
  i = i + 1
  if i > #paths then i = 1 end
  return wrk.format("GET", paths[i])
end

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
