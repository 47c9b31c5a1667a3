-- wrk script: the region summary (close-out numbers per definition over the region), each
-- request as one of the six region managers picked at random.
-- Arguments: SESSIONS.lua CAMPAIGN (see store-reads.lua).
function init(args)
  dofile(args[1])
  campaign = args[2]
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "1", 16))
end

function request()
  local s = sessions[math.random(#sessions)]
  return wrk.format("GET", "/api/v1/campaigns/" .. campaign .. "/closeout/summary",
                    { ["Cookie"] = s[1] })
end
