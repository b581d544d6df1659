-- wrk script for bench/soak.sh: one kind of the soak's mixed load per wrk process, each thread
-- with ONE connection (soak.sh runs wrk -tN -cN), so that every response() answers the request
-- the same thread made last and can be checked against what that request expects.
--
--   wrk -t2 -c2 -d600s --latency -s bench/soak.lua URL -- requests.tsv PAUSE_MS
--
-- requests.tsv (written by soak.sh): one request per line, tab-separated
--   expect  method  path  token  body
-- where token is a session token sent as "Authorization: Bearer …" (or "-") and body a JSON
-- body (or "-"). Each thread cycles through the lines, starting at its own place, and waits
-- PAUSE_MS after every answer before its next request (wrk's delay()), which bounds the rate:
-- at most connections × 1000 / (PAUSE_MS + latency) requests a second. The pause is not part
-- of the latency wrk records.
--
-- expect says what a correct answer is:
--   found   200 and a certificate in the body ("status":"valid" or "voided")
--   nf      200 and "status":"not_found" (an expected not-found check)
--   png     200 and a PNG body (a certificate's QR code)
--   nf404   404 (the QR code of a certificate that does not exist: an expected not-found)
--   token   200 and a "token" in the body (a login)
--   ok      any 2xx
-- Anything else is an error: another status, a 2xx with the wrong body (a "mismatch").
-- When the run is over it prints, for soak.sh to parse:
--   SOAK_JSON {"requests":…,"ok":…,"expected_not_found":…,"bad_status":…,"mismatch":…,
--              "connect":…,"read":…,"write":…,"timeout":…,"p50_ms":…,"p99_ms":…,
--              "p999_ms":…,"max_ms":…,"mean_ms":…,"duration_s":…,"statuses":"200:…,404:…"}
--   SOAK_CLASS <expect> <answers> <correct>        one line per expect class
--   SOAK_BAD <status> <path> <start of the body>   the first few errors, for the report
--   SOAK_HIST <microseconds> <count>               wrk's whole latency histogram, so that
--                                                  soak.sh can merge the processes' latencies

local reqs, expects, paths = {}, {}, {}
local i, cur, pause = 0, nil, 0
local threads = {}
local counter = 0

-- per thread, read by done() through thread:get()
answers = {}   -- expect class → answers
correct = {}   -- expect class → correct answers
statuses = {}  -- status → count
bad_status, mismatch = 0, 0
bad_examples = {}

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  threads[#threads + 1] = thread
end

local function split_tabs(line)
  local out = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do out[#out + 1] = field end
  return out
end

function init(args)
  local file = args[1]
  if file == nil then error("soak.lua needs the requests file: wrk … -- requests.tsv PAUSE_MS") end
  pause = tonumber(args[2] or "0") or 0
  for line in io.lines(file) do
    if #line > 0 then
      local f = split_tabs(line)
      if #f ~= 5 then error("soak.lua: expected 5 tab-separated fields, got " .. #f .. ": " .. line) end
      local headers = {}
      if f[4] ~= "-" then headers["Authorization"] = "Bearer " .. f[4] end
      local body = nil
      if f[5] ~= "-" then
        body = f[5]
        headers["Content-Type"] = "application/json"
      end
      reqs[#reqs + 1] = wrk.format(f[2], f[3], headers, body)
      expects[#expects + 1] = f[1]
      paths[#paths + 1] = f[2] .. " " .. f[3]
    end
  end
  if #reqs == 0 then error("no requests in " .. file) end
  -- spread the threads over the list (id is 1-based)
  i = (((id or 1) - 1) * math.floor(#reqs / 4 + 1)) % #reqs
end

function request()
  i = i + 1
  if i > #reqs then i = 1 end
  cur = i
  return reqs[i]
end

function delay()
  return pause
end

local function has(body, s)
  return body ~= nil and string.find(body, s, 1, true) ~= nil
end

function response(status, headers, body)
  if cur == nil then return end
  local e = expects[cur]
  answers[e] = (answers[e] or 0) + 1
  statuses[status] = (statuses[status] or 0) + 1
  local good
  if e == "nf404" then
    good = status == 404
  elseif status < 200 or status > 399 then
    good = false
  elseif e == "found" then
    good = status == 200 and (has(body, '"status":"valid"') or has(body, '"status":"voided"'))
  elseif e == "nf" then
    good = status == 200 and has(body, '"status":"not_found"')
  elseif e == "png" then
    good = status == 200 and body ~= nil and string.sub(body, 2, 4) == "PNG"
  elseif e == "token" then
    good = status == 200 and has(body, '"token":"')
  else
    good = true
  end
  if good then
    correct[e] = (correct[e] or 0) + 1
  else
    local wrong_status = (e == "nf404" and status ~= 404) or status < 200 or status > 399
    if wrong_status then bad_status = bad_status + 1 else mismatch = mismatch + 1 end
    if #bad_examples < 5 then
      local snippet = string.gsub(string.sub(body or "", 1, 200), "[%c]", " ")
      bad_examples[#bad_examples + 1] = status .. " " .. paths[cur] .. " " .. snippet
    end
  end
  cur = nil
end

function done(summary, latency, requests)
  local total_answers, total_ok, nf, bs, mm = 0, 0, 0, 0, 0
  local per_answers, per_correct, per_status = {}, {}, {}
  local examples = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("answers") or {}) do per_answers[k] = (per_answers[k] or 0) + v end
    for k, v in pairs(t:get("correct") or {}) do per_correct[k] = (per_correct[k] or 0) + v end
    for k, v in pairs(t:get("statuses") or {}) do per_status[k] = (per_status[k] or 0) + v end
    bs = bs + (t:get("bad_status") or 0)
    mm = mm + (t:get("mismatch") or 0)
    for _, x in ipairs(t:get("bad_examples") or {}) do
      if #examples < 5 then examples[#examples + 1] = x end
    end
  end
  for k, v in pairs(per_answers) do total_answers = total_answers + v end
  for k, v in pairs(per_correct) do
    if k == "nf" or k == "nf404" then nf = nf + v else total_ok = total_ok + v end
  end
  local status_list = {}
  for k, _ in pairs(per_status) do status_list[#status_list + 1] = k end
  table.sort(status_list)
  local status_text = {}
  for _, k in ipairs(status_list) do status_text[#status_text + 1] = k .. ":" .. per_status[k] end
  local e = summary.errors
  local ms = function(us) return us / 1000.0 end
  io.write(string.format(
    'SOAK_JSON {"requests":%d,"answers":%d,"ok":%d,"expected_not_found":%d,"bad_status":%d,"mismatch":%d,' ..
    '"connect":%d,"read":%d,"write":%d,"timeout":%d,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,' ..
    '"p999_ms":%.3f,"max_ms":%.3f,"mean_ms":%.3f,"duration_s":%.3f,"statuses":"%s"}\n',
    summary.requests, total_answers, total_ok, nf, bs, mm, e.connect, e.read, e.write, e.timeout,
    ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(99)),
    ms(latency:percentile(99.9)), ms(latency.max), ms(latency.mean), summary.duration / 1e6,
    table.concat(status_text, ",")))
  for k, v in pairs(per_answers) do
    io.write(string.format("SOAK_CLASS %s %d %d\n", k, v, per_correct[k] or 0))
  end
  for _, x in ipairs(examples) do io.write("SOAK_BAD " .. x .. "\n") end
  for n = 1, #latency do
    local v, c = latency(n)
    io.write(string.format("SOAK_HIST %d %d\n", v, c))
  end
end
