"""The registry of units: who reports, under which code, from when to when.

The registry is data (`schemas/units/<name>.yaml`); a lookup at a date gives the units in
force that day, so a report is matched against the units of its own period.

>>> from datetime import date
>>> registry = load_registry()
>>> registry.match("UBND huyện Hạ Hoà", date(2013, 12, 31)).code
'231'
>>> registry.match("Sở Ngoại vụ", date(2013, 9, 8)) is None
True
>>> registry.match("Sở Ngoại vụ", date(2013, 9, 9)).name
'Sở Ngoại vụ'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import yaml

from ictdata.contracts.load import schemas_dir
from ictdata.errors import ContractError
from ictdata.units.names import NameRules, closeness


@dataclass(frozen=True)
class Unit:
    """One unit: its code, official name, kind, parent and validity (both dates inclusive)."""

    code: str
    name: str
    kind: str
    parent: str | None
    aliases: tuple[str, ...]
    valid_from: date
    valid_to: date | None

    @property
    def names(self) -> tuple[str, ...]:
        """The official name, then the aliases."""
        return (self.name, *self.aliases)

    def in_force(self, day: date) -> bool:
        """True when the unit exists on `day`."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True, eq=False)
class Registry:
    """The units of one province, versioned by date, and how their names are written."""

    name: str
    province: str
    units: tuple[Unit, ...]
    rules: NameRules

    @cached_property
    def _unit_forms(self) -> tuple[tuple[Unit, frozenset[str]], ...]:
        """Every unit with the keys of every way its names may be written."""
        return tuple(
            (unit, frozenset().union(*(self.rules.forms(n, unit.kind) for n in unit.names)))
            for unit in self.units
        )

    @cached_property
    def _forms(self) -> dict[str, tuple[Unit, ...]]:
        """Every written form's key, with the units it may name (any date)."""
        index: dict[str, list[Unit]] = {}
        for unit, forms in self._unit_forms:
            for form in forms:
                index.setdefault(form, []).append(unit)
        return {form: tuple(units) for form, units in index.items()}

    def at(self, day: date | None) -> tuple[Unit, ...]:
        """The units in force on `day` (every unit ever, for None), in registry order."""
        return tuple(unit for unit in self.units if day is None or unit.in_force(day))

    def reporting(self, day: date) -> tuple[Unit, ...]:
        """The units that report to the province on `day`: its direct children then in force."""
        return tuple(unit for unit in self.at(day) if unit.parent == self.province)

    def codes(self, day: date | None = None) -> frozenset[str]:
        """The codes of the units in force on `day` (of every unit ever, without a day)."""
        units = self.units if day is None else self.at(day)
        return frozenset(unit.code for unit in units)

    def get(self, code: str) -> Unit | None:
        """The unit with `code`, whatever its dates."""
        return next((unit for unit in self.units if unit.code == code), None)

    def match(self, name: str, day: date | None) -> Unit | None:
        """The unit in force on `day` that `name` names; None when none (or more than one) does.

        Without a day (a report that states no year), the unit may be of any date.
        """
        found = [
            u for u in self._forms.get(self.rules.key(name), ()) if day is None or u.in_force(day)
        ]
        return found[0] if len(found) == 1 else None

    def suggest(self, name: str, day: date | None, n: int = 3) -> tuple[Unit, ...]:
        """The `n` units in force on `day` whose names are closest to `name`, closest first."""
        query = self.rules.key(name)
        scored = [
            (closeness(query, forms), index, unit)
            for index, (unit, forms) in enumerate(self._unit_forms)
            if day is None or unit.in_force(day)
        ]
        scored.sort(key=lambda item: (-item[0], item[1]))
        return tuple(unit for _, _, unit in scored[:n])


def _date(value: object, where: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        msg = f"{where}: {value!r} is not an ISO date. Hint: write dates as 2013-09-09."
        raise ContractError(msg) from error


def _unit(data: dict[str, Any], where: str) -> Unit:
    try:
        start = _date(data["valid_from"], f"{where}.valid_from")
        if start is None:
            msg = f"{where}.valid_from: a unit needs a start date. Hint: see the file's header."
            raise ContractError(msg)
        parent = data.get("parent")
        return Unit(
            code=str(data["code"]),
            name=str(data["name"]),
            kind=str(data["kind"]),
            parent=None if parent is None else str(parent),
            aliases=tuple(str(a) for a in data.get("aliases") or ()),
            valid_from=start,
            valid_to=_date(data.get("valid_to"), f"{where}.valid_to"),
        )
    except (KeyError, TypeError) as error:
        msg = (
            f"{where}: missing or malformed {error}. Hint: compare with schemas/units/phu_tho.yaml."
        )
        raise ContractError(msg) from error


def _checked(units: tuple[Unit, ...], where: Path) -> tuple[Unit, ...]:
    """`units`, once every code is unique and every parent a code of the registry."""
    codes = [unit.code for unit in units]
    repeated = sorted({code for code in codes if codes.count(code) > 1})
    orphans = sorted(u.code for u in units if u.parent is not None and u.parent not in codes)
    if repeated or orphans:
        msg = (
            f"{where}: codes named twice {repeated}, parents not in the registry {orphans}. "
            "Hint: a code names one unit for ever; a new unit gets a new code."
        )
        raise ContractError(msg)
    return units


def registry_path(name_or_path: str | Path) -> Path:
    """The YAML file of a bundled registry (by name) or the path given."""
    path = Path(name_or_path)
    if path.suffix in {".yaml", ".yml"}:
        return path
    return schemas_dir() / "units" / f"{name_or_path}.yaml"


@cache
def load_registry(name: str = "phu_tho") -> Registry:
    """Load a registry of units by name (schemas/units/<name>.yaml) or by path.

    Raises:
        ContractError: the file is missing or malformed.
    """
    path = registry_path(name)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        units = _checked(
            tuple(_unit(u, f"{path}: units[{i}]") for i, u in enumerate(data["units"])), path
        )
        rules = NameRules.of(
            data.get("abbreviations") or {},
            data.get("kind_words") or {},
            data.get("place_suffixes") or (),
        )
        return Registry(str(data["name"]), str(data["province"]), units, rules)
    except (OSError, yaml.YAMLError, KeyError, TypeError) as error:
        msg = f"cannot read the registry of units {path}: {error}. Hint: bundled: phu_tho."
        raise ContractError(msg) from error
