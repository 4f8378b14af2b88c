-- Mixed traffic for wrk: browsing pages, searches and API calls, picked at random per request.
-- The paths file (one path per line, written by run_load.sh from the loaded archive) names real
-- meetings and letters. Non-2xx answers are counted and reported as errors.
local paths = {}
local errors = 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then table.insert(paths, line) end
  end
  math.randomseed(os.time() + math.random(1000))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function response(status, headers, body)
  if status >= 400 then errors = errors + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("requests %d, %.1f per s, median %.1f ms, p95 %.1f ms, p99 %.1f ms, socket errors %d, non-2xx %d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
