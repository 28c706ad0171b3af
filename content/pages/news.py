"""院务新闻: the news index and news articles."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from content import lookups
from content import structured_data as ld
from content.blocks import BodyBlock
from content.lookups import public_q

from .base import BasePage

NEWS_PER_PAGE = 10


class NewsArticleTag(TaggedItemBase):
    content_object = ParentalKey("content.NewsArticlePage", on_delete=models.CASCADE, related_name="tagged_items")


class NewsIndexPage(BasePage):
    # What visitors call this kind of page (search filters and results).
    search_type_label = pgettext_lazy("search result type", "News listings")

    intro = models.TextField(_("introduction"), blank=True)

    template = "content/news_index_page.html"
    schema_page_type = "CollectionPage"
    subpage_types = ["content.NewsArticlePage"]

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("news index page")
        verbose_name_plural = _("news index pages")

    def articles(self):
        return (
            NewsArticlePage.objects.child_of(self)
            .live()
            .filter(public_q())
            .defer_streamfields()
            .select_related("listing_image")
            .order_by("-date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = self.articles()
        tag = request.GET.get("tag", "").strip()[:100]
        if tag:
            articles = articles.filter(tags__name=tag)
        paginator = Paginator(articles, NEWS_PER_PAGE)
        # The count (one query) is kept until the next publication; a tag no article has is not kept.
        paginator.count = lookups.cached(f"news-count:{self.pk}:{tag}", articles.count, keep=bool)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        # The articles of this listing page, kept like the count (read only when the main content is rendered;
        # an empty page, such as a tag no article has, is not kept: any text can be asked).
        articles_on_page = page_obj.object_list
        page_obj.object_list = SimpleLazyObject(
            lambda: lookups.cached(
                f"news-page:{self.pk}:{tag}:{page_obj.number}", lambda: list(articles_on_page), keep=bool
            )
        )
        context.update(articles=page_obj, paginator=paginator, current_tag=tag)
        return context

    def fragment_cache_vary(self, request, context):
        """The listing page and tag; a tag that no article carries is rendered, not kept (any text can be asked)."""
        articles, tag = context.get("articles"), context.get("current_tag", "")
        if articles is None or (tag and not articles.object_list):
            return None
        return (articles.number, tag)


class NewsArticlePage(BasePage):
    # What visitors call this kind of page (search filters and results).
    search_type_label = pgettext_lazy("search result type", "News")

    date = models.DateField(_("date"), default=timezone.localdate)
    author = models.CharField(_("author"), max_length=120, blank=True)
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    tags = ClusterTaggableManager(through=NewsArticleTag, blank=True, verbose_name=_("tags"))

    template = "content/news_article_page.html"
    open_graph_type = "article"
    parent_page_types = ["content.NewsIndexPage"]
    subpage_types = []

    content_panels = BasePage.content_panels + [
        FieldPanel("date"),
        FieldPanel("author"),
        FieldPanel("tags"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    def fragment_cache_vary(self, request, context):
        return ()  # the main content depends on the page and the published content only

    def main_entity_ld(self):
        """The article as a schema.org NewsArticle (content.structured_data.page_graph)."""
        language = self.locale.language_code
        url = ld.page_url(self)
        published = self.first_published_at
        if published is None or timezone.localtime(published).date() != self.date:
            published = self.date  # the article's own date, when it was first published on another day
        image = ld.image_url(self.listing_image) if self.listing_image_id else None
        return ld.compact(
            {
                "@type": "NewsArticle",
                "@id": url + "#article",
                "mainEntityOfPage": {"@id": url + "#webpage"},
                "url": url,
                "headline": self.title[:110],
                "description": ld.plain_description(self),
                "datePublished": ld.iso(published),
                "dateModified": ld.iso(self.last_published_at),
                "author": {"@type": "Person", "name": self.author} if self.author else ld.organisation(language),
                "publisher": ld.organisation(language),
                "image": [image] if image else None,
                "inLanguage": ld.language_tag(language),
                "isPartOf": {"@id": ld.website_id(language)},
            }
        )
