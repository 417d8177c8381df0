from inbox.selectors import unread_count


def inbox(request):
    """The header's unread count: one COUNT, run only when a template shows it, and once per request."""

    def count() -> int:
        cached = getattr(request, "_inbox_unread", None)
        if cached is None:
            user = getattr(request, "user", None)
            membership = getattr(request, "membership", None)
            authenticated = user is not None and user.is_authenticated
            cached = unread_count(user=user, membership=membership) if authenticated else 0
            request._inbox_unread = cached
        return cached

    return {"inbox_unread": count}
