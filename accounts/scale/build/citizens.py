"""Citizens, mentor agreements, placements and goals, follow-ups and progress assessments."""

import datetime

from django.db import connection

from accounts.scale.build._common import FIRST, GOALS, LAST, NOTES, D, allocate


class CitizensPart:
    """Builder's part: citizens, mentor agreements, placements and goals, follow-ups and progress assessments."""

    # --- citizens --------------------------------------------------------------------------------

    def citizens(self) -> None:
        from citizens import cpr

        Citizen = self.m("citizens.Citizen")
        Preferences = self.m("matching.MatchingPreferences")
        rng = self.rng
        outcomes = ["ordinary_job", "education", "flex_job", "other_placement", "sick_listed", "dropped_out"]
        with self.timer.part("citizens (+ needs, languages, CPR for 1 in 5)") as part:
            ids = iter(self.loader.ids(Citizen, self.counts["citizens"]))
            rows, needs, languages, preferences = [], [], [], []
            serial = 0
            for jc, count in zip(self.jcs, self.per_jc("citizens", minimum=3), strict=True):
                jc.citizens = {"referred": [], "active": [], "ended": []}
                for n in range(count):
                    pk = next(ids)
                    status = ("referred", "active", "ended")[n] if n < 3 else rng.choices(
                        ("referred", "active", "ended"), (20, 50, 30))[0]  # fmt: skip
                    jc.citizens[status].append(pk)
                    referred = self.today - datetime.timedelta(days=rng.randint(0, 900) if status != "referred"
                                                               else rng.randint(0, 60))  # fmt: skip
                    if pk % 5 == 0:  # CPR stored like citizens.services does: birth date, keyed hash, Fernet token
                        serial += 1
                        born = datetime.date(1960 + serial // 4000 % 40, 1 + serial % 12, 1 + serial % 28)
                        number = f"{born:%d%m%y}{serial % 4000 + 1000:04d}"
                        birth, digest, token = born, cpr.search_hash(number), cpr.encrypt(number)
                    else:
                        birth, digest, token = None, "", ""
                    ended = status == "ended"
                    rows.append(
                        (pk, jc.id, f"{rng.choice(FIRST)} {rng.choice(LAST)}", birth, digest, token, "20 30 40 50",
                         str(jc.postcode + rng.randint(0, 40)), rng.choice(jc.target_groups),
                         rng.choice(jc.caseworkers), referred, "Har brug for støtte til at komme i gang.",
                         rng.choice(["", "", "female", "male"]), rng.choice(["", "", "u25", "25-34", "45-54"]),
                         status, rng.choice(outcomes) if ended else "",
                         min(self.today, referred + datetime.timedelta(days=200)) if ended else None,
                         rng.choice(jc.caseworkers), self.now, self.now)
                    )  # fmt: skip
                    for competence in rng.sample(jc.competences, min(len(jc.competences), rng.randint(1, 3))):
                        needs.append((pk, competence))
                    if self.danish:
                        languages.append((pk, self.danish))
                    if status == "referred" and rng.random() < 0.5:
                        preferences.append((pk, jc.id, rng.randint(1, 127), rng.randint(1, 7), rng.random() < 0.05))
            part.rows = self.loader.write(
                Citizen,
                ["id", "jobcenter_id", "name", "birth_date", "cpr_hash", "cpr_encrypted", "phone", "postcode",
                 "target_group_id", "caseworker_id", "referred_on", "referral_reason", "wish_gender",
                 "wish_age_band", "status", "outcome", "outcome_on", "created_by_id", "created_at", "updated_at"],
                rows,
            )  # fmt: skip
            self.m2m(Citizen.needs, needs)
            self.m2m(Citizen.languages, languages)
            self.loader.write(
                Preferences,
                ["id", "citizen_id", "jobcenter_id", "available_weekdays", "available_day_parts", "severe_needs"],
                ((pk, *row) for pk, row in zip(self.loader.ids(Preferences, len(preferences)), preferences,
                                               strict=True)),
            )  # fmt: skip

    # --- mentor agreements -----------------------------------------------------------------------

    def agreements(self) -> None:
        from citizens.vocabulary import COMPLAINT_GUIDANCE

        Agreement = self.m("citizens.MentorAgreement")
        rng = self.rng
        with self.timer.part("mentor agreements") as part:
            rows = []
            for jc in self.jcs:
                seats = [pk for pk, _n, _e in jc.mentors for _ in range(jc.mentor_capacity[pk])]
                rng.shuffle(seats)
                # Active citizens get an active agreement while the corps has seats; ended ones an ended one.
                for citizen in jc.citizens["active"][: len(seats)]:
                    start = self.today - datetime.timedelta(days=rng.randint(0, 150))
                    rows.append((jc, citizen, "active", seats.pop(), start))
                for citizen in jc.citizens["ended"][::2]:
                    start = self.today - datetime.timedelta(days=rng.randint(200, 900))
                    rows.append((jc, citizen, "ended", rng.choice(jc.mentors)[0], start))
            ids = self.loader.ids(Agreement, len(rows))
            out = []
            for pk, (jc, citizen, status, mentor, start) in zip(ids, rows, strict=True):
                ends = start + datetime.timedelta(days=182)
                if status == "active":
                    self.active_agreements.append((pk, jc, citizen, mentor, start))
                out.append(
                    (pk, jc.id, citizen, status, mentor, rng.choice(jc.caseworkers), "Borgeren kommer i job.",
                     "Ugentlige samtaler og hjælp til struktur.", start, ends, D(rng.randint(20, 60)), D(3),
                     COMPLAINT_GUIDANCE, self.now, min(ends, self.today) if status == "ended" else None,
                     "Forløbet er slut." if status == "ended" else "", jc.coordinators[0], self.now)
                )  # fmt: skip
            part.rows = self.loader.write(
                Agreement,
                ["id", "jobcenter_id", "citizen_id", "status", "mentor_id", "caseworker_id", "goal", "mentor_tasks",
                 "starts_on", "ends_on", "hours_total", "hours_per_week", "complaint_guidance", "activated_at",
                 "ended_on", "end_reason", "created_by_id", "created_at"],
                out,
            )  # fmt: skip

    # --- placements and goals --------------------------------------------------------------------

    def placements_part(self) -> None:
        Placement = self.m("citizens.Placement")
        Goal = self.m("citizens.Goal")
        rng = self.rng
        outcomes = ["ordinary_job", "education", "flex_job", "other_placement", "dropped_out"]
        with self.timer.part("placements (+ goals)") as part:
            plan = []
            for jc, count in zip(self.jcs, self.per_jc("placements", minimum=3), strict=True):
                active, ended = jc.citizens["active"], jc.citizens["ended"]
                for n in range(count):
                    kind = rng.choices(("active", "ended", "proposed", "declined"), (55, 35, 6, 4))[0]
                    if n < 2:
                        kind = "active"
                    pool = ended if kind == "ended" and ended else active or ended
                    company = jc.companies[0] if n == 0 else rng.choice(jc.companies)
                    plan.append((jc, rng.choice(pool), company, kind))
            ids = self.loader.ids(Placement, len(plan))
            rows, goals = [], []
            for pk, (jc, citizen, company, kind) in zip(ids, plan, strict=True):
                if kind == "ended":
                    start = self.today - datetime.timedelta(days=rng.randint(120, 900))
                    end = start + datetime.timedelta(days=rng.randint(60, 180))
                    ended_on = min(end, self.today - datetime.timedelta(days=1))
                elif kind == "active":
                    start = self.today - datetime.timedelta(days=rng.randint(7, 180))
                    end = start + datetime.timedelta(days=rng.randint(90, 365))
                    ended_on = None
                else:
                    start = self.today + datetime.timedelta(days=rng.randint(-30, 30))
                    end = start + datetime.timedelta(days=90)
                    ended_on = None
                mentors = jc.company_mentors.get(company) or [None]
                mentor = rng.choice(mentors)
                mentor_id = mentor[0] if mentor and kind != "proposed" else None
                if kind in ("active", "ended") and mentor_id is None:
                    kind, ended_on = "proposed", None
                self.placements.append((pk, jc, citizen, company, mentor_id, kind, start, end, ended_on))
                rows.append(
                    (pk, jc.id, citizen, company, mentor_id, rng.choice(jc.placement_types),
                     rng.choice(jc.coordinators + jc.caseworkers), kind, start, end,
                     "Lagerarbejde: modtagelse af varer, pluk og pak.", D(rng.choice([10, 15, 20, 25, 30])),
                     D(rng.choice([1, 2, 3])), self.now if kind != "proposed" else None,
                     "Passer ikke lige nu." if kind == "declined" else "", ended_on,
                     rng.choice(outcomes) if kind == "ended" else "", jc.coordinators[0], self.now)
                )  # fmt: skip
                if kind in ("active", "ended"):
                    for position, title in enumerate(rng.sample(GOALS, 2)):
                        goals.append((jc.id, pk, title, rng.choice(["not_started", "in_progress", "reached"]),
                                      end, position, self.now))  # fmt: skip
            part.rows = self.loader.write(
                Placement,
                ["id", "jobcenter_id", "citizen_id", "company_id", "company_mentor_id", "placement_type_id",
                 "responsible_id", "status", "starts_on", "ends_on", "tasks", "hours_per_week",
                 "mentor_hours_per_week", "decided_at", "decline_reason", "ended_on", "outcome", "created_by_id",
                 "created_at"],
                rows,
            )  # fmt: skip
            self.loader.write(
                Goal,
                ["id", "jobcenter_id", "placement_id", "title", "status", "target_date", "position", "updated_at"],
                ((pk, *row) for pk, row in zip(self.loader.ids(Goal, len(goals)), goals, strict=True)),
            )

    # --- follow-ups ------------------------------------------------------------------------------

    def follow_ups(self) -> None:
        FollowUp = self.m("citizens.FollowUp")
        Placement = self.m("citizens.Placement")
        rng = self.rng
        running = [p for p in self.placements if p[5] in ("active", "ended")]
        with self.timer.part("follow-ups (+ placements' last follow-up)") as part:
            total = self.counts["follow_ups"]
            spans = []
            for p in running:
                last = p[8] or self.today - datetime.timedelta(days=rng.randint(0, 12))
                last = max(last, p[6])
                spans.append((p[6], last))
            weights = [max(1, (last - first).days // 7 + 1) for first, last in spans]
            counts = allocate(total, [w / sum(weights) for w in weights]) if running else []
            ids = iter(self.loader.ids(FollowUp, sum(counts)))
            kinds = ["visit", "visit", "phone", "meeting", "email"]
            hours = [D("0"), D("0"), D("1.50"), D("2.00"), D("3.00")]
            recent = self.today - datetime.timedelta(days=14)
            last_follow_up: list[tuple[int, datetime.date]] = []

            def rows():
                for p, (first, last), count in zip(running, spans, counts, strict=True):
                    pk_placement, jc, citizen = p[0], p[1], p[2]
                    author = jc.coordinators[0]
                    days = (last - first).days
                    for k in range(count):
                        day = last - datetime.timedelta(days=days * k // count) if count > 1 else last
                        mentor_hours = rng.choice(hours)
                        unconfirmed = mentor_hours and day >= recent
                        yield (
                            next(ids), jc.id, citizen, pk_placement, rng.choice(kinds), day,
                            "Borger, virksomhedsmentor og jobkonsulent", rng.choice(NOTES), mentor_hours,
                            "" if unconfirmed or not mentor_hours else "coordinator",
                            None if unconfirmed or not mentor_hours else self.now, author, self.now,
                        )  # fmt: skip
                    if count:
                        last_follow_up.append((pk_placement, last))

            part.rows = self.loader.write(
                FollowUp,
                ["id", "jobcenter_id", "citizen_id", "placement_id", "kind", "occurred_on", "participants", "notes",
                 "mentor_hours", "hours_confirmed_by", "hours_confirmed_at", "author_id", "created_at"],
                rows(),
            )  # fmt: skip
            self.update_last_follow_up(Placement, last_follow_up)

    def update_last_follow_up(self, Placement, pairs) -> None:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("CREATE TEMP TABLE scale_last (id bigint, day date) ON COMMIT DROP")
                with cursor.cursor.copy("COPY scale_last (id, day) FROM STDIN") as copy:
                    for row in pairs:
                        copy.write_row(row)
                cursor.execute(
                    f'UPDATE "{Placement._meta.db_table}" p SET last_follow_up_on = s.day '  # noqa: S608
                    "FROM scale_last s WHERE p.id = s.id"
                )
                cursor.execute("DROP TABLE scale_last")
        else:
            for pk, day in pairs:
                Placement.objects.filter(pk=pk).update(last_follow_up_on=day)

    # --- progress assessments --------------------------------------------------------------------

    def assessments(self) -> None:
        Assessment = self.m("citizens.ProgressAssessment")
        Score = self.m("citizens.ProgressScore")
        rng = self.rng
        running = [p for p in self.placements if p[5] in ("active", "ended")]
        with self.timer.part("progress assessments (+ scores)") as part:
            total = self.counts["assessments"]
            counts = allocate(total, [1 / len(running)] * len(running)) if running else []
            ids = self.loader.ids(Assessment, sum(counts))
            plan = []
            for p, count in zip(running, counts, strict=True):
                last = p[8] or self.today
                span = max(1, (last - p[6]).days)
                for k in range(count):
                    plan.append((p, p[6] + datetime.timedelta(days=span * (k + 1) // (count + 1))))
            part.rows = self.loader.write(
                Assessment,
                ["id", "jobcenter_id", "placement_id", "assessed_on", "assessor_kind", "company_mentor_id",
                 "recorded_by_id", "created_at"],
                ((pk, p[1].id, p[0], day, "company" if k % 2 else "jobcenter", p[4], p[1].coordinators[0], self.now)
                 for k, (pk, (p, day)) in enumerate(zip(ids, plan, strict=True))),
            )  # fmt: skip
            dimensions_total = sum(len(p[1].dimensions) for p, _day in plan)
            score_ids = iter(self.loader.ids(Score, dimensions_total))
            self.loader.write(
                Score,
                ["id", "assessment_id", "dimension_id", "score"],
                ((next(score_ids), pk, dimension, rng.randint(1, 5))
                 for pk, (p, _day) in zip(ids, plan, strict=True) for dimension in p[1].dimensions),
            )  # fmt: skip
        with self.timer.part("progress summaries (first and latest score)") as part:
            from citizens.services import progress_summaries_rebuild

            # Set-wise from the scores just written, as the assessment service keeps them one by one.
            part.rows = progress_summaries_rebuild()
            self.loader.models.append(self.m("citizens.ProgressSummary"))  # sequence and ANALYZE in finish()
