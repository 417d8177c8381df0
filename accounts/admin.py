from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from accounts.models import STAFF_ROLES, Jobcenter, Membership, Role, User
from mentorship.admin import JobcenterScopedAdmin, RoleAwareAdmin, jobcenter_own_users
from mentorship.admin.otp import TOTPDeviceAdmin


@admin.register(Jobcenter)
class JobcenterAdmin(RoleAwareAdmin):
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

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        # Local passwords are switched off on the admin's own page, which first checks that federation works
        # for them (accounts.saml.views.local_passwords); the CVR number decides whose privileges count here.
        fields.append("local_passwords_disabled")
        if not request.user.is_superuser:
            fields.append("is_active")  # switching a jobcenter off is the platform operator's decision
            fields.append("cvr")
        return fields

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


class MemberCreationForm(DjangoUserAdmin.add_form):
    """A jobcenter admin creates a user together with their role in the jobcenter, in one step: a user
    without a membership would belong to nobody, and a membership for someone else's user is not theirs
    to make. Company leaders come through the invitation in the coordinator app (it names the company)."""

    role = forms.ChoiceField(
        label=_("Rolle i jobcentret"), choices=[(role.value, role.label) for role in Role if role in STAFF_ROLES]
    )


@admin.register(User)
class UserAdmin(RoleAwareAdmin, DjangoUserAdmin):
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

    member_add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "role", "password1", "password2"]})
    ]

    def get_queryset(self, request):
        """A jobcenter admin sees the users who belong to their jobcenter alone (see jobcenter_own_users)."""
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(pk__in=jobcenter_own_users(request.jobcenter).values("pk"))

    def get_fieldsets(self, request, obj=None):
        if obj is None and not request.user.is_superuser:
            return self.member_add_fieldsets
        return super().get_fieldsets(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        if obj is None and not request.user.is_superuser:
            kwargs["form"] = MemberCreationForm
        return super().get_form(request, obj, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change and not request.user.is_superuser:
            services.membership_create(
                actor=request.user, user=obj, jobcenter=request.jobcenter, role=Role(form.cleaned_data["role"])
            )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_staff", "is_superuser", "groups"]
        return fields

    actions = ["reset_two_factor"]

    @admin.action(description=_("Nulstil tofaktorgodkendelse (ny opsætning ved næste login)"), permissions=["change"])
    def reset_two_factor(self, request, queryset):
        """A lost phone, or an authenticator locked by wrong codes: the chosen users (only those this admin's
        queryset holds) set up a new one at their next login."""
        users = list(queryset)
        for user in users:
            services.two_factor_reset(actor=request.user, user=user, jobcenter=request.jobcenter)
        self.message_user(
            request,
            _("Tofaktorgodkendelsen er nulstillet for %(count)d bruger(e). De sætter en ny op ved næste login.")
            % {"count": len(users)},
        )


@admin.register(Membership)
class MembershipAdmin(JobcenterScopedAdmin):
    """A jobcenter admin changes the role or ends the memberships in their jobcenter; new members come
    with a new user (UserAdmin's add form), so only the platform superuser adds memberships here, and a
    membership's user never changes."""

    list_display = ["user", "role", "company", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["user__email", "user__full_name"]
    raw_id_fields = ["user", "company"]
    list_select_related = ["user", "company", "jobcenter"]

    def has_add_permission(self, request):
        return request.user.is_superuser

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields.append("user")
        return fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "user" and not request.user.is_superuser:
            field.queryset = field.queryset.filter(pk__in=jobcenter_own_users(request.jobcenter).values("pk"))
        return field


# django-otp registers its own admin for authenticator apps when its admin module is imported (by
# mentorship.admin.otp at the latest); ours is the same in Danish and takes its place.
admin.site.unregister(TOTPDevice)
admin.site.register(TOTPDevice, TOTPDeviceAdmin)
