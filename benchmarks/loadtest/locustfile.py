# ruff: noqa: S311  (random choices of pages, not cryptography)
"""Load test: 8 coordinators of 8 different jobcenters and 8 company leaders, logged in for real.

Run through benchmarks/loadtest/run.sh (gunicorn with the production settings on the seed_scale data).
Each simulated user logs in once (password, then the TOTP code computed from the known key, see
accounts.scale), collects ids from the list pages it is shown, and then works through the main pages
with a short think time. Requests are named by URL pattern ("/borgere/[id]/tidslinje/") so the
statistics are per page.
"""

import itertools
import json
import os
import random
import re
import sys
import time
from pathlib import Path

from locust import HttpUser, between, events, task

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from accounts.scale import SCALE_PASSWORD, coordinator_email, jobcenter_slug, leader_email, totp_token

JOBCENTERS = int(os.environ.get("BENCH_JOBCENTERS", "8"))
THINK_MIN = float(os.environ.get("BENCH_THINK_MIN", "0.5"))
THINK_MAX = float(os.environ.get("BENCH_THINK_MAX", "2.0"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LAST_NAMES = ["Jensen", "Nielsen", "Hansen", "Pedersen", "Yilmaz", "Madsen"]
REPORTS = ["resultater", "ventetid", "mentorkorps", "virksomheder", "progression"]

_coordinator_numbers = itertools.count()
_leader_numbers = itertools.count()


def ids(html: str, pattern: str) -> list[int]:
    return sorted({int(n) for n in re.findall(pattern, html)})


class Base(HttpUser):
    abstract = True
    wait_time = between(THINK_MIN, THINK_MAX)

    def csrf_of(self, html: str) -> str:
        match = CSRF.search(html)
        if not match:
            raise RuntimeError("no CSRF token on the page")
        return match.group(1)

    def log_in(self, email: str, two_factor: bool) -> None:
        page = self.client.get("/konto/login/", name="login (GET)")
        response = self.client.post(
            "/konto/login/",
            data={"username": email, "password": SCALE_PASSWORD, "csrfmiddlewaretoken": self.csrf_of(page.text)},
            name="login (POST)",
        )
        if not two_factor:
            return
        for _attempt in range(3):
            # A code is accepted once (django-otp remembers the last time step): on a rerun within 30 s
            # the same code is refused, so wait for the next step and try again.
            response = self.client.post(
                "/konto/tofaktor/",
                data={"token": totp_token(email), "csrfmiddlewaretoken": self.csrf_of(response.text)},
                name="two-factor (POST)",
            )
            if "/konto/tofaktor/" not in response.url:
                return
            time.sleep(31 - time.time() % 30)
        raise RuntimeError(f"two-factor login failed for {email}")

    def first(self, url: str) -> str:
        """A page the user opens right after logging in, to collect ids. Reported as "(start) <url>", apart
        from the same page during the work: these requests run while up to 16 password hashes (PBKDF2,
        about a second of CPU each) compete for the 2 cores, which says something about logging in and
        nothing about the page."""
        return self.page(url, f"(start) {url}").text

    def page(self, url: str, name: str):
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} on {url}")
            elif "/konto/login/" in response.url:
                response.failure(f"logged out on {url}")
            return response


class Coordinator(Base):
    weight = 1
    fixed_count = JOBCENTERS

    def on_start(self) -> None:
        self.slug = jobcenter_slug(next(_coordinator_numbers) % JOBCENTERS)
        self.log_in(coordinator_email(self.slug), two_factor=True)
        self.citizens = ids(self.first("/borgere/?status=active"), r'href="/borgere/(\d+)/"')
        self.referred = ids(self.first("/borgere/?status=referred"), r'href="/borgere/(\d+)/"')
        self.mentors = ids(self.first("/mentorer/?status=active"), r'href="/mentorer/(\d+)/"')
        self.companies = ids(self.first("/virksomheder/"), r'href="/virksomheder/(\d+)/"')
        self.placements: list[int] = []

    @task(3)
    def start_page(self):
        self.page("/", "/ (coordinator)")

    @task(3)
    def citizen_list(self):
        choice = random.random()
        if choice < 0.3:
            self.page("/borgere/", "/borgere/")
        elif choice < 0.6:
            self.page(f"/borgere/?q={random.choice(LAST_NAMES)}", "/borgere/?q=")
        elif choice < 0.8:
            self.page(f"/borgere/?status={random.choice(['active', 'referred', 'ended'])}", "/borgere/?status=")
        else:
            self.page(f"/borgere/?side={random.randint(2, 40)}", "/borgere/?side=")

    @task(3)
    def citizen(self):
        pk = random.choice(self.citizens)
        html = self.page(f"/borgere/{pk}/", "/borgere/[id]/").text
        self.placements = (self.placements + ids(html, r'href="/borgere/forloeb/(\d+)/"'))[-50:]

    @task(3)
    def timeline(self):
        self.page(f"/borgere/{random.choice(self.citizens)}/tidslinje/", "/borgere/[id]/tidslinje/")

    @task(2)
    def placement(self):
        if self.placements:
            self.page(f"/borgere/forloeb/{random.choice(self.placements)}/", "/borgere/forloeb/[id]/")

    @task(2)
    def mentor_list(self):
        if random.random() < 0.5:
            self.page("/mentorer/", "/mentorer/")
        else:
            self.page("/mentorer/?status=active&capacity=free", "/mentorer/?status=")

    @task(2)
    def mentor(self):
        self.page(f"/mentorer/{random.choice(self.mentors)}/", "/mentorer/[id]/")

    @task(2)
    def suggestions(self):
        if self.referred:
            self.page(f"/matchning/borger/{random.choice(self.referred)}/", "/matchning/borger/[id]/")

    @task(1)
    def companies_list(self):
        self.page("/virksomheder/", "/virksomheder/")

    @task(1)
    def company(self):
        self.page(f"/virksomheder/{random.choice(self.companies)}/", "/virksomheder/[id]/")

    @task(1)
    def follow_up_overdue(self):
        self.page("/borgere/opfoelgning/mangler/", "/borgere/opfoelgning/mangler/")

    @task(1)
    def courses(self):
        self.page("/kurser/", "/kurser/")

    @task(2)
    def report(self):
        slug = random.choice(REPORTS)
        self.page(f"/rapporter/{slug}/", f"/rapporter/{slug}/")


class Leader(Base):
    weight = 1
    fixed_count = JOBCENTERS

    def on_start(self) -> None:
        self.slug = jobcenter_slug(next(_leader_numbers) % JOBCENTERS)
        self.log_in(leader_email(self.slug), two_factor=True)
        self.placements = ids(self.first("/portal/forloeb/"), r'href="/portal/forloeb/(\d+)/"')

    @task(3)
    def start_page(self):
        self.page("/", "/ (leader)")

    @task(3)
    def placements_list(self):
        self.page("/portal/forloeb/", "/portal/forloeb/")

    @task(3)
    def placement(self):
        if self.placements:
            self.page(f"/portal/forloeb/{random.choice(self.placements)}/", "/portal/forloeb/[id]/")

    @task(2)
    def mentors(self):
        self.page("/portal/mentorer/", "/portal/mentorer/")

    @task(2)
    def claims(self):
        self.page("/portal/frikoeb/", "/portal/frikoeb/")

    @task(1)
    def company(self):
        self.page("/portal/virksomhed/", "/portal/virksomhed/")

    @task(1)
    def courses(self):
        self.page("/portal/kurser/", "/portal/kurser/")


# Every page request while the users work (not logging in, not their first pages): the honest whole for the
# "p95 of every page" target, written next to locust's CSV for report.py.
_WORK_TIMES: list[float] = []
_WORK_FAILURES = [0]
_NOT_WORK = ("login", "two-factor", "(start)")


@events.request.add_listener
def _collect(name, response_time, exception, **_kwargs):
    if name.startswith(_NOT_WORK):
        return
    _WORK_TIMES.append(response_time)
    if exception is not None:
        _WORK_FAILURES[0] += 1


@events.test_start.add_listener
def _load_average(environment, **_kwargs):
    print(f"load average at start: {os.getloadavg()}", flush=True)


@events.test_stop.add_listener
def _load_average_end(environment, **_kwargs):
    print(f"load average at end: {os.getloadavg()}", flush=True)
    if not _WORK_TIMES:
        return
    times = sorted(_WORK_TIMES)

    def percentile(p: float) -> float:
        return times[min(len(times) - 1, int(p * len(times)))]

    summary = {
        "requests": len(times),
        "failures": _WORK_FAILURES[0],
        "p50": percentile(0.50),
        "p95": percentile(0.95),
        "max": times[-1],
    }
    print(f"work pages: {summary}", flush=True)
    out = Path(os.environ.get("MENTORSHIP_VAR_DIR", "var/bench")) / "loadtest"
    out.mkdir(parents=True, exist_ok=True)
    (out / "work_pages.json").write_text(json.dumps(summary))
