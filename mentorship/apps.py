from django.contrib.admin.apps import AdminConfig


class MentorshipAdminConfig(AdminConfig):
    default_site = "mentorship.admin.MentorshipAdminSite"

    def ready(self):
        super().ready()
        # Every model is loaded once any ready() runs: give their fields a cheaper get_FOO_display.
        from mentorship import choices

        choices.install()
