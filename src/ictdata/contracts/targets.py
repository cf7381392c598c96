"""Targets of a province's ICT plan, declared as data (schemas/targets/<name>.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from ictdata.contracts.load import schemas_dir
from ictdata.errors import ContractError


@dataclass(frozen=True)
class Target:
    """A province indicator's target value for the end of `year`, with the plan's words."""

    year: int
    indicator: str
    target: float
    text: str


@dataclass(frozen=True)
class Targets:
    """The targets of one plan."""

    name: str
    province: str
    year: int
    targets: tuple[Target, ...]


@cache
def load_targets(name_or_path: str | Path) -> Targets:
    """Load targets by name (schemas/targets/<name>.yaml) or path.

    Raises:
        ContractError: the file is missing or malformed.

    >>> [t.target for t in load_targets("phu_tho_2014").targets][:3]
    [100.0, 100.0, 70.0]
    """
    path = Path(name_or_path)
    if path.suffix not in {".yaml", ".yml"}:
        path = schemas_dir() / "targets" / f"{name_or_path}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        year = int(data["year"])
        targets = tuple(
            Target(year, str(t["indicator"]), float(t["target"]), str(t.get("text", "")))
            for t in data["targets"]
        )
        return Targets(str(data["name"]), str(data["province"]), year, targets)
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as error:
        msg = f"cannot read targets {path}: {error}. Hint: compare with phu_tho_2014.yaml."
        raise ContractError(msg) from error
