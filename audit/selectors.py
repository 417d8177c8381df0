"""Reads for the privacy pages, scoped to the request's jobcenter."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse

from audit.models import AccessLog, ArchiveHold, RetentionRule
from audit.registry import Subject, subject_model
from audit.services import retention_defaults_ensure
from mentorship.tenancy import scoped_objects


def person_get(*, jobcenter, subject: Subject, pk: int):
    """A citizen, corps mentor or company mentor of the jobcenter, or 404 (also for another jobcenter's)."""
    model = subject_model(subject)
    if subject == Subject.COMPANY_MENTOR:
        queryset = scoped_objects(model).filter(company__jobcenter=jobcenter).select_related("company__jobcenter")
    else:
        queryset = scoped_objects(model).filter(jobcenter=jobcenter).select_related("jobcenter")
    return get_object_or_404(queryset, pk=pk)


def person_url(subject: Subject, person) -> str:
    if subject == Subject.CITIZEN:
        return reverse("citizens:detail", kwargs={"pk": person.pk})
    if subject == Subject.MENTOR:
        return reverse("corps:mentor_detail", kwargs={"pk": person.pk})
    return reverse("companies:mentor_update", kwargs={"pk": person.pk})


def person_list_url(subject: Subject, person) -> str:
    if subject == Subject.CITIZEN:
        return reverse("citizens:list")
    if subject == Subject.MENTOR:
        return reverse("corps:mentor_list")
    return reverse("companies:detail", kwargs={"pk": person.company_id})


def person_access_log(*, jobcenter, subject: Subject, person) -> QuerySet[AccessLog]:
    content_type = ContentType.objects.get_for_model(subject_model(subject))
    return AccessLog.objects.filter(jobcenter=jobcenter, content_type=content_type, object_id=str(person.pk))


def access_log_search(*, jobcenter, actor=None, q: str = "", action: str = "", date_from=None, date_to=None):
    queryset = AccessLog.objects.filter(jobcenter=jobcenter).select_related("content_type")
    if actor is not None:
        queryset = queryset.filter(actor_id=actor.pk)
    if q:
        queryset = queryset.filter(Q(object_repr__icontains=q) | Q(object_id=q) | Q(criterion__icontains=q))
    if action:
        queryset = queryset.filter(action=action)
    if date_from:
        queryset = queryset.filter(at__date__gte=date_from)
    if date_to:
        queryset = queryset.filter(at__date__lte=date_to)
    return queryset


def retention_rules(*, jobcenter) -> list[RetentionRule]:
    retention_defaults_ensure(jobcenter=jobcenter)
    return list(RetentionRule.objects.filter(jobcenter=jobcenter).order_by("kind"))


def archive_holds(*, jobcenter) -> QuerySet[ArchiveHold]:
    return ArchiveHold.objects.filter(jobcenter=jobcenter).select_related("citizen", "set_by").order_by("-set_at")


def archive_hold_of(*, citizen) -> ArchiveHold | None:
    return ArchiveHold.objects.filter(citizen=citizen).select_related("set_by").first()
