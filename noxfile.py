"""Developer sessions: `nox -s tests lint typecheck demo`."""

from __future__ import annotations

from pathlib import Path

import nox

nox.options.sessions = ["lint", "typecheck", "tests"]
nox.options.default_venv_backend = "venv"
PYTHON = ["3.11"]


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite (unit tests, fixture expectations, doctests, hygiene)."""
    session.install("-e", ".[test]")
    session.run("python", "-m", "pytest", *session.posargs)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Ruff: lint and formatting."""
    session.install("-e", ".[test]")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """Mypy, strict, over the package, the tests, the fixture generator and this file."""
    session.install("-e", ".[test]", "nox")
    session.run("mypy")


@nox.session(python=PYTHON)
def demo(session: nox.Session) -> None:
    """The main job on the bundled fixtures: report every planted fault, write marts to marts/."""
    session.install(".")
    session.run("ictdata", "build", "fixtures", "--out", "marts", success_codes=[0, 1, 2])
    session.run(
        "ictdata", "check", "--format", "json", "--lang", "en", "fixtures/broken", success_codes=[1]
    )


@nox.session(python=PYTHON)
def fuzz(session: nox.Session) -> None:
    """Longer fuzzing campaigns: random workbooks, hostile files, the number and words parsers."""
    session.install("-e", ".[test]")
    examples = session.posargs[0] if session.posargs else "1000"
    session.run(
        "python",
        "-m",
        "pytest",
        "tests/test_fuzz.py",
        "tests/read/test_numbers.py",
        "tests/read/test_words.py",
        "-p",
        "no:cacheprovider",
        env={"ICTDATA_FUZZ_EXAMPLES": examples},
    )


@nox.session(python=PYTHON)
def fixtures(session: nox.Session) -> None:
    """Rebuild the fixture files from the committed generator."""
    session.install("-e", ".[test]", "msoffcrypto-tool")
    session.run("python", "fixtures/make_fixtures.py")


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Time ictdata against the floor (fastexcel alone) and the peers; print and save the table.

    The peers (pandas + pandera, frictionless) get a virtualenv of their own, so that
    pandas never sits beside the ictdata being timed (pandera would import it).
    """
    session.install(".", "XlsxWriter")
    peers = Path(session.create_tmp()) / "peers"
    if not (peers / "bin/python").exists():
        session.run("python", "-m", "venv", str(peers))
        pip = str(peers / "bin/pip")
        session.run(
            pip,
            "install",
            "-q",
            "pandas",
            "pandera",
            "frictionless",
            "openpyxl",
            "fastexcel",
            "polars",
            external=True,
        )
    runs = session.posargs[0] if session.posargs else "5"
    session.run("python", "bench/run.py", "--runs", runs, "--peers", str(peers / "bin/python"))
