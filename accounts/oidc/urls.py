from django.urls import path

from accounts.oidc import views

app_name = "mitid_erhverv"

urlpatterns = [
    path("", views.start, name="start"),
    path("invitation/<str:token>/", views.start_invitation, name="start_invitation"),
    path("retur/", views.callback, name="callback"),
]
