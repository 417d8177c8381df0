from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.outbox, name="outbox"),
    path("<int:pk>/", views.message_detail, name="detail"),
    path("<int:pk>/send-igen/", views.message_resend, name="resend"),
    path("tidsplan/", views.schedule_edit, name="schedule"),
    path("mine-indstillinger/", views.preferences_edit, name="preferences"),
]
