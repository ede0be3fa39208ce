"""Push statements to a Learning Record Store (`salesplay export --lrs URL`).

Statements go to the LRS's statements resource in batches, with the xAPI version header and
HTTP Basic credentials. A busy or failing LRS (429, 5xx, no answer) is retried with backoff.
A resend of statements the LRS already has is success (it answers 200 or 204 and files them
once, since statement ids are stable). What each LRS accepted is remembered in the progress
file, so the next push sends only new statements. Credentials never appear in any message.
"""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from game.errors import GameError, UsageError
from game.store import database, writer

XAPI_VERSION = "1.0.3"
BATCH = 200
ATTEMPTS = 5
FIRST_PAUSE = 0.5
TIMEOUT = 30
RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}


@dataclass(frozen=True, slots=True)
class PushResult:
    endpoint: str
    total: int  # statements in the export
    known: int  # already sent to this LRS before (not sent again)
    sent: int  # sent now
    batches: int
    had: int  # of those sent, how many the LRS already had (a resend)
    remembered: bool  # False when the progress file could not note what was sent

    def summary(self) -> str:
        text = (
            f"Sent {self.sent} xAPI statement{'s' if self.sent != 1 else ''} to {self.endpoint} "
            f"in {self.batches} batch{'es' if self.batches != 1 else ''}"
        )
        if self.had:
            text += f" ({self.had} the LRS already had)"
        text += f"; {self.known} were sent before and were skipped."
        if not self.remembered:
            text += " The progress file could not note what was sent, so the next push resends it."
        return text


class LrsError(GameError):
    """The LRS refused the statements or could not be reached (exit 1)."""


def endpoint(url: str) -> tuple[str, tuple[str, str] | None]:
    """The statements resource of the LRS at `url` and any user:password written in it."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(
            "--lrs must be the web address of your LRS's xAPI endpoint, such as "
            f"https://lrs.example.com/xAPI/, not '{_without_credentials(url)}'."
        )
    creds = None
    if parts.username is not None:
        creds = (parts.username, parts.password or "")
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
    path = parts.path.rstrip("/")
    if not path.endswith("/statements"):
        path += "/statements"
    return urlunsplit((parts.scheme, netloc, path, "", "")), creds


def _without_credentials(url: str) -> str:
    try:
        parts = urlsplit(url)
        if parts.username is None:
            return url
        host = (parts.hostname or "") + (f":{parts.port}" if parts.port else "")
        return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    except ValueError:
        return "(an address that cannot be read)"


Post = Callable[[str, bytes, dict], tuple[int, bytes]]


def http_post(url: str, body: bytes, headers: dict) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def push(
    store,
    statements: Sequence[dict],
    url: str,
    user: str | None,
    password: str | None,
    *,
    batch: int = BATCH,
    post: Post = http_post,
    sleep: Callable[[float], None] = time.sleep,
) -> PushResult:
    """Send the statements this LRS does not have yet; raises LrsError when it cannot."""
    target, in_url = endpoint(url)
    if in_url and not user:
        user, password = in_url
    if not user:
        raise UsageError(
            "the LRS needs credentials: give --lrs-user and --lrs-password, or set "
            "SALESPLAY_LRS_USER and SALESPLAY_LRS_PASSWORD."
        )
    known = {
        r[0] for r in store.query("SELECT statement_id FROM lrs_sent WHERE endpoint = ?", (target,))
    }
    fresh = [s for s in statements if s["id"] not in known]
    token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
    headers = {
        "Content-Type": "application/json",
        "X-Experience-API-Version": XAPI_VERSION,
        "Authorization": f"Basic {token}",
    }
    batches = had = 0
    remembered = True
    for start in range(0, len(fresh), max(1, batch)):
        chunk = fresh[start : start + batch]
        status = _send(target, json.dumps(chunk, ensure_ascii=False).encode(), headers, post, sleep)
        batches += 1
        if status == 204:
            had += len(chunk)  # every statement was there already: a resend
        remembered = _remember(store, target, [s["id"] for s in chunk]) and remembered
    return PushResult(
        target, len(statements), len(statements) - len(fresh), len(fresh), batches, had, remembered
    )


def _send(target: str, body: bytes, headers: dict, post: Post, sleep) -> int:
    pause = FIRST_PAUSE
    for attempt in range(1, ATTEMPTS + 1):
        try:
            status, answer = post(target, body, headers)
        except (OSError, urllib.error.URLError) as exc:
            reason = getattr(exc, "reason", exc)
            status, answer, why = None, b"", f"could not be reached ({reason})"
        else:
            if 200 <= status < 300:
                return status
            why = _refusal(status, answer)
            if status not in RETRY_STATUS:
                raise LrsError(f"The LRS at {target} {why}")
        if attempt == ATTEMPTS:
            raise LrsError(f"The LRS at {target} {why}, after {ATTEMPTS} tries. Try again later.")
        sleep(pause)
        pause *= 2
    raise AssertionError("unreachable")


def _refusal(status: int, answer: bytes) -> str:
    detail = answer.decode("utf-8", "replace").strip()[:300]
    if status in (401, 403):
        return (
            f"refused the credentials (HTTP {status}). Check --lrs-user and --lrs-password "
            "(or SALESPLAY_LRS_USER and SALESPLAY_LRS_PASSWORD)."
        )
    if status == 409:
        return (
            f"already holds different statements under the same ids (HTTP 409): {detail}. "
            "Was another --base used before? Each base gives its own ids."
        )
    return f"answered HTTP {status}" + (f": {detail}" if detail else "")


def _remember(store, target: str, ids: list[str]) -> bool:
    if not store.saving:
        return False
    at = database.now()
    try:
        writer.transaction(
            store._db,
            lambda db: db.executemany(
                "INSERT OR IGNORE INTO lrs_sent(endpoint, statement_id, sent_at) VALUES (?, ?, ?)",
                [(target, i, at) for i in ids],
            ),
            store.retry_seconds,
        )
    except writer.WriteFailure:
        return False
    return True
