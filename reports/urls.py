from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.report, name="report"),
    path("<slug:slug>/eksport.csv", views.export_csv, name="export_csv"),
    path("<slug:slug>/eksport.xlsx", views.export_xlsx, name="export_xlsx"),
]
