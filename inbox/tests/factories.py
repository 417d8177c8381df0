from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from accounts.tests.factories import unscoped
from inbox.models import InboxItem


@unscoped
def item_for(user, obj, *, company=None, event: str = "placement.proposed", link: str | None = None, **fields):
    """An unread inbox item of `user` about `obj` (in the object's jobcenter), as a hand-off writes it."""
    if link is None:
        link = reverse("portal:placement_detail", kwargs={"pk": obj.pk})
    values = {
        "jobcenter_id": obj.jobcenter_id,
        "recipient": user,
        "company": company,
        "event": event,
        "title": "Jobcentret foreslår et forløb",
        "link": link,
        "about_type": ContentType.objects.get_for_model(obj),
        "about_id": obj.pk,
        "key": f"test:{event}:{obj.pk}:{user.pk}",
        **fields,
    }
    return InboxItem.objects.create(**values)
