"""Shared pytest options: --update-golden rewrites whole-article golden files (never in CI)."""
from __future__ import annotations

import os

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/articles/*.facts.yaml from the current extractor output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    flag = bool(request.config.getoption("--update-golden"))
    if flag and os.environ.get("CI"):
        pytest.fail("--update-golden is refused in CI: review golden changes on a developer machine")
    return flag
