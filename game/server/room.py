"""The room as phones see it: its code, one token per phone, each team's phones and votes.

No network and no threads here. The web app (`game.server.app`) calls these methods from its
own event loop; the window or the headless command publishes what the room shows
(`publish`) and reads back only the events the methods return (a phone joined, a team's vote
changed). Everything a phone sends is checked here, and every refusal says why.

A team's vote is its members' majority: each phone counts once with its latest vote, and a
tie goes to the tied choice whose standing vote came first (a phone that changes its vote
starts again at the back).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass, field

# Easy to read off a projector and type on a phone: no 0/O, 1/I/L, no vowels but A/E/U.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8  # 31**8 ≈ 8.5e11 codes, and wrong guesses are rate-limited per address
MAX_PHONES = 400  # phones in one room (bounds memory whatever is sent)
MAX_TEXT = 200  # longest choice id, team name or code a phone may send
RATE_PER_S, RATE_BURST = 10.0, 30.0  # per phone: a steady 10 requests a second, bursts of 30
WRONG_CODES_PER_MIN = 10  # per address: then joins are refused for the rest of the minute
MAX_ADDRESSES = 4096  # addresses remembered for the wrong-code limit

LOBBY, VOTING, REVEALED, FINISHED = "lobby", "voting", "revealed", "finished"


class Refusal(Exception):
    """A request the room refuses: an HTTP status and a sentence for the person holding the phone."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def normalise_code(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


def digest(token: str) -> str:
    # Phones are looked up by a hash of their token, so no comparison ever runs over the secret.
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


@dataclass(slots=True)
class Phone:
    team: int
    number: int  # 1-based, in the order phones joined the room
    allowance: float = RATE_BURST
    stamp: float = 0.0


@dataclass(slots=True)
class Vote:
    choice: str
    seq: int  # when this phone's standing vote was cast, in the room's order


@dataclass(slots=True)
class PhoneRoom:
    """The phones of one round. `view` is what the room shows now, as the controller published it."""

    teams: tuple[str, ...]
    code: str = ""
    clock: object = time.monotonic
    key: str = field(default_factory=lambda: secrets.token_hex(4))
    phones: dict[str, Phone] = field(default_factory=dict)
    votes: dict[str, Vote] = field(default_factory=dict)  # by phone digest, this ballot only
    view: dict = field(default_factory=lambda: {"phase": LOBBY, "ballot": 0})
    version: int = 0  # goes up whenever what every phone sees changes
    team_versions: list[int] = field(default_factory=list)  # ... or what one team sees
    wrong_codes: dict[str, tuple[float, int]] = field(default_factory=dict)
    seq: int = 0
    joined: int = 0
    published_at: float = 0.0  # the room's clock when the view came: the timer runs from here
    record: dict = field(default_factory=dict)  # what a resumed round needs (see `export`)

    def __post_init__(self):
        self.teams = tuple(self.teams)
        self.code = self.code or new_code()
        self.team_versions = [0] * len(self.teams)
        self.record = self.export()

    # ----- kept with the round, for resume --------------------------------------------
    def export(self) -> dict:
        """The room code, the tokens' round key and each phone's token digest, team and number.

        Digests only: the file that keeps them lets a resumed round know its phones again, and
        gives nobody a token. Rebuilt (a new dict) whenever the phones change, so another thread
        may read `record` at any time.
        """
        return {
            "code": self.code,
            "key": self.key,
            "phones": [[k, p.team, p.number] for k, p in self.phones.items()],
        }

    def restore(self, saved: dict) -> None:
        """Know the phones of a saved room again (a resumed round): same key, same tokens."""
        key = saved.get("key")
        if not isinstance(key, str) or not key.isalnum() or len(key) > 32:
            return
        self.key = key
        for entry in saved.get("phones", ())[:MAX_PHONES]:
            try:
                k, team, number = entry
            except (TypeError, ValueError):
                continue
            if isinstance(k, str) and isinstance(team, int) and 0 <= team < len(self.teams):
                self.phones[k] = Phone(team, int(number), stamp=self.clock())
                self.joined = max(self.joined, int(number))
        self.record = self.export()

    # ----- joining ---------------------------------------------------------------------
    def check_code(self, code, address: str) -> None:
        """Refuse a wrong room code (403), and an address that keeps guessing (429)."""
        now = self.clock()
        start, count = self.wrong_codes.get(address, (now, 0))
        if now - start >= 60:
            start, count = now, 0
        if count >= WRONG_CODES_PER_MIN:
            raise Refusal(429, "Too many wrong room codes from this device; wait a minute.")
        given = normalise_code(text(code, "code"))
        if not hmac.compare_digest(given.encode(), normalise_code(self.code).encode()):
            if len(self.wrong_codes) >= MAX_ADDRESSES:
                self.wrong_codes.clear()
            self.wrong_codes[address] = (start, count + 1)
            raise Refusal(403, "That is not this room's code: check the code on the projector.")

    def team_index(self, name) -> int:
        wanted = text(name, "team").strip().casefold()
        for i, team in enumerate(self.teams):
            if team.casefold() == wanted:
                return i
        raise Refusal(404, f"No team is called '{name}' in this room; pick one from the list.")

    def join(self, code, team, address: str, old_token: str | None = None) -> tuple[str, int]:
        """A phone joins a team: returns its new token and the team's index.

        A phone that already holds a token of this room moves to the new team instead of
        counting twice.
        """
        self.check_code(code, address)
        index = self.team_index(team)
        if old_token:
            old = self.phones.pop(digest(old_token), None)
            if old is not None:
                self.votes.pop(digest(old_token), None)
                self._team_changed(old.team)
        if len(self.phones) >= MAX_PHONES:
            raise Refusal(503, "The room is full; share a phone with your team.")
        token = f"{self.key}.{secrets.token_urlsafe(24)}"
        self.joined += 1
        self.phones[digest(token)] = Phone(index, self.joined, stamp=self.clock())
        self._team_changed(index)
        self.record = self.export()
        return token, index

    def assign(self, number: int, team: int) -> int | None:
        """The facilitator moves phone `number` to `team`; returns the team it left, or None.

        The phone keeps its token and learns its new team on its next request (a waiting long
        poll is woken); its vote on an open ballot goes, since it was its old team's.
        """
        if not 0 <= team < len(self.teams):
            return None
        for key, phone in self.phones.items():
            if phone.number == number and phone.team != team:
                old, phone.team = phone.team, team
                self.votes.pop(key, None)
                self._team_changed(old)
                self._team_changed(team)
                self.record = self.export()
                return old
        return None

    def phone_counts(self) -> list[int]:
        counts = [0] * len(self.teams)
        for phone in self.phones.values():
            counts[phone.team] += 1
        return counts

    # ----- who is asking ---------------------------------------------------------------
    def phone(self, authorization: str | None) -> tuple[str, Phone]:
        """The phone behind an `Authorization: Bearer TOKEN` header, after its rate limit."""
        if not authorization or not authorization.startswith("Bearer "):
            raise Refusal(401, "Join the room first: this request carries no phone token.")
        token = authorization[len("Bearer ") :].strip()
        if len(token) > MAX_TEXT or "." not in token:
            raise Refusal(403, "This phone token is not one the room gave out; join again.")
        if not hmac.compare_digest(token.split(".", 1)[0].encode(), self.key.encode()):
            raise Refusal(
                401,
                "This phone's token is not from this round (an earlier one has ended); join again.",
            )
        key = digest(token)
        phone = self.phones.get(key)
        if phone is None:
            raise Refusal(403, "This phone token is not one the room gave out; join again.")
        self.spend(phone)
        return key, phone

    def spend(self, phone: Phone) -> None:
        now = self.clock()
        phone.allowance = min(RATE_BURST, phone.allowance + (now - phone.stamp) * RATE_PER_S)
        phone.stamp = now
        if phone.allowance < 1:
            raise Refusal(429, "Too many requests from this phone; wait a moment.")
        phone.allowance -= 1

    # ----- what the room shows ---------------------------------------------------------
    def publish(self, view: dict) -> None:
        """The controller's new view; a new ballot clears every phone's vote."""
        if view.get("ballot") != self.view.get("ballot"):
            self.votes.clear()
        self.view = view
        self.published_at = self.clock()
        self.version += 1

    def timer(self) -> dict | None:
        """The discussion clock as it stands at this moment: what a phone counts down from.

        The view carries the clock as the laptop last set it (`left_ms`, `running`); a running
        clock has lost the time since it was published, so a phone that asks late still agrees
        with the projector.
        """
        timer = self.view.get("timer")
        if not timer:
            return None
        left = max(0, int(timer.get("left_ms", 0)))
        running = bool(timer.get("running")) and self.view.get("phase") == VOTING
        if running:
            left = max(0, left - int((self.clock() - self.published_at) * 1000))
        return {
            "seconds": timer.get("seconds", 0),
            "left": -(-left // 1000),
            "left_ms": left,
            "running": running and left > 0,
        }

    def team_vote(self, team: int) -> str | None:
        """The members' majority; a tie goes to the tied choice whose standing vote came first."""
        counts: dict[str, list[int]] = {}
        for key, vote in self.votes.items():
            if self.phones[key].team == team:
                entry = counts.setdefault(vote.choice, [0, vote.seq])
                entry[0] += 1
                entry[1] = min(entry[1], vote.seq)
        if not counts:
            return None
        return min(counts, key=lambda c: (-counts[c][0], counts[c][1]))

    def vote(self, key: str, phone: Phone, choice) -> tuple[int, str | None, int]:
        """Record a phone's vote; returns (team, the team's vote, its phones that voted)."""
        phase = self.view.get("phase")
        if phase != VOTING:
            if phase == LOBBY:
                raise Refusal(409, "No decision is open yet; wait for the facilitator.")
            raise Refusal(409, "The votes are closed: this decision has been revealed.")
        choice = text(choice, "choice")
        visible = [c["id"] for c in self.view.get("choices", ())]
        if choice not in visible:
            listed = ", ".join(visible)
            if choice in self.view.get("hidden", ()):
                raise Refusal(400, f"'{choice}' is hidden at this decision; vote for: {listed}.")
            raise Refusal(400, f"No choice '{choice}' here; vote for: {listed}.")
        standing = self.votes.get(key)
        if standing is None or standing.choice != choice:
            self.seq += 1
            self.votes[key] = Vote(choice, self.seq)
        self._team_changed(phone.team)
        voted = sum(1 for k in self.votes if self.phones[k].team == phone.team)
        return phone.team, self.team_vote(phone.team), voted

    def state(self, key: str, phone: Phone) -> dict:
        """What this phone may see: its own team only, until the reveal."""
        view, team = self.view, phone.team
        phase = view.get("phase", LOBBY)
        members = [k for k, p in self.phones.items() if p.team == team]
        mine = self.votes.get(key)
        out = {
            "version": self.etag(team),
            "phase": phase,
            "team": self.teams[team],
            "phones": len(members),
            "number": phone.number,
            "voted": sum(1 for k in members if k in self.votes),
            "decision": view.get("decision", 0),
            "decisions": view.get("decisions"),
            "title": view.get("title", ""),
            "buyer": view.get("buyer", ""),
            "node": view.get("node"),
            "say": view.get("say", ""),
            "narration": view.get("narration"),
            "choices": list(view.get("choices", ())) if phase == VOTING else [],
            "finished": phase == FINISHED,
            "mine": mine.choice if mine else None,
            "team_vote": self.team_vote(team) if phase == VOTING else None,
            "timer": self.timer(),
        }
        reveal = view.get("reveal")
        if reveal:
            own = reveal["teams"][team]
            out["reveal"] = {
                "decision": reveal["decision"],
                "taken": reveal["taken"],
                "taken_text": reveal["taken_text"],
                "reply": reveal.get("reply", ""),
                **own,
            }
        out["leaderboard"] = view.get("leaderboard")
        out["ending"] = view.get("ending")
        return out

    def etag(self, team: int) -> str:
        return f"{self.version}.{self.team_versions[team]}"

    def _team_changed(self, team: int) -> None:
        self.team_versions[team] += 1


def text(value, what: str) -> str:
    """A short string field, or a clear 400."""
    if not isinstance(value, str):
        raise Refusal(400, f"'{what}' must be text.")
    if not value.strip() or len(value) > MAX_TEXT:
        raise Refusal(400, f"'{what}' must be between 1 and {MAX_TEXT} characters.")
    return value
