from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from accounts import services
from accounts.models import Jobcenter, Membership, User
from mentorship.admin import JobcenterScopedAdmin, RoleAwareAdmin


@admin.register(Jobcenter)
class JobcenterAdmin(SimpleHistoryAdmin, RoleAwareAdmin):
    list_display = ["name", "municipality_code", "city", "is_active"]
    search_fields = ["name", "municipality_code"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.filter(pk=request.jobcenter.pk)

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            services.jobcenter_defaults_ensure(actor=request.user, jobcenter=obj)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["jobcenter", "role", "company", "is_active"]
    raw_id_fields = ["company"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.filter(jobcenter=request.jobcenter)

    def has_add_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, RoleAwareAdmin, DjangoUserAdmin):
    ordering = ["full_name"]
    list_display = ["email", "full_name", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser"]
    search_fields = ["email", "full_name"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name"]}),
        (_("Adgang"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Datoer"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})]
    readonly_fields = ["last_login", "date_joined"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(memberships__jobcenter=request.jobcenter).distinct()

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_staff", "is_superuser", "groups"]
        return fields


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin, JobcenterScopedAdmin):
    list_display = ["user", "role", "company", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["user__email", "user__full_name"]
    raw_id_fields = ["user", "company"]
    list_select_related = ["user", "company", "jobcenter"]
