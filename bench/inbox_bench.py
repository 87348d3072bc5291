"""Benchmark `mailgate inbox` on generated support mailboxes: time and peak memory by size.

    python3 bench/inbox_bench.py                    # 10,000 and 100,000 messages
    python3 bench/inbox_bench.py --sizes 1000 --keep /tmp/boxes

Each mailbox is a realistic mix: threads in five languages where the customer writes, often
a robot acknowledges, a person answers (sometimes days later, sometimes never), the customer
follows up; plus bounces, newsletters and HTML or base64-encoded messages. The command runs
in a child process; peak memory is the child's maximum resident set size
(resource.getrusage(RUSAGE_CHILDREN)). Memory should stay flat as the mailbox grows: the
mailbox is streamed and the threads live in a temporary SQLite file.
"""

from __future__ import annotations

import argparse
import base64
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START = datetime(2026, 1, 5, 8, 0, tzinfo=timezone.utc)
QUESTIONS = {
    "en": ("Where is my order {n}?", "Hello,\n\nwhere is my order {n}? Can I change the delivery address?\n\nThanks,\n{name}"),
    "es": ("Pedido {n}", "Hola:\n\n¿Cuándo llegará mi pedido {n}? ¿Puedo cambiar la dirección?\n\nGracias,\n{name}"),
    "de": ("Bestellung {n}", "Guten Tag,\n\nwann kommt meine Bestellung {n}? Kann ich die Adresse ändern?\n\n{name}"),
    "pl": ("Zamówienie {n}", "Dzień dobry,\n\nkiedy dotrze zamówienie {n}? Czy mogę zmienić adres dostawy?\n\n{name}"),
    "ru": ("Заказ {n}", "Здравствуйте!\n\nКогда придёт заказ {n}? Можно изменить адрес доставки?\n\n{name}"),
}
ANGRY = {"en": "This is unacceptable, I am still waiting.", "es": "Es inaceptable, sigo esperando.",
         "de": "Das ist inakzeptabel, ich warte immer noch.", "pl": "To skandal, nadal czekam.",
         "ru": "Это недопустимо, я до сих пор жду."}
ANSWERS = {"en": "Hello {name},\n\nyour order {n} ships tomorrow; we changed the address.\n\nKind regards,\nTom Baker",
           "es": "Hola {name}:\n\nsu pedido {n} sale mañana; hemos cambiado la dirección.\n\nUn saludo,\nMarta Gil",
           "de": "Guten Tag {name},\n\nIhre Bestellung {n} kommt morgen; die Adresse ist geändert.\n\nJonas Keller",
           "pl": "Dzień dobry,\n\nzamówienie {n} wyślemy jutro; adres zmieniliśmy.\n\nPozdrawiam\nAnna Kowalska",
           "ru": "Здравствуйте, {name}!\n\nЗаказ {n} отправим завтра; адрес изменён.\n\nС уважением,\nПавел Орлов"}
NAMES = ("Anna", "Lucía", "Petra", "Jan", "Irina", "Bob", "Carol", "Ewa", "Олег", "Jürgen")


def _message(headers: list[tuple[str, str]], body: str, *, html: bool = False, encoded: bool = False) -> str:
    envelope_date = headers[-1][1]
    lines = [f"From bench {envelope_date}"] + [f"{k}: {v}" for k, v in headers]
    lines.append("MIME-Version: 1.0")
    if html:
        body = "<html><body>" + "".join(f"<p>{p}</p>" for p in body.split("\n\n")) + "</body></html>"
    if encoded:
        lines += [f"Content-Type: text/{'html' if html else 'plain'}; charset=utf-8", "Content-Transfer-Encoding: base64"]
        payload = base64.encodebytes(body.encode("utf-8")).decode("ascii").rstrip("\n")
    else:
        lines += [f"Content-Type: text/{'html' if html else 'plain'}; charset=utf-8", "Content-Transfer-Encoding: 8bit"]
        payload = body.replace("\nFrom ", "\n>From ")
    return "\n".join(lines) + "\n\n" + payload + "\n\n"


def _thread(rng: random.Random, number: int, moment: datetime) -> list[tuple[datetime, str]]:
    lang = rng.choice(tuple(QUESTIONS))
    name = rng.choice(NAMES)
    customer = f"{name.lower()}.{number}@mail{number % 97}.example"
    subject, body = (part.format(n=number, name=name) for part in QUESTIONS[lang])
    if rng.random() < 0.08:
        body = body.replace("\n\n", f"\n\n{ANGRY[lang]} ", 1)
    first_id = f"<q{number}@mail.example>"
    out = [(moment, _message([("From", f"{name} <{customer}>"), ("To", "Support <support@shop.example>"),
                              ("Subject", subject), ("Message-ID", first_id), ("Date", format_datetime(moment))],
                             body * rng.randint(1, 3), html=rng.random() < 0.15, encoded=rng.random() < 0.1))]
    last_id, refs = first_id, first_id
    if rng.random() < 0.4:  # an automatic acknowledgment
        ack = moment + timedelta(seconds=5)
        out.append((ack, _message([("From", "Support <support@shop.example>"), ("To", customer),
                                   ("Subject", "Re: " + subject), ("Auto-Submitted", "auto-replied"),
                                   ("Message-ID", f"<ack{number}@shop.example>"), ("In-Reply-To", last_id),
                                   ("References", refs), ("Date", format_datetime(ack))],
                                  "We received your message and will answer within 24 hours.")))
    if rng.random() < 0.9:  # a person answers, usually within hours, sometimes days later
        reply = moment + timedelta(hours=rng.choice((1, 2, 3, 5, 8, 20, 30, 70, 120)))
        reply_id = f"<r{number}@shop.example>"
        out.append((reply, _message([("From", "Tom Baker <support@shop.example>"), ("To", customer),
                                     ("Subject", "Re: " + subject), ("Message-ID", reply_id), ("In-Reply-To", last_id),
                                     ("References", refs), ("Date", format_datetime(reply))],
                                    ANSWERS[lang].format(n=number, name=name) + "\n\n> " + body.replace("\n", "\n> "))))
        if rng.random() < 0.3:  # the customer follows up
            follow = reply + timedelta(hours=rng.randint(1, 48))
            out.append((follow, _message([("From", f"{name} <{customer}>"), ("To", "support@shop.example"),
                                          ("Subject", "Re: " + subject), ("Message-ID", f"<f{number}@mail.example>"),
                                          ("In-Reply-To", reply_id), ("References", f"{refs} {reply_id}"),
                                          ("Date", format_datetime(follow))], "Thank you! " + body)))
    return out


def _noise(rng: random.Random, number: int, moment: datetime) -> tuple[datetime, str]:
    if rng.random() < 0.5:
        return moment, _message([("From", "MAILER-DAEMON@mx.shop.example"), ("To", "support@shop.example"),
                                 ("Subject", "Undelivered Mail Returned to Sender"),
                                 ("Message-ID", f"<b{number}@mx.shop.example>"), ("Date", format_datetime(moment))],
                                "Your message could not be delivered.")
    return moment, _message([("From", "news@lists.example"), ("To", "support@shop.example"),
                             ("Subject", f"Digest {number}"), ("List-Id", "<weekly.lists.example>"),
                             ("Precedence", "list"), ("Message-ID", f"<n{number}@lists.example>"),
                             ("Date", format_datetime(moment))], "Terrible prices this week.")


def generate(path: Path, size: int, seed: int = 7) -> None:
    """Write ``size`` messages in delivery order (a small window of threads is interleaved)."""
    rng = random.Random(seed)
    written, number, moment = 0, 0, START
    window: list[tuple[datetime, str]] = []
    with path.open("w", encoding="utf-8") as out:
        while written < size:
            number += 1
            moment += timedelta(minutes=rng.randint(1, 12))
            window.extend(_thread(rng, number, moment) if rng.random() < 0.93 else [_noise(rng, number, moment)])
            window.sort(key=lambda item: item[0])
            while window and (window[0][0] < moment or len(window) > 400) and written < size:
                out.write(window.pop(0)[1])
                written += 1
        for _, text in window[: size - written]:
            out.write(text)


def measure(path: Path, config: Path) -> tuple[float, float, float, str]:
    """Run `mailgate inbox` in a child; return (wall seconds, CPU seconds, peak MiB, last line of output).

    CPU time (user + system) is given next to wall time because a shared machine stretches the latter.
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu_before = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mailgate", "inbox", str(path), "--config", str(config),
                           "--as-of", "2027-01-01T00:00:00Z"], capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime - cpu_before
    if done.returncode not in (0, 1):
        raise SystemExit(f"mailgate inbox failed ({done.returncode}): {done.stderr}")
    note = "" if peak > before else " (not above an earlier, larger run)"
    return elapsed, cpu, peak / 1024, done.stdout.strip().splitlines()[-1] + note


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=lambda v: [int(x) for x in v.split(",")], default=[10_000, 100_000])
    parser.add_argument("--keep", type=Path, help="write the mailboxes here and keep them")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="mailgate-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "mailgate.yaml"
    config.write_text('timezone: Europe/Warsaw\nbusiness_hours: {weekdays: "09:00-17:00"}\n'
                      'inbox: {support_addresses: ["@shop.example"]}\n', encoding="utf-8")
    print(f"{'messages':>9}  {'MB':>6}  {'wall s':>7}  {'CPU s':>7}  {'msg/s':>7}  {'peak MiB':>8}  result")
    for size in sorted(args.sizes):  # smallest first, so each peak is that run's own
        path = folder / f"support-{size}.mbox"
        if not path.exists():
            generate(path, size)
        seconds, cpu, peak, last = measure(path, config)
        print(f"{size:>9}  {path.stat().st_size / 1e6:>6.1f}  {seconds:>7.1f}  {cpu:>7.1f}  {size / seconds:>7.0f}  "
              f"{peak:>8.1f}  {last}")
        if not args.keep:
            path.unlink()
    if not args.keep:
        config.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
