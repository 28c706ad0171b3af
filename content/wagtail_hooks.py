from wagtail.snippets.models import register_snippet

from .navigation import Footer, MainMenu

register_snippet(MainMenu)
register_snippet(Footer)
