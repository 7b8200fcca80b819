-- A mix of catalog queries: free text, filters, sorts and second pages.
local paths = {
  "/api/tours?limit=20",
  "/api/tours?q=volcano&limit=20",
  "/api/tours?q=%D0%B2%D1%83%D0%BB%D0%BA%D0%B0%D0%BD&limit=20",
  "/api/tours?region=Kamchatka&sort=price&limit=20",
  "/api/tours?minPrice=500000&maxPrice=3000000&limit=20",
  "/api/tours?difficulty=hard&sort=duration&limit=20",
  "/api/tours?tags=bears&limit=20",
  "/api/tours?near=53.02,158.65&radiusKm=50&limit=20",
  "/api/tours?q=rafting&sort=price&limit=10",
  "/api/tours?minDuration=240&maxDuration=600&sort=newest&limit=20",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
