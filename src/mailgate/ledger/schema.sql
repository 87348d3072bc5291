-- mailgate ledger, schema version 1. Addresses are stored normalised; empty optional
-- values are '' (not NULL) so unique indexes see them; timestamps are UTC ISO 8601 text.
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS import_log (
  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, file TEXT NOT NULL, sha256 TEXT NOT NULL,
  rows_read INTEGER NOT NULL, rows_added INTEGER NOT NULL, source TEXT NOT NULL,
  as_of TEXT NOT NULL, imported_at TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS consent (
  id INTEGER PRIMARY KEY, email TEXT NOT NULL, topic TEXT NOT NULL, channel TEXT NOT NULL,
  given_at TEXT NOT NULL, method TEXT NOT NULL, notice_version TEXT NOT NULL, given_by TEXT NOT NULL,
  contact_id TEXT NOT NULL, department TEXT NOT NULL, source TEXT NOT NULL, import_id INTEGER);
CREATE UNIQUE INDEX IF NOT EXISTS consent_unique ON consent (email, topic, channel, given_at, method, notice_version);

CREATE TABLE IF NOT EXISTS suppression (
  id INTEGER PRIMARY KEY, email TEXT NOT NULL, reason TEXT NOT NULL, topic TEXT NOT NULL,
  department TEXT NOT NULL, source TEXT NOT NULL, created_at TEXT NOT NULL, contact_id TEXT NOT NULL,
  import_id INTEGER, lifted_at TEXT NOT NULL DEFAULT '', lifted_by INTEGER);
CREATE UNIQUE INDEX IF NOT EXISTS suppression_unique ON suppression (email, reason, topic, source, created_at);

CREATE TABLE IF NOT EXISTS bounce (
  id INTEGER PRIMARY KEY, email TEXT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL,
  diagnostic TEXT NOT NULL, bounced_at TEXT NOT NULL, campaign_id TEXT NOT NULL, source TEXT NOT NULL,
  import_id INTEGER);
CREATE UNIQUE INDEX IF NOT EXISTS bounce_unique ON bounce (email, bounced_at, status, kind);

CREATE TABLE IF NOT EXISTS send (
  id INTEGER PRIMARY KEY, email TEXT NOT NULL, contact_id TEXT NOT NULL, campaign_id TEXT NOT NULL,
  channel TEXT NOT NULL, department TEXT NOT NULL, topic TEXT NOT NULL, sent_at TEXT NOT NULL,
  import_id INTEGER);
CREATE UNIQUE INDEX IF NOT EXISTS send_unique ON send (email, contact_id, campaign_id, channel, sent_at);
CREATE INDEX IF NOT EXISTS send_when ON send (sent_at);

CREATE TABLE IF NOT EXISTS preference (
  id INTEGER PRIMARY KEY, email TEXT NOT NULL, topics TEXT NOT NULL, opted_out TEXT NOT NULL,
  max_sends TEXT NOT NULL, per_days TEXT NOT NULL, updated_at TEXT NOT NULL, contact_id TEXT NOT NULL,
  import_id INTEGER);

CREATE TABLE IF NOT EXISTS calendar (
  id INTEGER PRIMARY KEY, campaign_id TEXT NOT NULL, name TEXT NOT NULL, department TEXT NOT NULL,
  channel TEXT NOT NULL, topic TEXT NOT NULL, scheduled_at TEXT NOT NULL, email TEXT NOT NULL,
  contact_id TEXT NOT NULL, import_id INTEGER);
CREATE UNIQUE INDEX IF NOT EXISTS calendar_unique ON calendar (campaign_id, email, contact_id, scheduled_at);

-- Who changed what outside an import (re-subscribes); never pruned.
CREATE TABLE IF NOT EXISTS audit_log (
  id INTEGER PRIMARY KEY, at TEXT NOT NULL, action TEXT NOT NULL, email TEXT NOT NULL, detail TEXT NOT NULL);

-- A suppression is never deleted, and only lifted once, by `mailgate ledger resubscribe`.
CREATE TRIGGER IF NOT EXISTS suppression_never_deleted BEFORE DELETE ON suppression
BEGIN SELECT RAISE(ABORT, 'suppressions are never deleted; use mailgate ledger resubscribe'); END;
CREATE TRIGGER IF NOT EXISTS suppression_only_lifted BEFORE UPDATE ON suppression
WHEN OLD.lifted_at != '' OR NEW.email != OLD.email OR NEW.reason != OLD.reason OR NEW.topic != OLD.topic
     OR NEW.created_at != OLD.created_at OR NEW.source != OLD.source OR NEW.lifted_at = ''
BEGIN SELECT RAISE(ABORT, 'a suppression can only be lifted, once, by mailgate ledger resubscribe'); END;
