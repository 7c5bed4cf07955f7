-- Registers serial numbers through Get a Key: one JSON body per line of the file (args[1]),
-- posted to args[2] with the API token args[3]; each body is sent once, in file order.
local bodies = {}
local next_body = 0
local path, token

function init(args)
  for line in io.lines(args[1]) do
    bodies[#bodies + 1] = line
  end
  path = args[2]
  token = args[3]
end

function request()
  next_body = next_body % #bodies + 1
  return wrk.format("POST", path, { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, bodies[next_body])
end
