"""`if:` conditions: a tokenizer, a recursive-descent parser for the format's grammar, a type
check, and evaluation by closures. Nothing here calls `eval` or `exec`, and no attribute,
call or name outside the scenario's own meters, flags and `visited(node)` can be expressed.

Grammar, loosest first: or, and, not, one comparison (< <= > >= == !=, no chains), then
operands: meter, flag, integer literal, true, false, visited(node_id), ( ... ).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from game.content.diagnostics import did_you_mean
from game.content.model import Condition, Frozen

MAX_LENGTH = 500
MAX_NESTING = 32
MAX_LITERAL = 1_000_000
INT, BOOL = "integer", "true/false"


def _kind(typ: str) -> str:
    """A type with its article, for messages: 'an integer', 'a true/false'."""
    return f"an {typ}" if typ == INT else f"a {typ}"


_COMPARE = {"<", "<=", ">", ">=", "==", "!="}
_TOKEN = re.compile(
    r"\s*(?:(?P<int>-?[0-9]+)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<op><=|>=|==|!=|&&|\|\||[<>()=!])"
    r"|(?P<bad>\S))"
)
_BAD_OPS = {"=": "==", "&&": "and", "||": "or", "!": "not"}
_KEYWORDS = {"and", "or", "not", "true", "false", "visited"}


class ConditionError(Exception):
    """A condition that does not parse or type-check; `offset` is 0-based within the text."""

    def __init__(self, code: str, message: str, offset: int):
        super().__init__(message)
        self.code, self.message, self.offset = code, message, offset


class Token(Frozen):
    """A word of a condition: its kind (int, name, op, end), its text, and where it starts."""

    __slots__ = ("kind", "text", "offset")

    def __init__(self, kind: str, text: str, offset: int):
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "offset", offset)


def tokenize(text: str) -> list[Token]:
    tokens, pos = [], 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:  # only trailing white space is left
            break
        kind = m.lastgroup
        start = m.start(kind)
        word = m.group(kind)
        if kind == "bad":
            raise ConditionError(
                "condition-syntax",
                f"'{word}' cannot appear in a condition. Conditions use "
                "meter and flag names, whole numbers, comparisons, and, or, not, "
                "visited(node) and parentheses.",
                start,
            )
        if kind == "op" and word in _BAD_OPS:
            raise ConditionError(
                "condition-operator",
                f"'{word}' is not an operator here; write '{_BAD_OPS[word]}' instead.",
                start,
            )
        tokens.append(Token(kind, word, start))
        pos = m.end()
    tokens.append(Token("end", "", len(text.rstrip())))
    return tokens


class _Parser:
    def __init__(
        self, text: str, meters: Collection[str], flags: Collection[str], nodes: Collection[str]
    ):
        self.tokens = tokenize(text)
        self.i = 0
        self.meters, self.flags, self.nodes = meters, flags, nodes
        self.names: set[str] = set()
        self.visits: set[str] = set()
        self.depth = 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        t = self.tokens[self.i]
        self.i += 1
        return t

    def expect(self, text: str, what: str) -> Token:
        if self.tok.text != text or self.tok.kind == "end":
            found = f"'{self.tok.text}'" if self.tok.kind != "end" else "the end of the condition"
            raise ConditionError(
                "condition-syntax", f"Expected {what} but found {found}.", self.tok.offset
            )
        return self.take()

    # Each rule returns (type, evaluator, offset).
    def parse(self):
        result = self.or_()
        if self.tok.kind != "end":
            t = self.tok
            if t.text in _COMPARE:
                raise ConditionError(
                    "condition-chain",
                    "Comparisons cannot be chained; write 'a < b and b < c' instead.",
                    t.offset,
                )
            raise ConditionError(
                "condition-syntax",
                f"Unexpected '{t.text}'. Join conditions with 'and' or 'or'.",
                t.offset,
            )
        typ, fn, off = result
        if typ != BOOL:
            raise ConditionError(
                "condition-type",
                "A condition must be true or false, but this is a "
                "number. Compare it, for example 'trust >= 50'.",
                off,
            )
        return fn

    def _bool(self, typ, off, word):
        if typ != BOOL:
            raise ConditionError(
                "condition-type",
                f"'{word}' needs true/false on both sides, but this is "
                "a number. Compare it, for example 'trust >= 50'.",
                off,
            )

    def or_(self):
        return self._chain("or", self.and_, lambda a, b: lambda m, f, v: a(m, f, v) or b(m, f, v))

    def and_(self):
        return self._chain("and", self.not_, lambda a, b: lambda m, f, v: a(m, f, v) and b(m, f, v))

    def _chain(self, word: str, operand, combine):
        """`operand (word operand)*` for `and` / `or`: every side must be true/false."""
        typ, left, off = operand()
        while self.tok.text == word and self.tok.kind == "name":
            self.take()
            rtyp, right, roff = operand()
            self._bool(typ, off, word)
            self._bool(rtyp, roff, word)
            left = combine(left, right)
        return typ, left, off

    def not_(self):
        if self.tok.text == "not" and self.tok.kind == "name":
            t = self.take()
            self._enter(t)
            typ, inner, off = self.not_()
            self.depth -= 1
            self._bool(typ, off, "not")
            return BOOL, (lambda a: lambda m, f, v: not a(m, f, v))(inner), t.offset
        return self.compare()

    def compare(self):
        ltyp, left, off = self.operand()
        if self.tok.text not in _COMPARE:
            return ltyp, left, off
        op = self.take()
        rtyp, right, roff = self.operand()
        if op.text in ("==", "!="):
            if ltyp != rtyp:
                raise ConditionError(
                    "condition-type",
                    f"'{op.text}' compares {_kind(ltyp)} with {_kind(rtyp)}; "
                    "compare two numbers or two true/false values.",
                    op.offset,
                )
        else:
            for typ, o in ((ltyp, off), (rtyp, roff)):
                if typ != INT:
                    raise ConditionError(
                        "condition-type",
                        f"'{op.text}' compares numbers, but this is "
                        "true/false. Use '==' or '!=', or compare a meter.",
                        o,
                    )
        fn = _COMPARATORS[op.text](left, right)
        return BOOL, fn, off

    def _enter(self, t: Token):
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ConditionError(
                "condition-too-complex",
                "This condition nests too deeply. Split the "
                "idea over simpler conditions or use a flag.",
                t.offset,
            )

    def operand(self):
        t = self.take()
        if t.kind == "int":
            digits = t.text.lstrip("-")
            if len(digits) > 7 or abs(int(t.text)) > MAX_LITERAL:
                raise ConditionError(
                    "condition-syntax",
                    f"{t.text} is out of range; numbers lie within ±{MAX_LITERAL:,}.",
                    t.offset,
                )
            value = int(t.text)
            return INT, (lambda m, f, v: value), t.offset
        if t.kind == "op" and t.text == "(":
            self._enter(t)
            typ, fn, _ = self.or_()
            self.depth -= 1
            self.expect(")", "')' to close the '(' here")
            return typ, fn, t.offset
        if t.kind == "name":
            word = t.text
            if word == "true":
                return BOOL, (lambda m, f, v: True), t.offset
            if word == "false":
                return BOOL, (lambda m, f, v: False), t.offset
            if word == "visited":
                return self.visited(t)
            if word in ("and", "or", "not"):
                raise ConditionError(
                    "condition-syntax", f"'{word}' needs something before and after it.", t.offset
                )
            if word in self.meters:
                self.names.add(word)
                return INT, (lambda m, f, v: m[word]), t.offset
            if word in self.flags:
                self.names.add(word)
                return BOOL, (lambda m, f, v: word in f), t.offset
            hint = did_you_mean(word, [*self.meters, *self.flags])
            raise ConditionError(
                "condition-unknown-name",
                f"'{word}' is not a meter or a flag of this "
                f"scenario.{hint or ' Declare the meter under meters:, or set the flag in some choice with set:.'}",
                t.offset,
            )
        if t.kind == "end":
            raise ConditionError(
                "condition-syntax",
                "The condition ends too early; something is missing after the last word.",
                t.offset,
            )
        raise ConditionError("condition-syntax", f"Unexpected '{t.text}' here.", t.offset)

    def visited(self, t: Token):
        self.expect("(", "'(' after visited, as in visited(opening)")
        node = self.take()
        if node.kind != "name":
            raise ConditionError(
                "condition-syntax",
                "visited(...) takes one node id, as in visited(opening).",
                node.offset,
            )
        if node.text not in self.nodes:
            hint = did_you_mean(node.text, self.nodes)
            raise ConditionError(
                "condition-unknown-node",
                f"visited({node.text}) names a node that does not exist.{hint}",
                node.offset,
            )
        self.expect(")", "')' to close visited(")
        name = node.text
        self.visits.add(name)
        return BOOL, (lambda m, f, v: name in v), t.offset


_COMPARATORS: dict[str, Callable] = {
    "<": lambda a, b: lambda m, f, v: a(m, f, v) < b(m, f, v),
    "<=": lambda a, b: lambda m, f, v: a(m, f, v) <= b(m, f, v),
    ">": lambda a, b: lambda m, f, v: a(m, f, v) > b(m, f, v),
    ">=": lambda a, b: lambda m, f, v: a(m, f, v) >= b(m, f, v),
    "==": lambda a, b: lambda m, f, v: a(m, f, v) == b(m, f, v),
    "!=": lambda a, b: lambda m, f, v: a(m, f, v) != b(m, f, v),
}


def parse_condition(
    text: str, meters: Collection[str], flags: Collection[str], nodes: Collection[str]
) -> Condition:
    """Parse and type-check `text`; raises ConditionError (with an offset) when it does not fit."""
    if len(text) > MAX_LENGTH:
        raise ConditionError(
            "condition-too-complex",
            f"This condition is {len(text)} characters long; "
            f"keep it under {MAX_LENGTH}, or use a flag.",
            0,
        )
    if not text.strip():
        raise ConditionError(
            "condition-syntax",
            "The condition is empty. Write one, such as 'trust >= 50', or remove `if:`.",
            0,
        )
    parser = _Parser(text, meters, flags, nodes)
    test = parser.parse()
    return Condition(
        source=text, test=test, names=frozenset(parser.names), visits=frozenset(parser.visits)
    )
