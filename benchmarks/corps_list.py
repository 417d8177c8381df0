"""Benchmark: the coordinator's mentor list with 10,000 mentors in the jobcenter, rendered in-process.

    createdb -h 127.0.0.1 -U postgres bench_corps
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_corps .venv/bin/python benchmarks/corps_list.py

Builds the corps once (reused on later runs), then renders the list through the whole middleware
stack with Django's test client (logged-in coordinator with two-factor passed) and prints timings.
Target: under 100 ms per render. Prints wall time, this process's CPU time and the queries (count, time).
"""

import random
import statistics
import time

from _corps_setup import setup

MENTORS = 10_000
RUNS = 30


def build():
    from django.db import connection
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from accounts.models import Jobcenter, Membership, Role, User
    from corps.models import Competence, Language, Mentor
    from corps.vocabulary import seed_competences

    with scopes_disabled():
        jobcenter, _ = Jobcenter.objects.get_or_create(
            municipality_code="999", defaults={"name": "Jobcenter Benchmark", "slug": "benchmark"}
        )
        seed_competences(jobcenter=jobcenter, competence_model=Competence)
        user, _created = User.objects.get_or_create(
            email="bench@example.dk", defaults={"full_name": "Bench Koordinator"}
        )
        Membership.objects.get_or_create(user=user, jobcenter=jobcenter, defaults={"role": Role.COORDINATOR})
        existing = Mentor.objects.filter(jobcenter=jobcenter).count()
        if existing < MENTORS:
            rng = random.Random(7)  # noqa: S311
            competences = list(Competence.objects.filter(jobcenter=jobcenter))
            languages = list(Language.objects.all())
            now = timezone.now()
            mentors = Mentor.objects.bulk_create(
                [
                    Mentor(
                        jobcenter=jobcenter, full_name=f"Mentor {i:05d} {rng.choice(['Hansen', 'Jensen', 'Haile'])}",
                        email=f"m{i}@bench.example.dk", postcode=str(8000 + i % 900), attachment="job",
                        status=rng.choice(["active"] * 6 + ["applicant", "paused_never"][:1]),
                        available_weekdays=rng.randint(0, 127), available_day_parts=rng.randint(0, 7),
                        capacity=rng.randint(1, 4), status_changed_at=now, created_at=now,
                        gender=rng.choice(["female", "male"]), birth_year=rng.randint(1950, 2000),
                    )
                    for i in range(existing, MENTORS)
                ],
                batch_size=2000,
            )  # fmt: skip
            links_c, links_l = [], []
            for mentor in mentors:
                for competence in rng.sample(competences, 3):
                    links_c.append(Mentor.competences.through(mentor_id=mentor.pk, competence_id=competence.pk))
                for language in rng.sample(languages, 2):
                    links_l.append(Mentor.languages.through(mentor_id=mentor.pk, language_id=language.pk))
            Mentor.competences.through.objects.bulk_create(links_c, batch_size=5000)
            Mentor.languages.through.objects.bulk_create(links_l, batch_size=5000)
        if connection.vendor == "postgresql":
            # Fresh planner statistics, as autovacuum keeps them in production (it is off on the dev
            # server): without them PostgreSQL estimates 3 mentors in the jobcenter and sorts all
            # 10,000 rows instead of reading the (jobcenter, full_name, id) index.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE corps_mentor, corps_mentor_competences, corps_mentor_languages")
        return jobcenter, user, Competence.objects.filter(jobcenter=jobcenter).first(), Language.objects.get(code="ti")


def client_for(user):
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def main():
    setup()
    from django.conf import settings
    from django.db import connection, reset_queries
    from django.urls import reverse

    settings.ALLOWED_HOSTS = ["*"]
    started = time.perf_counter()
    jobcenter, user, competence, tigrinya = build()
    print(f"corpus: {MENTORS} mentors in '{jobcenter}' ready in {time.perf_counter() - started:.1f} s "
          f"(database: {connection.vendor} {connection.settings_dict['NAME']})")  # fmt: skip
    client = client_for(user)
    url = reverse("corps:mentor_list")
    cases = {
        "default (name order, page 1)": "",
        "page 200 (offset 4,975)": "side=200",
        "filter: status + competence": f"status=active&competence={competence.pk}",
        "filter: language + weekday + day part": f"language={tigrinya.pk}&weekday=2&day_part=4",
        "filter: capacity left (load subquery on all rows)": "capacity=free",
        "search 'haile 12'": "q=haile+12",
        "sort: most capacity left": "order=-capacity",
        "htmx partial (table only)": "status=active",
    }
    settings.DEBUG = True  # to count queries

    # Reference on the same machine and load: the start page, which queries almost nothing.
    # CPU time (time.process_time) is this process's: the machine is shared, so wall time includes
    # waiting for a core; the database server's time is in wall time only.
    def measure(path, headers=None):
        walls, cpus = [], []
        for _ in range(RUNS):
            t0, c0 = time.perf_counter(), time.process_time()
            client.get(path, headers=headers or {})
            walls.append((time.perf_counter() - t0) * 1000)
            cpus.append((time.process_time() - c0) * 1000)
        walls.sort()
        return walls, statistics.median(cpus)

    walls, cpu = measure(reverse("home"))
    print(f"{'reference: start page (no mentor data)':<52} median {statistics.median(walls):6.1f} ms"
          f"   CPU {cpu:6.1f} ms")  # fmt: skip
    for label, query in cases.items():
        headers = {"HX-Request": "true", "HX-Target": "mentor-results"} if label.startswith("htmx") else {}
        response = client.get(f"{url}?{query}", headers=headers)
        if response.status_code != 200:
            raise SystemExit(f"{label}: HTTP {response.status_code}")
        reset_queries()
        client.get(f"{url}?{query}", headers=headers)
        queries = len(connection.queries)
        sql_ms = sum(float(q["time"]) for q in connection.queries) * 1000
        walls, cpu = measure(f"{url}?{query}", headers)
        print(
            f"{label:<52} median {statistics.median(walls):6.1f} ms   p90 {walls[int(RUNS * 0.9)]:6.1f} ms"
            f"   CPU {cpu:6.1f} ms   queries {queries} ({sql_ms:.0f} ms)"
        )


if __name__ == "__main__":
    main()
