"""How demo pages are described: one PageSpec per page, the same tree for both languages (built from the data
files by ``demo.pages``)."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class PageSpec:
    """One page of the demo tree.

    zh/en: field values per language (title, intro, listing_summary, listing_image_alt, ...).
        A value that is a callable receives the language's `Blocks` (for fields that need a page or image).
    image: key of the listing image (demo.images), shared by both languages.
    body: callable(Blocks) -> list of raw StreamField blocks, called once per language; it is stored in
        the field named by body_field.
    tags: per-language tag names (news articles).
    """

    model: type
    slug: str
    zh: dict
    en: dict
    image: str | None = None
    body: Callable | None = None
    body_field: str = "body"
    tags: dict = field(default_factory=dict)
    children: list = field(default_factory=list)
    key: str = ""  # set by assign_keys: "home", "about", "about/mission", ...

    def fields(self, lang):
        return self.zh if lang == "zh" else self.en

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def assign_keys(home):
    """Give every spec its key: "home" for the root, then slug paths below it ("about/mission")."""
    home.key = "home"

    def visit(spec, prefix):
        for child in spec.children:
            child.key = f"{prefix}{child.slug}"
            visit(child, f"{child.key}/")

    visit(home, "")
    return home
