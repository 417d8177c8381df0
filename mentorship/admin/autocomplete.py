"""The admin's autocomplete with the form's choices, logged when it searches for people."""

from urllib.parse import urlencode

from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse

from mentorship.admin.access_log import CPR_IN_TEXT, holds_personal_data, log_admin_list
from mentorship.admin.base import RoleAwareAdmin


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
