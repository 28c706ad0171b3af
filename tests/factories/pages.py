"""Build a small bilingual page tree for tests: the same tree in zh-hans and en."""

import datetime

from wagtail.models import Collection, Locale, Page, Site

from content.editorial import ensure_editorial_groups
from content.models import HomePage, NewsArticlePage, NewsIndexPage, SectionIndexPage, StandardPage
from content.navigation import MainMenu


def ensure_roots():
    """The tree roots that Wagtail's migrations create; a flushed database (transactional tests) lacks them."""
    zh, en = locales()
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=zh, live=True))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    ensure_editorial_groups()
    return zh, en


def locales():
    zh, _ = Locale.objects.get_or_create(language_code="zh-hans")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return zh, en


def translate(page, locale, **fields):
    """Copy a page into another locale, set its fields and publish it."""
    copy = page.copy_for_translation(locale, copy_parents=False, alias=False)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return copy.specific_class.objects.get(pk=copy.pk)


def publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def site_tree():
    """``build_site()``, built once per test process and put back after on a fresh database (snapshots.py)."""
    from tests.factories import snapshots

    return snapshots.once("site tree", build_site)


def build_site():
    """Return a dict of the pages: zh home/about/news/article and their English translations."""
    zh, en = ensure_roots()
    root = Page.get_first_root_node()
    for site in Site.objects.all():
        site.delete()
    for child in root.get_children():
        child.delete()
    home = HomePage(title="首页", slug="home", locale=zh, hero_heading="探索未来医学", hero_text="深圳医学科学院")
    root.add_child(instance=home)
    home.save_revision().publish()
    home.refresh_from_db()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="SMART")
    home_en = translate(home, en, title="Home", hero_heading="Exploring future medicine", hero_text="SMART")

    about = publish_child(home, SectionIndexPage(title="关于我们", slug="about", intro="深圳医学科学院简介"))
    about_en = translate(about, en, title="About SMART", intro="An introduction to SMART")
    mission = publish_child(about, StandardPage(title="使命", slug="mission", intro="医学科学的新路径"))
    mission_en = translate(mission, en, title="Mission", intro="New trails for medical science")
    news = publish_child(home, NewsIndexPage(title="新闻动态", slug="news"))
    news_en = translate(news, en, title="News")
    article = publish_child(
        news, NewsArticlePage(title="深圳医学科学院正式成立", slug="founding", date=datetime.date(2023, 11, 21))
    )
    article_en = translate(article, en, title="SMART is founded")
    # A page that exists only in Chinese.
    only_zh = publish_child(home, StandardPage(title="仅中文页面", slug="zh-only"))
    return {
        "home": home,
        "home_en": home_en,
        "about": about,
        "about_en": about_en,
        "mission": mission,
        "mission_en": mission_en,
        "news": news,
        "news_en": news_en,
        "article": article,
        "article_en": article_en,
        "only_zh": only_zh,
    }


def menu_items(*pages):
    """Raw StreamField data of a menu: one item per page, labelled with the page title."""
    return [{"type": "item", "value": {"page": page.pk, "label": ""}} for page in pages]


def add_navigation(pages):
    """Main menus of both languages for a build_site() tree (About, News); the English one translates the Chinese."""
    _zh, en = locales()
    menu = MainMenu.objects.create(
        locale=pages["home"].locale, name="主菜单", items=menu_items(pages["about"], pages["news"])
    )
    menu_en = menu.copy_for_translation(en)
    menu_en.name = "Main menu"
    menu_en.items = menu_items(pages["about_en"], pages["news_en"])
    menu_en.save()
    return {"menu": menu, "menu_en": menu_en}
