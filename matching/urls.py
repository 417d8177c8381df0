from django.urls import path

from matching import views

app_name = "matching"

urlpatterns = [
    path("borger/<int:pk>/", views.citizen_suggestions, name="citizen"),
    path("borger/<int:pk>/tilbud/", views.offer_create, name="offer_create"),
    path("borger/<int:pk>/oplysninger/", views.preferences, name="preferences"),
    path("borger/<int:pk>/virksomheder/", views.placement_suggestions, name="placement_suggestions"),
    path("tilbud/", views.offer_list, name="offer_list"),
    path("tilbud/<int:pk>/svar/", views.offer_answer, name="offer_answer"),
    path("tilbud/<int:pk>/tilbagetraek/", views.offer_withdraw, name="offer_withdraw"),
    path("svar/<str:token>/", views.respond, name="respond"),
    path("hold/", views.cohort_list, name="cohort_list"),
    path("hold/nyt/", views.cohort_create, name="cohort_create"),
    path("hold/<int:pk>/", views.cohort_detail, name="cohort_detail"),
    path("hold/<int:pk>/fordel/", views.cohort_solve, name="cohort_solve"),
    path("hold/<int:pk>/flyt/", views.cohort_move, name="cohort_move"),
    path("hold/<int:pk>/virksomhed/<int:company_pk>/", views.cohort_company_update, name="cohort_company_update"),
    path("hold/<int:pk>/opret-forloeb/", views.cohort_commit, name="cohort_commit"),
]
