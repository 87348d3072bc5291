"""Lifting a suppression: only explicitly, with a new consent record, and logged."""

from __future__ import annotations

import json

from mailgate.addresses import normalise_address
from mailgate.errors import MailgateError
from mailgate.ledger.kinds import KINDS, parse_row
from mailgate.ledger.store import Ledger
from mailgate.ledger.timestamps import now_utc, stored


def resubscribe(ledger: Ledger, address: str, topic: str, consent: dict[str, str]) -> int:
    """Record the new consent and lift the unsubscribes of exactly that scope; complaints stay. Returns lifted rows."""
    email = normalise_address(address)
    record = parse_row(KINDS["consent"], {**consent, "email": email, "topic": topic})
    missing = [name for name in ("given_at", "method", "notice_version") if not record[KINDS["consent"].column_names.index(name)]]
    if missing:
        raise MailgateError(f"a re-subscribe needs a complete consent record; missing {', '.join(missing)}")
    names = KINDS["consent"].column_names
    with ledger.write() as db:
        consent_id = db.execute(f"INSERT OR IGNORE INTO consent ({', '.join(names)}) VALUES "
                                f"({', '.join('?' * len(names))})", record).lastrowid
        scope = record[names.index("topic")]
        # A topic re-subscribe lifts that topic only; a global unsubscribe needs a global re-subscribe.
        lifted = db.execute("UPDATE suppression SET lifted_at = ?, lifted_by = ? WHERE email = ? AND lifted_at = '' "
                            "AND reason = 'unsubscribe' AND topic = ?",
                            (stored(now_utc()), consent_id, email, scope)).rowcount
        db.execute("INSERT INTO audit_log (at, action, email, detail) VALUES (?, 'resubscribe', ?, ?)",
                   (stored(now_utc()), email, json.dumps({"topic": scope, "consent_id": consent_id,
                                                          "lifted": lifted, **consent}, sort_keys=True)))
    return lifted
