-- wrk script: a store manager's reads (own orders, settlement row, board entry), each request as
-- one of the demo's 218 store managers picked at random.
-- Arguments: SESSIONS.lua CAMPAIGN [DELAY_MS]: the sessions file written by server_bench.sh
-- (sessions = { {cookie, store}, ... }); with DELAY_MS each connection waits that long between
-- two requests (a person's pace), else it asks again at once.
local delay_ms = nil

function init(args)
  dofile(args[1])
  campaign = args[2]
  delay_ms = args[3] and tonumber(args[3]) or nil
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "1", 16))
end

local reads = {
  function(s) return "/api/v1/campaigns/" .. campaign .. "/stores/" .. s[2] .. "/orders?limit=50" end,
  function(s) return "/api/v1/campaigns/" .. campaign .. "/closeout/settlement" end,
  function(s) return "/api/v1/campaigns/" .. campaign .. "/supervision/board?date=2023-03-02" end,
}

function request()
  local s = sessions[math.random(#sessions)]
  local path = reads[math.random(#reads)](s)
  return wrk.format("GET", path, { ["Cookie"] = s[1] })
end

function delay()
  if delay_ms then return math.random(0, 2 * delay_ms) end
  return 0
end
