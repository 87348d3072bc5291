"""The built-in rule packs and lexicons, registered like any plugin's."""

from __future__ import annotations

from pathlib import Path

from mailgate.hookspecs import hookimpl


def rules_root() -> Path:
    """The shipped ``rules/`` folder: inside the wheel, or the top-level folder of a checkout."""
    packaged = Path(__file__).parent / "data" / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


@hookimpl
def mailgate_rule_paths() -> list[Path]:
    root = rules_root()
    return sorted(p for p in root.iterdir() if p.is_dir() and p.name not in {"lexicons", "models", "schemas"})


@hookimpl
def mailgate_lexicon_paths() -> list[Path]:
    return [rules_root() / "lexicons"]
