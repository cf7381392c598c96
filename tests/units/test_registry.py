"""The registry of units: dated lookups, and names matched whatever their spelling."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ictdata.errors import ContractError
from ictdata.units import Registry, load_registry

END_2013 = date(2013, 12, 31)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry("phu_tho")


@pytest.mark.parametrize(
    "written",
    [
        "UBND huyện Hạ Hoà",
        "UBND huyện Hạ Hòa",
        "Uỷ ban nhân dân huyện Hạ Hoà",
        "UBND  HUYỆN  HẠ HÒA",
        "huyện Hạ Hoà",
        "Hạ Hòa",
        unicodedata.normalize("NFD", "UBND huyện Hạ Hoà"),
    ],
)
def test_ha_hoa_in_any_spelling_is_district_231(registry: Registry, written: str) -> None:
    unit = registry.match(written, END_2013)
    assert unit is not None
    assert (unit.code, unit.name, unit.kind) == ("231", "Huyện Hạ Hòa", "district")


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("UBND TP Việt Trì", "227"),
        ("UBND thành phố Việt Trì", "227"),
        ("TX Phú Thọ", "228"),
        ("Thị xã Phú Thọ", "228"),
        ("UBND huyện Thanh Thuỷ", "239"),
        ("Huyện Thanh Thủy", "239"),
        ("Sở TT&TT", "25.03"),
        ("Sở Thông tin và Truyền thông tỉnh Phú Thọ", "25.03"),
        ("Văn phòng ĐĐBQH và HĐND", "25.02"),
        ("VP UBND tỉnh", "25.01"),
        ("Sở Lao động, Thương binh và Xã hội", "25.16"),
        ("Cục Thuế tỉnh Phú Thọ", "25.10"),
    ],
)
def test_abbreviations_and_forms_name_the_same_unit(
    registry: Registry, written: str, code: str
) -> None:
    unit = registry.match(written, END_2013)
    assert unit is not None
    assert unit.code == code


def test_so_ngoai_vu_exists_from_9_september_2013(registry: Registry) -> None:
    assert registry.match("Sở Ngoại vụ", date(2013, 9, 8)) is None
    found = registry.match("Sở Ngoại vụ", date(2013, 9, 9))
    assert found is not None
    assert found.code == "25.21"
    assert "25.21" not in registry.codes(date(2013, 9, 8))
    assert "25.21" in registry.codes(date(2013, 9, 9))


def test_a_lookup_at_a_date_gives_the_units_then_in_force(registry: Registry) -> None:
    assert len(registry.reporting(END_2013)) == 37
    assert len(registry.reporting(date(2013, 9, 8))) == 36
    kinds = [u.kind for u in registry.reporting(END_2013)]
    assert kinds.count("district") + kinds.count("city") + kinds.count("town") == 13
    # Sở TT&TT merged into Sở KH&CN from 1/3/2025; districts abolished from 1/7/2025.
    assert "25.03" in registry.codes(date(2025, 2, 28))
    assert "25.03" not in registry.codes(date(2025, 3, 1))
    assert "25.04" in registry.codes(date(2025, 3, 1))
    assert not {"227", "231", "240"} & registry.codes(date(2025, 7, 1))
    assert {"227", "231", "240"} <= registry.codes(date(2025, 6, 30))
    assert registry.codes() >= registry.codes(END_2013)


def test_codes_are_strings_and_district_codes_official(registry: Registry) -> None:
    districts = {u.code: u.name for u in registry.at(END_2013) if u.parent == "25"}
    assert districts["227"] == "Thành phố Việt Trì"
    assert districts["240"] == "Huyện Tân Sơn"
    assert all(isinstance(code, str) for code in registry.codes())
    province = registry.get("25")
    assert province is not None
    assert province.kind == "province"


def test_unknown_names_get_the_nearest_units_as_suggestions(registry: Registry) -> None:
    assert registry.match("Sở Thông tin và Truyền hình", END_2013) is None
    suggested = registry.suggest("Sở Thông tin và Truyền hình", END_2013)
    assert len(suggested) == 3
    assert suggested[0].code == "25.03"
    assert registry.suggest("UBND huyện Hạ Hào", END_2013, n=1)[0].code == "231"
    # Only units in force are suggested.
    assert "25.21" not in {u.code for u in registry.suggest("Sở Ngoại vụ", date(2013, 1, 1), n=5)}


def test_an_ambiguous_name_matches_nothing(registry: Registry) -> None:
    # "Phú Thọ" alone is the province and the town: ictdata does not guess.
    assert registry.match("Phú Thọ", END_2013) is None


def test_a_malformed_registry_is_a_contract_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("name: x\nprovince: '1'\nunits:\n  - {code: '1', name: A}\n", encoding="utf-8")
    with pytest.raises(ContractError, match=r"valid_from|kind"):
        load_registry(str(path))
    dated = tmp_path / "dated.yaml"
    dated.write_text(
        "name: x\nprovince: '1'\nunits:\n  - {code: '1', name: A, kind: province,"
        " valid_from: '9/9/2013'}\n",
        encoding="utf-8",
    )
    with pytest.raises(ContractError, match="ISO date"):
        load_registry(str(dated))


# Old-style tone placement ("Hoà", "Thuỷ") for the new style the registry writes.
OLD_STYLE = {"òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ"} | {
    "ùy": "uỳ",
    "úy": "uý",
    "ủy": "uỷ",
    "ũy": "uỹ",
    "ụy": "uỵ",
}


def _respell(name: str, *, upper: bool, nfd: bool, old_style: bool, spaces: int) -> str:
    if old_style:
        for new, old in OLD_STYLE.items():
            name = name.replace(new, old)
    name = (" " * spaces).join(name.split(" "))
    name = name.upper() if upper else name
    return unicodedata.normalize("NFD", name) if nfd else name


@given(
    index=st.integers(min_value=0, max_value=37),
    upper=st.booleans(),
    nfd=st.booleans(),
    old_style=st.booleans(),
    spaces=st.integers(min_value=1, max_value=3),
)
def test_every_registered_name_matches_back_however_it_is_typed(
    *, index: int, upper: bool, nfd: bool, old_style: bool, spaces: int
) -> None:
    registry = load_registry("phu_tho")
    unit = registry.at(END_2013)[index]
    for name in unit.names:
        written = _respell(name, upper=upper, nfd=nfd, old_style=old_style, spaces=spaces)
        assert registry.match(written, END_2013) == unit, written


def test_codes_are_unique_and_parents_registered(tmp_path: Path) -> None:
    unit = "{{code: '{code}', name: A, kind: district, parent: {parent}, valid_from: '2008-01-01'}}"
    twice = tmp_path / "twice.yaml"
    body = "\n".join(f"  - {unit.format(code='1', parent='null')}" for _ in range(2))
    twice.write_text(f"name: x\nprovince: '1'\nunits:\n{body}\n", encoding="utf-8")
    with pytest.raises(ContractError, match="named twice"):
        load_registry(str(twice))
    orphan = tmp_path / "orphan.yaml"
    orphan.write_text(
        f"name: x\nprovince: '1'\nunits:\n  - {unit.format(code='2', parent='9')}\n",
        encoding="utf-8",
    )
    with pytest.raises(ContractError, match="parents not in the registry"):
        load_registry(str(orphan))
