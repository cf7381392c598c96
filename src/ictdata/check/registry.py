"""Every check, by the issue code it raises: one registry for tables and statements."""

from __future__ import annotations

from collections.abc import Callable

from ictdata.check import row_totals, rules, statement_rules, unit_rules
from ictdata.check.codes import IssueCode
from ictdata.check.rules import RuleExprs
from ictdata.contracts.model import Rule

RULES: dict[IssueCode, Callable[[Rule], RuleExprs]] = {
    IssueCode.BAD_NUMBER: rules.bad_number,
    IssueCode.NEGATIVE_AMOUNT: rules.negative_amount,
    IssueCode.TOTAL_MISMATCH: rules.total_mismatch,
    IssueCode.OVER_ALLOCATION: rules.over_allocation,
    IssueCode.ROW_TOTAL_MISMATCH: row_totals.row_total_mismatch,
    IssueCode.SCALE_SLIP: rules.scale_slip,
    IssueCode.WORDS_MISMATCH: statement_rules.words_mismatch,
    IssueCode.MISSING_UNIT: statement_rules.missing_unit,
    IssueCode.PARTS_SUM_MISMATCH: statement_rules.parts_sum_mismatch,
    IssueCode.BAD_WORDS: statement_rules.bad_words,
    IssueCode.FOREIGN_CURRENCY: statement_rules.foreign_currency,
    IssueCode.PERCENT_OUT_OF_RANGE: unit_rules.percent_out_of_range,
    IssueCode.COUNT_NOT_WHOLE: unit_rules.count_not_whole,
    IssueCode.PART_EXCEEDS_WHOLE: unit_rules.part_exceeds_whole,
    IssueCode.PERCENT_MISMATCH: unit_rules.percent_mismatch,
    IssueCode.LEVELS_SUM_MISMATCH: unit_rules.levels_sum_mismatch,
    IssueCode.PERIOD_MISMATCH: unit_rules.period_mismatch,
    IssueCode.UNKNOWN_UNIT: unit_rules.unknown_unit,
    IssueCode.UNIT_NOT_NAMED: unit_rules.unit_not_named,
    IssueCode.DUPLICATE_UNIT_REPORT: unit_rules.duplicate_unit_report,
}
# Rules judged across a batch once every file's own checks are known (a second validation).
BATCH_RULES = frozenset({IssueCode.DUPLICATE_UNIT_REPORT})
