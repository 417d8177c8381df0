from django.contrib.admin.apps import AdminConfig


class MentorshipAdminConfig(AdminConfig):
    default_site = "mentorship.admin.MentorshipAdminSite"
