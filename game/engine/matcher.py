"""Recall mode's matcher: a rep's own words -> the closest visible choice, or nothing.

Offline, deterministic and pure Python. Each choice is described by its `text` and its
`examples`. A typed answer is compared with each of them on two channels:

- words: lower-cased, accents folded, contractions opened, a small synonym list, light
  stems, and negation marked on the words that follow `not`/`no`/`never`/`without`, so
  "we won't discount" is not "we can discount". A word the scenario never uses is corrected
  to a scenario word one or two typing slips away.
- character n-grams inside words, which forgive the typos the correction misses.

Both are weighted by how rare a word is in the scenario (IDF). A choice's score blends the
cosine with the share of the answer's weight that the choice covers, so a short answer is
not drowned by a long authored line, and an answer full of words the scenario never uses
(off-topic) scores low. An answer that asks (a question mark, or typed without one but
opening a clause with a question word) is a little closer to a line that asks, and a
statement to a statement. The best choice is accepted above a threshold with a margin over
the next one, or, below it, down to an absolute floor when it stands alone (the runner-up
has at most half its score: an answer in the rep's own words that shares little with any
line); otherwise nothing is matched and the rep is asked to say more.

An optional semantic scorer (the `nlu` extra) can be blended in; see `game.engine.semantic`.
"""

from __future__ import annotations

import math
import operator
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, filterfalse

from game.content.model import Choice, Scenario

MAX_INPUT = 2000  # characters of an answer that are read; the rest is ignored
ACCEPT = 0.22  # the best choice's score must reach this...
MARGIN = 0.06  # ...and beat the runner-up by this much (unless it is far above ACCEPT)
SURE = 0.60  # at or above this, a small margin is enough
SURE_MARGIN = 0.02
CLEAR = 0.12  # below ACCEPT, a best choice at least this high is taken when it stands alone:
CLEAR_RATIO = 0.5  # ...the runner-up scores at most this share of it
CLEAR_BLENDED = 0.16  # the floor when the semantic scores are blended in: they give any answer
# some similarity to every line, so a lone lead needs more
WORD_WEIGHT = 0.7  # words vs character n-grams
SMALL_ONLY = 0.8  # an answer with content words, against a line of small words only
ONE_WORD = 0.7  # the score kept when a longer answer shares only one word with a line

_STOPWORDS = """
    a an the and or but if so of to in on at by for from with as into onto about over i me my
    mine we us our ours you your yours he him his she her they them their it its this that
    these those there here then than is am are was were be been being do does did doing have
    has had having will would shall should can could may might must just really very quite also
    too well oh ah um uh hmm like okay ok what which who whom whose when where why how let lets
    s t d ll re ve m yeah yep yup u
    see look think know guess mean right get got make thing things something
    anything way lot bit kind sort maybe perhaps actually basically literally good great nice cool
"""
STOPWORDS = frozenset(_STOPWORDS.split())
NEGATORS = frozenset(
    {"not", "no", "never", "nothing", "without", "none", "nor", "cannot", "nope", "nah"}
)
_SKIPPED = STOPWORDS | NEGATORS  # words `_concepts` passes over before correcting
NEGATION_SPAN = 3  # content words after a negator that it covers

CONTRACTIONS = (
    (re.compile(r"\bwon['’]t\b"), "will not"),
    (re.compile(r"\bcan['’]t\b"), "can not"),
    (re.compile(r"\bshan['’]t\b"), "shall not"),
    (re.compile(r"\b(ai)n['’]t\b"), "is not"),
    (re.compile(r"n['’]t\b"), " not"),
    (re.compile(r"['’](re|ll|ve|d|m|s)\b"), ""),
    # the same, typed without the apostrophe
    (
        re.compile(
            r"\b(dont|doesnt|didnt|isnt|arent|wasnt|werent|havent|hasnt|wouldnt|shouldnt|couldnt)\b"
        ),
        r"\1 not",
    ),
    (re.compile(r"\bwont\b"), "will not"),
    (re.compile(r"\bcant\b"), "can not"),
)
_BARE = 6  # CONTRACTIONS from here on are the forms typed without an apostrophe
# what each of CONTRACTIONS needs to match: one of these in the text
_NEEDLES = (
    ("won",), ("can",), ("shan",), ("ain",), ("n'", "n’"), ("'", "’"), ("nt",), ("wont",), ("cant",)
)  # fmt: skip
NUMBERS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
    "fifteen": "15", "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50",
    "hundred": "100", "thousand": "1000", "million": "1000000", "half": "50",
}  # fmt: skip

# Words that mean the same in a sales conversation, each mapped to one stand-in.
_SYNONYM_GROUPS = """
discount: discount discounts discounted discounting cheaper cheap rebate markdown reduction save saves saving savings
match: match matched matching beat equal
late: late lateness delay delays delayed overdue tardy
delivery: delivery deliveries shipment shipments shipping dispatch
penalty: penalty penalties
feature: feature features functionality functionalities capability capabilities function functions
problem: problem problems issue issues trouble troubles pain pains challenge challenges headache
talk: talk talking discuss discussing chat chatting speak speaking
show: show showing demonstrate demo walk
send: send sending email emailing mail forward forwarding
guarantee: guarantee guarantees guaranteed promise promises warranty
contract: contract contracts agreement agreements deal deals
proposal: proposal proposals offer offers
team: team teams staff people crew
number: number numbers figure figures amount amounts
result: result results outcome outcomes
company: company companies business firm organisation organization
competitor: competitor competitors rival rivals competition
customer: customer customers client clients
manager: manager managers boss bosses director directors cfo ceo coo head
wait: wait waiting waits queue queuing queueing idle
truck: truck trucks lorry lorries
start: start starts begin begins originate
wrong: wrong mistake mistaken error
yes: yes yeah yep yup sure alright absolutely
quick: quick quickly fast rapid rapidly speedy soon
big: big bigger large larger huge
money: money cash dollars euros pounds
write: write writing written draft drafting
together: together jointly collaborate
product: product products platform platforms solution solutions system systems software tool tools
price: price prices pricing priced cost costs costing
backup: backup backups fallback fallbacks contingency
trial: trial trials pilot pilots
free: free complimentary gratis
review: review reviewing rethink reconsider revisit
whole: whole entire
pay: pay pays paying paid payment payments
money: budget budgets budgeted funds funding
risk: risk risks risky gamble
rehearse: rehearse rehearsal rehearsing practise practice practising practicing roleplay
empty: empty unused vacant
overflow: overflow overflowing excess surplus
reference: reference references referral referrals testimonial testimonials
year: year years yearly annual annually
month: month months monthly
week: week weeks weekly
today: today tonight now
sign: sign signs signed signing commit commits committed commitment approve approved
extend: extend extends extended extension longer lengthen
"""
SYNONYMS: dict[str, str] = {
    word: head.rstrip(":")
    for line in _SYNONYM_GROUPS.strip().splitlines()
    for head, *words in [line.split()]
    for word in words
}

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_ACTION = re.compile(r"^\s*[\[(*].*[\])*]\s*$", re.DOTALL)


def fold(text: str) -> str:
    """Lower-case, accents removed, for any script (non-Latin letters are kept)."""
    text = text[:MAX_INPUT].casefold()
    if text.isascii():  # nothing to decompose (most lines): skip the per-character pass
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


_SUFFIXES = (
    ("ational", "ate"), ("ization", "ize"), ("isation", "ize"), ("fulness", "ful"),
    ("iveness", "ive"), ("ousness", "ous"), ("ements", ""), ("ement", ""), ("ments", ""),
    ("ment", ""), ("ations", "ate"), ("ation", "ate"), ("ness", ""), ("ingly", ""),
    ("edly", ""), ("ities", ""), ("ity", ""), ("ies", "y"), ("ied", "y"), ("ing", ""),
    ("ise", "ize"), ("ised", "ize"), ("sses", "ss"), ("ed", ""), ("ly", ""), ("er", ""),
    ("es", "e"), ("s", ""),
)  # fmt: skip
_ENDINGS = tuple(suffix for suffix, _ in _SUFFIXES)


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A light English stemmer: enough for plurals, tenses and common suffixes."""
    if len(word) <= 3 or not word.isascii() or word.isdigit() or not word.endswith(_ENDINGS):
        return word
    for suffix, keep in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            base = word[: len(word) - len(suffix)] + keep
            if len(base) >= 4 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # stopped -> stop, planning -> plan
            return base
    return word


def words(text: str) -> list[str]:
    """The answer's words, contractions opened, numbers as digits, before stems."""
    return _folded_words(fold(text))


# what the forms typed without an apostrophe need: one of these words in the text
_BARE_FORMS = re.compile(
    r"\b(?:dont|doesnt|didnt|isnt|arent|wasnt|werent|havent|hasnt|wouldnt|shouldnt|couldnt"
    r"|wont|cant)\b"
)


def _folded_words(text: str) -> list[str]:
    """`words` of a folded text."""
    # every contraction pattern holds an apostrophe or "nt": most clauses have neither
    if "'" in text or "’" in text:
        # the first five need n't (n’t): most apostrophes are a possessive or 're, 'll
        first = 0 if "n'" in text or "n’" in text else _BARE - 1
        for (rx, repl), needles in zip(CONTRACTIONS[first:], _NEEDLES[first:], strict=True):
            for needle in needles:  # a pattern is tried only where its letters are
                if needle in text:
                    text = rx.sub(repl, text)
                    break
    elif "nt" in text and _BARE_FORMS.search(text):
        for rx, repl in CONTRACTIONS[_BARE:]:
            text = rx.sub(repl, text)
    if "%" in text:
        text = text.replace("%", " percent ")
    found = _WORD.findall(text)
    if "'" in text or "’" in text:
        found = [w.replace("'", "").replace("’", "") for w in found]
    return list(map(NUMBERS.get, found, found))


def clauses(text: str) -> list[list[str]]:
    """Words split at punctuation that ends a thought, so negation stops there."""
    return [list(c) for c in _clauses(text)]


_CLAUSE_END = re.compile(r"[.,;:!?\n—–]+|\s-\s")


@lru_cache(maxsize=4096)
def _clauses(text: str) -> tuple[tuple[str, ...], ...]:
    """`clauses`, made once per text: a line is read for its concepts, its small words and
    its mood, and `validate` reads every authored line as an answer too."""
    if text.isascii():  # folded once (lower-cased), it stays as it is: no second fold
        parts = _CLAUSE_END.split(fold(text))
        return tuple(tuple(_folded_words(part)) for part in parts if part)
    # folding twice can differ here: "㎒" folds to "MHz", then to "mhz"
    return tuple(tuple(words(part)) for part in _CLAUSE_END.split(fold(text)) if part)


def concepts(text: str, correct: Callable[[str], str] | None = None) -> list[str]:
    """Content words as stems (synonyms merged), negated ones prefixed with '!'."""
    if correct is None:
        return list(_plain_concepts(text))
    return _concepts(text, correct)


@lru_cache(maxsize=4096)
def _plain_concepts(text: str) -> tuple[str, ...]:
    return tuple(_concepts(text, None))


def _concepts(text: str, correct: Callable[[str], str] | None) -> list[str]:
    out = []
    for clause in _clauses(text):
        if correct is None and NEGATORS.isdisjoint(clause):  # most clauses: each word's key
            out += map(_key, filterfalse(STOPWORDS.__contains__, clause))
            continue
        negate = 0
        for w in clause:
            if w in NEGATORS:
                negate = NEGATION_SPAN
                continue
            if w in STOPWORDS:
                continue
            if correct is not None:
                w = correct(w)
            key = _key(w)
            if negate:
                out.append("!" + key)
                negate -= 1
            else:
                out.append(key)
    return out


@lru_cache(maxsize=8192)
def _key(word: str) -> str:
    """A content word's concept: its synonyms' stand-in, or its stem's."""
    key = SYNONYMS.get(word) or stem(word)
    return SYNONYMS.get(key, key)


def function_words(text: str) -> list[str]:
    """The small words, for a choice made only of them ("No.", "What would you like us to do?")."""
    return ["~" + FUNCTION_SYNONYMS.get(w, w) for c in _clauses(text) for w in c]


FUNCTION_SYNONYMS = {"nope": "no", "nah": "no", "yeah": "yes", "yep": "yes", "u": "you"}


def grams(terms: Iterable[str]) -> Counter:
    """Character 3- and 4-grams inside each word (with its edges marked)."""
    return Counter(chain.from_iterable(map(_term_grams, terms)))


@lru_cache(maxsize=16384)
def _term_grams(term: str) -> tuple[str, ...]:
    """One word's grams, in order: the 3-grams, then the 4-grams."""
    plain = term.lstrip("!")
    if plain != term:  # a negated word's letters are its own
        return tuple(map("!".__add__, _term_grams(plain)))
    w = f"<{term}>"
    n = len(w)  # the slices w[i : i + 3], then w[i : i + 4]
    starts = chain(range(n - 2), range(n - 3))
    return tuple(map(w.__getitem__, map(slice, starts, chain(range(3, n + 1), range(4, n + 1)))))


_NEGATED = operator.methodcaller("startswith", "!")  # a negated term, or a negated word's gram
NEGATED_PLAIN = 0.3  # a negated word still counts a little as the word itself


def _weights(
    counts: Mapping[str, int], idf: Mapping[str, float], negated: bool = True
) -> dict[str, float]:
    """Term weights (`idf`: each term's, looked up); `negated` False says no term is negated
    (their grams are not either)."""
    out = {t: (_LOG1[c] if c < 64 else 1.0 + math.log(c)) * idf[t] for t, c in counts.items()}
    if not negated:
        return out
    for t, c in counts.items():
        if t.startswith("!"):
            plain = t[1:]
            out[plain] = out.get(plain, 0.0) + NEGATED_PLAIN * (1.0 + math.log(c)) * idf[plain]
    return out


_LOG1 = [0.0] + [1.0 + math.log(c) for c in range(1, 64)]  # 1 + log(count), for small counts


def _norm(vec: dict[str, float]) -> float:
    v = vec.values()
    return math.sqrt(sum(map(operator.mul, v, v))) or 1.0


def _by_frequency(df: Mapping[str, int], lift: int) -> Iterable[tuple[str, float]]:
    """Each term's idf, `log(lift / (df + 0.5)) + 1`, worked out once per distinct frequency."""
    log = math.log
    idf = {n: log(lift / (n + 0.5)) + 1.0 for n in set(df.values())}
    return zip(df, map(idf.__getitem__, df.values()), strict=True)


class _Table(dict):
    """A memo of `make(key)`: a hit is a plain dict lookup."""

    def __init__(self, make: Callable[[str], float]):
        super().__init__()
        self.make = make

    def __missing__(self, key: str) -> float:
        value = self[key] = self.make(key)
        return value


def _similar(query: dict[str, float], qnorm: float, doc: dict[str, float], dnorm: float) -> float:
    """Half cosine, half the share of the answer's weight the document covers.

    Only the words both hold are visited, in the answer's order, so the sums are the same to
    the last bit whatever the document's order (no shared word leaves both sums at 0.0).
    """
    dot = covered = 0.0
    for t in filter(doc.__contains__, query):
        w, d = query[t], doc[t]
        dot += w * d
        covered += w * (w if w < d else d)  # a word the document only half says is half covered
    return 0.5 * dot / (qnorm * dnorm) + 0.5 * covered / (qnorm * qnorm)


def _blend(w: float, g: float, size: int, shared: int) -> float:
    """A line's content score from its words (`w`) and grams (`g`) similarities; `size` is
    how many words the answer has, `shared` how many of them the line holds."""
    score = WORD_WEIGHT * w + (1 - WORD_WEIGHT) * g
    if size > 1 and shared < 2:
        score *= ONE_WORD  # one shared word is thin evidence for a longer answer
    return score


GRAM_CEILING = 1.0  # no `_similar` exceeds it (see Matcher.examples_in_doubt)
SLACK = 1e-9  # the bounds of `examples_in_doubt` are widened by this, far above rounding


def _may_flag(high: list[float], low: list[float], k: int) -> bool:
    """Some choice but k may score at least ACCEPT and be ahead of every other by
    `Matcher.confident`'s margin, given bounds on each choice's score."""
    top = max(low)
    at = low.index(top)
    second = max(low[:at] + low[at + 1 :], default=top)  # the rest's best, for choice `at`
    for j, h in enumerate(high):
        if j == k or h < ACCEPT:
            continue
        if h - (second if j == at else top) >= (MARGIN if h < SURE else SURE_MARGIN):
            return True
    return False


def _edits_within(a: str, b: str, limit: int) -> bool:
    """Damerau-Levenshtein distance of a and b is at most limit (small limits only)."""
    if abs(len(a) - len(b)) > limit:
        return False
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return False
        prev2, prev = prev, cur
    return prev[-1] <= limit


@dataclass(frozen=True, slots=True)
class Scored:
    choice: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Match:
    """What the matcher understood: `choice` is None when nothing was close enough."""

    text: str
    choice: str | None
    confidence: float
    ranked: tuple[Scored, ...]  # every candidate, best first

    @property
    def alternatives(self) -> tuple[Scored, ...]:
        """The other candidates, best first (all of them when nothing matched)."""
        if self.choice is None:
            return self.ranked
        return tuple(s for s in self.ranked if s.choice != self.choice)


@dataclass(slots=True)
class _Doc:
    words: dict[str, float]
    wnorm: float
    terms: tuple[str, ...] = ()  # the content words, whose grams `Matcher._grams` weighs
    negated: bool = False  # some of them are negated
    small: dict[str, float] = field(default_factory=dict)  # function words (see below)
    snorm: float = 1.0
    grams: dict[str, float] | None = None  # made when the line is first compared on grams
    gnorm: float = 1.0


@dataclass(slots=True)
class _Query:
    answer: str  # the text as compared (a stage direction without its brackets)
    doc: _Doc | None  # None when the answer has no words at all
    content: bool  # it has content words (not only small ones)
    acting: bool
    asking: bool
    small: dict[str, float] | None = None  # its small words' vector, made when first needed
    snorm: float = 1.0

    def small_words(self) -> tuple[dict[str, float], float]:
        """The vector of all its words as small words, and its norm (for a line made of
        small words only, which few scenarios have)."""
        if self.small is None:
            counts = Counter(function_words(self.answer))
            self.small = {t: 1.0 + math.log(c) for t, c in counts.items()}
            self.snorm = _norm(self.small)
        return self.small, self.snorm


@dataclass(slots=True)
class _Entry:
    docs: list[_Doc] = field(default_factory=list)
    action: bool = False
    question: bool = False


class _Node:
    """A node's lines for `Matcher.examples_in_doubt`: each choice's words, and (made when an
    example first needs them) its content lines, each once (a line several places hold is
    one _Doc), with their words indexed."""

    __slots__ = ("entries", "words", "smalls", "docs", "index", "places", "owners", "content")

    def __init__(self, entries: list[_Entry]):
        self.entries = entries
        # each choice's words, all its lines' together
        self.words = [set().union(*(d.words for d in e.docs)) for e in entries]
        self.smalls = any(d.small for e in entries for d in e.docs)  # a line of small words
        self.docs: list[_Doc] | None = None

    def indexed(self) -> _Node:
        """The node with its content lines numbered and their words indexed."""
        if self.docs is not None:
            return self
        slot: dict[int, int] = {}  # id of a content line's _Doc -> its number here
        self.docs = []
        self.index: dict[str, list[tuple[int, float]]] = {}  # word -> (line, its weight there)
        self.places: list[list[int]] = []  # each choice's lines by number (-1: small words only)
        self.owners: list[list[tuple[int, int]]] = []  # each line's (choice, position) places
        for j, e in enumerate(self.entries):
            row = []
            for p, d in enumerate(e.docs):
                if d.small:
                    row.append(-1)
                    continue
                s = slot.get(id(d))
                if s is None:
                    s = slot[id(d)] = len(self.docs)
                    self.docs.append(d)
                    self.owners.append([])
                    for t, v in d.words.items():
                        self.index.setdefault(t, []).append((s, v))
                self.owners[s].append((j, p))
                row.append(s)
            self.places.append(row)
        self.content = [any(s >= 0 for s in row) for row in self.places]
        return self


_ASKING = frozenset({
    "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "is", "are", "was",
    "were", "do", "does", "did", "can", "could", "would", "will", "should", "shall", "may",
    "have", "has", "any", "anything",
})  # fmt: skip
MOOD = 0.85  # the score kept when a question is matched with a statement, or the reverse


def is_question(text: str, typed: bool = True) -> bool:
    """The text asks something: a question mark, or (typed) a clause opening with a question word.

    Reps often leave the question mark off; authored lines are punctuated, and in them a clause
    that opens with "what" is often a statement ("what differs is the cover").
    """
    if "?" in text:
        return True
    return typed and any(c and c[0] in _ASKING for c in _clauses(text))


def is_action(text: str) -> bool:
    """A choice (or an answer) written as a stage direction: (Stay silent.), [Walk out]."""
    return bool(_ACTION.match(text))


class Matcher:
    """Matches answers against one scenario's choices. Build once per scenario; cheap to call."""

    def __init__(self, scenario: Scenario, semantic=None, semantic_weight: float = 0.5):
        self.scenario = scenario
        self.semantic = semantic  # an optional scorer: (answer, [texts]) -> [similarity 0..1]
        self.semantic_weight = semantic_weight
        self._vocab: set[str] = set()
        self._terms_of: list[set[str]] = []  # each document's (choice's) distinct terms
        for node in scenario.nodes.values():
            for choice in node.choices:
                variants = (choice.text, *choice.examples)
                for v in variants:
                    if v.isascii():  # its clauses' words are its words (`_clauses`, made once)
                        self._vocab.update(chain.from_iterable(_clauses(v)))
                    else:  # folding twice can differ: "㎒" folds to "MHz", then to "mhz"
                        self._vocab.update(words(v))
                self._terms_of.append(set(chain.from_iterable(map(_plain_concepts, variants))))
        self._vocab -= STOPWORDS
        self._df = Counter(chain.from_iterable(self._terms_of))
        self._n = len(self._terms_of)
        self._idfs = _Table(self._word_idf)  # a term's weight, worked out once
        # every term the scenario uses, at once (as `_word_idf` says)
        self._idfs.update(_by_frequency(self._df, self._n + 1))
        # the grams' document frequencies and weights, made when a first line is compared on
        # grams (`validate` compares few: see `examples_in_doubt`)
        self._gdf: Counter | None = None
        self._gidfs_table: _Table | None = None
        known = list(self._idfs.values())
        # the mean, as statistics.fmean works it out (importing statistics costs validate
        # more than the whole examples check's set-up: random, fractions, decimal)
        self._unknown = math.fsum(known) / len(known) if known else 1.0
        self._entries: dict[tuple[str, str], _Entry] = {}
        self._variant_docs: dict[str, _Doc] = {}  # an authored line's vectors, by its text
        self._corrected: dict[str, str] = {}
        self._queries: dict[str, _Query] = {}
        self._contents: dict[tuple[str, ...], tuple] = {}  # content words -> their vectors
        self._deleted_index: dict[str, list[str]] | None = None

    @property
    def _deleted(self) -> dict[str, list[str]]:
        """Symmetric-delete index: every word under each form it takes with letters removed.

        Made on the first word that needs correcting: answers in the scenario's own words
        (and `validate`, which reads only authored lines) never do."""
        if self._deleted_index is None:
            self._deleted_index = {}
            for w in sorted(self._vocab):
                if len(w) >= 3 and not w.isdigit():
                    for d in _deletions(w, 1 if len(w) <= 7 else 2):
                        self._deleted_index.setdefault(d, []).append(w)
        return self._deleted_index

    @property
    def _gidfs(self) -> _Table:
        """Each gram's weight: every gram the scenario uses, worked out on first use."""
        if self._gidfs_table is None:
            # a document's grams are its distinct terms' grams
            each = (set().union(*map(_term_grams, terms)) for terms in self._terms_of)
            self._gdf = Counter(chain.from_iterable(each))
            self._gidfs_table = _Table(self._gram_idf)
            self._gidfs_table.update(_by_frequency(self._gdf, self._n + 1))
        return self._gidfs_table

    # -- weights ---------------------------------------------------------------------------
    def _idf(self, term: str) -> float:
        return self._idfs[term]

    def _gidf(self, gram: str) -> float:
        return self._gidfs[gram]

    def _word_idf(self, term: str) -> float:
        df = self._df.get(term.lstrip("!"), 0)
        if not df:
            return self._unknown  # a word the scenario never uses tells no choice apart
        return math.log((self._n + 1) / (df + 0.5)) + 1.0

    def _gram_idf(self, gram: str) -> float:
        df = self._gdf.get(gram, 0) if self._gdf is not None else 0
        if not df:
            return 1.0
        return math.log((self._n + 1) / (df + 0.5)) + 1.0

    def _doc(self, terms: Sequence[str], small: Sequence[str] = ()) -> _Doc:
        key = tuple(terms)
        doc = self._contents.get(key)
        if doc is None:  # an authored line and the same line typed share their vectors
            negated = any(map(_NEGATED, key))
            counts: dict[str, int] = {}  # Counter(key), without its set-up for a few words
            for t in key:
                counts[t] = counts.get(t, 0) + 1
            wv = _weights(counts, self._idfs, negated)
            doc = _Doc(wv, _norm(wv), key, negated)
            if len(self._contents) > 4096:
                self._contents.clear()
            self._contents[key] = doc
        if not small:  # most lines: no small-words vector (an empty one, norm 1.0)
            return doc
        sv = {t: 1.0 + math.log(c) for t, c in Counter(small).items()}
        return _Doc(doc.words, doc.wnorm, doc.terms, doc.negated, sv, _norm(sv))

    def _grams(self, doc: _Doc) -> tuple[dict[str, float], float]:
        """A line's gram vector and its norm, made when it is first compared on grams."""
        if doc.grams is None:
            gv = _weights(grams(doc.terms), self._gidfs, doc.negated)
            doc.grams, doc.gnorm = gv, _norm(gv)
        return doc.grams, doc.gnorm

    def _entry(self, node_id: str, choice: Choice) -> _Entry:
        key = (node_id, choice.id)
        entry = self._entries.get(key)
        if entry is None:
            entry = _Entry(
                action=is_action(choice.text), question=is_question(choice.text, typed=False)
            )
            for variant in (choice.text, *choice.examples):
                entry.docs.append(self._variant_doc(variant))
            self._entries[key] = entry
        return entry

    def _variant_doc(self, variant: str) -> _Doc:
        """An authored line's vectors, made once per text (the same line serves every
        entry that holds it, as `validate`'s examples check builds many)."""
        doc = self._variant_docs.get(variant)
        if doc is None:
            text = _unbracket(variant)
            terms = _plain_concepts(text)
            # A line with no content words ("No.") is matched on its small words instead.
            doc = self._doc(terms, [] if terms else function_words(text))
            self._variant_docs[variant] = doc
        return doc

    def correct(self, word: str) -> str:
        """A word the scenario never uses, corrected to one it does within a slip or two."""
        if word in self._vocab or len(word) < 5 or word.isdigit() or word in SYNONYMS:
            return word
        hit = self._corrected.get(word)
        if hit is None:
            hit = word
            limit = 1 if len(word) <= 7 else 2  # "most" is not a typo of "cost": 5 letters up
            candidates = {v for d in _deletions(word, limit) for v in self._deleted.get(d, ())}
            for distance in range(1, limit + 1):
                found = [v for v in candidates if _edits_within(word, v, distance)]
                if found:
                    hit = min(found, key=lambda v: (-self._df.get(stem(v), 0), v))
                    break
            if len(self._corrected) > 4096:
                self._corrected.clear()
            self._corrected[word] = hit
        return hit

    # -- matching --------------------------------------------------------------------------
    def prepare(self, node_id: str, choices: Sequence[Choice]) -> None:
        """Index a node's choices ahead of the first answer (when the node is shown)."""
        for choice in choices:
            for d in self._entry(node_id, choice).docs:
                self._grams(d)
        if self.semantic is not None and hasattr(self.semantic, "prepare"):
            self.semantic.prepare([_variants(c) for c in choices])

    def scores(
        self,
        text: str,
        node_id: str,
        choices: Sequence[Choice],
        leave_out: tuple[str, int] | None = None,
    ) -> list[float]:
        """One score in 0..1 per choice, in the order given.

        `leave_out` is (choice id, position in its text-then-examples): that one line is not
        compared, as if the choice did not have it (`validate` asks how an example reads
        without it).
        """
        return self._scores(text, node_id, choices, leave_out)[0]

    def _query(self, text: str) -> _Query:
        """An answer's vectors and mood, made once per text (an answer is scored against
        several choice lists: `validate` reads each example against its own and its siblings)."""
        query = self._queries.get(text)
        if query is None:
            answer = _unbracket(text)
            # the words `_concepts` would correct: small words and negators it skips first
            # (they are never in the vocabulary, and correcting one would build the typo index)
            unknown = set(chain.from_iterable(_clauses(answer))) - self._vocab - _SKIPPED
            if not unknown or all(self.correct(w) == w for w in unknown):  # nothing to correct
                terms = _plain_concepts(answer)
            else:
                terms = concepts(answer, self.correct)
            doc = self._doc(terms) if terms or any(_clauses(answer)) else None
            query = _Query(
                answer,
                doc,
                bool(terms),
                is_action(text),
                is_question(answer),
            )
            if len(self._queries) > 1024:
                self._queries.clear()
            self._queries[text] = query
        return query

    def _score(self, query: _Query, entry: _Entry, skip: int = -1) -> float:
        """How close the answer is to the entry's closest line (all but line `skip`)."""
        q = query.doc
        best = 0.0
        for i, d in enumerate(entry.docs):
            if i == skip:
                continue
            if d.small:  # a line of small words only: compared word for word
                score = _similar(*query.small_words(), d.small, d.snorm)
                best = max(best, score * (SMALL_ONLY if query.content else 1.0))
                continue
            if not query.content:
                continue
            w = _similar(q.words, q.wnorm, d.words, d.wnorm)
            g = _similar(*self._grams(q), *self._grams(d))
            best = max(best, _blend(w, g, len(q.words), len(q.words.keys() & d.words.keys())))
        if query.acting and not entry.action:
            best *= 0.5  # a bracketed answer is a stage direction: prefer actions
        if query.asking != entry.question:
            best *= MOOD  # an answer that asks is closer to a choice that asks
        return min(1.0, best)

    def _scores(
        self,
        text: str,
        node_id: str,
        choices: Sequence[Choice],
        leave_out: tuple[str, int] | None = None,
    ) -> tuple[list[float], bool]:
        """The scores, and whether the semantic ones were blended in."""
        query = self._query(text)
        if query.doc is None or not choices:
            return [0.0] * len(choices), False
        left, skip = leave_out or ("", -1)
        out = [
            self._score(query, self._entry(node_id, c), skip if c.id == left else -1)
            for c in choices
        ]
        if self.semantic is not None:
            variants = [_variants(c) for c in choices]
            for c, group in zip(choices, variants, strict=True):
                if c.id == left:
                    del group[skip]
            sem = self.semantic.scores(query.answer, variants)
            if sem is not None:
                k = self.semantic_weight
                out = [min(1.0, (1 - k) * a + k * b) for a, b in zip(out, sem, strict=True)]
                return out, True
        return out, False

    def examples_in_doubt(
        self, node_id: str, choices: Sequence[Choice]
    ) -> list[list[list[float] | None]]:
        """Every example of every choice, read against all `choices` as `validate` reads it:
        for choice k's example i, None when no sibling can be confidently ahead of the other
        choices (`confident`, as `recall_report.ambiguous_examples` asks it), else the list
        `scores(example, node_id, choices, leave_out=(choices[k].id, i + 1))` gives.

        Most examples are settled from their words alone, by a bound:

        - A line's content score is `f * (WORD_WEIGHT * w + (1 - WORD_WEIGHT) * g)` (`_blend`),
          with `w` and `g` the words and grams `_similar`ities and `f` 1 or ONE_WORD, which the
          shared words say. Every weight is positive (every idf is at least 1, a count's
          1 + log(count) at least 1), so `_similar` is at most 1: the dot product is at most
          the product of the norms (Cauchy-Schwarz), and each term's coverage `w * min(w, d)`
          at most `w * w`, whose sum is the answer's norm squared. With `w` worked out, the
          line scores between `f * WORD_WEIGHT * w` (g = 0) and that plus
          `f * (1 - WORD_WEIGHT) * GRAM_CEILING` (g = 1); a line that shares no word has w = 0.
        - A choice's score is its best line's (a line of small words scored exactly), times its
          mood factors, capped at 1: it rises with each line's, so it lies between the same
          made of the lines' low and high bounds.
        - A sibling j is flagged only when its score s is at least ACCEPT and ahead of each
          other choice's (its own included) by MARGIN, or SURE_MARGIN when s >= SURE. With
          `high_j` its upper bound and `low_r` the largest of the others' lower bounds, it
          cannot be when `high_j < ACCEPT`, nor when `high_j - low_r` is under MARGIN with
          `high_j < SURE` (then s < SURE) or under SURE_MARGIN (the smaller margin).

        Each bound is widened by SLACK, far above the rounding of sums of a few hundred terms
        at most 1. While some sibling is not ruled out, the line with the highest upper bound
        is scored exactly (its grams made) and the bounds narrowed; when every line is exact
        and a sibling still is not ruled out, the row is worked out as `scores` does.
        """
        if self.semantic is not None:  # blended scores have no such bound: every row in full
            return [
                [self.scores(e, node_id, choices, (c.id, i + 1)) for i, e in enumerate(c.examples)]
                for c in choices
            ]
        entries = [self._entry(node_id, c) for c in choices]
        node = _Node(entries)
        moods = {}  # (acting, asking) -> each choice's mood factor
        out = []
        for k, choice in enumerate(choices):
            mine = [c.id == choice.id for c in choices]  # the choices its example is left out of
            others = [w for m, w in zip(mine, node.words, strict=True) if not m]  # their words
            rows = []
            for i, example in enumerate(choice.examples):
                query = self._query(example)
                if query.doc is None:  # no words: every score is 0.0, under ACCEPT
                    rows.append(None)
                    continue
                mood = moods.get((query.acting, query.asking))
                if mood is None:
                    mood = moods[query.acting, query.asking] = [
                        (0.5 if query.acting and not e.action else 1.0)
                        * (MOOD if query.asking != e.question else 1.0)
                        for e in entries
                    ]
                if query.content and not self._doubt(query, node, mood, mine, k, i + 1, others):
                    rows.append(None)
                    continue
                rows.append(
                    [
                        self._score(query, e, i + 1 if m else -1)
                        for e, m in zip(entries, mine, strict=True)
                    ]
                )
            out.append(rows)
        return out

    def _doubt(
        self,
        query: _Query,
        node: _Node,
        mood: list[float],
        mine: list[bool],
        k: int,
        skip: int,
        others: list[set[str]],
    ) -> bool:
        """Whether a sibling of choice k may be confidently ahead for this answer (one with
        content words, left out of line `skip` of the `mine` choices; `others` holds the
        other choices' words): the bounds of
        `examples_in_doubt`, from the words, then narrowed line by line."""
        q = query.doc
        qw, thin = q.wnorm, len(q.words) > 1
        if thin and not node.smalls and all(map(q.words.keys().isdisjoint, others)):
            # no sibling shares a word: each sibling's line scores at most
            # ONE_WORD * (1 - WORD_WEIGHT) * GRAM_CEILING, under ACCEPT
            return ONE_WORD * (1 - WORD_WEIGHT) * GRAM_CEILING + SLACK >= ACCEPT
        docs = node.indexed().docs
        n = len(docs)
        dot, cover, shared = [0.0] * n, [0.0] * n, [0] * n
        hit = []
        for t, w in q.words.items():
            for s, d in node.index.get(t, ()):
                if not shared[s]:
                    hit.append(s)
                dot[s] += w * d
                cover[s] += w * (w if w < d else d)
                shared[s] += 1
        gram = (1 - WORD_WEIGHT) * GRAM_CEILING
        base = gram * ONE_WORD if thin else gram  # a line that shares no word: w = 0
        if node.smalls:
            small = self._small_best(query, node, mine, skip)
            high = [max(base, s) if c else s for c, s in zip(node.content, small, strict=True)]
            low = small[:]
        else:
            small = [0.0] * len(mood)
            high = [base if c else 0.0 for c in node.content]
            low = small[:]
        lows, highs = [0.0] * n, [base] * n  # each line's bounds
        qq = qw * qw
        for s in hit:
            f = ONE_WORD if thin and shared[s] < 2 else 1.0
            # the line's words `_similar`ity to the last bit: the same sums, in the answer's
            # order (kept in `dot` for `_narrowed`; a line that shares no word has 0.0 there,
            # as `_similar` gives it)
            w = dot[s] = 0.5 * dot[s] / (qw * docs[s].wnorm) + 0.5 * cover[s] / qq
            lo = lows[s] = f * WORD_WEIGHT * w
            hi = highs[s] = lo + f * gram
            for j, p in node.owners[s]:
                if p == skip and mine[j]:
                    continue
                if lo > low[j]:
                    low[j] = lo
                if hi > high[j]:
                    high[j] = hi
        up = [min(1.0, x) + SLACK for x in map(operator.mul, high, mood)]
        down = [min(1.0, x) - SLACK for x in map(operator.mul, low, mood)]
        if not _may_flag(up, down, k):
            return False
        return self._narrowed(query, node, mood, mine, k, skip, (lows, highs, small, shared, dot))

    def _narrowed(
        self,
        query: _Query,
        node: _Node,
        mood: list[float],
        mine: list[bool],
        k: int,
        skip: int,
        bounds: tuple[list[float], list[float], list[float], list[int], list[float]],
    ) -> bool:
        """`_doubt`'s second part: the lines' bounds (`lows`, `highs`, each choice's best
        line of small words, each line's shared words and its words `_similar`ity) narrowed
        by scoring the line with the highest upper bound exactly, until no sibling may be ahead
        or every line is exact."""
        lows, highs, small, shared, sims = bounds
        q, docs = query.doc, node.docs
        lines = [
            [s for p, s in enumerate(row) if s >= 0 and not (p == skip and mine[j])]
            for j, row in enumerate(node.places)
        ]
        exact = [False] * len(docs)
        # the lines by upper bound, highest first: scoring one exactly leaves the others' as
        # they are, so this is the order in which each is the highest of those not yet exact
        order = sorted(
            ((highs[s] * f, s) for ls, f in zip(lines, mood, strict=True) for s in ls),
            key=operator.itemgetter(0),
            reverse=True,  # a stable sort still: lines of equal bound stay in this order
        )
        # each choice's widened bounds, made of its lines' (as `_doubt` makes them); scoring a
        # line exactly changes only those of the choices that hold it (and only narrows them)
        up, down = [], []
        for ls, f, sm in zip(lines, mood, small, strict=True):
            up.append(min(1.0, max(sm, max(map(highs.__getitem__, ls), default=0.0)) * f) + SLACK)
            down.append(min(1.0, max(sm, max(map(lows.__getitem__, ls), default=0.0)) * f) - SLACK)
        for _, pick in order:
            if exact[pick]:
                continue
            d = docs[pick]
            g = _similar(*self._grams(q), *self._grams(d))
            lows[pick] = highs[pick] = _blend(sims[pick], g, len(q.words), shared[pick])
            exact[pick] = True
            for j in {j for j, _ in node.owners[pick]}:
                ls, f, sm = lines[j], mood[j], small[j]
                up[j] = min(1.0, max(sm, max(map(highs.__getitem__, ls), default=0.0)) * f) + SLACK
                down[j] = min(1.0, max(sm, max(map(lows.__getitem__, ls), default=0.0)) * f) - SLACK
            if not _may_flag(up, down, k):
                return False
        return True  # every line exact, and a sibling may still be ahead

    @staticmethod
    def _small_best(query: _Query, node: _Node, mine: list[bool], skip: int) -> list[float]:
        """Each choice's best line of small words only, scored as `_score` does."""
        words, norm = query.small_words()
        return [
            max(
                (
                    _similar(words, norm, d.small, d.snorm) * SMALL_ONLY
                    for p, d in enumerate(e.docs)
                    if d.small and not (m and p == skip)
                ),
                default=0.0,
            )
            for e, m in zip(node.entries, mine, strict=True)
        ]

    @staticmethod
    def confident(best: float, second: float) -> bool:
        """The best score is at or above ACCEPT, and clearly ahead of the runner-up."""
        margin = SURE_MARGIN if best >= SURE else MARGIN
        return best >= ACCEPT and best - second >= margin

    @staticmethod
    def accepts(best: float, second: float, floor: float = CLEAR) -> bool:
        """The best score is close enough, and clearly ahead of the runner-up.

        An answer in words the authored line does not use scores low on every choice; when
        one choice still stands out (the runner-up has at most half its score) it is taken
        down to an absolute floor (CLEAR, or CLEAR_BLENDED for blended scores), under which
        nothing is.
        """
        if Matcher.confident(best, second):
            return True
        return best >= floor and second <= CLEAR_RATIO * best

    def match(self, text: str, node_id: str, choices: Sequence[Choice]) -> Match:
        """The closest of `choices` (the visible ones at `node_id`), or None when none is."""
        scores, blended = self._scores(text, node_id, choices)
        ranked = sorted(
            (Scored(c.id, round(s, 3)) for c, s in zip(choices, scores, strict=True)),
            key=lambda s: -s.confidence,
        )
        chosen = None
        if ranked:
            second = ranked[1].confidence if len(ranked) > 1 else 0.0
            floor = CLEAR_BLENDED if blended else CLEAR
            if self.accepts(ranked[0].confidence, second, floor):
                chosen = ranked[0].choice
        return Match(text, chosen, ranked[0].confidence if ranked else 0.0, tuple(ranked))


def _deletions(word: str, depth: int) -> set[str]:
    """The word and every form of it with up to `depth` letters removed."""
    out = {word}
    edge = {word}
    for _ in range(depth):
        edge = {w[:i] + w[i + 1 :] for w in edge for i in range(len(w))}
        out |= edge
    return out


def _unbracket(text: str) -> str:
    return text.strip().strip("[]()*").strip() if is_action(text) else text


def _variants(choice: Choice) -> list[str]:
    return [_unbracket(v) for v in (choice.text, *choice.examples)]


_cache: dict[str, Matcher] = {}


def matcher_for(scenario: Scenario, semantic=None) -> Matcher:
    """One matcher per scenario version (keyed by content hash) and scorer."""
    key = f"{scenario.sha256 or id(scenario)}:{id(semantic)}"
    found = _cache.get(key)
    if found is None:
        if len(_cache) > 32:
            _cache.clear()
        found = _cache[key] = Matcher(scenario, semantic)
    return found
