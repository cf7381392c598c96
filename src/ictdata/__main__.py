"""`python -m ictdata`: the same as the `ictdata` command."""

import sys

from ictdata.cli import main

if __name__ == "__main__":  # worker processes import this module too: only the parent runs
    sys.exit(main())
