from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def mitid_erhverv_configured() -> bool:
    """True when MitID Erhverv sign-in is set up (the login and invitation pages then offer it)."""
    return getattr(settings, "MITID_ERHVERV", None) is not None
