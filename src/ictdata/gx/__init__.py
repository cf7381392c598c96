"""The marts' quality gate: great_expectations suites built from the contracts in schemas/.

`validate_marts(path, docs=None)` checks a folder written by `ictdata build` and
returns a `GateResult`. Importing this package loads nothing heavy: the gate's
modules load on first use, and great_expectations (the `gx` extra) only when it runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ictdata.gx.gate import GateResult, Outcome, validate_marts

__all__ = ["GateResult", "Outcome", "validate_marts"]


def __getattr__(name: str) -> Any:  # noqa: ANN401  (the gate's public names, loaded lazily)
    if name in __all__:
        from ictdata.gx import gate  # noqa: PLC0415

        return getattr(gate, name)
    msg = f"module 'ictdata.gx' has no attribute {name!r}"
    raise AttributeError(msg)
