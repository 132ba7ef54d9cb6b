"""Shared pytest options: --update-golden rewrites whole-article golden files (never in CI).

A test run started in the background by a non-interactive shell (``make test &``, ``nohup``) inherits
Ctrl-C ignored (SIG_IGN), and so would every ``kg`` process the tests start: the tests that press Ctrl-C
(tests/query/test_timeout.py, tests/reliability) would see nothing happen. The run restores Python's
default handler first, so that they test ``kg``, not how the run was started.
"""
from __future__ import annotations

import os
import signal

import pytest


def pytest_configure(config: pytest.Config) -> None:
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/articles/*.facts.yaml from the current extractor output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    flag = bool(request.config.getoption("--update-golden"))
    if flag and os.environ.get("CI"):
        pytest.fail("--update-golden is refused in CI: review golden changes on a developer machine")
    return flag
