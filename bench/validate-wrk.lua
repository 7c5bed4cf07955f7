-- Posts validation requests, cycling through the bodies of a file (one JSON body per line).
local bodies = {}
local next_body = 0

function init(args)
  for line in io.lines(args[1]) do
    bodies[#bodies + 1] = line
  end
end

function request()
  next_body = next_body % #bodies + 1
  return wrk.format("POST", "/api/v1/validate", { ["Content-Type"] = "application/json" }, bodies[next_body])
end
