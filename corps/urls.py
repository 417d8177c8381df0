from django.urls import path

from corps import views

app_name = "corps"

urlpatterns = [
    path("", views.mentor_list, name="mentor_list"),
    path("eksport/", views.mentor_export, name="mentor_export"),
    path("ny/", views.mentor_create, name="mentor_create"),
    path("import/", views.mentor_import, name="mentor_import"),
    path("import/skabelon/", views.mentor_import_template, name="mentor_import_template"),
    path("overblik/", views.overview, name="overview"),
    path("timer/", views.hours_list, name="hours_list"),
    path("timer/ny/", views.hours_add, name="hours_add"),
    path("loen/", views.payroll, name="payroll"),
    path("<int:pk>/", views.mentor_detail, name="mentor_detail"),
    path("<int:pk>/rediger/", views.mentor_update, name="mentor_update"),
    path("<int:pk>/status/<slug:action>/", views.mentor_transition, name="mentor_transition"),
    path("<int:pk>/noter/ny/", views.mentor_note_add, name="mentor_note_add"),
    path("<int:pk>/kvalifikationer/ny/", views.qualification_add, name="qualification_add"),
]
