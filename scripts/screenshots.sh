#!/usr/bin/env bash
# Regenerates docs/screenshots/*.png: the public pages of a fresh demo start, at desktop and phone width, in headless
# Debian Chromium. Builds KamHub, serves it on loopback from a throwaway data directory, shoots, stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-tools.sh
PORT=${KAMHUB_SHOTS_PORT:-5399}
OUT=docs/screenshots
DATA=$(mktemp -d /tmp/kamhub-shots-XXXXXX)
dotnet build src/KamHub/KamHub.csproj -c Release -v quiet -nologo >/dev/null
# Known passwords for the signed-in pages (desk, console, my bookings), shot by scripts/screenshots/signed-in.cs.
ADMIN_PASSWORD=shots-admin-password; DEMO_PASSWORD=shots-demo-password
export KamHub__Admin__Password=$ADMIN_PASSWORD KamHub__Seed__DemoPassword=$DEMO_PASSWORD KamHub__RateLimits__Enabled=false
src/KamHub/bin/Release/net10.0/kamhub serve --urls "http://127.0.0.1:$PORT" --data-dir "$DATA" >"$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 1; done
# The demo schedule reaches search through events: wait until the first tour shows a next departure.
for _ in $(seq 1 60); do curl -s "http://127.0.0.1:$PORT/api/tours?limit=1" | grep -q '"nextDeparture":{' && break; sleep 1; done
TOUR=$(curl -s "http://127.0.0.1:$PORT/api/tours?q=volcano&limit=1" | python3 -c 'import sys,json; print(json.load(sys.stdin)["items"][0]["slug"])')
mkdir -p "$OUT"
shoot() { # name path width height
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --lang=en-US --window-size="$3,$4" \
    --screenshot="$OUT/$1.png" "http://localhost:$PORT$2" >/dev/null 2>&1
}
for size in "desktop 1280 1000" "phone 390 844"; do
  set -- $size
  shoot "home-$1" "/" "$2" "$3"
  shoot "search-$1" "/?q=volcano&seats=2" "$2" "$3"
  shoot "tour-$1" "/tours/$TOUR" "$2" "$3"
  shoot "signin-$1" "/account/signin" "$2" "$3"
done
dotnet run scripts/screenshots/signed-in.cs -- "http://localhost:$PORT" "$OUT" "$ADMIN_PASSWORD" "$DEMO_PASSWORD"
ls -1 "$OUT"
