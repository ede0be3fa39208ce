"""A tiny HTTP client for the room's JSON API, as a phone's script uses it (standard library)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request


def call(url: str, method: str, path: str, body=None, token: str | None = None, raw=None):
    """(status, decoded JSON or None, headers) for one request; never raises on an HTTP status."""
    data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    request = urllib.request.Request(url + path, method=method, data=data)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token is not None:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status, decode(reply.read()), dict(reply.headers)
    except urllib.error.HTTPError as error:
        return error.code, decode(error.read()), dict(error.headers)


def decode(content: bytes):
    try:
        return json.loads(content)
    except ValueError:
        return None


class Phone:
    """One phone: joins a team, reads the state, votes."""

    def __init__(self, url: str, code: str, team: str):
        self.url = url
        status, data, _ = call(url, "POST", "api/join", {"code": code, "team": team})
        assert status == 200, data
        self.token = data["token"]

    def state(self, after: str | None = None) -> dict:
        path = "api/state" + (f"?after={after}" if after else "")
        status, data, _ = call(self.url, "GET", path, token=self.token)
        assert status == 200, data
        return data

    def vote(self, choice: str):
        return call(self.url, "POST", "api/vote", {"choice": choice}, token=self.token)

    def wait_for(self, test, rounds: int = 20) -> dict:
        """Long-poll until `test(state)` holds (each poll returns on any change, or in 25 s)."""
        state = self.state()
        for _ in range(rounds):
            if test(state):
                return state
            state = self.state(after=state["version"])
        raise AssertionError(f"the room never reached the wanted state; last: {state}")
