from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("mentorordningen/", views.scheme, name="scheme"),
    path("virksomhed/", views.company, name="company"),
    path("virksomhed/rediger/", views.company_edit, name="company_edit"),
    path("virksomhed/personer/", views.people, name="people"),
    path("virksomhed/personer/<int:pk>/fjern/", views.person_remove, name="person_remove"),
    path("mentorer/", views.mentors, name="mentors"),
    path("mentorer/ny/", views.mentor_create, name="mentor_create"),
    path("mentorer/<int:pk>/rediger/", views.mentor_edit, name="mentor_edit"),
    path("mentorer/<int:pk>/kursus/", views.mentor_nominate, name="mentor_nominate"),
    path("forloeb/", views.placements, name="placements"),
    path("forloeb/<int:pk>/", views.placement_detail, name="placement_detail"),
    path("forloeb/<int:pk>/svar/", views.placement_answer, name="placement_answer"),
    path("forloeb/<int:pk>/vurdering/", views.placement_assessment, name="placement_assessment"),
    path("forloeb/<int:pk>/opfoelgning/", views.placement_follow_up, name="placement_follow_up"),
    path("kurser/", views.courses, name="courses"),
    path("kurser/<int:pk>/tilmeld/", views.course_register, name="course_register"),
    path("kurser/tilmeldinger/<int:pk>/afmeld/", views.course_registration_cancel, name="course_registration_cancel"),
    path("frikoeb/", views.claims, name="claims"),
    path("frikoeb/ny/", views.claim_create, name="claim_create"),
    path("frikoeb/<int:pk>/", views.claim_detail, name="claim_detail"),
]
