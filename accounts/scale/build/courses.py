"""Courses, sessions and registrations."""

import datetime

from accounts.scale import EMAIL_DOMAIN
from accounts.scale.build._common import allocate


class CoursesPart:
    """Builder's part: courses, sessions and registrations."""

    # --- courses ---------------------------------------------------------------------------------

    def courses(self) -> None:
        Course = self.m("courses.Course")
        Session = self.m("courses.Session")
        Registration = self.m("courses.Registration")
        rng = self.rng
        with self.timer.part("courses (+ sessions, registrations)") as part:
            per_jc = self.per_jc("courses")
            registrations = allocate(self.counts["registrations"], [c / sum(per_jc) for c in per_jc])
            course_ids = iter(self.loader.ids(Course, sum(per_jc)))
            courses, sessions, regs = [], [], []
            for jc, count, reg_count in zip(self.jcs, per_jc, registrations, strict=True):
                pool = [(pk, None, None, name, email) for pk, name, email in jc.mentors]
                pool += [(None, m[0], company, m[1], m[2]) for company, ms in jc.company_mentors.items() for m in ms]
                for course_index, course_regs in enumerate(allocate(reg_count, [1 / count] * count) if count else []):
                    pk = next(course_ids)
                    first = self.today + datetime.timedelta(days=rng.randint(-365, 180))
                    days = rng.choice([1, 1, 2])
                    past = first < self.today
                    people = rng.sample(pool, min(len(pool), course_regs))
                    people += [(None, None, None, f"Deltager {n}", f"deltager{n}.{pk}@{EMAIL_DOMAIN}")
                               for n in range(course_regs - len(people))]  # fmt: skip
                    capacity = max(1, course_regs - (0 if past else course_regs // 10))
                    courses.append((pk, jc.id, rng.choice(jc.course_types), f"Mentorkursus {course_index + 1}",
                                    "Jobcentret, mødelokale 2", "Rådhustorvet 1", capacity,
                                    first - datetime.timedelta(days=7), "planned", first,
                                    first + datetime.timedelta(days=days - 1), self.now if past else None,
                                    jc.coordinators[0], self.now, self.now))  # fmt: skip
                    for d in range(days):
                        sessions.append((pk, first + datetime.timedelta(days=d), datetime.time(9), datetime.time(15)))
                    for n, (mentor, company_mentor, company, name, email) in enumerate(people):
                        waiting = n >= capacity
                        status = "waiting" if waiting else ("cancelled" if n % 17 == 5 else "registered")
                        regs.append((pk, mentor, company_mentor, company, name, email, status,
                                     rng.choice(["coordinator", "portal", "invitation"]), self.now,
                                     self.now if waiting else None,
                                     first + datetime.timedelta(days=days - 1) if past and status == "registered"
                                     else None, jc.coordinators[0]))  # fmt: skip
            part.rows = self.loader.write(
                Course,
                ["id", "jobcenter_id", "course_type_id", "title", "venue", "address", "capacity",
                 "registration_deadline", "status", "first_day", "last_day", "completed_at", "created_by_id",
                 "created_at", "updated_at"],
                courses,
            )  # fmt: skip
            self.loader.write(
                Session,
                ["id", "course_id", "date", "starts_at", "ends_at"],
                ((pk, *row) for pk, row in zip(self.loader.ids(Session, len(sessions)), sessions, strict=True)),
            )
            part.rows += self.loader.write(
                Registration,
                ["id", "course_id", "corps_mentor_id", "company_mentor_id", "company_id", "name", "email", "status",
                 "via", "created_at", "waiting_since", "completed_on", "created_by_id"],
                ((pk, *row) for pk, row in zip(self.loader.ids(Registration, len(regs)), regs, strict=True)),
            )  # fmt: skip
