-- wrk script: POST /api/v1/sets with a fresh UUID each time (so every request is a real write).
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
local function uuid()
  local t = "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"
  return (t:gsub("[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%x", v)
  end))
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  local body = string.format(
    '{"id":"%s","exercise":"lying-leg-curl","variant":null,"side":null,"reps":12,"load":40.0,"rir":null,"performed_at":"2026-11-20T18:00:00Z"}',
    uuid())
  return wrk.format(nil, "/api/v1/sets", nil, body)
end
