"""A check run over many paths: per-file configuration, optional worker processes."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from mailgate.config import settings_for
from mailgate.engine import Engine
from mailgate.errors import MailgateError
from mailgate.load import iter_paths
from mailgate.message import Message
from mailgate.model import FileResult
from mailgate.plugins import build_host
from mailgate.registry import Registry
from mailgate.report.base import Formatter


class Runner:
    """Builds the plugin host, registry and engine once, then checks paths."""

    def __init__(self, disabled: Iterable[str] = (), overrides: dict[str, Any] | None = None,
                 config: Path | None = None, use_cache: bool = True, keep_preview: bool = False,
                 in_reply_to: Path | None = None) -> None:
        self.spec = (tuple(disabled), dict(overrides or {}), config, use_cache, keep_preview, in_reply_to)
        self.registry = Registry(build_host(disabled), use_cache=use_cache)
        self.engine = Engine(self.registry, keep_preview)
        self.overrides = dict(overrides or {})
        self.config = config
        self.use_cache = use_cache
        self.strict = bool(self.overrides.get("strict"))
        self.customer = _load_customer(in_reply_to) if in_reply_to else None

    def keep_previews(self, keep: bool) -> None:
        """Keep each message's preview for formats that show it (the HTML report), here and in workers."""
        self.engine.keep_preview = keep
        self.spec = (*self.spec[:4], keep, *self.spec[5:])

    def formatter(self, name: str) -> Formatter:
        formatters = self.registry.formatters
        if name not in formatters:
            raise MailgateError(f"unknown format {name!r} (known: {', '.join(sorted(formatters))})")
        return formatters[name]

    def check_file(self, path: Path) -> list[FileResult]:
        try:
            settings = settings_for(path, self.config, self.overrides, self.use_cache)
        except MailgateError as exc:
            return [FileResult(str(path), errors=[str(exc)])]
        if settings.get("strict"):
            self.strict = True
        return self.engine.check_file(path, settings, self.customer)

    def check_paths(self, paths: list[str], jobs: int = 1) -> list[FileResult]:
        files = list(iter_paths(paths))
        if jobs <= 1 or len(files) < 2 * jobs:
            return [result for path in files for result in self.check_file(path)]
        from concurrent.futures import ProcessPoolExecutor  # only -j N needs worker processes

        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=self.spec) as pool:
            outcomes = list(pool.map(_check_one, files, chunksize=max(1, len(files) // (jobs * 8))))
        results: list[FileResult] = []
        for file_results, strict in outcomes:
            results.extend(file_results)
            self.strict = self.strict or strict
        return results


def _load_customer(path: Path) -> Message:
    """The customer's message a draft answers (``--in-reply-to FILE``): the file's first message."""
    from mailgate.load import load_path

    messages = load_path(path)
    if not messages:
        raise MailgateError("--in-reply-to: no message in the file", path=str(path))
    return messages[0]


_WORKER: Runner | None = None


def _init_worker(disabled: tuple[str, ...], overrides: dict[str, Any], config: Path | None, use_cache: bool,
                 keep_preview: bool, in_reply_to: Path | None) -> None:
    global _WORKER
    _WORKER = Runner(disabled, overrides, config, use_cache, keep_preview, in_reply_to)


def _check_one(path: Path) -> tuple[list[FileResult], bool]:
    assert _WORKER is not None
    return _WORKER.check_file(path), _WORKER.strict
