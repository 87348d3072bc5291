"""Benchmark `mailgate check`: start-up on one small file, and throughput on 1,000 realistic
30–60 KB campaign emails, against SpamAssassin (local tests only, warm spamd + spamc) on the
same messages in the same run.

    python3 bench/check_bench.py [--count 1000] [--sa-count 200] [--jobs 2]

Needs: mailgate importable (PYTHONPATH=src or installed); for the peer, Debian's
`spamassassin` and `spamc` packages (skipped with a note when absent).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_gen import generate  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
MAILGATE = [sys.executable, "-m", "mailgate"]


BYTECODE_CACHE = Path(tempfile.gettempdir()) / "mailgate-bench-pycache"


def env() -> dict[str, str]:
    """The environment of an installed mailgate: pip writes bytecode at install time, so a
    PYTHONDONTWRITEBYTECODE inherited from the shell would time a source compile on every run."""
    variables = dict(os.environ)
    variables["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), variables.get("PYTHONPATH")]))
    variables.pop("PYTHONDONTWRITEBYTECODE", None)
    variables["PYTHONPYCACHEPREFIX"] = str(BYTECODE_CACHE)  # outside the source tree
    return variables


def wall(command: list[str], **kwargs: object) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env(), **kwargs)  # type: ignore[arg-type]
    return time.perf_counter() - start


def child_cpu(command: list[str]) -> float:
    """User + system CPU seconds of one run: the figure a loaded machine does not inflate."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall(command)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def startup(runs: int) -> tuple[float, float, float]:
    with tempfile.TemporaryDirectory() as folder:
        draft = Path(folder) / "reply.txt"
        draft.write_text("---\nsubject: Your order 1042\nkind: reply\nlang: en\n---\nHello Anna,\n\n"
                         "your order has shipped.\n\nKind regards,\nJane Baker\n", encoding="utf-8")
        wall(MAILGATE + ["check", str(draft)])  # warm the validation cache and the OS cache
        python = statistics.median(wall([sys.executable, "-c", "pass"]) for _ in range(runs))
        check = statistics.median(wall(MAILGATE + ["check", str(draft)]) for _ in range(runs))
        cpu = statistics.median(child_cpu(MAILGATE + ["check", str(draft)]) for _ in range(runs))
    return check, cpu, python


def mailgate_throughput(folder: Path, count: int, jobs: int) -> float:
    seconds = wall(MAILGATE + ["check", str(folder), "-f", "json", "-j", str(jobs)])
    return count / seconds


def process_tree_cpu(pid: int) -> float:
    """CPU seconds of a process (with its reaped children) and its live children, from Linux
    /proc: spamd's preforked children do the work, and they are not our children."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()  # after "pid (comm)": state, ppid, ...
        except OSError:
            continue  # the process ended meanwhile
        if int(stat.parent.name) == pid:
            ticks += sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
        elif int(fields[1]) == pid:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def spamassassin_throughput(files: list[Path], jobs: int) -> tuple[float, float] | None:
    """Messages per second (wall) and CPU seconds per message of spamd's children."""
    if not (shutil.which("spamd") and shutil.which("spamc")):
        return None
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    daemon = subprocess.Popen(["spamd", "-L", "-i", "127.0.0.1", "-p", str(port), "--max-children", str(jobs),
                               "--min-children", str(jobs), "-u", "nobody", "-s", "stderr"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(120):
            if subprocess.run(["spamc", "-d", "127.0.0.1", "-p", str(port), "-K"], capture_output=True).returncode == 0:
                break
            time.sleep(0.5)
        for path in files[:jobs * 2]:  # warm every child
            subprocess.run(["spamc", "-d", "127.0.0.1", "-p", str(port), "-c"], stdin=path.open("rb"),
                           stdout=subprocess.DEVNULL)
        listing = "\n".join(str(p) for p in files)
        cpu_before = process_tree_cpu(daemon.pid)
        start = time.perf_counter()
        subprocess.run(["xargs", "-P", str(jobs), "-I{}", "sh", "-c",
                        f"spamc -d 127.0.0.1 -p {port} -c < {{}} > /dev/null"], input=listing.encode(), check=False)
        seconds = time.perf_counter() - start
        return len(files) / seconds, (process_tree_cpu(daemon.pid) - cpu_before) / len(files)
    finally:
        daemon.terminate()
        daemon.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--sa-count", type=int, default=200, help="messages for SpamAssassin (it is slow)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "mailgate-bench-corpus")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    files = generate(args.corpus, args.count)
    sizes = [p.stat().st_size for p in files]
    print(f"corpus: {len(files)} .eml campaign messages, {min(sizes) // 1024}–{max(sizes) // 1024} KB "
          f"(median {statistics.median(sizes) // 1024} KB)")
    check, cpu, python = startup(args.runs)
    print(f"start-up, `mailgate check` on one small draft: {check * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU, "
          f"medians of {args.runs} (bare python3: {python * 1000:.0f} ms; target < 300 ms)")
    one_cpu = child_cpu(MAILGATE + ["check", str(args.corpus), "-f", "json", "-j", "1"])
    print(f"mailgate check, 1 process: {one_cpu / len(files) * 1000:.1f} ms CPU per message, start-up included "
          f"({len(files) / one_cpu:.0f} msg/s per CPU second)")
    one = mailgate_throughput(args.corpus, len(files), 1)
    many = mailgate_throughput(args.corpus, len(files), args.jobs)
    print(f"mailgate check: {one:.0f} msg/s on 1 process, {many:.0f} msg/s with -j {args.jobs}")
    measured = spamassassin_throughput(files[:args.sa_count], args.jobs)
    if measured is None:
        print("SpamAssassin: not installed (apt-get install spamassassin spamc) — no comparison")
        return
    sa, sa_cpu = measured
    print(f"SpamAssassin 4 (spamd -L, {args.jobs} children, spamc): {sa:.1f} msg/s over {min(args.sa_count, len(files))} "
          f"messages, {sa_cpu * 1000:.0f} ms CPU per message")
    print(f"ratio: mailgate is {many / sa:.1f}x SpamAssassin at the same parallelism "
          f"({one / (sa / args.jobs):.1f}x per core); by CPU per message {sa_cpu / (one_cpu / len(files)):.1f}x; "
          f"target 20x")


if __name__ == "__main__":
    main()
