"""The starter scenario `salesplay new` writes: small, valid under `--strict`, and commented
so that a trainer learns the format by editing it."""

from __future__ import annotations

import json
import re
import unicodedata

TEMPLATE = """\
# yaml-language-server: $schema=scenario.schema.json
# {title_comment}: a Salesplay scenario.
# (The line above gives editors autocompletion and checks as you type; `salesplay new`
# writes scenario.schema.json beside this file, or run: salesplay schema > scenario.schema.json)
#
# Check it:       salesplay validate --strict {file}
# See its lesson: salesplay analyze {file}
# Draw it:        salesplay graph {file} --format mermaid
# Play it:        salesplay play {file}
#
# The lesson this starter teaches: bringing an insight the buyer lacked, and leading
# to an outcome, pays; matching a competitor's price wins a poorer deal, or none.
format: 1                 # the version of the scenario format; always 1 for now
id: {id}                  # unique, lower-case letters, digits and dashes
title: {title}
summary: >                # one line for the menu; `>` folds these lines into one paragraph
  {summary_title}: a renewal under price pressure, with a cheaper quote on the buyer's desk.
difficulty: 1             # 1 intro, 2 standard, 3 hard
minutes: 5                # about how long one play takes
buyer:                    # who the rep talks to in "{title_comment}": make them yours
  name: Jordan Lee
  role: Operations Director
  company: Example Freight
# Meters are the buyer's inner state. Choices change them with `effects:`; a meter at its
# `min` (or `max`) can send the conversation to a node, whatever the choice's `next` says.
meters:
  trust: {{start: 40, min: 0, max: 100, label: Trust}}
  patience: {{start: 2, min: 0, max: 3, label: Patience, on_min: walked_out}}
  # `on_max` works the same way at the top: with `on_max: trusted_advisor`, trust reaching
  # 100 would end the talk there at once.
# The default rubric scores tags (insight +3, outcome +3, leadership +2, discovery +1,
# feature -1, follower -2, commodity -2, price -3). Change a value or add your own tag:
# rubric:
#   discovery: 2
#   rapport: 1
start: opening            # the first node; it must be a decision
nodes:
  # A decision: what the buyer says, then 1 to 6 things the rep can say.
  opening:
    narration: Jordan has two quotes on the desk. Yours is on top, circled in red.
    say: Your renewal is twelve percent above the cheapest quote. Why should we stay?
    mood: skeptical       # neutral, interested, skeptical, annoyed, impressed or pleased
    choices:
      - id: ask_cost      # optional; choices without one are c1, c2, ... by position
        text: Before we compare quotes, what did last quarter's missed deliveries cost you?
        tags: [insight, discovery]   # scored by the rubric: insight +3, discovery +1
        # points: 5                  # would replace the tag sum for this choice (tags still count)
        effects: {{trust: 20}}
        feedback: >
          Jordan stops defending the spreadsheet and starts adding up penalties.
          You moved the talk from price to what is at stake.
        next: the_cost
      # The tempting commodity answer: every decision should have one, and it should cost.
      # Write it as long and as persuasive as the leader's: length must not give it away.
      - id: match_quote
        text: I can match the cheapest quote if you renew today.
        tags: [price]                # price -3: it teaches only if a rep would really say it
        effects: {{trust: -10}}
        set: [discounted]            # a flag: true from now on; conditions can test it
        feedback: >
          Jordan hears that you are the same as the cheapest supplier, only slower to
          admit it. The next question is what else you will give away.
        next: on_price
      - id: features
        text: Let me walk you through our new tracking features, starting with the live delay map.
        tags: [feature]
        effects: {{patience: -1}}      # at 0 patience, on_min sends the talk to walked_out
        feedback: >
          Jordan has heard the tour before. The features answer a question nobody asked,
          and the cheaper quote stays on top of the pile.
        next: opening
  the_cost:
    say: About thirty thousand a month in penalties and overtime. Why do you ask?
    mood: interested
    choices:
      - id: design_for_zero
        text: Then let's design for zero penalties, and judge the renewal against that.
        tags: [outcome, leadership]
        if: trust >= 60 and not discounted   # shown only when this holds
        feedback: >
          Jordan starts planning with you instead of against you. The renewal is now
          about thirty thousand a month saved, not twelve percent.
        next: trusted_advisor
      - id: ask_finance
        text: Who else feels those penalties? Does finance see them?
        tags: [discovery]
        if: not asked_finance        # or: not visited(some_node), true once it was entered
        set: [asked_finance]
        feedback: >
          Jordan names the CFO, who signs off the penalties every month. You now know
          who else cares about the outcome.
        next: the_cost
      - id: sharpen_price
        text: Good to know. I'll still sharpen our price to keep you.
        tags: [price, follower]
        feedback: >
          You found the problem, then walked away from it. Jordan takes the lower price
          and keeps the penalties.
        next: won_on_price
  on_price:
    say: Matched? Then what else can you take off?
    mood: annoyed
    time_limit: 20        # seconds to answer; when they run out, the talk goes to `timeout`
    timeout: walked_out
    choices:
      - id: another_cut
        text: I can take another five percent off, and add a free month of tracking, if you sign now.
        tags: [price]
        feedback: >
          The deal closes, and the margin goes with it. Next year Jordan will start
          from this price.
        next: won_on_price
      - id: reset
        text: Nothing more. Let me show you instead what the cheapest option costs you.
        tags: [leadership, insight]
        effects: {{trust: 20}}
        feedback: >
          You stopped the slide. Jordan listens, though the match you offered still
          hangs over the deal.
        next: the_cost
  # Endings: a result (won, lost or stalled), a title, and optional points and debrief.
  trusted_advisor:
    say: Send me that plan. I'll take it to the CFO myself.
    mood: pleased
    ending:
      result: won
      title: Trusted advisor
      points: 5
      debrief: You led with what the delays cost, and sold the outcome rather than the price.
  won_on_price:
    say: Fine. At that price, we'll renew.
    mood: neutral
    ending:
      result: won
      title: Won on price
      points: -2
      debrief: You kept the account and gave away the margin. Next year starts from this price.
  walked_out:
    say: I think we're done here.
    mood: annoyed
    ending:
      result: lost
      title: Walked out
      debrief: Jordan ran out of patience before hearing anything worth staying for.
"""


def slug(title: str) -> str:
    """A scenario id from a title: "The Price Match at St. Aldric's" -> 'the-price-match-at-st-aldrics'."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    plain = re.sub(r"(?<=\w)['\u2019](?=\w)", "", plain)  # apostrophes join: aldric's -> aldrics
    words = re.findall(r"[a-z0-9]+", plain.lower())
    return "-".join(words)[:60].strip("-") or "my-scenario"


def starter(title: str, file_name: str = "scenario.yaml") -> str:
    """The starter scenario's YAML text, titled `title`."""
    quoted = json.dumps(
        title, ensure_ascii=False
    )  # a JSON string is a valid YAML double-quoted one
    comment = " ".join(title.split())
    # The summary is a `>` block: any title stands in it as typed, `:` and `#` included.
    summary_title = comment
    return TEMPLATE.format(
        title=quoted,
        title_comment=comment,
        summary_title=summary_title,
        id=slug(title),
        file=file_name,
    )
