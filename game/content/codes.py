"""The catalogue of diagnostic codes: what each means, a minimal bad example, and the fix.

Codes are stable: trainers' CI may match on them. Every entry's example is loaded by a
parametrized test that checks the code comes out with the stated severity, and the authoring
guide's code reference is generated from this table.
"""

from __future__ import annotations

from dataclasses import dataclass

BASE = """\
format: 1
id: tiny
title: Tiny
summary: A two-node scenario.
buyer: {name: Ana Silva, role: Buyer}
meters:
  trust: {start: 5, min: 0, max: 10}
start: ask
nodes:
  ask:
    say: Why should we switch?
    choices:
      - text: Here is what your delays cost you last quarter.
        tags: [insight]
        effects: {trust: 1}
        feedback: She leans in and asks for the numbers.
        next: done
      - text: We can beat their price.
        tags: [price]
        feedback: She nods, and starts comparing you on price alone.
        next: done
  done:
    say: Send me the proposal.
    ending: {result: won, title: Won}
"""


def _with(old: str, new: str) -> str:
    assert old in BASE, old
    return BASE.replace(old, new, 1)


@dataclass(frozen=True)
class Code:
    code: str
    severity: str
    meaning: str
    fix: str
    snippet: str = ""  # the lines that matter, for the guide
    example: str | bytes | None = None  # a whole file that produces the code (None: see `meaning`)
    layer: str = "content"  # content (the loader) or engine (teaching checks that need analysis)


CODES: list[Code] = [
    Code(
        "file-unreadable",
        "error",
        "The path does not exist or cannot be read (exit code 2).",
        "Check the path and the file's permissions.",
    ),
    Code(
        "file-too-large",
        "error",
        "The file is over the 4 MiB limit; it is refused before parsing.",
        "Split it into smaller scenarios.",
        "(a file over 4 MiB)",
        "notes: " + "x" * (4 * 1024 * 1024) + "\n",
    ),
    Code(
        "not-utf8",
        "error",
        "The file has bytes that are not UTF-8.",
        "Save the file as UTF-8.",
        "title: Caf\\xe9 (Latin-1 bytes)",
        BASE.replace("Tiny", "Caf\xe9").encode("latin-1"),
    ),
    Code(
        "yaml-syntax",
        "error",
        "The YAML itself does not parse, in a way none of the codes below describes.",
        "Look at the line shown and the one before it: indentation, quotes, brackets.",
        "title: Tiny\n- summary",
        "title: Tiny\n- summary\n",
    ),
    Code(
        "yaml-needs-quotes",
        "error",
        "Text that YAML reads as something else: it holds `: ` or ` #`, or starts with one of "
        "`* & ! @ % [ { | >`, a backtick or a quote that closes before the text ends.",
        'Put the whole text in quotes: `say: "Honestly: no."`.',
        "say: Honestly: we are fine.",
        _with("say: Why should we switch?", "say: Honestly: why should we switch?"),
    ),
    Code(
        "yaml-unclosed-quote",
        "error",
        "A quote opens a text and never closes, so the rest of the file became part of it. "
        "Reported where the quote opens.",
        "Add the closing quote at the end of the text.",
        'say: "Why should we switch?',
        _with("say: Why should we switch?", 'say: "Why should we switch?'),
    ),
    Code(
        "yaml-tab",
        "error",
        "A tab character used for indentation; YAML counts spaces only.",
        "Use spaces, not tabs (set the editor to insert spaces).",
        "\tsay: Why should we switch?",
        _with("    say: Why should we switch?", "\tsay: Why should we switch?"),
    ),
    Code(
        "yaml-indentation",
        "error",
        "A key indented so that YAML reads it as part of the text above, or out of line with "
        "the keys around it.",
        "Line the key up with the other keys of its block.",
        "say: Why?\n     mood: annoyed",
        _with(
            "    say: Why should we switch?", "    say: Why should we switch?\n     mood: annoyed"
        ),
    ),
    Code(
        "yaml-unclosed-bracket",
        "error",
        "A `[` or `{` list or mapping that does not close where YAML expects.",
        "Close it on the same line; quote any item that is text with punctuation.",
        "tags: [insight",
        _with("tags: [insight]", "tags: [insight"),
    ),
    Code(
        "yaml-bad-character",
        "error",
        "A control character YAML does not allow.",
        "Delete it or retype the text around it.",
        "title: Ti\\x07ny",
        "title: Ti\x07ny\n",
    ),
    Code(
        "yaml-too-deep",
        "error",
        "Nesting deeper than 32 levels.",
        "Check brackets and indentation; a scenario needs about seven levels.",
        "x: [[[[ ... ]]]]",
        "x: " + "[" * 40 + "]" * 40 + "\n",
    ),
    Code(
        "yaml-multiple-documents",
        "error",
        "More than one YAML document (`---`) in the file.",
        "Keep one scenario per file.",
        "---\nformat: 1",
        BASE + "---\nformat: 1\n",
    ),
    Code(
        "yaml-anchor",
        "error",
        "An anchor (`&name`).",
        "Write the value out in full.",
        "buyer: &b {name: Ana Silva, role: Buyer}",
        _with("buyer: {", "buyer: &b {"),
    ),
    Code(
        "yaml-alias",
        "error",
        "An alias (`*name`).",
        "Write the value out in full.",
        "company: *b",
        _with("title: Tiny", "title: &t Tiny\nauthor: *t"),
    ),
    Code(
        "yaml-tag",
        "error",
        "An explicit tag such as `!!str`.",
        "Remove the tag: the key decides how a value is read.",
        "title: !!str Tiny",
        _with("title: Tiny", "title: !!str Tiny"),
    ),
    Code(
        "yaml-merge-key",
        "error",
        "A merge key (`<<`).",
        "Write the keys out in full.",
        "<<: {title: Tiny}",
        _with("title: Tiny", "title: Tiny\n<<: {author: Ana}"),
    ),
    Code(
        "empty-file",
        "error",
        "The file is empty or only comments.",
        "Start from `salesplay new`.",
        "# nothing yet",
        "# nothing yet\n",
    ),
    Code(
        "not-a-scenario",
        "error",
        "The top level is not a mapping of scenario keys.",
        "Start from `salesplay new`.",
        "- a list",
        "- a list\n- of things\n",
    ),
    Code(
        "wrong-type",
        "error",
        "A value has the wrong shape (text, list or mapping expected).",
        "Write the value in the shape the key takes.",
        "buyer: Ana Silva",
        _with("buyer: {name: Ana Silva, role: Buyer}", "buyer: Ana Silva"),
    ),
    Code(
        "duplicate-key",
        "error",
        "The same key twice in one mapping (YAML would keep only the last).",
        "Remove or rename one.",
        "title: Tiny\ntitle: Again",
        _with("title: Tiny", "title: Tiny\ntitle: Again"),
    ),
    Code(
        "tab-in-text",
        "warning",
        "A tab character inside a text. Salesplay reads it; many editors' YAML tools refuse it.",
        "Replace the tab with spaces.",
        "say: Why\\tshould we switch?",
        _with("say: Why should we switch?", "say: Why\tshould we switch?"),
    ),
    Code(
        "missing-dash",
        "error",
        "A choice's key appears a second time in the same choice: the next choice was written "
        "without its `- `, so YAML merged the two.",
        "Start the new choice with `- ` in front of its first key.",
        "  - text: A\n    next: done\n    text: B\n    next: done",
        _with(
            "        next: done\n      - text: We can beat their price.",
            "        next: done\n        text: We can beat their price.",
        ),
    ),
    Code(
        "key-in-text",
        "error",
        "A key such as `next:` is indented like the lines of a `>` or `|` text above it, so "
        "it became words of that text.",
        "Move the key left to line up with the other keys.",
        "feedback: >\n  She leans in.\n  next: done",
        _with(
            "        feedback: She leans in and asks for the numbers.\n        next: done",
            "        feedback: >\n          She leans in and asks for the numbers.\n          next: done",
        ),
    ),
    Code(
        "unknown-key",
        "error",
        "A key the format does not know, with a suggestion.",
        "Fix the spelling (the message suggests the closest key).",
        "efects: {trust: 1}",
        _with("effects: {trust: 1}", "efects: {trust: 1}"),
    ),
    Code(
        "missing-key",
        "error",
        "A required key is missing.",
        "Add it.",
        "(no summary:)",
        _with("summary: A two-node scenario.\n", ""),
    ),
    Code(
        "empty-text",
        "error",
        "A text value is empty, or is `null` or `~`, which YAML reads as no value.",
        "Write it, or remove an optional key.",
        "say: ''",
        _with("say: Send me the proposal.", "say: ''"),
    ),
    Code(
        "comment-cut-text",
        "warning",
        "YAML cut a text value at ` #`: the rest became a comment.",
        "Quote the whole text.",
        "say: We are your #1 partner",
        _with("say: Send me the proposal.", "say: Send it, you are now our #1 partner"),
    ),
    Code(
        "bad-integer",
        "error",
        "A number is not a plain whole number.",
        "Write digits only: no +, _, decimals, leading zeros or units.",
        "minutes: 7.5",
        _with("title: Tiny", "title: Tiny\nminutes: 7.5"),
    ),
    Code(
        "out-of-range",
        "error",
        "A number is outside its range.",
        "Pick a value in the range given.",
        "difficulty: 4",
        _with("title: Tiny", "title: Tiny\ndifficulty: 4"),
    ),
    Code(
        "unsupported-format",
        "error",
        "`format` is not a version this game reads.",
        "Write `format: 1`.",
        "format: 2",
        _with("format: 1", "format: 2"),
    ),
    Code(
        "bad-name",
        "error",
        "An id or name breaks its spelling rule.",
        "Use lower-case letters, digits and _ (ids of scenarios use -).",
        "Ask-Now:",
        BASE.replace("ask", "Ask-Now"),
    ),
    Code(
        "reserved-name",
        "error",
        "A name is a word conditions use (true, false, and, or, not, visited).",
        "Choose another name.",
        "visited:",
        BASE.replace("done", "visited"),
    ),
    Code(
        "reserved-choice-id",
        "error",
        "A choice id is `timeout` or c1, c2, ... (reserved).",
        "Choose another id.",
        "- id: c2",
        _with("      - text: We can beat", "      - id: c2\n        text: We can beat"),
    ),
    Code(
        "duplicate-scenario-id",
        "error",
        "Two files checked together share an id.",
        "Give each scenario its own id.",
    ),
    Code(
        "bad-value",
        "error",
        "A value is not one of the allowed words (mood, result, lang, setting, buyer look).",
        "Use one of the words listed in the message.",
        "mood: angry",
        _with("    say: Why should we switch?", "    say: Why should we switch?\n    mood: angry"),
    ),
    Code(
        "unknown-node",
        "error",
        "A reference names a node that does not exist.",
        "Fix the id (the message suggests the closest) or add the node.",
        "next: dnoe",
        _with("next: done\n      - text: We", "next: dnoe\n      - text: We"),
    ),
    Code(
        "start-is-ending",
        "error",
        "`start` names an ending.",
        "Start at a decision.",
        "start: done",
        _with("start: ask", "start: done"),
    ),
    Code(
        "node-both-kinds",
        "error",
        "A node has both `choices` and `ending`.",
        "Move the ending to its own node.",
        "ending: {...} beside choices:",
        _with("    choices:\n", "    ending: {result: won, title: Won}\n    choices:\n"),
    ),
    Code(
        "node-no-kind",
        "error",
        "A node has neither `choices` nor `ending`.",
        "Give it one of the two.",
        "done:\n  say: Deal.",
        _with("    ending: {result: won, title: Won}\n", ""),
    ),
    Code(
        "timer-on-ending",
        "error",
        "An ending has `time_limit` or `timeout`.",
        "Remove it.",
        "time_limit: 10 on an ending",
        _with(
            "    ending: {result: won, title: Won}",
            "    time_limit: 10\n    ending: {result: won, title: Won}",
        ),
    ),
    Code(
        "timer-pairing",
        "error",
        "`time_limit` without `timeout`, or the reverse.",
        "Add the missing half.",
        "time_limit: 30 (no timeout:)",
        _with(
            "    say: Why should we switch?", "    say: Why should we switch?\n    time_limit: 30"
        ),
    ),
    Code(
        "no-choices",
        "error",
        "A decision with an empty list of choices.",
        "Give it 1 to 6 choices.",
        "choices: []",
        _with(
            "  done:\n    say: Send me the proposal.\n    ending: {result: won, title: Won}",
            "  done:\n    say: Send me the proposal.\n    choices: []",
        ),
    ),
    Code(
        "too-many-choices",
        "error",
        "More than 6 choices at one node.",
        "Split the decision or cut options.",
        "(seven choices)",
        _with(
            "    choices:\n",
            "    choices:\n"
            + "".join(f"      - text: Option {i}.\n        next: done\n" for i in range(5)),
        ),
    ),
    Code(
        "too-many-examples",
        "error",
        "A choice lists more than 12 `examples`.",
        "Keep the 12 that sound most like your reps.",
        "examples: [(thirteen lines)]",
        _with(
            "        tags: [price]\n",
            "        tags: [price]\n        examples:\n"
            + "".join(f"          - We can beat their price, offer {i}.\n" for i in range(13)),
        ),
    ),
    Code(
        "example-too-long",
        "error",
        "An entry of a choice's `examples` is over 300 characters.",
        "Say it the way a rep would, shorter.",
        "examples: [(a 301-character line)]",
        _with(
            "        tags: [price]\n",
            "        tags: [price]\n        examples:\n          - " + "price " * 60 + "\n",
        ),
    ),
    Code(
        "duplicate-choice-id",
        "error",
        "Two choices of one node share an id.",
        "Make ids unique.",
        "- id: same ... - id: same",
        _with("      - text: Here", "      - id: same\n        text: Here").replace(
            "      - text: We can", "      - id: same\n        text: We can"
        ),
    ),
    Code(
        "duplicate-tag",
        "error",
        "A tag listed twice on one choice.",
        "Remove the repeat.",
        "tags: [insight, insight]",
        _with("tags: [insight]", "tags: [insight, insight]"),
    ),
    Code(
        "unknown-tag",
        "error",
        "A tag that is not in the rubric.",
        "Fix the spelling or add it under rubric:.",
        "tags: [insihgt]",
        _with("tags: [insight]", "tags: [insihgt]"),
    ),
    Code(
        "unknown-meter",
        "error",
        "An effect on a meter that is not declared.",
        "Declare it under meters:.",
        "effects: {trsut: 1}",
        _with("effects: {trust: 1}", "effects: {trsut: 1}"),
    ),
    Code(
        "zero-effect",
        "warning",
        "An effect of 0 does nothing.",
        "Remove it or give the change you meant.",
        "effects: {trust: 0}",
        _with("effects: {trust: 1}", "effects: {trust: 0}"),
    ),
    Code(
        "set-and-clear",
        "warning",
        "The same flag is set and cleared by one choice (it ends cleared).",
        "Keep only the one you mean.",
        "set: [asked]\nclear: [asked]",
        _with(
            "        effects: {trust: 1}",
            "        effects: {trust: 1}\n        set: [asked]\n        clear: [asked]",
        ),
    ),
    Code(
        "meter-range",
        "error",
        "A meter's numbers break min <= start <= max.",
        "Fix the three numbers.",
        "trust: {start: 50, min: 0, max: 10}",
        _with("{start: 5, min: 0, max: 10}", "{start: 50, min: 0, max: 10}"),
    ),
    Code(
        "name-clash",
        "error",
        "A name is both a meter and a flag.",
        "Rename the flag.",
        "set: [trust]",
        _with("        effects: {trust: 1}", "        effects: {trust: 1}\n        set: [trust]"),
    ),
    Code(
        "unused-rubric-tag",
        "warning",
        "A rubric tag no choice uses (likely a typo).",
        "Use it or remove it.",
        "rubric: {insigth: 4}",
        _with("start: ask", "rubric: {insigth: 4}\nstart: ask"),
    ),
    Code(
        "portrait-outside",
        "error",
        "A portrait path leaves the scenario's folder.",
        "Put the image beside the scenario and give a relative path.",
        "portrait: ../secret.png",
        _with("role: Buyer}", "role: Buyer, portrait: ../secret.png}"),
    ),
    Code(
        "portrait-missing",
        "warning",
        "The portrait image is missing, unreadable, empty, or not the kind of picture its "
        "name says (a text file called .png); a drawn portrait is used.",
        "Check the file name, or save the picture again as PNG or JPEG.",
        "portrait: portraits/ana.png",
        _with("role: Buyer}", "role: Buyer, portrait: portraits/nobody.png}"),
    ),
    Code(
        "condition-syntax",
        "error",
        "A condition does not parse (or uses characters conditions never use).",
        "Use meter and flag names, numbers, comparisons, and/or/not, visited(node), parentheses.",
        "if: __import__('os').system('id')",
        _with(
            "        next: done\n  done",
            "        if: __import__('os').system('id')\n        next: done\n  done",
        ),
    ),
    Code(
        "condition-operator",
        "error",
        "`=`, `&&`, `||` or `!` in a condition.",
        "Write ==, and, or, not.",
        "if: trust = 5",
        _with("        next: done\n  done", "        if: trust = 5\n        next: done\n  done"),
    ),
    Code(
        "condition-chain",
        "error",
        "A chained comparison such as `0 < trust < 5`.",
        "Write `0 < trust and trust < 5`.",
        "if: 0 < trust < 5",
        _with(
            "        next: done\n  done", "        if: 0 < trust < 5\n        next: done\n  done"
        ),
    ),
    Code(
        "condition-type",
        "error",
        "A condition mixes numbers and true/false (or is a bare meter).",
        "Compare meters with numbers; combine true/false with and/or/not.",
        "if: trust",
        _with("        next: done\n  done", "        if: trust\n        next: done\n  done"),
    ),
    Code(
        "condition-unknown-name",
        "error",
        "A condition names something that is not a meter or flag.",
        "Fix the spelling, declare the meter, or set the flag somewhere.",
        "if: trsut > 3",
        _with("        next: done\n  done", "        if: trsut > 3\n        next: done\n  done"),
    ),
    Code(
        "condition-unknown-node",
        "error",
        "`visited(...)` names a node that does not exist.",
        "Fix the node id.",
        "if: visited(aks)",
        _with("        next: done\n  done", "        if: visited(aks)\n        next: done\n  done"),
    ),
    Code(
        "condition-too-complex",
        "error",
        "A condition over 500 characters or nested over 32 levels.",
        "Simplify it, or use a flag.",
        "if: ((((((...))))))",
        _with(
            "        next: done\n  done",
            "        if: " + "(" * 40 + "true" + ")" * 40 + "\n        next: done\n  done",
        ),
    ),
    # Teaching-quality checks (game.engine.quality): warnings and info from `validate`.
    Code(
        "no-temptation",
        "warning",
        "A decision where no choice loses points: the rep cannot go wrong.",
        "Add the tempting commodity answer a rep would really give, tagged price, commodity or feature.",
        "tags: [discovery] on the price answer",
        BASE.replace("        tags: [price]\n", "        tags: [discovery]\n").replace(
            "We can beat their price.", "What would switching change for you?"
        ),
        "engine",
    ),
    Code(
        "price-untagged",
        "warning",
        "A choice reads as price talk (a discount, a price match, % off, "
        "cheaper, free months, the best price) but has no price or commodity tag.",
        "Tag it price (or commodity), or reword it if it is not about price.",
        "text: We can beat their price.\ntags: [feature]",
        _with("        tags: [price]\n", "        tags: [feature]\n"),
        "engine",
    ),
    Code(
        "judging-feedback",
        "warning",
        'Feedback that only judges ("Wrong", "Bad choice") instead of showing the consequence.',
        "Say what the buyer heard, felt or did next, and what it means for the deal.",
        "feedback: Wrong! Bad choice.",
        _with(
            "feedback: She nods, and starts comparing you on price alone.",
            "feedback: Wrong! Bad choice.",
        ),
        "engine",
    ),
    Code(
        "commodity-pays",
        "warning",
        "The best run that takes a price or commodity choice scores as much "
        "as the best run overall.",
        "Make price-led answers cost points, or lead them to a weaker ending.",
        "tags: [price]\npoints: 3",
        _with("        tags: [price]\n", "        tags: [price]\n        points: 3\n"),
        "engine",
    ),
    Code(
        "unreachable-node",
        "warning",
        "No run can reach this decision (checked over every reachable state).",
        "Point a choice's `next` at it, check the conditions on the way, or remove it.",
        "aside: (no choice leads here)",
        _with(
            "  done:\n",
            "  aside:\n    say: Unused.\n    choices:\n      - text: Back.\n"
            "        tags: [price]\n        feedback: She shrugs.\n        next: done\n  done:\n",
        ),
        "engine",
    ),
    Code(
        "unreachable-ending",
        "warning",
        "No run can reach this ending.",
        "Point a choice's `next` at it, check the conditions on the way, or remove it.",
        "lost: (an ending no choice leads to)",
        BASE + "  lost:\n    say: No.\n    ending: {result: lost, title: Lost}\n",
        "engine",
    ),
    Code(
        "answer-length-tell",
        "warning",
        "The answer that scores the most is also the longest in most decisions (more than "
        "half, counting decisions with two or more choices, three at least), or always choosing "
        "the longest answer reaches the best run's ending while other endings can be reached.",
        "Write the tempting answers as long and as persuasive as the leader's, or cut the "
        "leader's lines down.",
        "(the longest answer wins; the short price answer loses)",
        _with(
            "feedback: She nods, and starts comparing you on price alone.\n        next: done",
            "feedback: She nods, and starts comparing you on price alone.\n        next: lost",
        )
        + "  lost:\n    say: We'll go with Acme.\n    ending: {result: lost, title: Lost}\n",
        "engine",
    ),
    Code(
        "result-inversion",
        "warning",
        "A lost or stalled run scores at least as much as the lowest-scoring run that reaches "
        "the best run's ending, so the debrief would rate that loss as high as a win.",
        "Give the lost or stalled ending negative `points`, or make the choices that lead to it "
        "cost more.",
        "- text: Could I call you next month?\n  tags: [discovery]\n  next: later",
        _with(
            "  done:\n",
            "      - text: Before anything else, what would a good quarter look like for you?\n"
            "        tags: [discovery]\n        feedback: She says to call next month.\n"
            "        next: later\n  done:\n",
        )
        + "  later:\n    say: Call me next month.\n    ending: {result: stalled, title: Later}\n",
        "engine",
    ),
    Code(
        "buyer-ignores",
        "warning",
        "Three or more choices of one decision lead to the same node, so the buyer gives the "
        "same reply whatever the rep said and only the coach's note tells them apart.",
        "Give each answer its own reply node, or merge the answers.",
        "(three choices with `next: done`)",
        _with(
            "  done:\n",
            "      - text: Our platform has twelve features.\n        tags: [feature]\n"
            "        feedback: She waits for you to finish.\n        next: done\n  done:\n",
        ),
        "engine",
    ),
    Code(
        "commodity-gap",
        "warning",
        "The best run that takes a price or commodity choice scores fewer than 3 points below "
        "the best run, so leading with price costs almost nothing.",
        "Make price-led answers cost more, or lead them to a weaker ending.",
        "tags: [price]\npoints: 1",
        _with("        tags: [price]\n", "        tags: [price]\n        points: 1\n"),
        "engine",
    ),
    Code(
        "condition-never-holds",
        "warning",
        "No reachable state at the choice's node satisfies its condition, so the choice is "
        "never shown (for example `trust >= 80` when trust's max is 10).",
        "Change the condition, or the effects and flags that lead there, or remove the choice.",
        "if: trust >= 80",
        _with("        tags: [price]\n", "        tags: [price]\n        if: trust >= 80\n"),
        "engine",
    ),
    Code(
        "endless-loop",
        "warning",
        "A run can go round a loop for ever, so the conversation never has to end "
        "(`analyze` lists the loops).",
        "Bound the loop with a meter (patience, say, with `on_min`) or a visited() condition.",
        "next: ask (the choice leads back to its own node)",
        _with("        next: done\n  done", "        next: ask\n  done"),
        "engine",
    ),
    Code(
        "stuck-state",
        "warning",
        "A run can reach a decision where every choice is hidden and there is no time limit, "
        "so it cannot go on (`analyze` lists the stuck states).",
        "Add a choice without a condition, or a time limit with a `timeout`.",
        "again: (its only choice has `if: trust > 5`, and trust is 5)",
        _with("        next: done\n  done", "        next: again\n  done")
        + "  again:\n    say: Anything else?\n    choices:\n      - text: One more thing.\n"
        "        tags: [insight]\n        if: trust > 5\n        feedback: She listens.\n"
        "        next: done\n",
        "engine",
    ),
    Code(
        "greedy-wins",
        "info",
        "Taking the most points at every step is optimal, so no decision costs now and pays "
        "later (checked when some run makes two moves or more).",
        "Add a decision where the leader's answer costs something now (a hard question that "
        "lowers trust) and earns more later.",
        "(the best answer at every step is also the best run)",
        _with("next: done\n      - text: We", "next: numbers\n      - text: We")
        + "  numbers:\n    say: Forty thousand a month.\n    choices:\n"
        "      - text: Then let's design for zero.\n        tags: [outcome]\n"
        "        feedback: She asks how.\n        next: done\n"
        "      - text: I'll see what discount I can get.\n        tags: [price]\n"
        "        feedback: She sighs.\n        next: done\n",
        "engine",
    ),
    Code(
        "missing-feedback",
        "info",
        "A choice has no feedback, so the debrief has nothing to show for it.",
        "Add `feedback:` showing what the answer led to.",
        "(no feedback: under a choice)",
        _with("        feedback: She leans in and asks for the numbers.\n", ""),
        "engine",
    ),
]

CODES.append(
    Code(
        "example-ambiguous",
        "warning",
        "An example of a choice, matched as recall mode matches a rep's words, is taken as "
        "a sibling choice rather than its own.",
        "Reword the example with the words that set its choice apart, or remove it. "
        "`salesplay match FILE --report` lists every such example.",
        "examples: [We can beat their price.] (under the insight choice)",
        _with(
            "        effects: {trust: 1}\n",
            "        effects: {trust: 1}\n        examples: [We can beat their price.]\n",
        ),
        "engine",
    )
)

BY_CODE = {c.code: c for c in CODES}
