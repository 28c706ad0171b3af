"""Content models, re-exported from the modules that define them."""

from .navigation import Footer, MainMenu  # noqa: F401
from .pages.home import HomePage  # noqa: F401
from .pages.news import NewsArticlePage, NewsArticleTag, NewsIndexPage  # noqa: F401
from .pages.standard import SectionIndexPage, StandardPage  # noqa: F401
