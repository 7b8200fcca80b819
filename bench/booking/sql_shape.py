"""Compares the statements kamhub sent for one hold (a PostgreSQL log with log_statement = all) with hold.sql.

Each statement is reduced to its shape: the verb and the tables it names (SELECT booking.bookings, UPDATE
booking.departures, BEGIN, ...). Usage: python3 sql_shape.py SERVER_LOG HOLD_SQL. Prints one line; exit code 0 either way:
a mismatch is a warning that hold.sql needs updating, not a reason to lose the run's figures.
The event dispatcher runs in the same process and its statements interleave with the hold's in the log: its polls
(claims of event_deliveries), and whole transactions of a backend that touch the inbox or claim deliveries (a handler
applying the hold's events, e.g. Discovery's availability projection), are left out, and so are the availability
publisher's passes (its scan for departures with unannounced seat changes, and its transactions, which take an
advisory lock). A hold's own INSERT of event_deliveries rows would be part of it and is kept.
"""
import re
import sys

LOG_ENTRY = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \w+ \[\d+\] (\w+):  (.*)$")
STATEMENT = re.compile(r"^(?:statement|execute [^:]*): (.*)$", re.S)
TABLE = re.compile(r"\b(?:FROM|INTO|UPDATE)\s+(\"?\w+\"?\.\"?\w+\"?)", re.I)
# Background work that runs beside a hold and is not part of it: the event dispatchers' polling and handlers, pool resets, health.
NOISE = re.compile(r"^(?!INSERT INTO \S*event_deliveries).*event_deliveries|event_inbox|.?notifications.?\..?deliveries|ORDER BY b\.hold_expires_at|availability_published|pg_try_advisory_xact_lock|^DISCARD ALL|^SELECT 1\b|pg_reload_conf|log_statement", re.I | re.S)
LOG_PID = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \w+ \[(\d+)\]")


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
            current = [LOG_PID.match(line).group(1), match.group(1), match.group(2)]
            entries.append(current)
        elif current is not None and line.startswith("\t"):
            current[2] += "\n" + line.strip()
    statements = []  # [pid, sql, noise]
    open_tx = {}     # pid -> statements of its open transaction
    for pid, level, text in entries:
        found = STATEMENT.match(text) if level == "LOG" else None
        if not found:
            continue
        sql = found.group(1).strip()
        entry = [pid, sql, bool(NOISE.search(sql))]
        statements.append(entry)
        verb = sql.split(None, 1)[0].upper() if sql else ""
        if verb in ("BEGIN", "START"):
            open_tx[pid] = [entry]
        elif pid in open_tx:
            open_tx[pid].append(entry)
            if verb in ("COMMIT", "ROLLBACK", "END"):
                block = open_tx.pop(pid)
                if any(e[2] for e in block):
                    for e in block:
                        e[2] = True
    return [shape(sql) for _, sql, noise in statements if not noise]


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
