"""Years and dates in messages, the way each language writes them (a year is never grouped)."""

from __future__ import annotations

from datetime import date

from ictdata.check.issue import Figure
from ictdata.report.numbers import Lang

OPEN_END = ".."  # the open end of an ISO 8601 interval


def day_words(day: date, lang: Lang) -> str:
    """A date: 09/09/2013 in Vietnamese, 2013-09-09 in English.

    >>> day_words(date(2013, 9, 9), "vi"), day_words(date(2013, 9, 9), "en")
    ('09/09/2013', '2013-09-09')
    """
    return day.strftime("%d/%m/%Y") if lang == "vi" else day.isoformat()


def period_words(year: Figure | None, lang: Lang) -> str:
    """The period a check looked at: "năm 2012" / "for 2012", or the report's own period.

    >>> period_words(2012, "vi"), period_words(None, "en")
    ('năm 2012', 'for the reporting period')
    """
    if year is None:
        return "của kỳ báo cáo" if lang == "vi" else "for the reporting period"
    return f"năm {int(year)}" if lang == "vi" else f"for {int(year)}"


def validity_words(interval: str, lang: Lang) -> str:
    """When a registry unit exists, from an ISO 8601 interval (`2013-09-09/..`).

    >>> validity_words("2013-09-09/..", "vi")
    'có từ 09/09/2013'
    >>> validity_words("2008-01-01/2013-06-30", "en")
    'existed from 2008-01-01 to 2013-06-30'
    """
    start, _, end = interval.partition("/")
    since = day_words(date.fromisoformat(start), lang)
    if end in {"", OPEN_END}:
        return f"có từ {since}" if lang == "vi" else f"exists from {since}"
    until = day_words(date.fromisoformat(end), lang)
    return f"có từ {since} đến {until}" if lang == "vi" else f"existed from {since} to {until}"
