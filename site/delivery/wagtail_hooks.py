"""The delivery room's part in serving pages through Wagtail's hooks: the rate limit of the public forms."""

from wagtail import hooks

from .throttling import throttle_intake_submission

hooks.register("before_intake_submission", throttle_intake_submission)
