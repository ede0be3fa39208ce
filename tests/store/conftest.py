"""Store tests: Ralph's LRS server boots while the other tests run, when LRS tests are chosen."""

from __future__ import annotations

import os

import pytest

_server = None


def pytest_collection_modifyitems(session, config, items):
    global _server
    if any("test_store_lrs.py" in item.nodeid for item in items):
        from lrs_server import Ralph, available

        if not available():
            _server = Ralph()


def pytest_sessionfinish(session, exitstatus):
    if _server is not None:
        _server.stop()


@pytest.fixture(scope="session")
def ralph():
    """The running Ralph LRS; skipped with the reason where Ralph is missing (failed in CI)."""
    from lrs_server import available

    why = available()
    if why:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must test against a real LRS: {why}")
        pytest.skip(why)
    assert _server is not None
    _server.url()
    return _server
