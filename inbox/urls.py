from django.urls import path

from inbox import views

app_name = "inbox"

urlpatterns = [
    path("", views.item_list, name="list"),
    path("alle-laest/", views.items_mark_all_read, name="mark_all_read"),
    path("<int:pk>/", views.item_open, name="open"),
    path("<int:pk>/laest/", views.item_mark_read, name="mark_read"),
]
