"""The end of the round: the teams ranked, each with its tag profile, the room's path beside the
leader's path, and the results exported as CSV and JSON to a folder the facilitator types.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from game.content.model import COMMODITY, LEADING, TIMEOUT
from game.engine.workshop import export_results
from game.errors import GameError
from game.ui import intents as I
from game.ui.scene import Scene
from game.ui.theme import TAG_ICONS, signed
from game.ui.widgets import Button, Buttons, panel
from game.ui.workshop.look import Look, ending_words, team_row, top_bar

PROFILE_LEAD, PROFILE_PRICE = LEADING, COMMODITY  # the model's tag groups
DEFAULT_FOLDER = "workshop-results"


def said(scenario, node_id: str, choice_id: str) -> str:
    if choice_id == TIMEOUT:
        return "(let the clock run out)"
    choice = scenario.nodes[node_id].choice(choice_id)
    return f"“{choice.text}”" if choice else choice_id


class FolderField(Button):
    """Where the results go; typing edits it while it has the focus."""

    def draw(self, surface, look, focused: bool, role: str = "body") -> None:
        pal, st, kit = look.pal, look.stage, look.kit
        r = self.rect
        panel(
            surface,
            look,
            r,
            fill=pal.stage,
            border=pal.accent if focused else pal.border,
            width=3 if focused else 1,
            radius=10,
        )
        kit.box(
            surface,
            self.label + ("|" if focused else ""),
            "regular",
            look.px("caption"),
            pal.text,
            r.inflate(-st.px(20), -st.px(6)),
            valign="middle",
        )


class Scoreboard(Scene):
    name = "workshop-scoreboard"

    def __init__(self, app, room, folder: str | None = None):
        super().__init__(app)
        self.look = Look(app)
        self.room = room
        self.workshop = room.workshop
        self.standings = self.workshop.standings()
        self.leader = app.analyses.get(room.scenario).best  # the scorecard's leader's path
        self.folder = FolderField(folder or str(Path.cwd() / DEFAULT_FOLDER), None)
        self.export_button = Button("Export CSV and JSON", self.export, hint="⏎", kind="primary")
        self.again_button = Button("New round", self.again, hint="N")
        self.close_button = Button("Close", self.close, hint="Esc")
        self.buttons = Buttons(
            [self.folder, self.export_button, self.again_button, self.close_button], focus=1
        )
        self.message = ""
        self.saved: tuple[Path, Path] | None = None
        self.closing = False
        self.starting_again = False
        self.rects: dict[str, pygame.Rect] = {}

    # ----- actions ----------------------------------------------------------------------
    def export(self) -> None:
        times = self.room.saved.times() if self.room.saved is not None else ()
        try:
            csv_path, json_path = export_results(
                self.workshop, self.folder.label.strip() or ".", times=times
            )
        except GameError as exc:
            self.saved, self.message = None, str(exc)
            return
        self.saved = (csv_path, json_path)
        if self.room.saved is not None:
            self.room.saved.mark_exported()
        self.message = f"Saved: {csv_path.stem}.csv/.json"  # a new name: nothing overwritten

    def again(self) -> None:
        if self.saved is None and not self.starting_again:
            self.starting_again = True  # the results would leave the screen: say so once
            self.app.toast(
                "The results are not exported yet. Press N again for a new round anyway."
            )
            return
        self.app.back_to("workshop-setup")
        if self.app.scenes.top.name != "workshop-setup":
            self.close()

    def before_quit(self) -> bool:
        """Closing the window asks too, once, while the results are not exported."""
        if self.saved is None and not self.closing:
            self.closing = True
            self.app.toast("The results are not exported yet. Close again to leave anyway.")
            return False
        return True

    def close(self) -> None:
        if self.saved is None and not self.closing:
            self.closing = True  # the results would be lost: say so once
            self.app.toast("The results are not exported yet. Close again to leave anyway.")
            return
        self.app.running = False

    def handle(self, intent):
        k = intent.kind
        if k == I.BACK:
            self.close()
            return True
        if self.buttons.focused is self.folder:
            if k == I.CHAR or (k == I.CHOOSE and intent.text):
                self.folder.label += intent.text
                return True
            if k == I.ERASE:
                self.folder.label = self.folder.label[:-1]
                return True
            if k == I.CONFIRM:
                self.export()
                return True
        elif k == I.CHAR and intent.text.lower() == "n":
            self.again()
            return True
        return self.buttons.handle(intent)

    # ----- layout and drawing -----------------------------------------------------------
    def layout(self, stage) -> None:
        st = stage
        self.rects = {
            "board": st.rect(24, 76, 640, 548),
            "paths": st.rect(680, 76, 576, 392),
            "export": st.rect(680, 480, 576, 144),
        }
        self.folder.rect = st.rect(696, 520, 544, 46)
        self.export_button.rect = st.rect(696, 574, 300, 44)
        self.again_button.rect = st.rect(680, 640, 280, 56)
        self.close_button.rect = st.rect(976, 640, 280, 56)

    def draw(self, surface) -> None:
        look = self.look
        state = self.workshop.state
        right = ""
        if state.finished:
            right = ending_words(self.room.scenario, state)
        top_bar(surface, look, f"{self.room.scenario.title} · Scoreboard", right)
        self.draw_board(surface, self.rects["board"])
        self.draw_paths(surface, self.rects["paths"])
        self.draw_export(surface, self.rects["export"])
        focus = self.buttons.focused
        for b in self.buttons:
            if b is not self.folder:
                b.draw(surface, look, b is focus, "caption")

    def draw_board(self, surface, box) -> None:
        look, st, pal, kit = self.look, self.app.stage, self.app.pal, self.app.kit
        panel(surface, look, box)
        inner = box.inflate(-st.px(24), -st.px(20))
        cap = look.px("caption")
        legend = (
            " ".join(f"{TAG_ICONS[t]} {t}" for t in PROFILE_LEAD)
            + "   vs   "
            + " ".join(f"{TAG_ICONS[t]} {t}" for t in PROFILE_PRICE)
        )
        kit.box(
            surface,
            legend,
            "regular",
            cap,
            pal.muted,
            pygame.Rect(inner.left, inner.top, inner.width, st.px(30)),
            valign="middle",
        )
        n = max(1, len(self.standings))
        top = inner.top + st.px(38)
        h = min(st.px(64), (inner.bottom - top - st.px(6) * (n - 1)) // n)
        for i, s in enumerate(self.standings):
            team = self.room.teams[s.team]
            row = pygame.Rect(inner.left, top + i * (h + st.px(6)), inner.width, h)
            x = team_row(surface, look, row, team.rgb, s.rank == 1, band=12, radius=10)
            kit.box(
                surface,
                str(s.rank),
                "bold",
                look.px("body"),
                pal.text,
                pygame.Rect(x, row.top, st.px(36), row.height),
                valign="middle",
            )
            x += st.px(40)
            kit.box(
                surface,
                team.name,
                "bold",
                cap,
                pal.text,
                pygame.Rect(x, row.top, st.px(170), row.height),
                valign="middle",
            )
            x += st.px(176)
            score_w = st.px(84)
            prof = pygame.Rect(x, row.top, row.right - x - score_w - st.px(10), row.height)
            self.draw_profile(surface, s.tags, prof)
            kit.box(
                surface,
                signed(s.score),
                "bold",
                look.px("body"),
                pal.text,
                pygame.Rect(row.right - score_w - st.px(10), row.top, score_w, row.height),
                align="right",
                valign="middle",
            )

    def draw_profile(self, surface, tags, box) -> None:
        """Counts with icons: the leadership tags in the gain colour, price ones in the loss colour."""
        look, st, pal, kit = self.look, self.app.stage, self.app.pal, self.app.kit
        cap = look.px("caption")
        x = box.left
        for group, colour in ((PROFILE_LEAD, pal.gain), (PROFILE_PRICE, pal.loss)):
            for t in group:
                text = f"{TAG_ICONS[t]}{tags.get(t, 0)}"
                w = kit.size(text, "semibold", cap)[0]
                if x + w > box.right:
                    return
                kit.line(
                    surface,
                    text,
                    "semibold",
                    cap,
                    colour if tags.get(t, 0) else pal.muted,
                    (x, box.centery),
                    anchor="midleft",
                )
                x += w + st.px(12)
            x += st.px(14)

    def steps(self):
        """(room, leader): each a list of (node, choice id) per decision."""
        room = [(d.node, d.taken) for d in self.workshop.decisions]
        leader = (
            []
            if self.leader is None
            else list(zip(self.leader.path, self.leader.choices, strict=False))
        )
        return room, leader

    def departure(self) -> int | None:
        """The index of the first decision where the room left the leader's path, or None."""
        room, leader = self.steps()
        for i, step in enumerate(room):
            if i >= len(leader) or step != leader[i]:
                return i
        return None

    def draw_paths(self, surface, box) -> None:
        look, st, pal, kit = self.look, self.app.stage, self.app.pal, self.app.kit
        sc = self.room.scenario
        panel(surface, look, box)
        inner = box.inflate(-st.px(24), -st.px(20))
        cap = look.px("caption")
        room, leader = self.steps()
        state = self.workshop.state
        room_end = sc.nodes[state.ending].ending.title if state.finished else "not finished"
        lanes = [("The room", room, room_end, pal.text)]
        if self.leader is not None:
            lead_end = (
                f"{sc.nodes[self.leader.ending].ending.title} · {signed(self.leader.score)} points"
            )
            lanes.append(("The leader", leader, lead_end, pal.accent))
        off = self.departure()
        y = inner.top
        for name, steps, ending, colour in lanes:
            kit.box(
                surface,
                f"{name} → {ending}",
                "bold",
                cap,
                colour,
                pygame.Rect(inner.left, y, inner.width, st.px(32)),
                valign="middle",
            )
            y += st.px(36)
            self.draw_dots(
                surface,
                steps,
                name == "The room",
                off,
                pygame.Rect(inner.left, y, inner.width, st.px(40)),
            )
            y += st.px(52)
        note = pygame.Rect(inner.left, y, inner.width, inner.bottom - y)
        if self.leader is None:
            text = "This scenario has no single best path to compare with."
        elif off is None and len(room) == len(leader):
            text = "The room took the leader's path all the way."
        elif off is None:
            text = f"The room followed the leader for {len(room)} decisions."
        else:
            said_room = said(sc, *room[off])
            said_lead = said(sc, *leader[off]) if off < len(leader) else "(the leader had finished)"
            text = (
                f"Decision {off + 1} is where the paths part.\nThe room: {said_room}\n"
                f"The leader: {said_lead}"
            )
        kit.box(surface, text, "regular", cap, pal.text, note, min_px=st.px(11))

    def draw_dots(self, surface, steps, is_room: bool, off, lane) -> None:
        """One numbered dot per decision: filled while on the leader's path, hollow once off it."""
        look, st, pal, kit = self.look, self.app.stage, self.app.pal, self.app.kit
        if not steps:
            kit.box(
                surface,
                "No decisions yet",
                "regular",
                look.px("caption"),
                pal.muted,
                lane,
                valign="middle",
            )
            return
        pitch = min(st.px(48), lane.width // len(steps))
        r = max(st.px(6), min(lane.height // 2, pitch // 2 - st.px(3)))
        for i in range(len(steps)):
            c = (lane.left + i * pitch + pitch // 2, lane.centery)
            on_path = not is_room or off is None or i < off
            colour = pal.accent if not is_room else pal.gain if on_path else pal.loss
            if i:
                pygame.draw.line(
                    surface, pal.border, (c[0] - pitch + r, c[1]), (c[0] - r, c[1]), st.px(2)
                )
            if on_path:
                pygame.draw.circle(surface, colour, c, r)
                ink = pal.on_accent
            else:
                pygame.draw.circle(surface, colour, c, r, width=max(2, st.px(3)))
                ink = pal.text
            kit.line(surface, str(i + 1), "bold", max(8, int(r * 1.1)), ink, c, anchor="center")

    def draw_export(self, surface, box) -> None:
        look, st, pal, kit = self.look, self.app.stage, self.app.pal, self.app.kit
        panel(surface, look, box)
        ink = pal.gain if self.saved else pal.warning if self.message else pal.muted
        kit.box(
            surface,
            self.message or "Export the results to this folder",
            "semibold",
            look.px("caption"),
            ink,
            pygame.Rect(box.left + st.px(16), box.top + st.px(6), box.width - st.px(32), st.px(30)),
            valign="middle",
        )
        self.folder.draw(surface, look, self.buttons.focused is self.folder)
