"""Compares the statements kamhub sent for one hold (a PostgreSQL log with log_statement = all) with hold.sql.

Each statement is reduced to its shape: the verb and the tables it names (SELECT booking.bookings, UPDATE
booking.departures, BEGIN, ...). Usage: python3 sql_shape.py SERVER_LOG HOLD_SQL. Prints one line; exit code 0 either way:
a mismatch is a warning that hold.sql needs updating, not a reason to lose the run's figures.
"""
import re
import sys

LOG_ENTRY = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \w+ \[\d+\] (\w+):  (.*)$")
STATEMENT = re.compile(r"^(?:statement|execute [^:]*): (.*)$", re.S)
TABLE = re.compile(r"\b(?:FROM|INTO|UPDATE)\s+(\"?\w+\"?\.\"?\w+\"?)", re.I)
# Background work that runs beside a hold and is not part of it: the event dispatchers' polling, pool resets, health.
NOISE = re.compile(r"event_deliveries|event_inbox|^DISCARD ALL|^SELECT 1\b|pg_reload_conf|log_statement", re.I)


def shape(sql):
    sql = " ".join(sql.split())
    verb = sql.split(" ", 1)[0].upper()
    tables = sorted({t.replace('"', "") for t in TABLE.findall(sql)})
    return " ".join([verb] + tables)


def server_statements(path):
    entries, current = [], None
    for line in open(path, encoding="utf-8", errors="replace"):
        match = LOG_ENTRY.match(line.rstrip("\n"))
        if match:
            current = [match.group(1), match.group(2)]
            entries.append(current)
        elif current is not None and line.startswith("\t"):
            current[1] += "\n" + line.strip()
    out = []
    for level, text in entries:
        found = STATEMENT.match(text) if level == "LOG" else None
        if found and not NOISE.search(found.group(1).strip()):
            out.append(shape(found.group(1)))
    return out


def script_statements(path):
    lines = [l for l in open(path, encoding="utf-8") if l.strip() and not l.lstrip().startswith(("--", "\\"))]
    return [shape(s) for s in " ".join(l.strip() for l in lines).split(";") if s.strip()]


server, script = server_statements(sys.argv[1]), script_statements(sys.argv[2])
if server == script:
    print(f"SQL check: the server sent the {len(server)} statements of hold.sql for one hold (same verbs, same tables, same order)")
else:
    print(f"SQL check: WARNING the server's hold differs from hold.sql; update bench/booking/hold.sql")
    print("  server:   " + " | ".join(server))
    print("  hold.sql: " + " | ".join(script))
