#!/usr/bin/env python3
"""Every search shape, one at a time: each sort x each filter x text/no text x map point.

Runs each shape's request against a server started with the cache off, REPS times, and keeps the fastest run
(the others pay for a cold page cache or a JIT tier-up). On PostgreSQL (--pg-log) the database runs auto_explain
with log_analyze, so every statement the request ran is logged with its EXPLAIN ANALYZE plan: the shape's cost
is the sum of those statements' durations (database time), and the slowest shapes are printed with their plans.
Without --pg-log (SQLite) the cost is the request's wall time on an idle server, which for the embedded database
is database time plus a fraction of a millisecond of HTTP and JSON.

Usage: shapes.py --url http://127.0.0.1:5090 [--pg-log DATADIR/server.log] [--reps 3] [--top 15] [--label before] [--every n] [--plans]
"""
import argparse
import re
import time
import urllib.parse
import urllib.request

SORTS = ["relevance", "price", "duration", "newest", "rating"]
FILTERS = {
    "none": {},
    "region": {"region": "kamchatka"},
    "price": {"minPrice": "500000", "maxPrice": "3000000"},
    "duration": {"minDuration": "240", "maxDuration": "600"},
    "difficulty": {"difficulty": "hard"},
    "tag": {"tags": "bears"},
    "operator": {"operatorId": "6b1a1e52-0c53-4c38-9f3e-6a6f0c1d0005"},
    "rating": {"minRating": "4"},
    "window": {"from": "2027-07-01", "to": "2027-07-31"},
}
TEXTS = {"-": None, "volcano": "volcano", "медведи": "медведи"}
MAPS = {"-": None, "near": ("53.02,158.65", "50"), "empty": ("60.0,170.0", "20")}

PLAN_LINE = re.compile(r"duration:|->|Cond:|Filter:|Sort Key|Rows Removed|^\s*(Limit|Sort|Index|Seq|Bitmap|Nested|Hash)")
# The index's read of the change feed counts too: it is the database time a search costs with the index (ADR 0026).
SEARCH_TABLES = re.compile(r"\"?discovery\"?\.\"?(tours|departures|search_changes)\b")
DURATION = re.compile(r"duration: ([0-9.]+) ms\s+plan:")


def shapes():
    for sort in SORTS:
        for fname, fparams in FILTERS.items():
            for tname, text in TEXTS.items():
                if sort == "relevance" and text is None:
                    continue  # without a query relevance means newest
                for mname, point in MAPS.items():
                    params = {"limit": "20", "sort": sort, **fparams}
                    if text is not None:
                        params["q"] = text
                    if point is not None:
                        params["near"], params["radiusKm"] = point
                    yield f"{sort:9} {fname:10} {tname:11} {mname:5}", params


def read_new(path, offset):
    with open(path, "rb") as f:
        f.seek(offset)
        return f.read().decode("utf-8", "replace")


def size(path):
    with open(path, "rb") as f:
        return f.seek(0, 2)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--pg-log")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--label", default="")
    ap.add_argument("--every", type=int, default=1, help="run every n-th shape only (a quick look on a busy machine)")
    ap.add_argument("--plans", action="store_true", help="print the slowest shapes' plans")
    a = ap.parse_args()

    results = []
    for number, (name, params) in enumerate(shapes()):
        if number % a.every:
            continue
        url = a.url + "/api/tours?" + urllib.parse.urlencode(params)
        best = None
        best_wall = None
        for _ in range(a.reps):
            offset = size(a.pg_log) if a.pg_log else 0
            started = time.perf_counter()
            with urllib.request.urlopen(url) as r:
                if r.status != 200:
                    raise SystemExit(f"{url}: {r.status}")
                r.read()
            wall = (time.perf_counter() - started) * 1000
            if a.pg_log:
                time.sleep(0.02)  # the backend writes its log line before it answers; this only covers the file flush
                # Only the search's own statements: the server's background workers log theirs too.
                blocks = [b for b in read_new(a.pg_log, offset).split("LOG:") if SEARCH_TABLES.search(b)]
                statements = [float(m.group(1)) for b in blocks if (m := DURATION.search(b))]
                cost, plan, queries = sum(statements), "LOG:" + "LOG:".join(blocks), len(statements)
            else:
                cost, plan, queries = wall, "", 1
            if best is None or cost < best[0]:
                best = (cost, queries, plan)
            best_wall = wall if best_wall is None else min(best_wall, wall)
        results.append((best[0], best[1], name, best[2], best_wall))

    results.sort(key=lambda r: -r[0])
    kind = "database ms (auto_explain, sum of statements)" if a.pg_log else "request ms (wall, cache off)"
    costs = sorted(r[0] for r in results)
    print(f"search shapes {a.label}: {len(results)} shapes, best of {a.reps}, {kind}")
    print(f"median {costs[len(costs) // 2]:.1f}  p90 {costs[int(len(costs) * 0.9)]:.1f}  max {costs[-1]:.1f}  "
          f"shapes over 10 ms: {sum(1 for c in costs if c > 10)}")
    walls = sorted(r[4] for r in results)
    print(f"request wall ms (HTTP on loopback included): median {walls[len(walls) // 2]:.1f}  p90 {walls[int(len(walls) * 0.9)]:.1f}  "
          f"max {walls[-1]:.1f}  shapes over 10 ms: {sum(1 for w in walls if w > 10)}")
    print(f"{'ms':>8} {'stmts':>5} {'wall ms':>8}  sort      filter     text        map")
    for cost, queries, name, _, wall in results[:a.top]:
        print(f"{cost:>8.1f} {queries:>5} {wall:>8.1f}  {name}")
    slowest = sorted(results, key=lambda r: -r[4])[:5]
    print("slowest by wall: " + "; ".join(f"{r[2].split()} {r[4]:.1f} ms" for r in slowest))
    if a.plans and a.pg_log:
        for cost, _, name, plan, _ in results[: min(a.top, 5)]:
            print(f"\n--- {name.split()} {cost:.1f} ms")
            for block in plan.split("LOG:")[1:]:
                lines = [l for l in block.splitlines() if PLAN_LINE.search(l)]
                print("\n".join(lines[:16]))


if __name__ == "__main__":
    main()
