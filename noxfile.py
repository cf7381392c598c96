"""Developer sessions: `nox -s tests lint typecheck demo`."""

from __future__ import annotations

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
def fixtures(session: nox.Session) -> None:
    """Rebuild the fixture files from the committed generator."""
    session.install("-e", ".[test]", "msoffcrypto-tool")
    session.run("python", "fixtures/make_fixtures.py")
