"""Text handling shared by every engine: normalising, CJK bigrams, parsing a visitor's query, highlighting.

Chinese (and other CJK) text has no spaces between words, so a run of CJK characters is indexed as its
overlapping character bigrams (深圳医学 -> 深圳 圳医 医学) followed by the run's last character on its own
(学). A query word becomes the phrase of its bigrams (科学院 -> "科学 学院"), which matches exactly the
documents that contain the word; a one-character query matches every token that starts with it. The
trailing single character also keeps two runs apart, so a phrase never matches across punctuation.
Everything else (English words, numbers) is left to the engine's own tokenizer and stemmer.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import mark_safe

# Han (with extensions and compatibility ideographs), kana and hangul: written without spaces between words.
_CJK_CHARS = (
    "\u3040-\u30ff"  # hiragana, katakana
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uac00-\ud7af"  # hangul syllables
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\U00020000-\U0003134f"  # CJK extensions B-G
)
CJK_RUN = re.compile(f"[{_CJK_CHARS}]+")
_SEGMENT = re.compile(f"([{_CJK_CHARS}]+)")
_RUN_OR_WORD = re.compile(rf"([{_CJK_CHARS}]+)|([^\W_{_CJK_CHARS}]+)")
# A "word" outside CJK runs: letters and digits only (so no query syntax can survive).
WORD = re.compile(rf"[^\W_{_CJK_CHARS}]+")

# Limits that keep hostile queries cheap: characters read from the query, and terms kept from it.
MAX_QUERY_CHARS = 200
MAX_TERMS = 12
MAX_CJK_TERM = 32
# English words that carry no meaning alone; dropped from a query unless nothing else is left.
STOPWORDS = frozenset(
    {"a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "if", "in", "into", "is", "it", "no"}
    | {"not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to"}
    | {"was", "will", "with"}
)


def normalize(text):
    """NFKC (full-width letters and digits become ASCII) and case folding."""
    return unicodedata.normalize("NFKC", text or "").casefold()


def cjk_tokens(text):
    """The CJK tokens of a text: for each run its bigrams, then its last character."""
    tokens = []
    for match in CJK_RUN.finditer(normalize(text)):
        _add_run(tokens, match.group())
    return tokens


def _add_run(tokens, run):
    tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
    tokens.append(run[-1])


def index_tokens(text):
    """The token stream the embedded engine indexes: CJK runs as bigrams (+ last character), words as they are.

    Words stay in their place between the runs, so the database's tokenizer (which stems them) reads
    "用CRISPR基因编辑" as 用 crispr 基因 因编 编辑 辑 rather than one long token.
    """
    tokens = []
    for run, word in _RUN_OR_WORD.findall(normalize(text)):
        if run:
            tokens.extend([a + b for a, b in zip(run, run[1:], strict=False)])
            tokens.append(run[-1])
        else:
            tokens.append(word)
    return tokens


def index_stream(text):
    """index_tokens as one space-separated string (stored in the *_tokens columns)."""
    return " ".join(index_tokens(text))


def segments(text):
    """The text cut where CJK runs start and end ("".join gives it back): Elasticsearch indexes them as the values
    of an array, whose position gap keeps a phrase from matching across two runs (科学。学院 is not 科学院)."""
    return [piece for piece in _SEGMENT.split(text or "") if piece]


@dataclass(frozen=True)
class Term:
    """One term of a parsed query: a CJK word (matched as a phrase of bigrams) or a word."""

    kind: str  # "cjk" or "word"
    text: str
    prefix: bool = False  # match tokens starting with the text (one CJK character, or the last word typed)

    @property
    def bigrams(self):
        return [self.text[i : i + 2] for i in range(len(self.text) - 1)]


@dataclass
class ParsedQuery:
    raw: str
    terms: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.terms)


def parse_query(raw, prefix_last=False):
    """Turn what a visitor typed into terms made only of letters, digits and CJK characters.

    Punctuation, quotes and operators are dropped; every term is required. A CJK run of one character
    becomes a prefix term. With prefix_last (autocomplete), the last word typed is a prefix too.
    """
    text = normalize(raw)[:MAX_QUERY_CHARS]
    terms = []
    seen = set()
    position = 0
    pieces = []
    for match in CJK_RUN.finditer(text):
        pieces.extend(("word", w) for w in WORD.findall(text[position : match.start()]))
        pieces.append(("cjk", match.group()[:MAX_CJK_TERM]))
        position = match.end()
    pieces.extend(("word", w) for w in WORD.findall(text[position:]))
    for kind, value in pieces:
        if (kind, value) in seen:
            continue
        seen.add((kind, value))
        terms.append(Term(kind, value, prefix=kind == "cjk" and len(value) == 1))
        if len(terms) >= MAX_TERMS:
            break
    last = len(terms) - 1 if prefix_last else -1
    meaningful = [t for i, t in enumerate(terms) if t.kind == "cjk" or t.text not in STOPWORDS or i == last]
    if meaningful:
        terms = meaningful
    if prefix_last and terms and terms[-1].kind == "word" and text[-1:].isalnum():
        terms[-1] = Term("word", terms[-1].text, prefix=True)
    return ParsedQuery(raw=text, terms=terms)


# Highlighting, built from the original text.

_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=4096)
def stem(word):
    return _stemmer.stemWord(word.casefold())


def _word_pattern(words):
    """A regex finding candidate words in a text: words that start like a query word's stem."""
    roots = set()
    for term in words:
        if term.prefix:
            roots.add(term.text)
        else:
            root = stem(term.text)
            roots.add(root[: max(2, len(root) - 1)] if len(root) > 2 else term.text)
    alternatives = "|".join(re.escape(r) for r in sorted(roots, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})[^\W_]*", re.IGNORECASE)


def _match_spans(text, terms, start=0, end=None, first_only=False):
    """(start, end) spans of text[start:end] that match the query terms, sorted and merged."""
    end = len(text) if end is None else end
    spans = []
    lowered = text.casefold()
    if len(lowered) != len(text):  # rare characters whose case folding changes length: match on the text itself
        lowered = text
    for term in terms:
        if term.kind != "cjk":
            continue
        position = lowered.find(term.text, start, end)
        while position != -1:
            spans.append((position, position + len(term.text)))
            if first_only:
                break
            position = lowered.find(term.text, position + len(term.text), end)
    words = [t for t in terms if t.kind == "word"]
    if words:
        stems = {stem(t.text) for t in words if not t.prefix} | {t.text for t in words if not t.prefix}
        prefixes = tuple(t.text for t in words if t.prefix)
        for match in _word_pattern(words).finditer(text, start, end):
            word = match.group().casefold()
            if word in stems or stem(word) in stems or (prefixes and word.startswith(prefixes)):
                spans.append(match.span())
                if first_only:
                    break
    spans.sort()
    merged = []
    for span_start, span_end in spans:
        if merged and span_start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(span_end, merged[-1][1]))
        else:
            merged.append((span_start, span_end))
    return merged


def _render(text, spans, offset=0):
    out = []
    position = offset
    for start, end in spans:
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    return out, position


def highlight(text, terms):
    """The whole (short) text, escaped, with the matching parts in <mark>."""
    text = text or ""
    spans = _match_spans(text, terms)
    out, position = _render(text, spans)
    out.append(escape(text[position:]))
    return mark_safe("".join(out))


_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])|(?<=[.])(?=\s)")
_SIMILAR = 0.75
_NEAR_MIN_CHARS = 16  # shorter sentences differ in a word or two and say different things
_NEAR_SENTENCES = 12  # compared with for near repeats (the summary's and the first body sentences)


def _without_repeats(texts):
    """The texts, whitespace folded, each sentence that says again what an earlier one said left out: the same
    words anywhere before, or nearly the same words as one of the first sentences (a summary restated)."""
    seen, near, out = set(), [], []
    for text in texts:
        kept = ""
        for sentence in _SENTENCE_END.split(" ".join((text or "").split())):
            key = sentence.strip()
            if not key or key in seen or any(_alike(key, other) for other in near):
                continue
            seen.add(key)
            if len(near) < _NEAR_SENTENCES:
                near.append(key)
            joiner = "" if not kept or unicodedata.east_asian_width(kept[-1]) in "WF" else " "
            kept += joiner + key
        out.append(kept)
    return out


def _alike(a, b):
    shorter, longer = sorted((len(a), len(b)))
    if shorter < _NEAR_MIN_CHARS or shorter / longer < _SIMILAR:
        return False
    return SequenceMatcher(None, a, b).ratio() >= _SIMILAR


def snippet(texts, terms, length=160):
    """An escaped extract of about `length` characters around the first match in the texts, matches marked.

    Falls back to the start of the first non-empty text when nothing matches.
    """
    texts = [text for text in _without_repeats(texts) if text]
    if not texts:
        return mark_safe("")
    for text in texts:
        first = _match_spans(text, terms, first_only=True)
        if first:
            start = max(0, first[0][0] - length // 3)
            end = min(len(text), start + length)
            start = max(0, min(start, end - length))
            spans = [(s, min(e, end)) for s, e in _match_spans(text, terms, start, end)]
            out, position = _render(text, spans, start)
            out.append(escape(text[position:end]))
            prefix = "…" if start > 0 else ""
            suffix = "…" if end < len(text) else ""
            return mark_safe(prefix + "".join(out) + suffix)
    text = texts[0]
    return mark_safe(escape(text[:length]) + ("…" if len(text) > length else ""))
