from django.urls import path

from texts import views

app_name = "texts"

urlpatterns = [
    path("", views.text_list, name="list"),
    path("<str:key>/", views.text_edit, name="edit"),
    path("<str:key>/gendan/", views.text_reset, name="reset"),
]
