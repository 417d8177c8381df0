from django.urls import path

from citizens import views

app_name = "citizens"

urlpatterns = [
    path("", views.citizen_list, name="list"),
    path("ny/", views.citizen_create, name="create"),
    path("cpr-soegning/", views.citizen_cpr_search, name="cpr_search"),
    path("<int:pk>/", views.citizen_detail, name="detail"),
    path("<int:pk>/rediger/", views.citizen_update, name="update"),
    path("<int:pk>/tidslinje/", views.citizen_timeline, name="timeline"),
    path("<int:pk>/cpr/", views.citizen_cpr_reveal, name="cpr_reveal"),
    path("<int:pk>/foelsomme-oplysninger/", views.citizen_sensitive, name="sensitive"),
    path("<int:pk>/afslut/", views.citizen_end, name="end"),
    path("<int:pk>/mentoraftale/ny/", views.agreement_create, name="agreement_create"),
    path("<int:pk>/forloeb/nyt/", views.placement_create, name="placement_create"),
    path("<int:pk>/opfoelgning/ny/", views.follow_up_create, name="follow_up_create"),
    path("mentoraftaler/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("mentoraftaler/<int:pk>/rediger/", views.agreement_update, name="agreement_update"),
    path("mentoraftaler/<int:pk>/i-kraft/", views.agreement_activate, name="agreement_activate"),
    path("mentoraftaler/<int:pk>/afslut/", views.agreement_end, name="agreement_end"),
    path("mentoraftaler/<int:pk>/forlaeng/", views.agreement_renew, name="agreement_renew"),
    path("mentoraftaler/<int:pk>/opstartsmoede/", views.first_meeting, name="first_meeting"),
    path("mentoraftaler/<int:pk>/udskrift/", views.agreement_print, name="agreement_print"),
    path("mentoraftaler/<int:pk>/pdf/", views.agreement_pdf_view, name="agreement_pdf"),
    path("mentoraftaler/<int:pk>/maal/nyt/", views.goal_create, {"owner": "agreement"}, name="agreement_goal_create"),
    path(
        "mentoraftaler/<int:pk>/vurdering/ny/",
        views.assessment_create,
        {"owner": "agreement"},
        name="agreement_assessment_create",
    ),
    path("mentoraftaler/udloeber/", views.agreements_ending, name="agreements_ending"),
    path("forloeb/<int:pk>/", views.placement_detail, name="placement_detail"),
    path("forloeb/<int:pk>/rediger/", views.placement_update, name="placement_update"),
    path("forloeb/<int:pk>/afslut/", views.placement_end, name="placement_end"),
    path("forloeb/<int:pk>/optrapning/", views.hours_step_create, name="hours_step_create"),
    path("forloeb/<int:pk>/maal/nyt/", views.goal_create, name="goal_create"),
    path("forloeb/<int:pk>/vurdering/ny/", views.assessment_create, name="assessment_create"),
    path("maal/<int:pk>/", views.goal_update, name="goal_update"),
    path("opfoelgning/<int:pk>/bekraeft-timer/", views.follow_up_confirm_hours, name="follow_up_confirm_hours"),
    path("opfoelgning/mangler/", views.follow_up_overdue, name="follow_up_overdue"),
    path("timer/ubekraeftede/", views.unconfirmed_hours, name="hours"),
    path("resultater/", views.outcomes, name="outcomes"),
]
