"""Citations of white papers: GB/T 7714-2015 (the Chinese national standard), APA 7 and BibTeX.

A ``Work`` holds what the formats need; ``WhitePaperPage.citation_work()`` fills it in the page's language.
GB/T 7714 writes a report available online as ``[R/OL]`` with the date of citation in brackets; APA names
the group author when a work has no personal authors and leaves out a publisher that is also the author.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.html import format_html

from content.people import has_cjk

GBT_MAX_AUTHORS = 3


@dataclass
class Work:
    title: str
    year: int
    date: datetime.date
    publisher: str
    place: str
    url: str
    language: str  # "zh-hans" or "en"
    authors: list = field(default_factory=list)  # content.people.Person rows in the work's language
    subtitle: str = ""
    doi: str = ""
    isbn: str = ""
    key: str = ""

    @property
    def chinese(self):
        return self.language.startswith("zh")

    @property
    def full_title(self):
        if not self.subtitle:
            return self.title
        separator = "：" if has_cjk(self.title) else ": "
        return f"{self.title}{separator}{self.subtitle}"

    @property
    def doi_url(self):
        return f"https://doi.org/{self.doi}" if self.doi else ""


def _end(text):
    """End a citation element with a full stop unless it already ends with punctuation."""
    return text if text.endswith((".", "?", "!", "。", "？", "！")) else text + "."


# -- GB/T 7714-2015 --------------------------------------------------------------------------------------------


def gbt7714(work, cited_on=None):
    """The GB/T 7714-2015 reference of a report published online, as plain text.

    ``张明远, 李思源. 题名: 副题名[R/OL]. 深圳: 深圳医学科学院, 2024[2026-11-22]. https://... DOI:10.xxx/yyy.``
    """
    cited_on = cited_on or datetime.date.today()
    names = [person.gbt_name() for person in work.authors[:GBT_MAX_AUTHORS]]
    if len(work.authors) > GBT_MAX_AUTHORS:
        names.append("等" if work.chinese else "et al")
    responsible = ", ".join(names) if names else work.publisher
    title = work.title + (f": {work.subtitle}" if work.subtitle else "")
    parts = [
        _end(responsible),
        f" {title}[R/OL].",
        f" {work.place}: {work.publisher}, {work.year}[{cited_on.isoformat()}].",
        f" {work.url}.",
    ]
    if work.doi:
        parts.append(f" DOI:{work.doi}.")
    return "".join(parts)


# -- APA 7 ---------------------------------------------------------------------------------------------------------


def _apa_authors(names):
    """APA joins names with commas and "&" before the last; Chinese-language references use commas only."""
    if not names:
        return ""
    if len(names) > 20:
        names = names[:19] + [". . . " + names[-1]]
        return ", ".join(names)
    if len(names) == 1 or all(has_cjk(name) for name in names):
        return ", ".join(names)
    return ", ".join(names[:-1]) + ", & " + names[-1]


def apa_parts(work):
    """(authors, date, title, source) of the APA 7 reference; the title is the part set in italics."""
    names = [person.apa_name() for person in work.authors]
    authors = _end(_apa_authors(names)) if names else _end(work.publisher)
    date = f"({work.year})."
    title = work.full_title
    source = []
    if names:  # with a group author the publisher is not repeated
        source.append(_end(work.publisher))
    source.append(work.doi_url or work.url)
    return authors, date, title, " ".join(source)


def apa(work):
    authors, date, title, source = apa_parts(work)
    return f"{authors} {date} {_end(title)} {source}"


def apa_html(work):
    authors, date, title, source = apa_parts(work)
    return format_html("{} {} <i>{}</i>{} {}", authors, date, title, "" if title.endswith(".") else ".", source)


# -- BibTeX ----------------------------------------------------------------------------------------------------------

_BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def bibtex_escape(text):
    text = _CONTROL.sub(" ", str(text or ""))
    return "".join(_BIBTEX_SPECIALS.get(char, char) for char in text)


def _verbatim(text):
    """A URL or DOI for BibTeX: kept as it is, without braces, backslashes or control characters."""
    return _CONTROL.sub("", str(text or "")).translate({ord("{"): None, ord("}"): None, ord("\\"): None})


def bibtex_key(work):
    """An ASCII citation key such as ``smart2024talent``."""
    base = unicodedata.normalize("NFKD", work.key or "").encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "", base.lower())[:40]
    return f"smart{work.year}{base}"


def _braced(text):
    return "{" + bibtex_escape(text) + "}"


def bibtex_person(person):
    """``Zhang, Mingyuan``; a name in Chinese characters (or one holding " and ") as one braced unit."""
    if has_cjk(person.name):
        return _braced(person.name)
    family, given = person.name_parts()
    family = _braced(family) if " and " in family.lower() else bibtex_escape(family)
    return f"{family}, {bibtex_escape(given)}" if given else family


def bibtex(work):
    """A ``@techreport`` entry (UTF-8)."""
    authors = " and ".join(bibtex_person(person) for person in work.authors)
    fields = [
        ("author", authors or _braced(work.publisher)),
        ("title", _braced(work.full_title)),
        ("institution", bibtex_escape(work.publisher)),
        ("address", bibtex_escape(work.place)),
        ("type", "白皮书" if work.chinese else "White paper"),
        ("year", str(work.year)),
        ("month", str(work.date.month)),
        ("url", _verbatim(work.url)),
        ("doi", _verbatim(work.doi)),
        ("isbn", bibtex_escape(work.isbn)),
        ("language", "chinese" if work.chinese else "english"),
    ]
    lines = [f"@techreport{{{bibtex_key(work)},"]
    for name, value in fields:
        if value:
            lines.append(f"  {name} = {{{value}}},")
    lines.append("}")
    return "\n".join(lines) + "\n"
