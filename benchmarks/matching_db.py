"""Matching with the database: PostgreSQL in its own database (created and migrated on first run).

Run from the project root:
    DJANGO_DEBUG=1 .venv/bin/python benchmarks/matching_db.py [--database-url URL] [--quick]

Default database: postgres://postgres@127.0.0.1:5432/bench_matching (created with the server's
`postgres` role if missing). Data is seeded once and reused: jobcenter "bench-10000" with 10,000
active corps mentors, jobcenter "bench-5000x2000" with 5,000 citizens and 2,000 mentors (capacity 1-4).

(a) suggestions for one citizen among 10,000 mentors, including the database (target < 200 ms):
    matching.selectors.suggestions_for, exactly what the page calls.
(b) 5,000 citizens x 2,000 mentors: load both sides from PostgreSQL, score every pair (numpy batch
    scorer), keep each citizen's best TOP_K mentors, build the problem and solve it (target < 3 s in
    all, solve < 1 s).

Wall times and this process's CPU times (the database server's CPU is not in them) are medians. The
machine may be shared: the CPU times are the fairer number then.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_matching"
TOP_K = 100


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--top-k", type=int, default=TOP_K, help="mentors kept per citizen in (b)")
    return parser.parse_args()


def _ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            print(f"creating database {name}")
            connection.execute(f'CREATE DATABASE "{name}"')


def _setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorship.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def timed(function, runs: int):
    walls, cpus, result = [], [], None
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = function()
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - started_cpu)
    return statistics.median(walls), statistics.median(cpus), result


def _seed(slug: str, *, mentors: int, citizens: int, seed: int):
    """Bulk-inserts a jobcenter with active mentors and referred citizens (once; reused afterwards)."""
    from accounts.models import Jobcenter
    from citizens.models import Citizen, TargetGroup
    from corps.models import Competence, Language, Mentor
    from corps.vocabulary import DEFAULT_COMPETENCES

    jobcenter = Jobcenter.objects.filter(slug=slug).first()
    if jobcenter is not None:
        return jobcenter
    print(f"seeding {slug}: {mentors} mentors, {citizens} citizens (once)")
    rng = random.Random(seed)  # noqa: S311 - benchmark data
    code = str(900 + Jobcenter.objects.count()).zfill(3)
    jobcenter = Jobcenter.objects.create(name=f"Benchmark {slug}", municipality_code=code, slug=slug)
    competences = Competence.objects.bulk_create(
        [Competence(jobcenter=jobcenter, name=name, position=i) for i, (name, _d) in enumerate(DEFAULT_COMPETENCES)]
    )
    languages = list(Language.objects.all())
    danish = next(language for language in languages if language.code == "da")
    group = TargetGroup.objects.create(jobcenter=jobcenter, code="aktivitetsparat", name="Aktivitetsparat")
    created = Mentor.objects.bulk_create(
        [
            Mentor(
                jobcenter=jobcenter,
                status="active",
                full_name=f"Mentor {i}",
                email=f"mentor{i}@{slug}.example",
                postcode="8450",
                attachment="job",
                gender=rng.choice(["female", "male"]),
                birth_year=rng.randint(1950, 2000),
                available_weekdays=rng.randint(1, 31),
                available_day_parts=rng.randint(1, 7),
                capacity=rng.randint(1, 4),
                employment=rng.choices(["hourly", "full_time"], [9, 1])[0],
            )
            for i in range(mentors)
        ],
        batch_size=2000,
    )
    Through = Mentor.competences.through
    Through.objects.bulk_create(
        [
            Through(mentor_id=m.pk, competence_id=c.pk)
            for m in created
            for c in rng.sample(competences, rng.randint(1, 5))
        ],
        batch_size=5000,
    )
    LanguageThrough = Mentor.languages.through
    LanguageThrough.objects.bulk_create(
        [
            LanguageThrough(mentor_id=m.pk, language_id=language.pk)
            for m in created
            for language in {danish, *rng.sample(languages, rng.randint(0, 2))}
        ],
        batch_size=5000,
    )
    people = Citizen.objects.bulk_create(
        [
            Citizen(
                jobcenter=jobcenter,
                name=f"Borger {i}",
                postcode="8450",
                target_group=group,
                wish_gender=rng.choice(["", "", "female", "male"]),
                wish_age_band=rng.choice(["", "", "25-34", "35-44", "45-54"]),
            )
            for i in range(citizens)
        ],
        batch_size=2000,
    )
    NeedThrough = Citizen.needs.through
    NeedThrough.objects.bulk_create(
        [NeedThrough(citizen_id=c.pk, competence_id=k.pk) for c in people for k in rng.sample(competences, 3)],
        batch_size=5000,
    )
    CitizenLanguage = Citizen.languages.through
    CitizenLanguage.objects.bulk_create(
        [
            CitizenLanguage(citizen_id=c.pk, language_id=language.pk)
            for c in people
            for language in rng.sample(languages, rng.randint(1, 2))
        ],
        batch_size=5000,
    )
    return jobcenter


def _spread_postcodes(jobcenter) -> None:
    """Mentors over 20 postcodes with known centres, and the distance criterion weighed (inside the caller's
    transaction, which rolls it back)."""
    from django.db.models.functions import Mod

    from corps.models import Mentor
    from matching.models import MatchingWeights, PostcodeLocation

    codes = [str(8000 + 10 * i) for i in range(20)]
    PostcodeLocation.objects.bulk_create(
        [PostcodeLocation(code=code, latitude=55.5 + i / 20, longitude=9.5 + i / 15) for i, code in enumerate(codes)],
        ignore_conflicts=True,
    )
    for i, code in enumerate(codes):
        Mentor.objects.filter(jobcenter=jobcenter).alias(group=Mod("id", 20)).filter(group=i).update(postcode=code)
    MatchingWeights.objects.update_or_create(jobcenter=jobcenter, defaults={"distance": 4, "max_distance_km": 60})


def main() -> None:
    args = _arguments()
    _ensure_database(args.database_url)
    _setup(args.database_url)
    from django.db import connection, transaction
    from django_scopes import scopes_disabled

    from citizens.models import Citizen
    from matching import selectors
    from matching.engine import Host, make_problem, solve
    from matching.engine.batch import contenders, score_table_fast
    from matching.engine.scoring import rank_mentors

    load = os.getloadavg()[0]
    print(f"PostgreSQL {connection.pg_version}; load average {load:.1f}; medians (wall / this process's CPU)\n")
    runs = 5 if args.quick else 15
    with scopes_disabled():
        big = _seed("bench-10000", mentors=10_000, citizens=20, seed=1)
        batch = _seed("bench-5000x2000", mentors=2_000, citizens=5_000, seed=2)
    with connection.cursor() as cursor:
        # What autovacuum does in production (it is off on some servers, the CI machines' among them): without
        # statistics the planner guesses the sizes of the freshly loaded tables.
        cursor.execute("VACUUM (ANALYZE)")
    with scopes_disabled():
        print("(a) suggestions for one citizen among 10,000 mentors, including the database (target < 200 ms)")
        citizen = Citizen.objects.filter(jobcenter=big).order_by("pk").first()
        selectors.suggestions_for(citizen=citizen)  # warm the connection and the caches
        wall, cpu, suggestions = timed(lambda: selectors.suggestions_for(citizen=citizen), runs)
        print(f"  suggestions_for (top 10):        {wall * 1000:7.1f} ms  (CPU {cpu * 1000:.1f} ms)")
        profile = selectors.citizen_profile(citizen=citizen)
        weights = selectors.weights_for(jobcenter=big)
        wall, cpu, columns = timed(lambda: selectors.mentor_columns(jobcenter=big, citizen=profile), runs)
        print(f"    of which {len(columns.ids)} mentors as columns: {wall * 1000:7.1f} ms  (CPU {cpu * 1000:.1f} ms)")
        wall, cpu, best = timed(lambda: contenders(profile, columns, weights, top=10), runs)
        print(f"    of which numpy scoring ({len(best)} contenders): {wall * 1000:5.1f} ms  (CPU {cpu * 1000:.1f} ms)")
        with transaction.atomic():  # rolled back: the seeded data stays as it was
            _spread_postcodes(big)
            wall, cpu, _near = timed(lambda: selectors.suggestions_for(citizen=citizen), runs)
            print(f"  the same with postcode distance (weight 4): {wall * 1000:5.1f} ms  (CPU {cpu * 1000:.1f} ms)")
            transaction.set_rollback(True)
        print("  for comparison, every mentor as a profile (what top=None loads):")
        wall, cpu, loaded = timed(lambda: selectors.mentor_profiles(jobcenter=big), runs)
        print(f"    loading {len(loaded[0])} mentor profiles:  {wall * 1000:7.1f} ms  (CPU {cpu * 1000:.1f} ms)")
        wall, cpu, _ranked = timed(lambda: rank_mentors(profile, loaded[0], weights, top=10), runs)
        print(f"    scoring and ranking them:       {wall * 1000:7.1f} ms  (CPU {cpu * 1000:.1f} ms)")
        print(
            f"  best: {suggestions[0].mentor_name} {suggestions[0].score:.3f}: {'; '.join(suggestions[0].explanations)}"
        )

        print("\n(b) 5,000 citizens x 2,000 mentors with capacities (target < 3 s in all; solve < 1 s)")
        batch_runs = 3 if args.quick else 5
        totals = []
        for _ in range(batch_runs):
            stages = {}
            started, started_cpu = time.perf_counter(), time.process_time()

            def stage(name, stages=stages):
                stages[name] = (time.perf_counter(), time.process_time())

            citizens = selectors.citizen_profiles(jobcenter=batch)
            mentors, _names = selectors.mentor_profiles(jobcenter=batch)
            weights = selectors.weights_for(jobcenter=batch)
            stage("load")
            table = score_table_fast(citizens, mentors, weights, top_k=args.top_k)
            stage("score")
            problem = make_problem(
                candidates=[c.id for c in citizens],
                hosts=[Host(m.id, capacity=max(m.capacity - m.active, 0)) for m in mentors],
                scores=table,
            )
            stage("problem")
            result = solve(problem)
            stage("solve")
            points = [(started, started_cpu)] + [stages[name] for name in ("load", "score", "problem", "solve")]
            totals.append(
                [(b[0] - a[0], b[1] - a[1]) for a, b in itertools.pairwise(points)]
                + [(points[-1][0] - started, points[-1][1] - started_cpu)]
            )
        labels = [
            f"load {len(citizens)} citizens + {len(mentors)} mentors",
            f"score all pairs, keep best {args.top_k} each",
            f"make_problem ({len(table)} pairs)",
            "solve",
            "total",
        ]
        for index, label in enumerate(labels):
            wall = statistics.median(run[index][0] for run in totals)
            cpu = statistics.median(run[index][1] for run in totals)
            print(f"  {label:42s} {wall * 1000:8.1f} ms  (CPU {cpu * 1000:.1f} ms)")
        seats = sum(h.capacity for h in problem.hosts)
        print(
            f"  [{result.method}] {result.status}: assigned {result.assigned_count} of {len(citizens)} "
            f"({seats} seats), objective {result.objective:.2f}"
        )


if __name__ == "__main__":
    main()
