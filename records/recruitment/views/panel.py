"""Interview panel members: the interviews of the rounds they sit on, and their own evaluations only."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from records.screens import AdminScreen
from records.statemachine import TransitionNotAllowed

from .. import services
from ..forms import EvaluationForm
from ..models import Evaluation, Interview
from ..roles import is_panel_member
from .staff import file_links


class MyInterviewsView(AdminScreen, TemplateView):
    template_name = "recruitment/admin/my_interviews.html"
    page_title = _("My interviews")
    header_icon = "group"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        interviews = list(services.interviews_for_panel_member(user))
        own = {e.interview_id: e for e in Evaluation.objects.filter(interview__in=interviews, panel_member=user)}
        for interview in interviews:
            interview.own_evaluation = own.get(interview.pk)
        context["interviews"] = interviews
        return context


class MyInterviewView(AdminScreen, TemplateView):
    """One interview for a member of its round's panel: the candidate, their CV, and this member's evaluation."""

    template_name = "recruitment/admin/my_interview.html"
    page_title = _("Interview")
    header_icon = "group"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.interview = get_object_or_404(
            Interview.objects.select_related("application__cv", "application__research_statement", "slot", "round"),
            pk=kwargs["pk"],
        )

    def dispatch(self, request, *args, **kwargs):
        if not is_panel_member(request.user, self.interview.round):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def own_evaluation(self):
        return Evaluation.objects.filter(interview=self.interview, panel_member=self.request.user).first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.interview.application
        own = self.own_evaluation()
        initial = {"score": own.score, "comments": own.comments} if own else None
        context.update(
            interview=self.interview,
            application=application,
            own_evaluation=own,
            files=file_links((_("CV"), application.cv), (_("Research statement"), application.research_statement)),
            form=kwargs.get("form") or EvaluationForm(initial=initial),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = EvaluationForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            services.record_evaluation(
                self.interview, request.user, score=form.cleaned_data["score"], comments=form.cleaned_data["comments"]
            )
        except (TransitionNotAllowed, PermissionDenied) as error:
            messages.error(request, str(error))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, gettext("Your evaluation is saved."))
        return redirect("recruitment_my_interviews")
