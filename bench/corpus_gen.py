"""Generate realistic 30–60 KB campaign emails (.eml, multipart/alternative) for benchmarks.

Deterministic (seeded): product grids in nested tables with inline CSS, a hidden
preheader, images with and without alt text, tracked links, a legal footer, text in the
five languages. The same files feed mailgate and the peers, so figures compare.
"""

from __future__ import annotations

import argparse
import random
from email.message import EmailMessage
from email.utils import format_datetime
from datetime import datetime, timezone
from pathlib import Path

PARAGRAPHS = {
    "en": ["Spring is here and our garden collection has arrived in store.",
           "Choose from more than forty varieties of roses, each grown in our own nursery.",
           "Members save ten percent on every order until the end of the month.",
           "Our team is happy to help you plan your beds; just reply to this email."],
    "es": ["La primavera ya está aquí y nuestra colección de jardín ha llegado a la tienda.",
           "Elija entre más de cuarenta variedades de rosas cultivadas en nuestro vivero.",
           "Los socios ahorran un diez por ciento en cada pedido hasta fin de mes."],
    "de": ["Der Frühling ist da und unsere Gartenkollektion ist eingetroffen.",
           "Wählen Sie aus mehr als vierzig Rosensorten aus unserer eigenen Gärtnerei.",
           "Mitglieder sparen bis Monatsende zehn Prozent auf jede Bestellung."],
    "pl": ["Wiosna już jest, a nasza kolekcja ogrodowa właśnie dotarła do sklepu.",
           "Wybierz spośród ponad czterdziestu odmian róż z naszej szkółki.",
           "Członkowie klubu oszczędzają dziesięć procent na każdym zamówieniu."],
    "ru": ["Весна пришла, и наша садовая коллекция уже в магазине.",
           "Выберите из более чем сорока сортов роз из нашего питомника.",
           "Участники клуба экономят десять процентов на каждом заказе до конца месяца."],
}
STYLE = "font-family:Helvetica,Arial,sans-serif;font-size:14px;line-height:21px;color:#333333;padding:8px 16px"


def product_cell(rng: random.Random, index: int, lang: str) -> str:
    alt = f' alt="Product {index}"' if rng.random() > 0.1 else ""
    text = rng.choice(PARAGRAPHS[lang])
    return (f'<td width="33%" valign="top" style="{STYLE}"><table role="presentation" cellpadding="0" cellspacing="0">'
            f'<tr><td><a href="https://shop.example.com/p/{index}?utm_source=newsletter&amp;utm_medium=email">'
            f'<img src="https://cdn.shop.example.com/img/{index}.jpg" width="180" height="180"{alt} '
            f'style="display:block;border:0"></a></td></tr><tr><td style="{STYLE}"><strong>Item {index}</strong>'
            f'<br>{text}</td></tr><tr><td style="{STYLE}"><a href="https://shop.example.com/p/{index}" '
            f'style="background:#2a7;color:#fff;padding:6px 12px;text-decoration:none">{index * 3 % 97 + 2},99 €</a>'
            "</td></tr></table></td>")


def html_body(rng: random.Random, lang: str, target_bytes: int) -> str:
    head = (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>Newsletter</title>'
            "<style>@media (max-width:600px){.col{width:100%!important}} a{color:#2a7}</style></head><body>"
            '<div style="display:none;max-height:0;overflow:hidden">' + rng.choice(PARAGRAPHS[lang]) + "</div>"
            '<table role="presentation" width="600" align="center" cellpadding="0" cellspacing="0">'
            f'<tr><td style="{STYLE}"><p>' + " ".join(rng.sample(PARAGRAPHS[lang], 2)) + "</p></td></tr>")
    footer = (f'<tr><td style="{STYLE};font-size:11px">Shop Example GmbH, Gartenstraße 12, 10115 Berlin. '
              '<a href="https://shop.example.com/unsubscribe?u={{id}}">Unsubscribe</a> · '
              '<a href="https://shop.example.com/preferences">Preferences</a></td></tr></table></body></html>')
    rows = []
    size = len(head) + len(footer)
    index = 0
    while size < target_bytes:
        cells = "".join(product_cell(rng, index + k, lang) for k in range(3))
        row = f"<tr><td><table role=\"presentation\" width=\"100%\"><tr>{cells}</tr></table></td></tr>"
        rows.append(row)
        size += len(row.encode("utf-8"))
        index += 3
    return head + "".join(rows) + footer


def make_message(rng: random.Random, number: int) -> bytes:
    lang = rng.choice(list(PARAGRAPHS))
    message = EmailMessage()
    message["From"] = "Shop Example <news@shop.example.com>"
    message["To"] = f"customer{number}@example.org"
    message["Subject"] = rng.choice(["Spring collection is here", "Your member discount", "New roses in store"])
    message["Date"] = format_datetime(datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc))
    message["Message-ID"] = f"<bench-{number}@shop.example.com>"
    message["List-Unsubscribe"] = "<https://shop.example.com/u/1>, <mailto:unsub@shop.example.com>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content("\n\n".join(PARAGRAPHS[lang]))
    message.add_alternative(html_body(rng, lang, rng.randint(30_000, 60_000)), subtype="html")
    return bytes(message)


def generate(out: Path, count: int, seed: int = 7) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for number in range(count):
        path = out / f"campaign-{number:05d}.eml"
        if not path.exists():
            path.write_bytes(make_message(rng, number))
        paths.append(path)
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    files = generate(args.out, args.count)
    sizes = [p.stat().st_size for p in files]
    print(f"{len(files)} messages, {min(sizes) // 1024}–{max(sizes) // 1024} KB")
