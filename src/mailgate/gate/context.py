"""What recipient checks see besides the batch: the campaign, the send time, the ledger slices."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mailgate.ledger.view import LedgerView
from mailgate.load.campaign import Campaign


@dataclass
class GateContext:
    """One gate run. ``seen`` carries normalised addresses across batches (duplicates);
    ``state`` is scratch space for plugins, keyed by plugin name."""

    campaign: Campaign
    ledger: LedgerView
    at: datetime
    settings: dict[str, Any] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)
    state: dict[str, Any] = field(default_factory=dict)
