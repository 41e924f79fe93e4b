-- wrk script: one GET /counts/{word} per request, cycling over the words in $WORDS
-- (one percent-encoded word a line), which run.sh fills from the path's own /top.
local words = {}
for line in io.lines(os.getenv("WORDS")) do words[#words + 1] = line end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/counts/" .. words[(i % #words) + 1])
end
