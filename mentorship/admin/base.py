"""The base classes every registered ModelAdmin extends (RoleAwareAdmin, JobcenterScopedAdmin) and the
tenant form that checks a jobcenter's unique constraints next to the form."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.contrib.admin.views.main import SEARCH_VAR
from django.contrib.admin.widgets import url_params_from_lookup_dict
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.constants import LOOKUP_SEP
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import User
from mentorship.admin.access_log import CPR_IN_TEXT, holds_personal_data, log_admin_list, log_admin_read
from mentorship.admin.users import is_jobcenter_admin, jobcenter_members
from mentorship.dates import with_plausible_range
from mentorship.tenancy import scoped_objects


def has_simple_history(model) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


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
