-- wrk script: POST /api/v1/sets with a fresh UUID each time (so every request is a real write).
-- With an X-Bench-Tokens header (comma-separated API tokens; the header itself is never sent),
-- each request is signed with the next of them: many athletes logging at once.
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
local function uuid()
  local t = "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"
  return (t:gsub("[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%x", v)
  end))
end
local tokens = {}
local turn = 0
function init(args)
  local list = wrk.headers["X-Bench-Tokens"]
  if list then
    for token in string.gmatch(list, "[^,]+") do table.insert(tokens, token) end
    wrk.headers["X-Bench-Tokens"] = nil
  end
  turn = math.random(0, math.max(#tokens - 1, 0))
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  local body = string.format(
    '{"id":"%s","exercise":"lying-leg-curl","variant":null,"side":null,"reps":12,"load":40.0,"rir":null,"performed_at":"2026-11-20T18:00:00Z"}',
    uuid())
  if #tokens == 0 then
    return wrk.format(nil, "/api/v1/sets", nil, body)
  end
  local headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  turn = turn % #tokens + 1
  headers["Authorization"] = "Bearer " .. tokens[turn]
  return wrk.format(nil, "/api/v1/sets", headers, body)
end
