from django.urls import path

from courses import views

app_name = "courses"

urlpatterns = [
    # Coordinators and caseworkers (the jobcenter's staff).
    path("", views.course_list, name="list"),
    path("kalender/", views.course_calendar, name="calendar"),
    path("nyt/", views.course_create, name="create"),
    path("aarsplan/", views.year_plan, name="year_plan"),
    path("evalueringer/", views.evaluations, name="evaluations"),
    path("foelgeordninger/", views.shadowing_list, name="shadowing_list"),
    path("foelgeordninger/ny/", views.shadowing_create, name="shadowing_create"),
    path("<int:pk>/", views.course_detail, name="detail"),
    path("<int:pk>/rediger/", views.course_update, name="update"),
    path("<int:pk>/aflys/", views.course_cancel, name="cancel"),
    path("<int:pk>/dage/ny/", views.session_add, name="session_add"),
    path("<int:pk>/dage/<int:session_pk>/", views.session_edit, name="session_edit"),
    path("<int:pk>/inviter/", views.invite, name="invite"),
    path("<int:pk>/invitationer/", views.invitation_list, name="invitations"),
    path("<int:pk>/tilmeld/", views.register, name="register"),
    path("<int:pk>/fremmoede/", views.attendance, name="attendance"),
    path("<int:pk>/kalender.ics", views.course_ics, name="ics"),
    path("tilmeldinger/<int:pk>/afmeld/", views.registration_cancel, name="registration_cancel"),
    path("tilmeldinger/<int:pk>/kursusbevis.pdf", views.certificate, name="certificate"),
    # Public links from e-mails (signed tokens, no login).
    path("svar/plads/<str:token>/", views.public_offer, name="public_offer"),
    path("svar/evaluering/<str:token>/", views.public_evaluation, name="public_evaluation"),
    path("svar/<str:token>/", views.public_invitation, name="public_invitation"),
]
