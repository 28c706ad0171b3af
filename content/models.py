"""Content models, re-exported from the modules that define them."""

from .navigation import Footer, MainMenu  # noqa: F401
from .pages.digest import DigestIndexPage, DigestIssuePage  # noqa: F401
from .pages.events import EventIndexPage, EventPage, EventSpeaker  # noqa: F401
from .pages.foundation import DonorListPage, PledgePage  # noqa: F401
from .pages.funding import ApplicationStatusPage, FundCallPage, InstitutionRegistrationPage  # noqa: F401
from .pages.home import HomePage  # noqa: F401
from .pages.jobs import JobIndexPage, JobPostingPage  # noqa: F401
from .pages.news import NewsArticlePage, NewsArticleTag, NewsIndexPage  # noqa: F401
from .pages.standard import SectionIndexPage, StandardPage  # noqa: F401
from .pages.whitepapers import WhitePaperAuthor, WhitePaperIndexPage, WhitePaperPage  # noqa: F401
from .people import Person  # noqa: F401
from .taxonomy import FieldOfMedicine  # noqa: F401
from .topics import EventSeries, Topic  # noqa: F401
