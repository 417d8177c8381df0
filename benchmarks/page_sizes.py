"""Benchmark: does a page's cost grow with the jobcenter's size? Every coordinator, jobcenter-admin and portal GET page
(forms, detail pages of the busiest objects, lists), in-process through the whole middleware stack with production
settings on the national data set (seed_scale), at the largest jobcenter (jc001) and a small one (jc060).

    source benchmarks/loadtest/env.sh
    REDIS_URL=redis://127.0.0.1:6379/9 .venv/bin/python benchmarks/page_sizes.py [--runs 5] [--only /timer/ny/]

Per page and jobcenter: status, queries, size in KB and the median CPU of this process per request
(time.process_time). A page several times larger or costlier at jc001 than at jc060 lists something in proportion
to the jobcenter (a select of every citizen, a table without a cap). The objects are the busiest: the citizen with
the most follow-ups, the mentor with the most hours, the company with the most placements, the course with the most
registrations. The pages of benchmarks/loadtest/query_counts.py are measured there.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks" / "loadtest"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorship.settings")


import django  # noqa: E402

django.setup()


def objs(slug):
    """The jobcenter's busiest objects and its users, as ids and users for page_list()."""
    from django.db.models import Count
    from django_scopes import scopes_disabled
    from query_counts import busiest

    from accounts.models import Jobcenter, Membership, Role, User
    from accounts.scale import coordinator_email
    from citizens.models import Citizen, FollowUp, MentorAgreement, Placement
    from companies.models import CompanyMentor, CompensationClaim
    from corps.models import HoursEntry
    from courses.models import Course, Session
    from matching.models import Cohort
    from notifications.models import Message

    o = {}
    with scopes_disabled():
        jc = Jobcenter.objects.get(slug=slug)
        o["citizen"] = busiest(FollowUp.objects.filter(jobcenter=jc), "citizen_id")["citizen_id"]
        o["referred"] = Citizen.objects.filter(jobcenter=jc, status="referred").order_by("id").first().pk
        o["mentor"] = busiest(HoursEntry.objects.filter(mentor__jobcenter=jc), "mentor_id")["mentor_id"]
        co = busiest(Placement.objects.filter(jobcenter=jc), "company_id")
        o["company"], o["company_n"] = co["company_id"], co["n"]
        o["cmentor"] = CompanyMentor.objects.filter(company_id=o["company"]).order_by("id").first().pk
        o["placement"] = Placement.objects.filter(jobcenter=jc, status="active").order_by("id").first().pk
        ag = MentorAgreement.objects.filter(jobcenter=jc).order_by("-id")
        o["agreement"] = (ag.filter(status="active").first() or ag.first()).pk
        c = Course.objects.filter(jobcenter=jc).annotate(n=Count("registrations")).order_by("-n").first()
        o["course"] = c.pk
        o["course_n"] = c.n
        s = Session.objects.filter(course=c).first()
        o["session"] = s.pk if s else None
        cl = CompensationClaim.objects.filter(jobcenter=jc).order_by("-id").first()
        o["claim"] = cl.pk if cl else None
        m = Message.objects.filter(jobcenter=jc).order_by("-id").first()
        o["message"] = m.pk if m else None
        ch = Cohort.objects.filter(jobcenter=jc).annotate(n=Count("candidates")).order_by("-n").first()
        o["cohort"] = ch.pk if ch else None
        adm = (
            Membership.objects.filter(jobcenter=jc, role=Role.JOBCENTER_ADMIN, is_active=True)
            .select_related("user")
            .first()
        )
        o["admin"] = adm.user if adm else None
        o["coordinator"] = User.objects.get(email=coordinator_email(slug))
        # leader of the busiest company, and the query_counts leader
        bl = (
            Membership.objects.filter(jobcenter=jc, role=Role.COMPANY_LEADER, company_id=o["company"], is_active=True)
            .select_related("user")
            .first()
        )
        o["busy_leader"] = bl.user if bl else None
        pp = Placement.objects.filter(company_id=o["company"], status="active").order_by("id").first()
        o["busy_portal_placement"] = pp.pk if pp else None
        o["busy_portal_cmentor"] = o["cmentor"]
    return o


def page_list(o):
    C = "coordinator"
    P = [
        (C, "/virksomheder/ny/"),
        (C, f"/virksomheder/{o['company']}/"),
        (C, f"/virksomheder/{o['company']}/rediger/"),
        (C, f"/virksomheder/{o['company']}/mentorer/ny/"),
        (C, f"/virksomheder/{o['company']}/ledere/inviter/"),
        (C, f"/virksomheder/mentorer/{o['cmentor']}/rediger/"),
        (C, "/virksomheder/frikoeb/"),
        (C, f"/virksomheder/frikoeb/{o['claim']}/" if o["claim"] else None),
        (C, "/mentorer/ny/"),
        (C, "/mentorer/import/"),
        (C, "/mentorer/overblik/"),
        (C, "/mentorer/timer/"),
        (C, "/mentorer/timer/ny/"),
        (C, "/mentorer/loen/"),
        (C, f"/mentorer/{o['mentor']}/"),
        (C, f"/mentorer/{o['mentor']}/rediger/"),
        (C, f"/mentorer/{o['mentor']}/status/pause/"),
        (C, f"/mentorer/{o['mentor']}/noter/ny/"),
        (C, f"/mentorer/{o['mentor']}/kvalifikationer/ny/"),
        (C, "/kurser/kalender/"),
        (C, "/kurser/nyt/"),
        (C, "/kurser/aarsplan/"),
        (C, "/kurser/evalueringer/"),
        (C, "/kurser/foelgeordninger/"),
        (C, "/kurser/foelgeordninger/ny/"),
        (C, f"/kurser/{o['course']}/"),
        (C, f"/kurser/{o['course']}/rediger/"),
        (C, f"/kurser/{o['course']}/aflys/"),
        (C, f"/kurser/{o['course']}/dage/ny/"),
        (C, f"/kurser/{o['course']}/dage/{o['session']}/" if o["session"] else None),
        (C, f"/kurser/{o['course']}/inviter/"),
        (C, f"/kurser/{o['course']}/invitationer/"),
        (C, f"/kurser/{o['course']}/tilmeld/"),
        (C, f"/kurser/{o['course']}/fremmoede/"),
        (C, "/borgere/ny/"),
        (C, f"/borgere/{o['citizen']}/rediger/"),
        (C, f"/borgere/{o['citizen']}/foelsomme-oplysninger/"),
        (C, f"/borgere/{o['citizen']}/afslut/"),
        (C, f"/borgere/{o['citizen']}/mentoraftale/ny/"),
        (C, f"/borgere/{o['citizen']}/forloeb/nyt/"),
        (C, f"/borgere/{o['citizen']}/opfoelgning/ny/"),
        (C, f"/borgere/mentoraftaler/{o['agreement']}/"),
        (C, f"/borgere/mentoraftaler/{o['agreement']}/rediger/"),
        (C, f"/borgere/mentoraftaler/{o['agreement']}/forlaeng/"),
        (C, f"/borgere/mentoraftaler/{o['agreement']}/opstartsmoede/"),
        (C, f"/borgere/mentoraftaler/{o['agreement']}/opstartsmoede/planlaeg/"),
        (C, f"/borgere/mentoraftaler/{o['agreement']}/udskrift/"),
        (C, f"/borgere/mentoraftaler/{o['agreement']}/maal/nyt/"),
        (C, f"/borgere/mentoraftaler/{o['agreement']}/vurdering/ny/"),
        (C, "/borgere/mentoraftaler/udloeber/"),
        (C, f"/borgere/forloeb/{o['placement']}/rediger/"),
        (C, f"/borgere/forloeb/{o['placement']}/afslut/"),
        (C, f"/borgere/forloeb/{o['placement']}/optrapning/"),
        (C, f"/borgere/forloeb/{o['placement']}/maal/nyt/"),
        (C, f"/borgere/forloeb/{o['placement']}/vurdering/ny/"),
        (C, "/borgere/timer/ubekraeftede/"),
        (C, "/borgere/resultater/"),
        (C, "/beskeder/"),
        (C, f"/beskeder/{o['message']}/" if o["message"] else None),
        (C, "/beskeder/mine-indstillinger/"),
        (C, "/indbakke/"),
        (C, f"/matchning/borger/{o['referred']}/oplysninger/"),
        (C, f"/matchning/borger/{o['referred']}/virksomheder/"),
        (C, "/matchning/tilbud/"),
        (C, "/matchning/hold/"),
        (C, "/matchning/hold/nyt/"),
        (C, f"/matchning/hold/{o['cohort']}/" if o["cohort"] else None),
        (C, "/rapporter/"),
        (C, "/privatliv/"),
        (C, f"/privatliv/borger/{o['citizen']}/adgangslog/"),
        (C, f"/privatliv/borger/{o['citizen']}/indsigt/"),
        (C, f"/privatliv/mentor/{o['mentor']}/indsigt/"),
        (C, f"/privatliv/borger/{o['citizen']}/slet/"),
        (C, f"/privatliv/borger/{o['citizen']}/arkiv/"),
        ("admin", "/beskeder/tidsplan/"),
        ("admin", "/privatliv/adgangslog/"),
        ("admin", "/privatliv/slettefrister/"),
        ("admin", "/tekster/"),
        ("leader", "/portal/mentorordningen/"),
        ("leader", "/portal/virksomhed/rediger/"),
        ("leader", "/portal/virksomhed/personer/"),
        ("leader", "/portal/mentorer/ny/"),
        ("leader", "/portal/frikoeb/ny/"),
        ("leader", "/indbakke/"),
        ("busy_leader", "/"),
        ("busy_leader", "/portal/forloeb/"),
        ("busy_leader", "/portal/mentorer/"),
        ("busy_leader", "/portal/frikoeb/"),
        ("busy_leader", "/portal/frikoeb/ny/"),
        ("busy_leader", "/portal/virksomhed/"),
        ("busy_leader", "/portal/virksomhed/personer/"),
        ("busy_leader", "/portal/kurser/"),
        ("busy_leader", f"/portal/forloeb/{o['busy_portal_placement']}/" if o["busy_portal_placement"] else None),
        (
            "busy_leader",
            f"/portal/forloeb/{o['busy_portal_placement']}/vurdering/" if o["busy_portal_placement"] else None,
        ),
        (
            "busy_leader",
            f"/portal/forloeb/{o['busy_portal_placement']}/opfoelgning/" if o["busy_portal_placement"] else None,
        ),
        ("busy_leader", f"/portal/mentorer/{o['busy_portal_cmentor']}/rediger/"),
        ("busy_leader", f"/portal/mentorer/{o['busy_portal_cmentor']}/kursus/"),
    ]
    return [(r, u) for r, u in P if u]


def measure(client, url, runs):
    from django.db import connection

    n = []

    def count(execute, sql, *a):
        n.append(1)
        return execute(sql, *a)

    r = client.get(url)
    status = r.status_code
    with connection.execute_wrapper(count):
        r = client.get(url)
    size = len(r.content) if not r.streaming else sum(len(c) for c in r.streaming_content)
    cpus = []
    for _ in range(runs):
        t = time.process_time()
        rr = client.get(url)
        if rr.streaming:
            for _c in rr.streaming_content:
                pass
        cpus.append((time.process_time() - t) * 1000)
    return {"status": status, "q": len(n), "kb": round(size / 1024, 1), "cpu": round(statistics.median(cpus), 1)}


def profile(client, url, top: int) -> None:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(client.get, url)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slugs", default="jc001,jc060")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default="", help="only the pages whose address contains this")
    parser.add_argument("--profile", type=int, default=0, help="after each page: its N costliest functions (own time)")
    arguments = parser.parse_args()
    import query_counts

    print(f"load average (1 min) {os.getloadavg()[0]:.2f}; {arguments.runs} runs a page")
    print(f"{'jobcenter':<9} {'role':<11} {'page':<58} {'status':>6} {'queries':>7} {'KB':>7} {'CPU ms':>7}")
    for slug in arguments.slugs.split(","):
        found = objs(slug)
        _, _, leader = query_counts.pages(slug)
        users = {"coordinator": found["coordinator"], "admin": found["admin"], "leader": leader}
        users["busy_leader"] = found["busy_leader"]
        clients: dict = {}
        for role, url in page_list(found):
            if (arguments.only and arguments.only not in url) or users.get(role) is None:
                continue
            if role not in clients:
                clients[role] = query_counts.client_for(users[role])
            m = measure(clients[role], url, arguments.runs)
            print(f"{slug:<9} {role:<11} {url:<58} {m['status']:>6} {m['q']:>7} {m['kb']:>7} {m['cpu']:>7}", flush=True)
            if arguments.profile:
                profile(clients[role], url, arguments.profile)
    print(f"load average (1 min) at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
