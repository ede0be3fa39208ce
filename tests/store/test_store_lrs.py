"""`export --lrs` pushes statements to a real Learning Record Store (Ralph) and remembers them."""

from __future__ import annotations

import sqlite3

import pytest
from lrs_server import PASSWORD, USER
from store_scenarios import TRUSTED_ADVISOR, WON_ON_PRICE, procurement_squeeze
from test_store_basics import play

from game.cli import main
from game.errors import UsageError
from game.store import open_store
from game.store.database import FILE_NAME
from game.store.lrs import LrsError, endpoint, push
from game.store.xapi import statements


@pytest.fixture
def data(tmp_path):
    with open_store(tmp_path) as store:
        play(store, "Ana", procurement_squeeze(), TRUSTED_ADVISOR)
        play(store, "Ben", procurement_squeeze(), WON_ON_PRICE)
        play(store, "Ana", procurement_squeeze(), ["match"], finish=False)
    return tmp_path


def lrs(capsys, data, url, *extra):
    code = main(["export", "--lrs", url, "--data-dir", str(data), *extra])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_push_sends_new_statements_once_and_a_resend_is_success(ralph, data, capsys, monkeypatch):
    url = ralph.url()
    with open_store(data) as store:
        expected = statements(store)
    monkeypatch.setenv("SALESPLAY_LRS_USER", USER)
    monkeypatch.setenv("SALESPLAY_LRS_PASSWORD", PASSWORD)
    code, out, err = lrs(capsys, data, url)
    assert code == 0, err
    assert f"Sent {len(expected)} xAPI statements" in err and "in 1 batch" in err
    assert PASSWORD not in out + err
    held = ralph.statements()
    assert {s["id"] for s in held} == {s["id"] for s in expected}

    code, _, err = lrs(capsys, data, url)  # remembered: nothing new to send
    assert code == 0 and "Sent 0 xAPI statements" in err
    assert f"{len(expected)} were sent before" in err

    db = sqlite3.connect(data / FILE_NAME)  # forget what was sent: a resend, in batches
    with db:
        db.execute("DELETE FROM lrs_sent")
    db.close()
    with open_store(data) as store:
        result = push(store, expected, url, USER, PASSWORD, batch=4)
    assert (result.sent, result.had, result.known) == (len(expected), len(expected), 0)
    assert result.batches == -(-len(expected) // 4)
    assert len(ralph.statements()) == len(held)  # filed once


def test_wrong_credentials_fail_clearly_without_printing_them(ralph, data, capsys):
    code, out, err = lrs(
        capsys, data, ralph.url(), "--lrs-user", USER, "--lrs-password", "wrong-secret-x9"
    )
    assert code == 1
    assert "refused the credentials (HTTP 401)" in err
    assert "wrong-secret-x9" not in out + err


def test_no_credentials_is_a_usage_error(data, capsys, monkeypatch):
    monkeypatch.delenv("SALESPLAY_LRS_USER", raising=False)
    code, _, err = lrs(capsys, data, "http://127.0.0.1:9/xAPI/")
    assert code == 2 and "SALESPLAY_LRS_USER" in err


def test_a_failing_lrs_is_retried_with_backoff(data):
    answers = [(503, b"busy"), (OSError("connection reset"), b""), (200, b"[]")]
    seen, pauses = [], []

    def post(url, body, headers):
        seen.append((url, headers))
        status, answer = answers.pop(0)
        if isinstance(status, Exception):
            raise status
        return status, answer

    with open_store(data) as store:
        result = push(
            store,
            statements(store),
            "https://lrs.example/xapi",
            "u",
            "p",
            post=post,
            sleep=pauses.append,
        )
    assert result.batches == 1 and result.sent > 0
    assert pauses == [0.5, 1.0]
    url, headers = seen[0]
    assert url == "https://lrs.example/xapi/statements"
    assert headers["X-Experience-API-Version"] == "1.0.3"
    assert headers["Authorization"].startswith("Basic ")


def test_an_lrs_that_keeps_failing_stops_with_the_reason_and_remembers_nothing(data):
    def post(url, body, headers):
        return 500, b"internal error"

    with open_store(data) as store:
        with pytest.raises(LrsError, match="HTTP 500.*after 5 tries"):
            push(
                store,
                statements(store),
                "https://lrs.example/",
                "u",
                "p",
                post=post,
                sleep=lambda s: None,
            )
        assert store.query("SELECT count(*) FROM lrs_sent") == [(0,)]


def test_credentials_in_the_address_are_used_and_never_shown():
    target, creds = endpoint("https://me:s3cret@lrs.example/data/xAPI")
    assert target == "https://lrs.example/data/xAPI/statements"
    assert creds == ("me", "s3cret")
    with pytest.raises(UsageError) as caught:
        endpoint("ftp://me:s3cret@lrs.example/")
    assert "s3cret" not in str(caught.value)
