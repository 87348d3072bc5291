"""``campaign.yaml``: loaded safely, validated against rules/schemas/campaign.schema.json.

Errors name the file and the field (``campaign.yaml: field sender.address: …``). Paths in
the manifest are relative to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from mailgate.errors import InputError, MailgateError
from mailgate.yamlio import load_yaml_file


class CampaignManifest(dict):
    """The manifest fields as rules read them (``doc.manifest``), plus what the gate learned.

    ``facts`` is None until the gate has judged the audience; then a mapping of what it
    measured (``excluded_ratio``, ``suppression_age_hours`` …) that campaign rules read.
    """

    facts: "dict[str, Any] | None" = None


@dataclass
class Campaign:
    path: Path
    manifest: CampaignManifest
    templates: list[Path]
    audience: Path
    email_column: str = "email"
    contact_id_column: str = "contact_id"
    source: str = ""

    @property
    def id(self) -> str:
        return str(self.manifest["id"])

    @property
    def topic(self) -> str:
        return str(self.manifest["topic"]).strip().lower()

    @property
    def channel(self) -> str:
        return str(self.manifest["channel"])

    @property
    def department(self) -> str:
        return str(self.manifest["department"])

    @property
    def kind(self) -> str:
        return str(self.manifest.get("kind", "campaign"))

    def scheduled_start(self) -> datetime | None:
        start = (self.manifest.get("schedule") or {}).get("start")
        if not start:
            return None
        from mailgate.ledger.timestamps import parse_timestamp

        return parse_timestamp(str(start))


def load_campaign(path: Path) -> Campaign:
    data = load_yaml_file(path)
    if not isinstance(data, dict):
        raise InputError("a campaign manifest must be a mapping (id:, name:, department: …)", path=str(path))
    data = _plain(data)
    validate_manifest(data, str(path))
    base = path.parent
    templates = [data["template"]] if "template" in data else list(data["templates"])
    audience = data["audience"] if isinstance(data["audience"], dict) else {"path": data["audience"]}
    if (data.get("schedule") or {}).get("start"):
        _check_time(data["schedule"]["start"], "schedule.start", path)
    campaign = Campaign(path=path, manifest=CampaignManifest(data), templates=[base / t for t in templates],
                        audience=base / audience["path"],
                        email_column=audience.get("email_column", "email").lower(),
                        contact_id_column=audience.get("contact_id_column", "contact_id").lower(),
                        source=path.read_text(encoding="utf-8-sig"))
    for template in campaign.templates:
        if not template.is_file():
            raise InputError(f"field template(s): no such file {template}", path=str(path))
    if not campaign.audience.is_file():
        raise InputError(f"field audience: no such file {campaign.audience}", path=str(path))
    return campaign


def _plain(value: Any) -> Any:
    """YAML reads an unquoted 2026-11-24T09:00 as a datetime; the manifest keeps ISO text."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def validate_manifest(data: dict[str, Any], path: str) -> None:
    from jsonschema import Draft202012Validator

    from mailgate.rules.schema import load_schema

    validator = Draft202012Validator(load_schema("campaign"))
    errors = sorted(validator.iter_errors(data), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    if errors:
        error = errors[0]
        where = ".".join(str(p) for p in error.absolute_path) or _named_field(error)
        message = error.message if len(error.message) < 200 else error.message[:197] + "..."
        if error.validator == "oneOf" and not error.absolute_path:
            message = "give either 'template' or 'templates' (one of them)"
        raise InputError(f"field {where}: {message}" if where else message, path=path)


def _named_field(error: Any) -> str:
    if error.validator in {"required", "additionalProperties"} and "'" in error.message:
        return error.message.split("'")[1]
    return ""


def _check_time(value: Any, field_name: str, path: Path) -> None:
    from mailgate.ledger.timestamps import parse_timestamp

    try:
        parse_timestamp(str(value))
    except ValueError:
        raise MailgateError(f"field {field_name}: {value!r} is not an ISO 8601 date-time", path=str(path)) from None
