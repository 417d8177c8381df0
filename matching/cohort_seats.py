"""What a company can really take in a cohort: its own seats (`Company.capacity`) less the citizens it already
has (placements active or proposed), the placement types it offers, and whether a leader can answer the
proposals in the portal.

The cohort services ask these before a cohort is made, before a company's seats change and again before the
proposals go out (occupancy moves while a cohort is planned); the cohort pages show the same facts, so the
coordinator sees them before choosing. Two queries for any number of companies.
"""

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from citizens.models import Placement, PlacementStatus, PlacementType
from companies.models import Company
from companies.selectors import portal_leader_exists

# A placement holds a company seat from the proposal until it ends (a declined proposal frees it).
HOLDS_A_SEAT = (PlacementStatus.PROPOSED, PlacementStatus.ACTIVE)


@dataclass(frozen=True)
class CompanyRoom:
    company_id: int
    name: str
    capacity: int  # the company's own seats
    taken: int  # placements proposed or running now
    type_ids: frozenset[int]
    type_names: tuple[str, ...]
    has_leader: bool

    @property
    def free(self) -> int:
        return max(0, self.capacity - self.taken)

    def offers(self, placement_type) -> bool:
        return placement_type is None or placement_type.pk in self.type_ids

    def describe(self) -> str:
        """One line for a choice list: seats, types, leader (Danish)."""
        parts = [
            _("%(free)s ledige af %(capacity)s pladser (%(taken)s i forløb)")
            % {"free": self.free, "capacity": self.capacity, "taken": self.taken},
            ", ".join(self.type_names) if self.type_names else _("ingen forløbstyper angivet"),
        ]
        if not self.has_leader:
            parts.append(_("ingen leder i portalen"))
        return f"{self.name} – " + " · ".join(parts)


def companies_with_room(queryset):
    """`queryset` of companies annotated with `taken` and `has_leader`, the placement types prefetched."""
    taken = (
        Placement.objects.filter(company=OuterRef("pk"), status__in=HOLDS_A_SEAT)
        .order_by()
        .values("company")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.annotate(
        taken=Coalesce(Subquery(taken, output_field=IntegerField()), Value(0)),
        has_leader=portal_leader_exists("pk"),
    ).prefetch_related(Prefetch("placement_types", queryset=PlacementType.objects.only("id", "name").order_by("name")))


def room_of(company) -> CompanyRoom:
    """The room of a company from `companies_with_room`."""
    kinds = list(company.placement_types.all())
    return CompanyRoom(
        company_id=company.pk,
        name=company.name,
        capacity=company.capacity,
        taken=company.taken,
        type_ids=frozenset(kind.pk for kind in kinds),
        type_names=tuple(kind.name for kind in kinds),
        has_leader=company.has_leader,
    )


def rooms_for(company_ids) -> dict[int, CompanyRoom]:
    companies = companies_with_room(Company.objects.filter(pk__in=list(company_ids)))
    return {company.pk: room_of(company) for company in companies}


def seat_problems(
    rooms: dict[int, CompanyRoom], *, placement_type, wanted: dict[int, tuple[int, int, bool]]
) -> list[str]:
    """Why the wanted seats (company id → (seats, minimum group, "or none")) do not fit reality, in Danish, one
    sentence per company: a company that does not offer the cohort's placement type, one with fewer free
    seats than asked, or fewer than its minimum group."""
    problems = []
    for company_id, (seats, min_group, _allow_empty) in wanted.items():
        room = rooms[company_id]
        if not room.offers(placement_type):
            problems.append(
                _("%(company)s tilbyder ikke %(type)s (tilbyder: %(types)s).")
                % {
                    "company": room.name,
                    "type": placement_type.name,
                    "types": ", ".join(room.type_names) or _("ingen forløbstyper angivet"),
                }
            )
        elif room.free == 0:
            problems.append(
                _(
                    "%(company)s har ingen ledige pladser: %(taken)s af virksomhedens %(capacity)s er allerede i "
                    "forløb. Fjern virksomheden fra holdet."
                )
                % {"company": room.name, "taken": room.taken, "capacity": room.capacity}
            )
        elif seats > room.free:
            problems.append(
                _(
                    "%(company)s har kun %(free)s ledige pladser: %(taken)s af virksomhedens %(capacity)s er "
                    "allerede i forløb. Sæt pladserne til højst %(free)s, eller fjern virksomheden."
                )
                % {"company": room.name, "free": room.free, "taken": room.taken, "capacity": room.capacity}
            )
        elif min_group > seats:
            problems.append(
                _(
                    "%(company)s har kun %(free)s ledige pladser (%(taken)s af %(capacity)s er i forløb), færre "
                    "end mindst %(min)s pr. virksomhed. Fjern virksomheden, eller sæt mindste gruppe lavere."
                )
                % {
                    "company": room.name,
                    "free": room.free,
                    "taken": room.taken,
                    "capacity": room.capacity,
                    "min": min_group,
                }
            )
    return problems


def without_leader(rooms: dict[int, CompanyRoom]) -> list[str]:
    """The names of the companies where no leader can answer the proposals in the portal."""
    return sorted(room.name for room in rooms.values() if not room.has_leader)
