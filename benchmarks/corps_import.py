"""Benchmark: importing 10,000 (--rows) mentors from a Danish Excel CSV (semicolons, UTF-8 with BOM).

    createdb -h 127.0.0.1 -U postgres bench_corps_import
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_corps_import .venv/bin/python benchmarks/corps_import.py
    ... benchmarks/corps_import.py --rows 100000 [--profile]     # targets: 10,000 under 2 s, 100,000 under 5 s

Each run imports into a fresh jobcenter (so e-mails never collide) through corps.services.mentors_import,
the same service the upload page calls: validation of every row, then one transaction. Prints wall time
and CPU time (this process, and the PostgreSQL backend when the server is local): on a
shared machine the wall time includes waiting for a core.
"""

import argparse
import cProfile
import os
import pstats
import random
import time

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_corps_import")

from _corps_setup import setup

ROWS = 10_000


def make_csv(rng, count: int = ROWS) -> bytes:
    from corps.csvio import COLUMNS, write_csv
    from corps.vocabulary import DEFAULT_COMPETENCES

    competence_names = [name for name, _d in DEFAULT_COMPETENCES]
    rows = []
    for i in range(count):
        rows.append(
            [
                f"Mentor {i} Hansen", f"mentor{i}@import.example.dk", f"2{i % 10} 30 40 50", str(8000 + i % 900),
                rng.choice(["Kvinde", "Mand", ""]), str(rng.randint(1950, 2000)),
                rng.choice(["I job", "I uddannelse", "Pensioneret"]), "Pædagog", "15 år i daginstitution",
                "Pædagogik", ", ".join(rng.sample(competence_names, 3)),
                rng.choice(["Dansk", "Dansk, Engelsk", "da, ti"]),
                rng.choice(["man, ons", "tir, tor, fre", "lør, søn"]),
                rng.choice(["formiddag", "aften", "eftermiddag, aften"]),
                str(rng.randint(2, 8)), str(rng.randint(1, 4)), "185,50", "Timeansat", "nej", "01-02-2024", "",
                rng.choice(["Aktiv", "Aktiv", "Ansøger"]),
            ]
        )  # fmt: skip
    return write_csv([header for _n, header in COLUMNS], rows).encode("utf-8")


class Clock:
    """Wall time, this process's CPU time and (PostgreSQL on this machine) the server backend's CPU time.

    The machine is shared: wall time includes waiting for a core; CPU time is what the import costs."""

    def __init__(self):
        from django.db import connection

        self.backend = None
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                self.backend = f"/proc/{cursor.fetchone()[0]}/stat"

    def _server_cpu(self) -> float:
        try:
            with open(self.backend) as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, TypeError):
            return float("nan")

    def __enter__(self):
        self.wall, self.cpu, self.server = time.perf_counter(), time.process_time(), self._server_cpu()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu
        self.server = self._server_cpu() - self.server

    def __str__(self):
        return f"wall {self.wall:6.2f} s   CPU (python) {self.cpu:5.2f} s   CPU (postgres backend) {self.server:5.2f} s"


def fresh_jobcenter():
    from accounts.models import Jobcenter
    from corps.models import Competence
    from corps.vocabulary import seed_competences

    n = Jobcenter.objects.count()
    while Jobcenter.objects.filter(slug=f"import-{n}").exists():
        n += 1
    jobcenter = Jobcenter.objects.create(
        name=f"Jobcenter Import {n}", municipality_code=f"{n % 1000:03d}", slug=f"import-{n}"
    )
    seed_competences(jobcenter=jobcenter, competence_model=Competence)
    return jobcenter


def bare_copy(rows) -> None:
    """COPY of the parsed mentor rows alone into a scratch copy of the mentor table: no validation,
    no history, links or events; what the database needs to take the rows at all."""
    from django.db import connection, transaction

    from corps.models import Mentor

    fields = [f for f in Mentor._meta.concrete_fields if not f.primary_key]
    table = Mentor._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        like = f"LIKE {table} INCLUDING DEFAULTS INCLUDING IDENTITY"
        cursor.execute(f"CREATE TEMP TABLE bench_copy ({like}) ON COMMIT DROP")
        columns = ", ".join(f.column for f in fields)
        defaults = {f.attname: f.get_default() for f in fields}
        with cursor.cursor.copy(f"COPY bench_copy ({columns}) FROM STDIN") as copy:
            for row in rows:
                values = {**defaults, "updated_at": row.values["created_at"], **row.values}
                copy.write_row([values[f.attname] for f in fields])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--profile", action="store_true", help="cProfile the import, top 25 by own time")
    arguments = parser.parse_args()
    count = arguments.rows
    setup()
    from django_scopes import scopes_disabled

    from accounts.models import User
    from corps.csv_import import MentorImporter, decode
    from corps.models import Mentor
    from corps.services import mentors_import

    rng = random.Random(11)  # noqa: S311
    raw = make_csv(rng, count)
    print(f"file: {len(raw) / 1024 / 1024:.1f} MB, {count:,} rows; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores")  # fmt: skip
    with scopes_disabled():
        actor, _ = User.objects.get_or_create(email="import@example.dk", defaults={"full_name": "Import"})
        jobcenter = fresh_jobcenter()
        with Clock() as clock:
            rows, errors = MentorImporter(jobcenter=jobcenter).parse(decode(raw))
        print(f"{'validation only (parse + check every row)':<44} {clock}")
        if len(rows) != count or errors:
            raise SystemExit(f"validation failed: {errors[:3]}")
        with Clock() as clock:
            bare_copy(rows)
        print(f"{'bare COPY of the mentor rows (the floor)':<44} {clock}")

        profile = cProfile.Profile() if arguments.profile else None
        with Clock() as clock:
            if profile:
                profile.enable()
            result = mentors_import(actor=actor, jobcenter=jobcenter, raw=raw)
            if profile:
                profile.disable()
        if not result.ok:
            raise SystemExit(f"import failed: {result.errors[:5]}")
        saved = Mentor.objects.filter(jobcenter=jobcenter).count()
        print(f"{'import (validate + save, one transaction)':<44} {clock}   "
              f"{result.created:,} created, {saved:,} in the database, {count / clock.wall:,.0f} rows/s")  # fmt: skip

        # The failing case: one bad row at the end; everything is validated and nothing saved.
        bad = raw.replace(f"mentor{count - 1}@import.example.dk".encode(), f"mentor{count - 1}@".encode())
        other = fresh_jobcenter()
        with Clock() as clock:
            result = mentors_import(actor=actor, jobcenter=other, raw=bad)
        saved = Mentor.objects.filter(jobcenter=other).count()
        print(f"{'rejected file (1 bad row)':<44} {clock}   {len(result.errors)} error(s), {saved} saved")
    if profile:
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
