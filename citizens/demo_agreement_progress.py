"""Demo goals and competence cards for a mentor agreement (a citizen with a corps mentor and no placement has
them too). One function for citizens.demo to call on the agreements it seeds: it writes rows as the demo's
placements do (directly, then the summary through the service), and is idempotent (an agreement that already
has goals is left as it is)."""

import datetime
import random

from citizens.models import AssessorKind, Goal, GoalStatus, ProgressAssessment, ProgressScore
from citizens.services import progress_summary_refresh

AGREEMENT_GOALS = [
    ("Møder op til aftaler med mentoren", ["Sætter vækkeur aftenen før", "Melder afbud i god tid"]),
    ("Kommer ud af huset hver dag", ["Går en tur hver formiddag"]),
    ("Finder et praktiksted", ["Skriver tre ønsker ned", "Besøger en virksomhed sammen med mentoren"]),
]


def agreement_progress_seed(agreement, *, dimensions, recorded_by, today: datetime.date) -> None:
    """Gives an agreement one to three goals with sub-goals and, once it is in force, an assessment every four
    weeks from two weeks after its start until it ended or today, by the mentor or the jobcenter."""
    if Goal.objects.filter(agreement=agreement).exists():
        return
    rng = random.Random(f"citizens-demo-agreement-progress-{agreement.pk}")  # noqa: S311 - demo data
    for position, (title, subs) in enumerate(AGREEMENT_GOALS[: rng.randint(1, 3)]):
        goal = Goal.objects.create(
            agreement=agreement,
            title=title,
            position=position,
            status=rng.choice(list(GoalStatus.values)),
            target_date=agreement.starts_on + datetime.timedelta(days=30 * (position + 1)),
        )
        for sub_position, sub in enumerate(subs):
            Goal.objects.create(
                agreement=agreement, parent=goal, title=sub, position=sub_position, status=GoalStatus.IN_PROGRESS
            )
    if not agreement.can_be_assessed or not dimensions:
        return
    last_day = min(agreement.ended_on or today, today)
    level, day = rng.randint(1, 3), agreement.starts_on + datetime.timedelta(days=14)
    while day <= last_day:
        assessment = ProgressAssessment.objects.create(
            jobcenter_id=agreement.jobcenter_id,
            agreement=agreement,
            assessed_on=day,
            assessor_kind=rng.choice([AssessorKind.MENTOR, AssessorKind.JOBCENTER]),
            recorded_by=recorded_by,
        )
        ProgressScore.objects.bulk_create(
            ProgressScore(assessment=assessment, dimension=d, score=max(1, min(5, level + rng.choice([-1, 0, 1]))))
            for d in dimensions
        )
        level = min(5, level + rng.choice([0, 1]))
        day += datetime.timedelta(days=28)
    progress_summary_refresh(agreement=agreement)
