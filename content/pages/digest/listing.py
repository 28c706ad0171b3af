"""What a digest index shows: its issues by year (the latest ones, a year's, or the whole archive), or the
items of one field of medicine across its issues."""

from collections import OrderedDict

from content.taxonomy import FieldOfMedicine

# Issues shown on the digest's front page; older ones are in the archive.
LATEST_ON_INDEX = 12


def listing_context(index, request, year=None, full_archive=False):
    """The template context of a digest index's listing: ``year`` one year's issues, ``full_archive`` all of them,
    else the latest; ``?field=<slug>`` the items of that field of medicine instead."""
    issues = index.issues()
    if year is not None:
        issues = issues.filter(issue_month__year=year)
    field_slug = request.GET.get("field", "").strip()[:80]
    current_field = None
    if field_slug:
        current_field = FieldOfMedicine.objects.filter(locale_id=index.locale_id, slug=field_slug).first()
    context = {
        "years": index.years(),
        "current_year": year,
        "full_archive": full_archive,
        "fields_of_medicine": index.fields_of_medicine(),
        "current_field": current_field,
        "field_slug": field_slug,
    }
    if current_field is not None:
        fields_by_key = FieldOfMedicine.for_locale(index.locale_id)
        matches = []
        for issue in issues:
            items = [
                item
                for item in issue.digest_items(fields_by_key)
                if item.field is not None and item.field.translation_key == current_field.translation_key
            ]
            if items:
                matches.append((issue, items))
        context["field_matches"] = matches
        return context
    issues = list(issues.defer_streamfields())
    if year is None and not full_archive:
        context["latest_issue"] = issues[0] if issues else None
        issues = issues[:LATEST_ON_INDEX]
    groups = OrderedDict()
    for issue in issues:
        groups.setdefault(issue.issue_month.year, []).append(issue)
    context["issues_by_year"] = list(groups.items())
    context["issue_count"] = len(issues)
    return context
