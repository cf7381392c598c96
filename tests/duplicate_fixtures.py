"""The files of fixtures/duplicate_files: a submission and a statement, each sent twice."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DUPLICATES = FIXTURES / "duplicate_files"
TABLE = DUPLICATES / "bang_du_an_thanh_son.xlsx"
TABLE_COPY = DUPLICATES / "thu_dien_tu" / "bang_du_an_thanh_son.xlsx"  # after it in path order
STATEMENT = DUPLICATES / "to_trinh_kinh_phi.md"
STATEMENT_COPY = DUPLICATES / "to_trinh_kinh_phi_ban_sao.md"
