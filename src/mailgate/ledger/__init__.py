"""The contact ledger: consent, suppressions, bounces, sends, preferences and the calendar.

One SQLite file by default (WAL mode, a busy timeout, every import one transaction).
Addresses are stored already normalised (mailgate.addresses.normalise_address), so the
gate compares keys, never raw strings. docs/ledger.md documents tables and columns.
"""
