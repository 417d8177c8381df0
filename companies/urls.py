from django.urls import path

from companies import views

app_name = "companies"

urlpatterns = [
    path("", views.company_list, name="list"),
    path("ny/", views.company_create, name="create"),
    path("eksport.csv", views.company_export, name="export"),
    path("<int:pk>/", views.company_detail, name="detail"),
    path("<int:pk>/rediger/", views.company_update, name="update"),
    path("<int:pk>/mentorer/ny/", views.mentor_create, name="mentor_create"),
    path("<int:pk>/ledere/inviter/", views.leader_invite, name="leader_invite"),
    path("<int:pk>/ledere/<int:membership_pk>/fjern/", views.leader_remove, name="leader_remove"),
    path("mentorer/<int:pk>/rediger/", views.mentor_update, name="mentor_update"),
    path("kursusindstillinger/<int:pk>/behandlet/", views.nomination_handle, name="nomination_handle"),
    path("invitationer/<int:pk>/tilbagekald/", views.invitation_revoke, name="invitation_revoke"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("frikoeb/", views.claim_list, name="claim_list"),
    path("frikoeb/eksport.csv", views.claim_export_csv, name="claim_export_csv"),
    path("frikoeb/eksport.xlsx", views.claim_export_xlsx, name="claim_export_xlsx"),
    path("frikoeb/<int:pk>/", views.claim_detail, name="claim_detail"),
    path("frikoeb/<int:pk>/godkend/", views.claim_approve, name="claim_approve"),
    path("frikoeb/<int:pk>/afvis/", views.claim_reject, name="claim_reject"),
]
