"""Configuration: mailgate.yaml or [tool.mailgate] in pyproject.toml, nearest to the file wins.

Command-line flags are applied on top. Unknown keys are errors (yamllint's way), so a typo
never silently switches a rule off.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from mailgate import __version__
from mailgate.errors import ConfigError
from mailgate.yamlio import load_yaml_file

CONFIG_NAMES = ("mailgate.yaml", ".mailgate.yaml", "pyproject.toml")


@dataclass(frozen=True)
class Settings:
    """Effective configuration for one file: a config file's values plus command-line overrides."""

    data: dict[str, Any] = field(default_factory=dict)
    path: str | None = None

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    @property
    def base_dir(self) -> Path:
        return Path(self.path).parent if self.path else Path.cwd()

    def merged(self, overrides: dict[str, Any]) -> "Settings":
        data = dict(self.data)
        for key, value in overrides.items():
            if value is None:
                continue
            if key in {"severity", "rules"} and isinstance(value, dict):
                data[key] = {**data.get(key, {}), **value}
            else:
                data[key] = value
        return Settings({k: v for k, v in data.items() if v is not None}, self.path)

    def key(self) -> str:
        import json

        return json.dumps(self.data, sort_keys=True, default=str)


def find_config(start: Path) -> Path | None:
    """The nearest configuration file at or above ``start``."""
    directory = start if start.is_dir() else start.parent
    return _find_in(directory.resolve())


@lru_cache(maxsize=256)
def _find_in(directory: Path) -> Path | None:
    for name in CONFIG_NAMES:
        candidate = directory / name
        if candidate.is_file() and (name != "pyproject.toml" or _has_tool_section(candidate)):
            return candidate
    return None if directory.parent == directory else _find_in(directory.parent)


def _has_tool_section(path: Path) -> bool:
    try:
        return "[tool.mailgate" in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


@lru_cache(maxsize=64)
def load_config(path: Path, use_cache: bool = True) -> Settings:
    if path.name == "pyproject.toml":
        data = _read_pyproject(path)
    else:
        data = load_yaml_file(path) or {}
    if not isinstance(data, dict):
        raise ConfigError("configuration must be a mapping", path=str(path))
    data = {str(k).replace("-", "_"): v for k, v in data.items()}
    validate_config(data, str(path), use_cache)
    return Settings(data, str(path))


def _read_pyproject(path: Path) -> dict[str, Any]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle).get("tool", {}).get("mailgate", {})
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read [tool.mailgate]: {exc}", path=str(path)) from None


def validate_config(data: dict[str, Any], path: str, use_cache: bool = True) -> None:
    """Validate against the config schema; content that passed before is not validated again
    (importing jsonschema alone would double the start-up of a project with a mailgate.yaml).
    With ``use_cache`` False (``--no-cache``) the cache is neither read nor written."""
    from mailgate.rules.schema import load_schema
    from mailgate.validation_cache import ValidationCache, cache_enabled, data_digest

    schema = load_schema("config")
    schema_key = json.dumps([__version__, schema], sort_keys=True)
    cache = ValidationCache("config", schema_key) if cache_enabled(use_cache) else None
    digest = data_digest(data)
    if cache is not None and cache.known(digest):
        return
    from jsonschema import Draft202012Validator

    errors = sorted(Draft202012Validator(schema).iter_errors(data), key=lambda e: list(map(str, e.path)))
    if errors:
        error = errors[0]
        where = ".".join(str(p) for p in error.absolute_path)
        raise ConfigError(f"{where + ': ' if where else ''}{error.message}", path=path)
    if cache is not None:
        cache.add(digest)
        cache.save()


def settings_for(file_path: Path, explicit: Path | None, overrides: dict[str, Any],
                 use_cache: bool = True) -> Settings:
    """The settings a file is checked with: --config, else the nearest config file, plus flags."""
    config_path = explicit or find_config(file_path)
    base = load_config(config_path, use_cache) if config_path else Settings()
    return base.merged(overrides)
