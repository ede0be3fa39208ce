"""Workshop setup: the scenario, 2 to 8 teams with names and colours, the timer, how votes come in.

Arrows move between rows; ◀ ▶ change the focused setting or colour; typing edits the focused
team's name. The facilitator can also click everything.
"""

from __future__ import annotations

from contextlib import suppress

import pygame

from game.engine.workshop import MAX_TEAMS, MIN_TEAMS
from game.errors import SaveError
from game.store.rounds import open_rounds, resume_round, start_round
from game.ui import intents as I
from game.ui.scene import Scene
from game.ui.widgets import Button, Buttons, panel
from game.ui.workshop.look import Look, top_bar
from game.ui.workshop.phones import start_link
from game.ui.workshop.room import (
    CLICKS,
    DEFAULT_NAMES,
    KEY_BLOCKS,
    KEYS,
    PHONES,
    TEAM_COLOURS,
    TIMER_STEPS,
    Room,
    Team,
    keys_fit,
    most_choices,
)

MAX_NAME = 18
METHOD_WORDS = {
    KEYS: "Team keys on one keyboard (secret)",
    CLICKS: "The facilitator clicks",
    PHONES: "Phones on the room's network",
}
METHODS = (KEYS, CLICKS, PHONES)


def timer_words(seconds: int) -> str:
    if seconds <= 0:
        return "No timer"
    return f"{seconds // 60}:{seconds % 60:02d}" if seconds >= 60 else f"{seconds} s"


class Setting(Button):
    """A row whose value ◀ ▶ (or a click) changes."""

    def __init__(self, title: str, step, data=None):
        super().__init__("", lambda: step(1), data=data)
        self.title = title
        self.step = step
        self.value = ""

    def draw(self, surface, look, focused: bool, role: str = "body") -> None:
        pal, st, kit = look.pal, look.stage, look.kit
        r = self.rect
        panel(
            surface,
            look,
            r,
            fill=pal.raised if focused else pal.panel,
            border=pal.accent if focused else pal.border,
            width=3 if focused else 1,
            radius=10,
        )
        inner = r.inflate(-st.px(28), -st.px(6))
        kit.box(
            surface,
            self.title,
            "regular",
            look.px("caption"),
            pal.muted,
            pygame.Rect(inner.left, inner.top, inner.width, inner.height // 2),
            valign="middle",
        )
        kit.box(
            surface,
            f"◀  {self.value}  ▶" if focused else self.value,
            "semibold",
            look.px("caption"),
            pal.text,
            pygame.Rect(inner.left, inner.centery, inner.width, inner.height // 2),
            valign="middle",
            min_px=look.px("caption"),  # a long title ends in … rather than shrink unread
        )


class Swatch(Button):
    """A team's colour; a click or ◀ ▶ moves to the next colour no other team has."""

    def draw(self, surface, look, focused: bool, role: str = "body") -> None:
        pal, st = look.pal, look.stage
        r = self.rect
        team = self.data
        panel(
            surface,
            look,
            r,
            fill=pal.raised if focused else pal.panel,
            border=pal.accent if focused else pal.border,
            width=3 if focused else 1,
            radius=10,
        )
        pygame.draw.circle(surface, team.rgb, r.center, min(r.width, r.height) // 2 - st.px(8))


class NameField(Button):
    """A team's name; typing edits it while it has the focus."""

    def draw(self, surface, look, focused: bool, role: str = "body") -> None:
        pal, st, kit = look.pal, look.stage, look.kit
        r = self.rect
        team = self.data
        panel(
            surface,
            look,
            r,
            fill=pal.stage,
            border=pal.accent if focused else pal.border,
            width=3 if focused else 1,
            radius=10,
        )
        inner = r.inflate(-st.px(24), -st.px(6))
        text = team.name + ("|" if focused else "")
        cap = look.px("caption")
        name = inner
        if self.hint:
            # The colour and keys keep their own part of the row (at most half), the name
            # the rest: a long name wraps there instead of running under them.
            hint_w = min(kit.size(self.hint, "regular", cap)[0], inner.width // 2)
            name = pygame.Rect(
                inner.left, inner.top, inner.width - hint_w - st.px(16), inner.height
            )
            kit.box(
                surface,
                self.hint,
                "regular",
                cap,
                pal.muted,
                pygame.Rect(inner.right - hint_w, inner.top, hint_w, inner.height),
                align="right",
                valign="middle",
            )
        kit.box(surface, text, "semibold", cap, pal.text, name, valign="middle")


class WorkshopSetup(Scene):
    name = "workshop-setup"

    def __init__(
        self,
        app,
        scenarios,
        *,
        chosen=None,
        teams=None,
        timer: int = 90,
        method: str = KEYS,
        host: str = "127.0.0.1",
        port: int = 8765,
    ):
        super().__init__(app)
        self.look = Look(app)
        self.scenarios = list(scenarios)
        self.pick = 0
        for i, sc in enumerate(self.scenarios):
            if chosen is not None and sc.id == chosen.id:
                self.pick = i
        names = list(teams or [])[:MAX_TEAMS]
        for spare in DEFAULT_NAMES:  # a room has at least two teams
            if len(names) >= MIN_TEAMS:
                break
            if spare.casefold() not in {n.casefold() for n in names}:
                names.append(spare)
        self.teams = [Team(n, i % len(TEAM_COLOURS)) for i, n in enumerate(names)]
        self.timer = timer
        self.method = method
        self.host, self.port = host, port  # where phones reach the room, when they vote
        self.round = None  # the round open above this screen, while its phones are served
        self.problem = ""
        self.buttons = Buttons()
        self.rebuild(focus_start=True)

    @property
    def scenario(self):
        return self.scenarios[self.pick]

    # ----- the rows ---------------------------------------------------------------------
    def rebuild(self, focus_start: bool = False) -> None:
        focused = self.buttons.focused
        self.scenario_row = Setting("Scenario", self.step_scenario)
        self.timer_row = Setting("Discussion timer per decision", self.step_timer)
        self.method_row = Setting("Votes", self.step_method)
        self.contrast_row = Setting("Projector contrast", self.step_contrast)
        self.rows = [self.scenario_row, self.timer_row, self.method_row, self.contrast_row]
        self.team_rows = []
        keys_ok = self.method == KEYS and keys_fit(self.scenario, len(self.teams))
        count = most_choices(self.scenario)
        for i, team in enumerate(self.teams):
            keys = " ".join(KEY_BLOCKS[i][:count]).upper()
            hint = TEAM_COLOURS[team.colour][0] + (f" · keys {keys}" if keys_ok else "")
            self.team_rows.append(
                (
                    Swatch(
                        TEAM_COLOURS[team.colour][0],
                        lambda t=team: self.step_colour(t, 1),
                        data=team,
                    ),
                    NameField(team.name, None, data=team, hint=hint),
                )
            )
        self.add_button = Button(
            "Add a team", self.add_team, hint="+", enabled=len(self.teams) < MAX_TEAMS
        )
        self.remove_button = Button(
            "Remove the last team", self.remove_team, enabled=len(self.teams) > MIN_TEAMS
        )
        self.start_button = Button("Start the workshop", self.start, hint="⏎", kind="primary")
        self.open_round = self.find_open_round()
        self.resume_button = None
        if self.open_round is not None:
            done = len(self.open_round.decisions)
            self.resume_button = Button(
                f"Resume the interrupted round ({done} decision{'s' if done != 1 else ''} in)",
                self.resume_round,
                hint="R",
            )
        items: list[Button] = list(self.rows)
        for swatch, field in self.team_rows:
            items += [swatch, field]
        items += [self.add_button, self.remove_button, self.start_button]
        if self.resume_button is not None:
            items.append(self.resume_button)
        self.refresh_values()
        old_focus, old_count = self.buttons.focus, len(self.buttons)
        if focus_start or focused is None:
            focus = len(items) - 1
        elif old_count - old_focus <= 3:  # add, remove or start: keep it as teams come and go
            focus = min(len(items) - 1, len(items) - (old_count - old_focus))
        else:
            focus = old_focus  # settings and team rows keep their places
        self.buttons.set(items, focus)
        self.layout(self.app.stage)

    def refresh_values(self) -> None:
        sc = self.scenario
        self.scenario_row.value = sc.title
        self.timer_row.value = timer_words(self.timer)
        fits = keys_fit(sc, len(self.teams))
        method = self.method if fits or self.method != KEYS else CLICKS
        self.method_row.value = METHOD_WORDS[method]
        self.contrast_row.value = "High contrast" if self.app.settings.high_contrast else "Standard"
        self.problem = (
            ""
            if fits or self.method != KEYS
            else (
                f"Team keys fit {self.fitting_teams()} teams for this scenario "
                f"(up to {most_choices(sc)} choices); the facilitator clicks votes instead."
            )
        )

    def fitting_teams(self) -> int:
        need = most_choices(self.scenario)
        return sum(1 for b in KEY_BLOCKS if len(b) >= need)

    # ----- changes ----------------------------------------------------------------------
    def step_scenario(self, d: int) -> None:
        self.pick = (self.pick + d) % len(self.scenarios)
        self.rebuild()

    def step_timer(self, d: int) -> None:
        steps = list(TIMER_STEPS)
        i = steps.index(self.timer) if self.timer in steps else steps.index(90)
        self.timer = steps[(i + d) % len(steps)]
        self.refresh_values()

    def step_method(self, d: int) -> None:
        self.method = METHODS[(METHODS.index(self.method) + d) % len(METHODS)]
        self.rebuild()

    def step_contrast(self, d: int) -> None:
        self.app.settings.high_contrast = not self.app.settings.high_contrast
        self.app.relayout()
        self.refresh_values()

    def step_colour(self, team: Team, d: int) -> None:
        taken = {t.colour for t in self.teams if t is not team}
        c = team.colour
        for _ in range(len(TEAM_COLOURS)):
            c = (c + d) % len(TEAM_COLOURS)
            if c not in taken:
                break
        team.colour = c
        self.rebuild()

    def add_team(self) -> None:
        if len(self.teams) >= MAX_TEAMS:
            return
        used = {t.colour for t in self.teams}
        names = {t.name.casefold() for t in self.teams}
        colour = next(i for i in range(len(TEAM_COLOURS)) if i not in used)
        name = next(
            (n for n in DEFAULT_NAMES if n.casefold() not in names), f"Team {len(self.teams) + 1}"
        )
        self.teams.append(Team(name, colour))
        self.rebuild()

    def remove_team(self) -> None:
        if len(self.teams) > MIN_TEAMS:
            self.teams.pop()
            self.rebuild()

    def name_problem(self) -> str:
        seen = set()
        for t in self.teams:
            if not t.name.strip():
                return "Every team needs a name."
            if t.name.strip().casefold() in seen:
                return f"Two teams are called {t.name.strip()}; give each its own name."
            seen.add(t.name.strip().casefold())
        return ""

    def start(self) -> None:
        problem = self.name_problem()
        if problem:
            self.app.toast(problem)
            return
        for t in self.teams:
            t.name = t.name.strip()
        room = Room(
            self.scenario, [Team(t.name, t.colour) for t in self.teams], self.timer, self.method
        )
        store = getattr(self.app, "store", None)
        if store is not None:
            try:  # saved from the first vote on, so a crash loses nothing
                room.saved = start_round(store, room.workshop)
            except Exception as exc:
                self.app.toast(f"This round will not be saved ({exc}).", 6000)
        self.app.analyses.prefetch(self.scenario)  # the leader's path, ready by the scoreboard
        if self.method == PHONES:
            self.open_phones(room)
            return
        self.app.go("workshop-vote", room)

    def find_open_round(self):
        """The most recent interrupted round of the chosen scenario, if the store has one."""
        store = getattr(self.app, "store", None)
        if store is None:
            return None
        try:
            found = open_rounds(store, self.scenario.id)
        except Exception:
            return None
        return found[0] if found else None

    def enter(self) -> None:
        self.rebuild(focus_start=True)  # the store opens with the window: look for a round now

    def resume(self) -> None:
        self.stop_phones()  # back from a round: its server stops listening
        self.rebuild()  # the round may have finished, or been left

    def resume_round(self) -> None:
        """Carry on the interrupted round where it stopped: same teams, votes and path."""
        record = self.open_round
        if record is None:
            return
        try:
            saved = resume_round(self.app.store, record, self.scenario)
        except SaveError as exc:
            self.app.toast(str(exc), 8000)
            return
        teams = [Team(name, i % len(TEAM_COLOURS)) for i, name in enumerate(record.teams)]
        method = PHONES if saved.room else self.method  # a phones round goes on with its phones
        room = Room(self.scenario, teams, self.timer, method)
        room.workshop, room.saved = saved.workshop, saved
        self.app.analyses.prefetch(self.scenario)
        if method == PHONES:
            # The same room code, address and port, and every phone's token still works: the
            # phones find the room again by themselves, without scanning anything.
            self.open_phones(room, saved.room)
            return
        self.app.go("workshop-vote", room)

    def open_phones(self, room, saved: dict | None = None) -> None:
        """Listen for the room's phones (only while this round is open), then show how to join.

        A resumed round listens where it listened before; if that port is taken now, it
        listens on the setup's port with the same code and tokens (the phones scan again).
        """
        names = [t.name for t in room.teams]
        link, why = None, ""
        if saved and isinstance(saved.get("port"), int):
            link, why = start_link(names, str(saved.get("host") or self.host), saved["port"], saved)
        if link is None:
            link, again = start_link(names, self.host, self.port, saved)
            if link is not None and why:
                self.app.toast(f"{why} Listening on {link.url} instead: phones scan the code.")
            why = again
        room.phones = link
        if link is None:
            self.app.toast(why)
            return
        if room.saved is not None:
            link.keep = room.saved.keep_room  # from now on, every join is kept with the round
            with suppress(Exception):
                room.saved.keep_room(link.record())
        self.round = room
        self.app.go("workshop-join", room)

    def stop_phones(self) -> None:
        """The round above is over or left: its server stops listening."""
        if self.round is not None and self.round.phones is not None:
            self.round.phones.stop()
            self.round.phones = None
        self.round = None

    def exit(self) -> None:
        self.stop_phones()

    # ----- input ------------------------------------------------------------------------
    def handle(self, intent):
        k = intent.kind
        focused = self.buttons.focused
        if k == I.BACK:
            self.app.pop()
            return True
        if isinstance(focused, NameField):
            team = focused.data
            if k == I.CHAR or (k == I.CHOOSE and intent.text):
                if len(team.name) < MAX_NAME:
                    team.name += intent.text
                return True
            if k == I.ERASE:
                team.name = team.name[:-1]
                return True
        elif k == I.CHAR and intent.text == "+":
            self.add_team()
            return True
        elif k == I.CHAR and intent.text.lower() == "r" and self.resume_button is not None:
            self.resume_round()
            return True
        if k in (I.LEFT, I.RIGHT):
            d = 1 if k == I.RIGHT else -1
            if isinstance(focused, Setting):
                focused.step(d)
                return True
            if isinstance(focused, Swatch) and k == I.LEFT:
                self.step_colour(focused.data, -1)
                return True
        if k == I.CONFIRM and isinstance(focused, NameField):
            self.buttons.focus = self.buttons.items.index(self.start_button)
            return True
        return self.buttons.handle(intent)

    # ----- layout and drawing -----------------------------------------------------------
    def layout(self, stage) -> None:
        st = stage
        for i, row in enumerate(self.rows):
            row.rect = st.rect(24, 124 + i * 92, 560, 80)
        n = len(self.team_rows)
        h = min(60.0, (470 - 8 * (n - 1)) / max(1, n))
        for i, (swatch, field) in enumerate(self.team_rows):
            y = 124 + i * (h + 8)
            swatch.rect = st.rect(620, y, 72, h)
            field.rect = st.rect(702, y, 554, h)
        self.add_button.rect = st.rect(620, 604, 300, 50)
        self.remove_button.rect = st.rect(932, 604, 324, 50)
        self.start_button.rect = st.rect(24, 604, 560, 96)
        if self.resume_button is not None:
            self.start_button.rect = st.rect(24, 604, 272, 96)
            self.resume_button.rect = st.rect(308, 604, 276, 96)

    def draw(self, surface) -> None:
        look, st, pal, kit = self.look, self.app.stage, self.app.pal, self.app.kit
        top_bar(surface, look, "Workshop · Set up the room", f"{len(self.teams)} teams")
        kit.box(
            surface,
            "The room",
            "bold",
            look.px("caption"),
            pal.muted,
            st.rect(24, 78, 560, 40),
            valign="middle",
        )
        kit.box(
            surface,
            "Teams: a name and a colour each",
            "bold",
            look.px("caption"),
            pal.muted,
            st.rect(620, 78, 636, 40),
            valign="middle",
        )
        focus = self.buttons.focused
        for b in self.buttons:
            if b is self.start_button:
                continue
            b.draw(surface, look, b is focus, "caption")
        self.start_button.draw(surface, look, focus is self.start_button, "body")
        if self.problem:
            kit.box(
                surface,
                self.problem,
                "regular",
                look.px("caption"),
                pal.warning,
                st.rect(24, 494, 560, 100),
                valign="middle",
            )
        else:
            hint = (
                "Each team presses its own keys; the screen shows only who has locked in."
                if self.method == KEYS
                else "Click each team's choice under its chip; the screen shows only who is in."
            )
            kit.box(
                surface,
                hint,
                "regular",
                look.px("caption"),
                pal.muted,
                st.rect(24, 494, 560, 100),
                valign="middle",
            )
