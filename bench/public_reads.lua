-- wrk script of bench/public_reads.py: each request is a random line of the file named by
-- SIRIUS_REQUESTS, « path » or « path<TAB>Header: value ».
local requests = {}

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
  for line in io.lines(os.getenv("SIRIUS_REQUESTS")) do
    local path, header = line:match("^([^\t]+)\t?(.*)$")
    if path then
      local headers = {}
      local name, value = header:match("^([^:]+):%s*(.*)$")
      if name then
        headers[name] = value
      end
      requests[#requests + 1] = wrk.format("GET", path, headers)
    end
  end
end

function request()
  return requests[math.random(#requests)]
end
