"""Sums passed/failed/skipped over every TRX file of a test run and prints 'N passed, N failed, N skipped'."""
import glob
import sys
import xml.etree.ElementTree as ET

passed = failed = skipped = 0
for path in glob.glob(f"{sys.argv[1]}/**/*.trx", recursive=True):
    counters = ET.parse(path).getroot().find("{*}ResultSummary/{*}Counters")
    if counters is None:
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0))
    # xUnit's skipped tests are counted in total but not in executed (notExecuted stays 0).
    skipped += int(counters.get("total", 0)) - int(counters.get("executed", 0))
if passed + failed == 0:
    failed = 1  # a run that executed nothing is a failure, not a pass
print(f"{passed} passed, {failed} failed, {skipped} skipped")
