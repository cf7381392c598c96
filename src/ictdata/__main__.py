"""`python -m ictdata`: the same as the `ictdata` command."""

from ictdata.cli import run

if __name__ == "__main__":  # worker processes import this module too: only the parent runs
    run()
