from inbox.selectors import unread_count


def inbox(request):
    """The header's unread count, read with the user and their memberships (accounts.backends); else one COUNT,
    run only when a template shows it, and once per request."""

    def count() -> int:
        cached = getattr(request, "_inbox_unread", None)
        if cached is None:
            user = getattr(request, "user", None)
            membership = getattr(request, "membership", None)
            authenticated = user is not None and user.is_authenticated
            if not authenticated:
                cached = 0
            else:
                # Read with the user (accounts.backends) when the membership came from there, else one COUNT.
                cached = getattr(membership, "inbox_unread", None)
                if cached is None:
                    cached = unread_count(user=user, membership=membership)
            request._inbox_unread = cached
        return cached

    return {"inbox_unread": count}
