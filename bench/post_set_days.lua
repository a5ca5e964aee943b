-- wrk script: POST /api/v1/sets with a fresh UUID each time, on a day drawn from the DAYS days
-- before today (DAYS from the environment), so sets fill many sessions as an athlete's do
-- instead of piling into one (post_set.lua: one day, one session of thousands of sets).
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
local days = tonumber(os.getenv("DAYS") or "30")
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
  local day = os.date("!%Y-%m-%dT07:00:00Z", os.time() - math.random(1, days) * 86400)
  local body = string.format(
    '{"id":"%s","exercise":"lying-leg-curl","variant":null,"side":null,"reps":12,"load":40.0,"rir":null,"performed_at":"%s"}',
    uuid(), day)
  return wrk.format(nil, "/api/v1/sets", nil, body)
end
