"""Configuration validated once is remembered by content; anything else is still validated."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from mailgate.config import validate_config
from mailgate.errors import ConfigError
from mailgate.validation_cache import data_digest


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MAILGATE_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("MAILGATE_NO_CACHE", raising=False)
    return tmp_path


def test_a_valid_config_is_remembered_and_an_invalid_one_still_fails(cache_dir: Path) -> None:
    validate_config({"select": ["ALL"], "ignore": ["contact-phone"]}, "mailgate.yaml")
    assert [p.name.split("-")[0] for p in cache_dir.iterdir()] == ["config"]
    validate_config({"select": ["ALL"], "ignore": ["contact-phone"]}, "mailgate.yaml")  # from the cache
    with pytest.raises(ConfigError, match="ignore"):
        validate_config({"select": ["ALL"], "ignore": "contact-phone"}, "mailgate.yaml")
    with pytest.raises(ConfigError):
        validate_config({"select": ["ALL"], "ignore": ["contact-phone"], "colour": "red"}, "mailgate.yaml")


def test_no_cache_validates_every_time(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAILGATE_NO_CACHE", "1")
    validate_config({"select": ["ALL"]}, "mailgate.yaml")
    assert not list(cache_dir.iterdir())


def test_a_date_and_the_same_text_have_different_digests() -> None:
    assert data_digest({"since": datetime.date(2026, 3, 1)}) != data_digest({"since": "2026-03-01"})
    assert data_digest({"a": 1, "b": 2}) == data_digest({"b": 2, "a": 1})


def test_the_no_cache_flag_writes_no_cache_at_all(run_cli: Any, tmp_path: Path) -> None:
    """--no-cache writes nothing in the cache folder: not the rules', models' or configuration's."""
    cache = tmp_path / "cache"
    (tmp_path / "mailgate.yaml").write_text("select: [ALL]\nignore: [contact-phone]\n", encoding="utf-8")
    (tmp_path / "reply.txt").write_text("---\nsubject: \"Re: your order\"\nkind: reply\nlang: en\n---\n"
                                        "Hello Sam,\n\nYour parcel left our warehouse today.\n\nKind regards,\nAnna\n",
                                        encoding="utf-8")
    result = run_cli("check", "reply.txt", "--no-cache", cwd=tmp_path, env={"MAILGATE_CACHE_DIR": str(cache)})
    assert result.code == 0, result
    assert not cache.exists() or not list(cache.iterdir())
    run_cli("check", "reply.txt", cwd=tmp_path, env={"MAILGATE_CACHE_DIR": str(cache)})
    assert any(path.name.startswith("config-") for path in cache.iterdir())  # without the flag it is written
