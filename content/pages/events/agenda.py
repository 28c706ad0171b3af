"""An event's agenda: the sessions editors enter (StreamField blocks) and the days the page shows them by."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class AgendaSessionBlock(blocks.StructBlock):
    day = blocks.DateBlock(required=False, label=_("Day"), help_text=_("Leave empty for the first day of the event."))
    start = blocks.TimeBlock(label=_("Starts"), format="%H:%M")
    end = blocks.TimeBlock(required=False, label=_("Ends"), format="%H:%M")
    title = blocks.CharBlock(max_length=200, label=_("Title"))
    speakers = blocks.ListBlock(
        SnippetChooserBlock("content.Person", label=_("Speaker")), required=False, label=_("Speakers")
    )
    room = blocks.CharBlock(required=False, max_length=120, label=_("Room"))
    description = blocks.TextBlock(required=False, label=_("Description"))

    class Meta:
        icon = "time"
        label = _("Session")
        label_format = "{start} {title}"


class AgendaBlock(blocks.StreamBlock):
    session = AgendaSessionBlock()


@dataclass
class AgendaSession:
    day: datetime.date
    start: datetime.time
    end: datetime.time | None
    title: str
    room: str
    description: str
    speakers: list = field(default_factory=list)


@dataclass
class AgendaDay:
    day: datetime.date
    sessions: list
