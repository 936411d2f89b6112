-- wrk script for bench/query.sh (CLIENT=wrk): one query shape, one connection, its requests in
-- turn. Environment: SHAPES (query.sh's shapes.tsv), SHAPE (the shape's name), GZIP=1 to ask
-- for compressed answers, LABEL (the RESULT line's workload). Prints one RESULT line; answers
-- other than 200 (or 503 for shapes allowed to time out) are counted as bad, and query.sh fails
-- the run when any is. What each answer holds was checked before by the load generator.

local shape = os.getenv("SHAPE")
local gzip = os.getenv("GZIP") == "1"
-- Built in init(): wrk.format adds the Host header, which wrk sets only after loading the script.
local requests = {}
function init(args)
  for line in io.lines(os.getenv("SHAPES")) do
    local name, method, path, body = line:match("^([^\t]+)\t([^\t]+)\t([^\t]+)\t?(.*)$")
    if name == shape then
      local headers = {}
      if gzip then headers["Accept-Encoding"] = "gzip" end
      if method == "POST" then
        headers["Content-Type"] = "application/json"
      else
        body = nil
      end
      requests[#requests + 1] = wrk.format(method, path, headers, body)
    end
  end
  if #requests == 0 then
    io.stderr:write("no requests for shape " .. tostring(shape) .. "\n")
    os.exit(2)
  end
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

local i = 0
-- Globals: done() reads them from each thread with thread:get().
bad, timeouts = 0, 0
function request()
  i = i % #requests + 1
  return requests[i]
end

function response(status, headers, body)
  if status == 503 and shape:sub(1, 6) == "other_" then
    timeouts = timeouts + 1
  elseif status ~= 200 then
    bad = bad + 1
  end
end

function done(summary, latency, _)
  local bad_total, timeouts_total = 0, 0
  for _, t in ipairs(threads) do
    bad_total = bad_total + t:get("bad")
    timeouts_total = timeouts_total + t:get("timeouts")
  end
  local n = summary.requests
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT workload=%s requests=%d seconds=%.3f req_per_s=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f"
      .. " min_ms=%.3f max_ms=%.3f kb_avg=%.1f timeouts=%d bad=%d socket_errors=%d\n",
    os.getenv("LABEL"), n, seconds, n / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.min / 1000, latency.max / 1000, n > 0 and summary.bytes / 1024 / n or 0,
    timeouts_total, bad_total,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
