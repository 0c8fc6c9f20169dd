"""The README documents every command, setting and saved query, and starts with the two
set-up commands."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from kg.cli import cli
from kg.config import Settings
from kg.query import list_queries

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")


def test_readme_starts_with_the_two_setup_commands():
    blocks = README.split("```bash")[1:3]
    first, second = (b.split("```")[0].strip() for b in blocks)
    assert README.index("```bash") < README.index("## ")
    assert first.startswith("pip install") and "kg ingest corpus/" in first
    assert "kg query" in first and "kg export --format html" in first
    assert second.startswith("pip install") and "pytest" in second


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_is_documented(command):
    assert f"`kg {command}" in README


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_help_has_an_example(command):
    assert "Example" in (cli.commands[command].help or "")


@pytest.mark.parametrize("setting", [f.name for f in fields(Settings)])
def test_every_setting_is_documented(setting):
    assert f"| `{setting}` |" in README


@pytest.mark.parametrize("name", [q.name for q in list_queries(ROOT / "queries")])
def test_every_saved_query_is_documented(name):
    assert f"`{name}`" in README


def test_at_least_ten_saved_queries_with_headers():
    queries = list_queries(ROOT / "queries")
    assert len(queries) >= 10
    assert all(q.title and q.description for q in queries)
