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

-- done(): the WRK_JSON line, from the script next to bench/run.sh (found from this file's path).
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "../wrk_report.lua")
