"""Benchmark `mailgate gate`: N recipients against an N-row ledger, for N = 10k, 100k, 1M.

For each size it generates an audience CSV (N rows + 0.25% duplicates, 2% upper-case
variants, 0.1% typos) and a ledger of N rows (consent 90% — for 90% of the audience —,
suppressions 4%, bounces 3%, sends 2%, preferences 1%; half the suppressions are for people
outside the audience), then runs, each in its own process, measuring wall time, CPU time
(user + system) and peak RSS (os.wait4). On a shared machine the CPU time is the figure
for "one core"; wall time includes waiting for the CPU.

  gate      python -m mailgate gate (every recipient rule, the campaign rules, the template,
            allowed/excluded/warnings/retry written); exclusion-rate ignored so the full
            "send" path is timed.
  sqlite3   the sqlite3 command-line tool doing the core anti-join on the same ledger:
            import the audience, keep rows with consent and without a suppression or a
            hard bounce, write them as CSV.

(DuckDB would need its sqlite extension, which it downloads at run time; not offline.)

Usage: python3 bench/gate_bench.py [--sizes 10000,100000,1000000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from mailgate.ledger.importer import insert_rows  # noqa: E402
from mailgate.ledger.kinds import KINDS  # noqa: E402
from mailgate.ledger.store import Ledger  # noqa: E402
from mailgate.ledger.timestamps import stored  # noqa: E402
from datetime import datetime, timedelta, timezone  # noqa: E402

AT = datetime(2026, 11, 24, 8, 0, tzinfo=timezone.utc)
DOMAINS = ["example.com", "example.de", "example.es", "example.pl", "xn--bcher-kva.de", "mail.example.org"]
RECIPIENT_RULES = ("consent-missing,consent-record-incomplete,suppressed-recipient,hard-bounced,soft-bounce-limit,"
                   "invalid-address,duplicate-recipient,cross-channel-duplicate,frequency-cap,topic-opt-out")

TEMPLATE_SQL = """
.bail on
ATTACH '{ledger}' AS l;
CREATE TEMP TABLE audience (email TEXT, first_name TEXT, contact_id TEXT);
.mode csv
.import --skip 1 '{audience}' audience
.headers on
.output '{out}'
SELECT a.email, a.first_name, a.contact_id FROM audience a
WHERE lower(a.email) IN (SELECT email FROM l.consent WHERE topic IN ('products', '*'))
  AND lower(a.email) NOT IN (SELECT email FROM l.suppression WHERE lifted_at = '' AND (topic IN ('products', '*') OR reason = 'complaint'))
  AND lower(a.email) NOT IN (SELECT email FROM l.bounce WHERE kind = 'hard');
"""

def address(i: int) -> str:
    return f"person{i}@{DOMAINS[i % len(DOMAINS)]}"


def when(days_ago: float) -> str:
    return stored(AT - timedelta(days=days_ago))


def generate(folder: Path, n: int) -> Path:
    """audience.csv, a ledger of n rows, campaign.yaml and the template, in ``folder``."""
    rng = random.Random(n)
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "audience.csv").open("w", encoding="utf-8") as out:
        out.write("email,first_name,contact_id\n")
        for i in range(n):
            email = address(i)
            if i % 50 == 7:
                email = email.upper()          # case variants
            elif i % 997 == 3:
                email = email.replace("@", "@@")  # typos
            out.write(f"{email},Name{i},C-{i}\n")
        for i in range(0, n, 400):             # duplicates
            out.write(f"{address(i)},Name{i},C-{i}\n")
    ledger = Ledger.open(folder / "ledger.sqlite", create=True)
    counts = {"consent": int(n * 0.90), "suppressions": int(n * 0.04), "bounces": int(n * 0.03),
              "sends": int(n * 0.02)}
    counts["preferences"] = n - sum(counts.values())
    rows = {
        "consent": ((address(i), "products" if i % 9 else "*", "", when(300), "double-opt-in", "v3" if i % 13 else "",
                     f"Name{i}", f"C-{i}", "Marketing", "shop") for i in range(counts["consent"])),
        "suppressions": ((address(rng.randrange(2 * n)), "unsubscribe" if i % 10 else "complaint",
                          "*" if i % 3 else "newsletter", "Newsletter", "esp", when(rng.random() * 200), "")
                         for i in range(counts["suppressions"])),
        "bounces": ((address(rng.randrange(n)), "hard" if i % 3 == 0 else "soft", "5.1.1" if i % 3 == 0 else "4.2.2",
                     "", when(rng.random() * 40), "", "mta") for i in range(counts["bounces"])),
        "sends": ((address(rng.randrange(n)), "", f"c{i % 40}", "email" if i % 4 else "postal", "Sales", "tips",
                   when(rng.random() * 30)) for i in range(counts["sends"])),
        "preferences": ((address(rng.randrange(n)), "|products|tips|" if i % 2 else "", "|events|" if i % 3 else "",
                         "2" if i % 5 == 0 else "", "30" if i % 5 == 0 else "", when(100), "")
                        for i in range(counts["preferences"])),
    }
    for kind, generated in rows.items():
        insert_rows(ledger, KINDS[kind], generated, file=f"bench-{kind}", digest="", source="esp", as_of=AT)
    ledger.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ledger.close()
    shutil.copy(ROOT / "examples" / "campaign" / "templates" / "ebike-launch.html", folder / "launch.html")
    (folder / "campaign.yaml").write_text(
        "id: bench-launch\nname: Bench launch\ndepartment: Marketing\nchannel: email\ntopic: products\nlang: de\n"
        "segment: Everyone who bought a bike\npurpose: Owners can test-ride the new e-bike before anyone else\n"
        "sender: {name: Velo Nord Produktteam, address: produkte@velonord.de}\ntemplate: launch.html\n"
        "approver: Eva Schulz\naudience: audience.csv\n", encoding="utf-8")
    return folder


def measure(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds, peak RSS in MiB, exit code of one child process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.stderr.write(f"{command[:4]} exited {code}: {process.stderr.read().decode()[-2000:]}\n")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code


def count_rows(path: Path) -> int:
    with path.open("rb") as handle:
        return max(0, sum(1 for _ in handle) - 1)


def run(sizes: list[int], keep: Path | None) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "MAILGATE_DISABLE_PLUGIN_AUTOLOAD": "1"}
    base = keep or Path(tempfile.mkdtemp(prefix="mailgate-bench-"))
    print(f"{'N':>9} {'tool':<8} {'wall s':>7} {'CPU s':>7} {'peak MiB':>9} {'CPU µs/row':>11} {'allowed':>9}  note")
    try:
        for n in sizes:
            folder = base / f"n{n}"
            started = time.perf_counter()
            generate(folder, n)
            setup = time.perf_counter() - started
            seconds, cpu, rss, code = measure([sys.executable, "-m", "mailgate", "gate", "campaign.yaml", "--ledger",
                                          "ledger.sqlite", "--out-dir", "out", "--at", AT.isoformat(),
                                          "--ignore", "exclusion-rate"], folder, env)
            allowed = count_rows(folder / "out" / "allowed.csv") if code == 0 else -1
            print(f"{n:>9} {'gate':<8} {seconds:>7.2f} {cpu:>7.2f} {rss:>9.0f} {cpu / n * 1e6:>11.2f} {allowed:>9}  "
                  f"exit {code}; 10 recipient rules + campaign rules + template; data generated in {setup:.1f}s")
            script = folder / "antijoin.sql"
            script.write_text(TEMPLATE_SQL.format(ledger=folder / "ledger.sqlite", audience=folder / "audience.csv",
                                                  out=folder / "sqlite_allowed.csv"), encoding="utf-8")
            base_seconds, base_cpu, base_rss, _ = measure(["sqlite3", ":memory:", f".read '{script}'"], folder)
            print(f"{n:>9} {'sqlite3':<8} {base_seconds:>7.2f} {base_cpu:>7.2f} {base_rss:>9.0f} "
                  f"{base_cpu / n * 1e6:>11.2f} {count_rows(folder / 'sqlite_allowed.csv'):>9}  consent + suppression + "
                  f"hard bounce only; gate/sqlite3: wall {seconds / base_seconds:.2f}x, CPU {cpu / base_cpu:.2f}x")
            sys.stdout.flush()
    finally:
        if keep is None:
            shutil.rmtree(base, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--keep", type=Path, help="keep the generated data in this folder")
    args = parser.parse_args()
    run([int(s) for s in args.sizes.split(",")], args.keep)


if __name__ == "__main__":
    main()
