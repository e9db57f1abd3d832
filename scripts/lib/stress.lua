-- wrk script for scripts/stress-test.sh: rotates GET requests over the paths given after `--`
-- (default /healthz) and counts the answers with status >= 500 apart from the other non-2xx
-- ones. done() prints one line:
--   stress-counts: 5xx=N other_non2xx=M
local threads = {}

function setup(thread)
  thread:set("offset", #threads)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for i = 1, #args do paths[i] = args[i] end
  if #paths == 0 then paths = { "/healthz" } end
  n = offset or 0
  server_errors = 0
  other_non2xx = 0
end

function request()
  n = n + 1
  return wrk.format("GET", paths[n % #paths + 1])
end

function response(status, headers, body)
  if status >= 500 then
    server_errors = server_errors + 1
  elseif status < 200 or status >= 300 then
    other_non2xx = other_non2xx + 1
  end
end

function done(summary, latency, requests)
  local s5, other = 0, 0
  for _, thread in ipairs(threads) do
    s5 = s5 + thread:get("server_errors")
    other = other + thread:get("other_non2xx")
  end
  io.write(string.format("stress-counts: 5xx=%d other_non2xx=%d\n", s5, other))
end
