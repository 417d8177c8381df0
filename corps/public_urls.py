"""The public "Bliv mentor" pages (no login), one per jobcenter."""

from django.urls import path

from corps import views

app_name = "corps_public"

urlpatterns = [
    path("", views.apply_index, name="apply_index"),
    path("<slug:jobcenter_slug>/", views.apply, name="apply"),
    path("<slug:jobcenter_slug>/tak/", views.apply_thanks, name="apply_thanks"),
]
