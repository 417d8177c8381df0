from django.urls import path

from accounts.saml import views

app_name = "saml"

urlpatterns = [
    path("metadata/", views.metadata, name="metadata"),
    path("login/", views.login, name="login"),
    path("acs/", views.acs, name="acs"),
    path("slo/", views.slo, name="slo"),
    path("logud/", views.logout, name="logout"),
    path("logget-ud/", views.logged_out, name="logged_out"),
    path("lokale-adgangskoder/", views.local_passwords, name="local_passwords"),
]
