"""The role checks every courses page starts with, and the page size of its lists."""

from accounts.permissions import COORDINATORS, STAFF, role_required

staff_required = role_required(*STAFF)
coordinator_required = role_required(*COORDINATORS)

PAGE_SIZE = 25
