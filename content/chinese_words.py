"""Chinese words, for line breaking: a browser may break Chinese between any two characters (深/圳市, 全球医学科技
动/态); the templates keep each word whole (the ``phrases`` and ``words`` filters of ``smart_tags``), and the
browser tests measure that no line breaks inside one. Words come from jieba's segmentation with the dictionary
jieba ships and SMART's own terms (``chinese_words.txt`` beside this file: 深圳医学科学院, 深医专项, ...).

The dictionary is built on first use, in memory (about 0.6 s and 60 MB once per process): nothing is written to
disk (jieba's own start-up writes a cache file to the temporary folder, which a read-only server may refuse, and
loading that cache is no faster), and nothing is downloaded. Text without Chinese never loads it.
"""

import re
import threading
from pathlib import Path

USER_WORDS = Path(__file__).with_name("chinese_words.txt")
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAS_HAN = re.compile(f"[{HAN}]")
# A number and the one character after it that counts it (2026年, 11月, 5期, 30万) read as one word.
_NUMBER = re.compile(r"^[0-9][0-9.,%]*$")
_COUNTED = re.compile(f"^[{HAN}]$")

_lock = threading.Lock()
_tokenizer = None


def _user_words():
    """SMART's own terms: one a line, blank lines and lines starting with # left out."""
    lines = USER_WORDS.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def tokenizer():
    """jieba's tokenizer with SMART's terms, built once per process (thread-safe)."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba  # here, not at import time: only pages with Chinese pay for the dictionary

                built = jieba.Tokenizer()
                # jieba's initialize() would dump a cache file; built here from the shipped file, in memory only.
                built.FREQ, built.total = built.gen_pfdict(built.get_dict_file())
                built.initialized = True
                for word in _user_words():
                    built.add_word(word)  # a frequency high enough for the term to come out whole
                _tokenizer = built
    return _tokenizer


def segments(text):
    """``text`` cut into its words, spaces and marks, in order (joined, they give ``text`` back).

    Text without Chinese comes back as one piece, untouched."""
    text = str(text or "")
    if not HAS_HAN.search(text):
        return [text] if text else []
    pieces = []
    for piece in tokenizer().cut(text):
        if pieces and _COUNTED.match(piece) and _NUMBER.match(pieces[-1]):
            pieces[-1] += piece
        else:
            pieces.append(piece)
    return pieces


def is_word(piece):
    """Whether a piece is a Chinese word of two characters or more, which a line must not split."""
    return len(piece) > 1 and bool(HAS_HAN.search(piece)) and not piece.isspace()
