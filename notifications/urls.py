from django.urls import path

from notifications import sms_views, views

app_name = "notifications"

urlpatterns = [
    path("", views.outbox, name="outbox"),
    path("<int:pk>/", views.message_detail, name="detail"),
    path("<int:pk>/send-igen/", views.message_resend, name="resend"),
    path("tidsplan/", views.schedule_edit, name="schedule"),
    # The SMS gateway's delivery reports (signed with SMS_WEBHOOK_SECRET; no session).
    path("sms/leveringsrapport/", sms_views.sms_delivery_report, name="sms_delivery_report"),
    path("mine-indstillinger/", views.preferences_edit, name="preferences"),
]
