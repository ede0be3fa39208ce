"""The JSON Schema (2020-12) of the scenario format, the one editors use.

It lives beside the bundled scenarios, so their `# yaml-language-server: $schema=` line
finds it, and is installed with the package; `salesplay schema` prints it.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SCHEMA_NAME = "scenario.schema.json"


def schema_path() -> Path:
    """Where the schema file is: in the installed package's data, else in the checkout."""
    packaged = resources.files("game").joinpath("data", "scenarios", SCHEMA_NAME)
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "scenarios" / SCHEMA_NAME


def schema_text() -> str:
    return schema_path().read_text(encoding="utf-8")
