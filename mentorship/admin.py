"""The Django admin: the platform superuser sees everything; a jobcenter admin sees their jobcenter.

One tenancy rule for every admin page, kept here in the base classes (RoleAwareAdmin, JobcenterScopedAdmin)
so that every registered ModelAdmin gets it (tests/test_admin_matrix.py fails for one that does not):

- An object belongs to a jobcenter admin when it is in the admin's queryset (`get_queryset`). Every view
  that takes an object id (change, delete, history, history detail, password) answers 404 for any other
  object, exactly as for an absent one, and the object-level permissions say the same.
- Change history (django-simple-history) is read-only for everyone but the platform superuser, who may
  revert only what they may change. History rows are scoped like the objects.
- Choices: a foreign key or many-to-many to a user offers only the jobcenter's active members; one to a
  tenant model offers only what the admin of that model shows. The autocomplete view follows the same rule.
- Filters: only the changelist's declared filters (and its date hierarchy) are accepted as lookups, so a
  hidden field cannot be probed through the URL.
- Reads of personal data (a citizen, a corps mentor, a company mentor, or a row about one) are written to
  the access log, as the app's own pages do.
"""

import re
from functools import update_wrapper
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.views.main import SEARCH_VAR
from django.contrib.admin.widgets import url_params_from_lookup_dict
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.db.models.constants import LOOKUP_SEP
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import Jobcenter, Role, User
from audit.models import AccessAction
from audit.registry import SUBJECT_MODELS, registry
from audit.services import access_record
from mentorship.dates import with_plausible_range
from mentorship.tenancy import scoped_objects


class MentorshipAdminSite(admin.AdminSite):
    site_header = _("Mentorordning – administration")
    site_title = _("Mentorordning")
    index_title = _("Administration")

    def login(self, request, extra_context=None):
        """One login for the whole product, with lockout and two-factor: the admin's own is not used.
        A user already logged in goes on to the admin (or answers 403 without the right), never back
        to the login page, which would send them here again."""
        next_url = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = reverse("admin:index")
        if request.user.is_authenticated:
            if not self.has_permission(request):
                raise PermissionDenied
            return redirect(next_url)
        return redirect_to_login(next_url, reverse("accounts:login"))

    def has_permission(self, request) -> bool:
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        if user.is_superuser:
            return True
        membership = getattr(request, "membership", None)
        return membership is not None and membership.role == Role.JOBCENTER_ADMIN

    def admin_view(self, view, cacheable=False):
        """A logged-in user without admin rights gets 403 (too little role), not a redirect to the login
        page, which would send them straight back here."""
        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, inner)

    def autocomplete_view(self, request):
        return TenantAutocompleteJsonView.as_view(admin_site=self)(request)


def is_jobcenter_admin(request) -> bool:
    membership = getattr(request, "membership", None)
    return membership is not None and membership.role == Role.JOBCENTER_ADMIN and request.user.is_staff


def has_simple_history(model) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


def jobcenter_members(jobcenter):
    """Users with an active membership in `jobcenter`: the only users its admin may choose in a form."""
    # One membership per user and jobcenter (a unique constraint), so the join yields each user once.
    return User.objects.filter(memberships__jobcenter=jobcenter, memberships__is_active=True)


def jobcenter_own_users(jobcenter):
    """Users who belong to `jobcenter` alone (every membership of theirs is in it) and are not superusers.

    Only these may a jobcenter admin change: a user's e-mail and password open every jobcenter they
    belong to, so an admin of one must not set them for someone who also belongs to another.
    """
    return User.objects.filter(memberships__jobcenter=jobcenter, is_superuser=False).exclude(
        memberships__jobcenter__in=Jobcenter.objects.exclude(pk=jobcenter.pk)
    )


# --- access log --------------------------------------------------------------------------------------

PERSON_MODELS = frozenset(SUBJECT_MODELS.values())


def holds_personal_data(model) -> bool:
    label = model._meta.label
    return label in PERSON_MODELS or any(entry.model == label for entry in registry())


def persons_of(obj: Model, _seen=None) -> list[Model]:
    """The people (citizens, corps mentors, company mentors) a row is about, found through audit's registry
    of personal data: the row itself for a person, else the people its registered relations lead to."""
    label = obj._meta.label
    if label in PERSON_MODELS:
        return [obj]
    seen = _seen if _seen is not None else set()
    if (label, obj.pk) in seen:
        return []
    seen.add((label, obj.pk))
    found: list[Model] = []
    for entry in registry():
        if entry.model != label:
            continue
        for name in entry.via:
            field = obj._meta.get_field(name)
            if field.many_to_many or field.related_model is type(obj):
                continue  # a many-to-many or a self-reference (renewal, sub-goal) names no new person
            related = getattr(obj, name)
            if related is not None:
                found.extend(person for person in persons_of(related, seen) if person not in found)
    return found


def _jobcenter_of(person: Model):
    if getattr(person, "jobcenter_id", None):
        return person.jobcenter
    company = getattr(person, "company", None)
    return company.jobcenter if company is not None else None


def log_admin_read(request, obj: Model, what) -> None:
    """Writes a VIEW entry for every person `obj` is about, in that person's jobcenter (so the superuser's
    reads appear on the person's "who has seen" page too)."""
    purpose = _("Administration: %(what)s (%(model)s)") % {"what": what, "model": obj._meta.verbose_name}
    for person in persons_of(obj):
        access_record(
            request=request, action=AccessAction.VIEW, purpose=purpose, obj=person, jobcenter=_jobcenter_of(person)
        )


# A CPR number in a search term (DDMMYY-XXXX, with or without the dash): as in the app's citizen list, it must
# never sit in a URL, whose path and query the append-only access log would keep.
CPR_IN_TEXT = re.compile(r"(?<!\d)\d{6}[- ]?\d{4}(?!\d)")


def log_admin_list(request, model, criterion: str) -> None:
    purpose = _("Administration: liste over %(model)s") % {"model": model._meta.verbose_name_plural}
    action = AccessAction.SEARCH if criterion else AccessAction.VIEW
    access_record(request=request, action=action, purpose=purpose, criterion=criterion)


# --- the base ----------------------------------------------------------------------------------------


class RoleAwareAdmin(SimpleHistoryAdmin):
    """The base of every ModelAdmin of ours. Admin rights come from the role (data), not from Django's
    per-model permission rows: the superuser may do everything, a jobcenter admin may work on the rows of
    their own jobcenter (those `get_queryset` returns), and nothing else, on every page.

    It is a SimpleHistoryAdmin so that its history rules come before simple-history's in every subclass's
    method order, also when a subclass names SimpleHistoryAdmin first; for a model without
    HistoricalRecords, Django's own history page (the admin log) is used.
    """

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        if not has_simple_history(model):
            self.object_history_template = None

    def get_urls(self):
        if has_simple_history(self.model):
            return super().get_urls()
        return super(SimpleHistoryAdmin, self).get_urls()  # no history-version page without history

    # --- who may do what ---------------------------------------------------------------------------

    def has_role(self, request) -> bool:
        return request.user.is_superuser or is_jobcenter_admin(request)

    def in_tenant(self, request, obj) -> bool:
        """Whether `obj` is one of the rows this admin shows the request's user (cached per request)."""
        if obj is None or request.user.is_superuser:
            return True
        if obj.pk is None:
            return False
        checked = request.__dict__.setdefault("admin_tenant_checked", {})
        key = (type(obj)._meta.label, obj.pk)
        if key not in checked:
            checked[key] = self.get_queryset(request).filter(pk=obj.pk).exists()
        return checked[key]

    def has_module_permission(self, request):
        return self.has_role(request)

    def has_view_permission(self, request, obj=None):
        return self.has_role(request) and self.in_tenant(request, obj)

    def has_add_permission(self, request):
        return self.has_role(request)

    def has_change_permission(self, request, obj=None):
        return self.has_role(request) and self.in_tenant(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_role(request) and self.in_tenant(request, obj)

    def get_object(self, request, object_id, from_field=None):
        """An object outside the admin's queryset answers 404, exactly as an absent one."""
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404(_("Siden findes ikke."))
        return obj

    # --- choices -----------------------------------------------------------------------------------

    def tenant_choices(self, request, model):
        """The rows of `model` a form of this admin may offer: every row for the superuser; the
        jobcenter's active members for a user; what the admin of `model` shows for a registered model;
        else the model's `objects` (django-scopes limits a tenant model to the active scope; the
        superuser's admin requests run with scopes disabled, see TenantMiddleware)."""
        if request.user.is_superuser:
            return scoped_objects(model).all()
        if model is User:
            return jobcenter_members(request.jobcenter)
        related_admin = self.admin_site.get_model_admin(model) if self.admin_site.is_registered(model) else None
        if isinstance(related_admin, RoleAwareAdmin):
            return related_admin.get_queryset(request)
        return scoped_objects(model).all()

    def _narrow(self, request, db_field, field):
        if field is not None and not request.user.is_superuser:
            field.queryset = field.queryset.filter(
                pk__in=self.tenant_choices(request, db_field.related_model).values("pk")
            )
        return field

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return self._narrow(request, db_field, super().formfield_for_foreignkey(db_field, request, **kwargs))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return self._narrow(request, db_field, super().formfield_for_manytomany(db_field, request, **kwargs))

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """Date fields hold plausible dates here too, as in every form (mentorship.dates)."""
        return with_plausible_range(db_field, super().formfield_for_dbfield(db_field, request, **kwargs))

    # --- filters and lookups -------------------------------------------------------------------------

    def get_list_filter(self, request):
        """A filter on a relation lists only the values found in the admin's (scoped) rows."""
        filters = []
        for item in super().get_list_filter(request):
            if isinstance(item, str) and LOOKUP_SEP not in item and self.model._meta.get_field(item).is_relation:
                item = (item, admin.RelatedOnlyFieldListFilter)
            filters.append(item)
        return filters

    def filter_paths(self, request) -> set[str]:
        paths = {self.date_hierarchy} if self.date_hierarchy else set()
        for item in self.get_list_filter(request):
            if isinstance(item, str):
                paths.add(item)
            elif isinstance(item, (list, tuple)):
                paths.add(item[0])
        return paths

    def lookup_allowed(self, lookup, value, request=None):
        """Only the declared filters (and the date hierarchy) may be used as lookups: Django allows any
        lookup on the model's own fields, which would let a URL test hidden fields one guess at a time."""
        for fk_lookup in self.model._meta.related_fkey_lookups:
            fk_lookup = fk_lookup() if callable(fk_lookup) else fk_lookup
            if (lookup, value) in url_params_from_lookup_dict(fk_lookup).items():
                return True
        if request is None or not super().lookup_allowed(lookup, value, request):
            return False
        return any(lookup == path or lookup.startswith(path + LOOKUP_SEP) for path in self.filter_paths(request))

    # --- reads are logged -----------------------------------------------------------------------------

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET" and CPR_IN_TEXT.search(request.GET.get(SEARCH_VAR, "")):
            message = _('Søg ikke på CPR-nummer her. Brug "Find borger ud fra CPR-nummer" på borgerlisten.')
            self.message_user(request, message, messages.WARNING)
            return HttpResponseRedirect(request.path)
        response = super().changelist_view(request, extra_context)
        if request.method == "GET" and response.status_code == 200 and holds_personal_data(self.model):
            log_admin_list(request, self.model, request.GET.urlencode())
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        self._log_object_read(request, response, _("visning"))
        return response

    def delete_view(self, request, object_id, extra_context=None):
        response = super().delete_view(request, object_id, extra_context)
        self._log_object_read(request, response, _("sletning"))
        return response

    def _log_object_read(self, request, response, what) -> None:
        context = getattr(response, "context_data", None) or {}
        obj = context.get("original") or context.get("object")
        if response.status_code == 200 and isinstance(obj, self.model):
            log_admin_read(request, obj, what)

    # --- history: scoped and read-only ------------------------------------------------------------------

    def may_revert(self, request, obj) -> bool:
        """Only the platform superuser reverts through history, and only what they may change."""
        return (
            request.user.is_superuser
            and not SimpleHistoryAdmin.revert_disabled(self, request, obj)
            and self.has_change_permission(request, obj)
        )

    def revert_disabled(self, request, obj=None):
        return not self.may_revert(request, obj)

    def history_hidden_fields(self, request) -> list[str]:
        """Fields the change form leaves out are left out of the history's list of changes too."""
        return list(self.get_exclude(request) or [])

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        hidden = self.history_hidden_fields(request)
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(
                    current, excluded_fields=hidden, foreign_keys_are_objs=foreign_keys_are_objs
                )
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current

    def history_view(self, request, object_id, extra_context=None):
        if not has_simple_history(self.model):
            return super(SimpleHistoryAdmin, self).history_view(request, object_id, extra_context)
        obj = self.get_object(request, unquote(object_id))
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        response = super().history_view(request, object_id, extra_context)
        log_admin_read(request, obj, _("historik"))
        return response

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """One historical version, read-only; a POST reverts to it, only for who `may_revert`."""
        if not has_simple_history(self.model):
            raise Http404(_("Siden findes ikke."))
        obj = self.get_object(request, unquote(object_id))
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        history = getattr(self.model, self.model._meta.simple_history_manager_attribute)
        records = self.get_history_queryset(request, history, self.model._meta.pk.attname, obj.pk)
        record = records.filter(history_id=version_id).first() if str(version_id).isdigit() else None
        if record is None:
            raise Http404(_("Siden findes ikke."))
        may_revert = self.may_revert(request, obj)
        if request.method == "POST" and not may_revert:
            raise PermissionDenied
        if may_revert:
            return super().history_form_view(request, object_id, version_id, extra_context)
        version = record.instance
        version._state.adding = False
        form = self.get_form(request, version, change=True)(instance=version)
        fieldsets = self.get_fieldsets(request, version)
        admin_form = helpers.AdminForm(form, fieldsets, {}, flatten_fieldsets(fieldsets), model_admin=self)
        opts = self.model._meta
        prefix = f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}"
        context = {
            **self.admin_site.each_context(request),
            "title": self.history_form_view_title(request, obj),
            "adminform": admin_form,
            "object_id": object_id,
            "original": version,
            "is_popup": False,
            "media": self.media + admin_form.media,
            "errors": helpers.AdminErrorList(form, []),
            "app_label": opts.app_label,
            "original_opts": opts,
            "changelist_url": reverse(f"{prefix}_changelist"),
            "change_url": reverse(f"{prefix}_change", args=(obj.pk,)),
            "history_url": reverse(f"{prefix}_history", args=(obj.pk,)),
            "change_history": False,
            "revert_disabled": True,
            "add": False,
            "change": True,
            "has_add_permission": False,
            "has_view_permission": True,
            "has_change_permission": False,
            "has_delete_permission": False,
            "has_editable_inline_admin_formsets": False,
            "has_file_field": False,
            "has_absolute_url": False,
            "form_url": "",
            "opts": history.model._meta,
            "content_type_id": self.content_type_model_cls.objects.get_for_model(self.model).id,
            "save_as": False,
            "save_on_top": False,
            "root_path": getattr(self.admin_site, "root_path", None),
            **(extra_context or {}),
        }
        log_admin_read(request, obj, _("historik"))
        return render(request, self.object_history_form_template, context)


class JobcenterScopedAdmin(RoleAwareAdmin):
    """Base for every tenant model's admin: rows, choices and new objects stay in the admin's jobcenter.

    The superuser's admin requests run with scopes disabled (see TenantMiddleware) and see all rows.
    """

    jobcenter_field = "jobcenter"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{self.jobcenter_field: request.jobcenter})

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        # The history rows of another jobcenter's time (a row that was moved) stay with that jobcenter.
        queryset = super().get_history_queryset(request, history_manager, pk_name, object_id)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{self.jobcenter_field: request.jobcenter})

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        if not request.user.is_superuser and self.jobcenter_field == "jobcenter":
            exclude.append("jobcenter")
        return exclude

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if request.user.is_superuser or self.jobcenter_field != "jobcenter":
            return form
        return tenant_form(form, request.jobcenter)

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser and self.jobcenter_field == "jobcenter":
            obj.jobcenter = request.jobcenter
        super().save_model(request, obj, form, change)

    def get_list_display(self, request):
        display = list(super().get_list_display(request))
        if request.user.is_superuser and self.jobcenter_field == "jobcenter" and "jobcenter" not in display:
            display.append("jobcenter")
        return display


def tenant_form(form_class, jobcenter):
    """The admin's form with the instance in `jobcenter` before validation, so that the unique
    constraints that include the jobcenter (not a form field for a jobcenter admin) are checked and
    answered next to the form instead of failing in the database."""

    class TenantForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.instance.jobcenter = jobcenter

        def validate_unique(self):
            super().validate_unique()
            if self.errors:
                return
            exclude = {f.name for f in self.instance._meta.fields if f.name not in self.fields} - {"jobcenter"}
            try:
                self.instance.validate_unique(exclude=exclude)
                self.instance.validate_constraints(exclude=exclude)
            except ValidationError as error:
                self.add_error(None, error.messages)

    TenantForm.__name__ = form_class.__name__
    return TenantForm


class TenantAutocompleteJsonView(AutocompleteJsonView):
    """Django's autocomplete, with the form's choices: only what the source admin's field may offer,
    and only for a source model whose admin the user may see. A search for people is logged."""

    def process_request(self, request):
        term, model_admin, source_field, to_field_name = super().process_request(request)
        site = self.admin_site
        source_admin = site.get_model_admin(source_field.model) if site.is_registered(source_field.model) else None
        if not isinstance(source_admin, RoleAwareAdmin) or not source_admin.has_view_permission(request):
            raise PermissionDenied
        self.source_admin = source_admin
        return term, model_admin, source_field, to_field_name

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.request.user.is_superuser:
            return queryset
        choices = self.source_admin.tenant_choices(self.request, self.source_field.related_model)
        return queryset.filter(pk__in=choices.values("pk"))

    def get(self, request, *args, **kwargs):
        if CPR_IN_TEXT.search(request.GET.get("term", "")):
            self.process_request(request)  # the same permission checks, then nothing searched or logged
            return JsonResponse({"results": [], "pagination": {"more": False}})
        response = super().get(request, *args, **kwargs)
        if holds_personal_data(self.source_field.related_model):
            log_admin_list(request, self.source_field.related_model, urlencode({"term": self.term}))
        return response
