"""The phone page in a real browser: headless Chromium (Debian's package), driven by Playwright.

Two teams join on two phones, vote, change a vote, see the reveal and the leaderboard; a
room that restarts mid-round (the window crashed and resumed) gets its phones back on their
teams by themselves. Skips without Chromium on a developer's machine; fails under CI=true.
Set SALESPLAY_SHOTS=DIR to keep the screenshots (390×844, a phone's screen).
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest

from game.server.server import RoomServer
from game.server.view import voting_view
from tests.server.conftest import Round, spec_scenario

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 390, "height": 844}
WAIT_MS = 10_000


def playwright_or_skip():
    why = None
    if not os.path.exists(CHROMIUM):
        why = "Chromium is not installed (apt-get install chromium)"
    else:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            why = "Playwright for Python is not installed (pip install -e '.[test]')"
    if why:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the phone-page test must run in CI: {why}")
        pytest.skip(why)
    return sync_playwright


@pytest.fixture
def browser(tmp_path):
    sync_playwright = playwright_or_skip()
    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            yield launched
        finally:
            launched.close()


def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    return page


def shot(page, tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path))
    keep = os.environ.get("SALESPLAY_SHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / path.name)


def test_two_teams_vote_from_their_phones_and_see_the_reveal(browser, tmp_path):
    from playwright.sync_api import expect

    room = Round(["Falcons", "<img src=x onerror=alert(1)>"])
    falcons, owls = phone(browser), phone(browser)
    falcons.goto(f"{room.url}?code={room.code}")  # as the QR code opens it
    falcons.get_by_role("button", name="Falcons").click()
    owls.goto(room.url)  # typed by hand
    owls.fill("#code", room.code.lower().replace("-", " "))
    owls.get_by_role("button", name="Next").click()
    owls.get_by_role("button", name="<img src=x onerror=alert(1)>").click()
    expect(owls.locator("#who")).to_contain_text("<img src=x onerror=alert(1)>")
    assert owls.locator("header img").count() == 0  # a name is text, never markup

    choices = falcons.locator(".choice")
    expect(choices).to_have_count(3)
    expect(falcons.locator("#say")).to_contain_text("18% over Acme")
    choices.nth(0).click()
    expect(falcons.locator(".choice.mine")).to_have_attribute("data-choice", "match")
    choices.nth(1).click()  # the team changes its mind before the reveal
    expect(falcons.locator(".choice.mine")).to_have_attribute("data-choice", "cost_of_delay")
    expect(falcons.locator("#team-line")).to_contain_text("Team vote: 2")
    expect(owls.locator(".choice.mine")).to_have_count(0)  # nothing of the Falcons' vote
    shot(falcons, tmp_path, "phone-vote")

    owls.locator(".choice").nth(0).click()  # every team is in: the reveal, then decision 2
    expect(falcons.locator("#progress")).to_contain_text("decision 2")
    expect(falcons.locator("#result")).to_be_visible()
    expect(falcons.locator("#points")).to_have_text("+5 points")
    expect(owls.locator("#points")).to_have_text("−3 points")
    expect(falcons.locator("#room-took")).to_contain_text("The room took")  # a tie: match
    expect(falcons.locator("#ranks li")).to_have_count(2)
    expect(falcons.locator("#ranks li").first).to_contain_text("Falcons")
    expect(owls.locator("#ranks li.us .move")).to_have_text("new")  # the first standings
    shot(falcons, tmp_path, "phone-reveal")

    for page in (falcons, owls):
        page.locator(".choice").nth(1).click()  # 'I'll take another 5% off': the end
    expect(falcons.locator("#ending-title")).to_have_text("Won on price")
    shot(owls, tmp_path, "phone-end")
    room.wait()
    assert room.workshop.decisions[0].votes == ("cost_of_delay", "match")


def test_phones_find_their_team_again_when_the_room_restarts(browser, tmp_path):
    from playwright.sync_api import expect

    workshop_scenario = spec_scenario()
    from game.engine.workshop import Workshop

    workshop = Workshop(workshop_scenario, ["Falcons", "Owls"])
    first = RoomServer(workshop.teams).start()
    first.publish(voting_view(workshop, 1))
    page = phone(browser)
    page.goto(f"{first.url}?code={first.code}")
    page.get_by_role("button", name="Owls").click()
    expect(page.locator(".choice")).to_have_count(3)
    page.locator(".choice").nth(2).click()
    expect(page.locator(".choice.mine")).to_have_attribute("data-choice", "c3")

    code, port = first.code, first.port
    first.stop()  # the window went down mid-round
    expect(page.locator("#banner")).to_have_text("Reconnecting…")
    shot(page, tmp_path, "phone-reconnecting")

    again = RoomServer(workshop.teams, port=port, code=code).start()  # resumed: same code
    try:
        again.publish(voting_view(workshop, 1))
        expect(page.locator("#banner")).to_be_hidden(timeout=20_000)
        expect(page.locator("#who")).to_contain_text("Owls · 1 phone")
        expect(page.locator(".choice")).to_have_count(3)
        deadline = time.monotonic() + 5
        while again.room.phone_counts() != [0, 1] and time.monotonic() < deadline:
            time.sleep(0.05)
        assert again.room.phone_counts() == [0, 1]
        page.locator(".choice").nth(0).click()
        expect(page.locator(".choice.mine")).to_have_attribute("data-choice", "match")
        assert again.room.team_vote(1) == "match"
    finally:
        again.stop()


def test_two_phones_follow_the_clock_the_standings_and_the_podium(browser, tmp_path):
    """With the projector's window: the clock pauses on the phones, the standings after each
    reveal say who rose and fell (each phone's own team highlighted), and at the end each
    phone shows its team's final rank and points."""
    from playwright.sync_api import expect

    from game.content.loader import load_scenario
    from game.ui.app import App
    from game.ui.demo import Demo
    from game.ui.workshop.room import PHONES
    from game.ui.workshop.setup import WorkshopSetup
    from tests.helpers import SPEC_EXAMPLE
    from tests.server.test_server_projector import pump_until

    scenario = load_scenario(str(SPEC_EXAMPLE)).scenario
    app = App([str(SPEC_EXAMPLE)], size=(1920, 1080), use_store=False)
    setup = WorkshopSetup(
        app, [scenario], chosen=scenario, teams=["Falcons", "Owls"], timer=90, method=PHONES, port=0
    )
    app.start(setup)
    demo = Demo(app, None)
    try:
        demo.press("return")
        link = app.scenes.top.link
        falcons, owls = phone(browser), phone(browser)
        for page, team in ((falcons, "Falcons"), (owls, "Owls")):
            page.goto(link.server.join_url)
            page.get_by_role("button", name=team).click()
            expect(page.locator("#wait")).to_be_visible()
        pump_until(app, lambda: link.counts == [1, 1])
        demo.press("return")

        expect(falcons.locator("#clock")).to_have_text(re.compile(r"^1:[23]\d$"))
        demo.press("space")  # the facilitator pauses: the phones' clocks stop too
        expect(falcons.locator("#clock")).to_contain_text("Paused · 1:")
        demo.press("space")
        expect(falcons.locator("#clock")).not_to_contain_text("Paused")

        def decide(falcon_pick: int, owl_pick: int) -> None:
            vote = app.scenes.top
            assert vote.name == "workshop-vote"
            for page, pick in ((falcons, falcon_pick), (owls, owl_pick)):
                page.locator(".choice").nth(pick).click()
                expect(page.locator(".choice.mine")).to_have_count(1)
            pump_until(app, lambda: vote.all_in)
            demo.press("return")  # the reveal
            demo.press("return")  # the standings, or the podium after the last

        decide(2, 0)  # the feature list, a match: the Falcons lead
        assert app.scenes.top.name == "workshop-standings"
        expect(falcons.locator("#ranks li.us .move")).to_have_text("new")
        demo.press("return")
        decide(1, 0)  # another 5% off, the cost of the cheaper option: the Owls go ahead
        expect(owls.locator("#ranks li.us")).to_contain_text("Owls")
        expect(owls.locator("#ranks li.us .move")).to_have_text("▲1")
        expect(falcons.locator("#ranks li.us .move")).to_have_text("▼1")
        expect(falcons.locator("#ranks li").first).to_contain_text("Owls")
        shot(falcons, tmp_path, "phone-standings")
        demo.press("return")
        decide(0, 0)  # the only answer left: a discount
        demo.press("return")
        decide(1, 1)  # another 5% off: won on price
        assert app.scenes.top.name == "workshop-podium"
        expect(owls.locator("#final-rank")).to_have_text("1st of 2")
        expect(owls.locator("#final-points")).to_have_text("−11 points")
        expect(falcons.locator("#final-rank")).to_have_text("2nd of 2")
        expect(falcons.locator("#ending-title")).to_have_text("Won on price")
        shot(owls, tmp_path, "phone-final")
    finally:
        setup.stop_phones()
        app.close()
