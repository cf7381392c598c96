"""`python -m ictdata`: the same as the `ictdata` command."""

import sys

from ictdata.cli import main

sys.exit(main())
