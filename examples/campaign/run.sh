#!/bin/sh
# The example end to end from a fresh checkout: a new ledger, every import, then the gate.
# Run from anywhere: sh examples/campaign/run.sh
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
export PYTHONPATH="$here/../../src${PYTHONPATH:+:$PYTHONPATH}"
mailgate() { python3 -m mailgate "$@"; }
rm -f ledger.sqlite ledger.sqlite-wal ledger.sqlite-shm
mailgate ledger init
mailgate ledger import consent ledger/consent.csv --source shop-signup
mailgate ledger import suppressions ledger/suppressions.csv --source newsletter-esp
mailgate ledger import sends ledger/sends.csv
mailgate ledger import calendar ledger/calendar.csv
mailgate ledger import preferences ledger/preferences.csv
mailgate ledger import-bounces ledger/bounces.mbox
mailgate ledger stats
# Judged as of the planned send time in campaign.yaml, so the result is the same on any day.
mailgate gate campaign.yaml --at 2026-11-24T09:00:00+01:00 --out-dir out "$@"
