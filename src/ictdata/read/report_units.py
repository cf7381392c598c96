"""The money unit of a unit report's amount: where it is stated, and how it reads.

An amount's unit is the first one stated of: its "Đơn vị tính" cell, a note in its label
("Kinh phí CNTT (ĐVT: triệu đồng)"), its value column's header ("Số liệu (đồng)"), then a
unit line above the report ("Đơn vị tính: triệu đồng", "ĐVT:" | "nghìn đồng" in two cells)
or a unit ending or noted in its title ("BÁO CÁO ... (ĐVT: triệu đồng)"), found as tables
find theirs (`read/units.py`). Each reads as a table's unit does: a đồng unit scales the
amount; a currency other than the đồng ("USD") is no đồng amount at any scale, nor is a
unit the contract knows for percentages or counts ("%", "người"); anything else is a unit
not understood, the amount staying in its indicator's unit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from ictdata.contracts.model import UnitReportContract
from ictdata.read.notes import notes, outer_notes, without_notes
from ictdata.read.numbers import BLANK_MARKS
from ictdata.read.units import StatedUnit, foreign_currency, names_money, unit_line, unit_note
from ictdata.text import clean, key

Rows = list[tuple[int, dict[str, str]]]


@dataclass(frozen=True)
class MisstatedUnit:
    """An amount's unit, stated at `cell`, that is not read as đồng.

    `stated` is the unit as written; `currency` its ISO code when it is a currency other
    than the đồng (the amount is not loaded); `measure` the kind of measure it is when it is
    a unit the contract knows as no money ("%": percent; the amount is not loaded either);
    else both None (a unit not understood: the amount was read in `unit`, its indicator's).
    """

    cell: str
    stated: str
    currency: str | None
    unit: str
    measure: str | None = None


def _stated(text: str, contract: UnitReportContract) -> list[StatedUnit]:
    """The units `text` states, read as tables read theirs: the whole text, then its notes.

    A unit ("triệu đồng"), a unit line ("ĐVT: đồng", "Đơn vị tính: đồng (VNĐ)"), one ending
    a label ("Kinh phí CNTT (ĐVT: triệu đồng)"), or either noted in it ("Số liệu (đồng)",
    "(đơn vị: đồng)"); a currency other than the đồng ("(USD)", "(ĐVT: nghìn USD)") too. A
    note held in another is what its holder says of it: "triệu đồng (VNĐ)" is triệu đồng,
    not the đồng its note names. Where the outer text names money in a way not understood
    ("triệu đồng/năm (VNĐ)"), that is the unit stated, not understood: its inner note, a
    million times apart, is not read in its place. Only where the outer text names no money
    at all are the inner notes read.
    """
    bare = without_notes(text)
    whole = _read_parts((text, bare), contract)
    if not whole and names_money(bare):  # "Triệu đ (VNĐ)": not the note's đồng
        return [StatedUnit(clean(bare), None, "")]
    outer = whole + _read_parts(outer_notes(text), contract)
    if outer:
        return outer
    vague = next((note for note in outer_notes(text) if names_money(note)), None)
    if vague is not None:
        return [StatedUnit(clean(vague), None, "")]
    return _read_parts(notes(text), contract)


def _read_parts(parts: Iterable[str], contract: UnitReportContract) -> list[StatedUnit]:
    money = contract.money_units
    found = []
    for part in parts:
        if (multiplier := money.get(key(part))) is not None:
            found.append(StatedUnit(clean(part), multiplier, ""))
        elif (currency := foreign_currency(part)) is not None:
            found.append(StatedUnit(clean(part), None, "", currency))
        elif line := unit_line(
            [(0, {"A": part})], contract.unit_line_labels, money, contract.abbreviations
        ):
            found.append(line)
        elif key(part) in contract.measure_units:  # "(%)": no money, but a unit all the same
            found.append(StatedUnit(clean(part), None, ""))
    return found


def stated_in(text: str | None, cell: str, contract: UnitReportContract) -> StatedUnit | None:
    """The unit a label or a header states, at `cell`; None when it states none.

    A đồng unit first; failing one, a currency other than the đồng; failing both, a unit
    line whose unit is not understood ("(ĐVT: bộ)"). A note that only mentions another
    currency ("(triệu đồng, quy đổi từ USD)", "(quy đổi từ USD)") is no unit of it.
    """
    if not text or not text.strip():
        return None
    units = _stated(text, contract)
    # The text itself in another currency ("nghìn USD (VNĐ)"): no note of it makes it đồng.
    whole = {clean(text), clean(without_notes(text))}
    found = (
        next((u for u in units if u.currency and u.label in whole), None)
        or next((u for u in units if u.multiplier), None)
        or next((u for u in units if u.currency), None)
        or next(iter(units), None)
    )
    return None if found is None else replace(found, cell=cell)


def stated_measure(text: str, cell: str, contract: UnitReportContract) -> StatedUnit | None:
    """The unit an amount's "Đơn vị tính" cell states; whatever it holds is stated there.

    A cell holding only a dash states nothing, as an empty one.

    >>> from ictdata.contracts.unit_load import load_unit_contract
    >>> contract = load_unit_contract()
    >>> stated_measure("VNĐ", "C8", contract).multiplier, stated_measure("bộ", "C8", contract)
    (1, StatedUnit(label='bộ', multiplier=None, cell='C8', currency=None))
    """
    if text.strip() in BLANK_MARKS:
        return None
    return stated_in(text, cell, contract) or StatedUnit(clean(text), None, cell)


def stated_above(rows: Rows, contract: UnitReportContract) -> StatedUnit | None:
    """The unit stated above a report's header, as above a table's.

    A unit line ("Đơn vị tính: triệu đồng", in one cell or two), one ending the title
    ("BÁO CÁO ... - ĐVT: tỷ đồng"), else a unit noted in the title ("BÁO CÁO ... (triệu
    đồng)"); understood or not, in đồng or not.
    """
    money = contract.money_units
    return unit_line(
        rows,
        contract.unit_line_labels,
        money,
        contract.abbreviations,
        measures=contract.measure_units,
    ) or unit_note(rows, money)


def measured(unit: StatedUnit | None, contract: UnitReportContract) -> str | None:
    """The kind of measure `unit` is when the contract knows it as no money, else None.

    An amount stated in "%" or "người" is no money at any scale: the contract's units of
    percentages, counts and yes/no answers (`measure_units`) say which kind it measures.

    >>> from ictdata.contracts.unit_load import load_unit_contract
    >>> contract = load_unit_contract()
    >>> [measured(stated_measure(u, "C8", contract), contract) for u in ("%", "Người", "bộ")]
    ['percent', 'count', None]
    """
    if unit is None or unit.multiplier is not None or unit.currency is not None:
        return None
    return contract.measure_units.get(key(unit.label))


def misstated(
    unit: StatedUnit | None, indicator_unit: str, measure: str | None = None
) -> MisstatedUnit | None:
    """`unit`, when it is stated but not read as đồng (a foreign currency, a unit not known).

    `measure` is the kind of measure it is when no money (`measured`).
    """
    if unit is None or unit.multiplier is not None:
        return None
    return MisstatedUnit(unit.cell, unit.label, unit.currency, indicator_unit, measure)


def title_without_unit(text: str, contract: UnitReportContract) -> str:
    """A title without the unit line ending it, up to that line's colon.

    "BÁO CÁO NĂM 2013 (ĐVT: đồng)" leaves "BÁO CÁO NĂM 2013 (ĐVT": no colon of the unit
    line's, so that the title is not taken for a heading field ("Năm báo cáo: 2013").
    """
    if ":" not in text:
        return text
    line = unit_line(
        [(0, {"A": text})], contract.unit_line_labels, contract.money_units, contract.abbreviations
    )
    return text.rsplit(":", 1)[0] if line is not None else text
