"""What the parts of the build share: the word lists names and texts are drawn from, the helpers that share
rows out and pick numbers, and JC, what later parts need to know about one jobcenter."""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

FIRST = [
    "Mads", "Sofie", "Ahmad", "Line", "Jonas", "Fatima", "Kasper", "Mette", "Omar", "Camilla", "Peter", "Anne",
    "Lars", "Hanne", "Ali", "Louise", "Mikkel", "Ida", "Yusuf", "Maja", "Rasmus", "Freja", "Emil", "Sara",
]  # fmt: skip
LAST = [
    "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
    "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Yilmaz", "Hussein", "Poulsen",
]  # fmt: skip
TOWNS = [
    "Hammel", "Hinnerup", "Kalundborg", "Viborg", "Holstebro", "Næstved", "Vejle", "Herning", "Randers",
    "Odense", "Aalborg", "Esbjerg", "Kolding", "Horsens", "Silkeborg", "Roskilde", "Slagelse", "Svendborg",
]  # fmt: skip
COMPANY_WORDS = ["Maskinfabrik", "Tømrer", "Bageri", "Plejecenter", "Lager", "VVS", "Auto", "Gartneri", "Kantine"]
NOTES = [
    "Ugentligt besøg, alt vel. Borgeren møder stabilt og er glad for opgaverne.",
    "Telefonsamtale med virksomhedsmentoren: borgeren har haft to sygedage, aftalt opfølgning.",
    "Møde om optrapning: timetallet hæves fra næste uge.",
    "Borgeren fortæller, at transporten er blevet lettere med den nye busrute.",
    "Aftalt at arbejde videre med mødestabilitet; næste besøg om en uge.",
]
GOALS = [
    "Møde til tiden hver dag",
    "Arbejde 15 timer om ugen",
    "Lære lagerstyringssystemet",
    "Tage truckcertifikat",
    "Samarbejde i teamet uden støtte",
]

D = Decimal


def shares(count: int) -> list[float]:
    """Jobcenter sizes: Zipf-like (exponent 0.8), largest first."""
    weights = [1 / (i + 1) ** 0.8 for i in range(count)]
    total = sum(weights)
    return [w / total for w in weights]


def allocate(total: int, parts: list[float], minimum: int = 0) -> list[int]:
    """Splits `total` by `parts` (largest remainder), giving each at least `minimum` when possible."""
    if total <= 0:
        return [0] * len(parts)
    minimum = min(minimum, total // len(parts))
    rest = total - minimum * len(parts)
    raw = [rest * p for p in parts]
    counts = [int(r) for r in raw]
    for i in sorted(range(len(parts)), key=lambda i: raw[i] - counts[i], reverse=True)[: rest - sum(counts)]:
        counts[i] += 1
    return [c + minimum for c in counts]


def valid_cvr(rng: random.Random, used: set[str]) -> str:
    weights = (2, 7, 6, 5, 4, 3, 2)
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(6)]
        check = (11 - sum(d * w for d, w in zip(digits, weights, strict=True)) % 11) % 11
        if check == 10:
            continue
        value = "".join(map(str, digits)) + str(check)
        if value not in used:
            used.add(value)
            return value


def monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


@dataclass
class JC:
    """What later parts need to know about one jobcenter."""

    id: int
    slug: str
    postcode: int
    competences: list[int] = field(default_factory=list)
    target_groups: list[int] = field(default_factory=list)
    placement_types: list[int] = field(default_factory=list)
    dimensions: list[int] = field(default_factory=list)
    course_types: list[int] = field(default_factory=list)
    coordinators: list[int] = field(default_factory=list)
    caseworkers: list[int] = field(default_factory=list)
    companies: list[int] = field(default_factory=list)
    company_mentors: dict[int, list[tuple[int, str, str, Decimal | None]]] = field(default_factory=dict)
    mentors: list[tuple[int, str, str]] = field(default_factory=list)  # active: (id, name, email)
    mentor_capacity: dict[int, int] = field(default_factory=dict)
    citizens: dict[str, list[int]] = field(default_factory=dict)  # status -> ids
