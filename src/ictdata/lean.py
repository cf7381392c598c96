"""Keep pandas (and numpy) out of the `ictdata check` process, installed or not.

pandera imports pandas (and numpy) whenever they are installed, for its pandas API, which
ictdata never uses: a CI image that carries pandas for other jobs paid 0.5 s more CPU per
`ictdata check`. In the command's own process, and only for commands that do not run
great_expectations (which needs pandas), pandas is made to look not installed: pandera
then takes its polars-only path. A library user's process is never touched.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence
    from importlib.machinery import ModuleSpec
    from types import ModuleType

# numpy too: pandera imports it first, for the same pandas API (0.15 s), and nothing the
# command runs needs it (polars and the Parquet writer do not).
_HIDDEN = ("pandas", "numpy")


class _NotInstalled:
    """Answer `import pandas` as Python does for a package that is not installed.

    A meta path finder by its `find_spec` alone: `importlib.abc` costs the command's start
    10 ms to import.
    """

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,  # noqa: ARG002  (the finder protocol's arguments)
        target: ModuleType | None = None,  # noqa: ARG002
    ) -> ModuleSpec | None:
        """Raise for pandas and its submodules; leave every other import to the next finder."""
        if fullname.partition(".")[0] in _HIDDEN:
            msg = f"No module named {fullname!r}"
            raise ModuleNotFoundError(msg, name=fullname)
        return None


def hide_pandas() -> None:
    """Make pandas and numpy look not installed in this process, unless one is imported."""
    if any(name in sys.modules for name in _HIDDEN) or any(
        isinstance(finder, _NotInstalled) for finder in sys.meta_path
    ):
        return
    sys.meta_path.insert(0, _NotInstalled())
