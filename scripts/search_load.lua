-- wrk script for `scripts/bench.sh search`: each request takes a random query from QUERIES (a file of one
-- query per line) and asks PATH (an API path ending in `q=`) with it.
--   wrk -s scripts/search_load.lua http://127.0.0.1:PORT -- QUERIES PATH
local queries = {}
local path = "/api/articles?limit=20&q="

local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then queries[#queries + 1] = encode(line) end
  end
  if args[2] then path = args[2] end
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

function request()
  return wrk.format("GET", path .. queries[math.random(#queries)])
end
