"""Build the plugin manager: hookspecs, built-in plugins, then the ``mailgate`` entry points.

Each entry point is loaded on its own inside error handling, so a broken plugin is
reported by name instead of taking the run down (and fails the gate closed).
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from typing import Any, Iterable

import pluggy

from mailgate import hookspecs

ENTRY_POINT_GROUP = "mailgate"
AUTOLOAD_OFF_ENV = "MAILGATE_DISABLE_PLUGIN_AUTOLOAD"
BUILTIN_PLUGINS = (
    "mailgate.builtin",
    "mailgate.checks.words",
    "mailgate.checks.measures",
    "mailgate.checks.structure",
    "mailgate.checks.named",
    "mailgate.checks.linkwords",
    "mailgate.checks.list_unsubscribe",
    "mailgate.checks.text_part",
    "mailgate.checks.images",
    "mailgate.checks.postal",
    "mailgate.checks.forms",
    "mailgate.checks.promotion",
    "mailgate.checks.replies",
    "mailgate.checks.autoreplies",
    "mailgate.checks.register",
    "mailgate.checks.tone",
    "mailgate.checks.subjects",
    "mailgate.checks.shouting",
    "mailgate.checks.prose",
    "mailgate.checks.phones",
    "mailgate.checks.merge_tags",
    "mailgate.checks.exposed_recipients",
    "mailgate.checks.recipient",
    "mailgate.checks.manifest",
    "mailgate.targets",
    "mailgate.report.formatters",
)


@dataclass
class PluginHost:
    """The plugin manager plus what went wrong while loading or calling plugins."""

    manager: pluggy.PluginManager
    errors: list[str] = field(default_factory=list)

    def collect(self, hook_name: str) -> list[tuple[str, Any]]:
        """Call every implementation of a collecting hook, one at a time, naming failures."""
        answers: list[tuple[str, Any]] = []
        for impl in reversed(getattr(self.manager.hook, hook_name).get_hookimpls()):
            try:
                answer = impl.function()
            except Exception as exc:  # noqa: BLE001 — any plugin failure is reported, never raised
                self.errors.append(f"plugin {impl.plugin_name!r} failed in {hook_name}: {type(exc).__name__}: {exc}")
                continue
            if answer is not None:
                answers.append((impl.plugin_name, answer))
        return answers

    def merged(self, hook_name: str) -> dict[str, Any]:
        """Merge mapping answers; a name provided twice is reported with both plugins."""
        merged: dict[str, Any] = {}
        owners: dict[str, str] = {}
        for plugin, answer in self.collect(hook_name):
            for name, value in _items(answer):
                if name in merged and owners[name] != plugin:
                    self.errors.append(f"{hook_name}: {name!r} provided by both {owners[name]!r} and {plugin!r}")
                    continue
                merged[name], owners[name] = value, plugin
        return merged

    def listed(self, hook_name: str) -> list[Any]:
        return [item for _, answer in self.collect(hook_name) for item in answer]


def _items(answer: Any) -> Iterable[tuple[str, Any]]:
    if isinstance(answer, dict):
        return answer.items()
    return ((item.name, item) for item in answer)


def build_host(disabled: Iterable[str] = (), autoload: bool | None = None) -> PluginHost:
    """Register built-ins, then outside plugins unless autoload is off; ``disabled`` names are blocked."""
    manager = pluggy.PluginManager(ENTRY_POINT_GROUP)
    manager.add_hookspecs(hookspecs)
    host = PluginHost(manager)
    for name in disabled:
        manager.set_blocked(name)
    for module_name in BUILTIN_PLUGINS:
        if not manager.is_blocked(module_name):
            manager.register(importlib.import_module(module_name), name=module_name)
    if autoload is None:
        autoload = not os.environ.get(AUTOLOAD_OFF_ENV)
    if autoload:
        _load_entry_points(host)
    return host


def _load_entry_points(host: PluginHost) -> None:
    from importlib.metadata import entry_points

    for entry in entry_points(group=ENTRY_POINT_GROUP):
        if host.manager.is_blocked(entry.name) or host.manager.get_plugin(entry.name) is not None:
            continue
        try:
            plugin = entry.load()
            host.manager.register(plugin, name=entry.name)
        except Exception as exc:  # noqa: BLE001 — a broken plugin is named, not fatal to the process
            host.errors.append(f"plugin {entry.name!r} failed to load: {type(exc).__name__}: {exc}")
