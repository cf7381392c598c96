"""A plan package's manifest, `ictdata.yaml`: province, year, and which file is which.

    province: Phú Thọ
    year: 2014
    files:
      statement: ke_hoach_2014.txt     # the plan document, with its budget statement
      projects: bang_du_an.xlsx        # the project table
      appendix: phu_luc_kinh_phi.xlsx  # the budget appendix

Every key may be left out: what is missing is inferred from the files' contents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from ictdata.read.unreadable import UnreadableError, UnreadableReason

MANIFEST_NAME = "ictdata.yaml"
ROLES = ("statement", "projects", "appendix")


@dataclass(frozen=True)
class Manifest:
    """What a manifest declares (paths relative to its folder) and the line of each key."""

    path: str
    province: str | None = None
    year: int | None = None
    files: MappingProxyType[str, str] = field(default_factory=lambda: MappingProxyType({}))
    lines: MappingProxyType[str, int] = field(default_factory=lambda: MappingProxyType({}))


def _fail(what: str) -> UnreadableError:
    return UnreadableError(UnreadableReason.BAD_MANIFEST, what)


def _key_lines(text: str) -> dict[str, int]:
    """The line of each top-level key, so that issues can point at it."""
    found: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if match := re.match(r"^([A-Za-z_]+)\s*:", line):
            found.setdefault(match[1], number)
    return found


def _files(value: object, folder: Path) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        msg = "files: expected role: file name pairs"
        raise _fail(msg)
    unknown = set(value) - set(ROLES)
    if unknown:
        msg = f"files: unknown role {min(unknown)!r} (roles: {', '.join(ROLES)})"
        raise _fail(msg)
    for role, name in value.items():
        if not (folder / name).is_file():
            msg = f"files.{role}: no file {name} in the folder"
            raise _fail(msg)
    return {str(role): name for role, name in value.items()}


def _year(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"year: expected a four-digit year, not {value!r}"
        raise _fail(msg)
    return value


def read_manifest(folder: Path, shown: str) -> Manifest | None:
    """The manifest of `folder` (`shown` is how paths in it are written), or None without one.

    Raises:
        UnreadableError: (bad-manifest) not valid YAML, an unknown key's value, a missing file.
    """
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    try:
        data: Any = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        msg = f"not valid YAML ({' '.join(str(error).split())})"
        raise _fail(msg) from error
    if not isinstance(data, dict):
        msg = "expected a mapping (province, year, files)"
        raise _fail(msg)
    province = data.get("province")
    return Manifest(
        path=f"{shown}/{MANIFEST_NAME}",
        province=str(province) if province is not None else None,
        year=_year(data.get("year")),
        files=MappingProxyType(_files(data.get("files"), folder)),
        lines=MappingProxyType(_key_lines(text)),
    )
