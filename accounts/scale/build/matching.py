"""Offers to mentors."""

import datetime
import hashlib


class MatchingPart:
    """Builder's part: offers to mentors."""

    # --- offers ----------------------------------------------------------------------------------

    def offers(self) -> None:
        Offer = self.m("matching.Offer")
        rng = self.rng
        with self.timer.part("offers to corps mentors") as part:
            plan = []
            for jc in self.jcs:
                for citizen in jc.citizens["referred"][::3]:
                    mentors = rng.sample(jc.mentors, min(len(jc.mentors), 2))
                    for k, mentor in enumerate(mentors):
                        plan.append((jc, citizen, mentor[0], "declined" if k == 0 and len(mentors) > 1 else "offered"))
            ids = self.loader.ids(Offer, len(plan))
            offered_at = self.now - datetime.timedelta(days=2)
            part.rows = self.loader.write(
                Offer,
                ["id", "jobcenter_id", "citizen_id", "mentor_id", "status", "score", "explanations", "message",
                 "token_hash", "offered_by_id", "offered_at", "expires_at", "answered_at", "answered_via",
                 "decline_reason", "closed_by_id"],
                ((pk, jc.id, citizen, mentor, status, round(rng.uniform(0.4, 0.95), 3),
                  "[]" if self.loader.postgres else [], "Vil du være mentor for en borger?",
                  hashlib.sha256(f"scale-offer-{pk}".encode()).hexdigest(), jc.coordinators[0], offered_at,
                  offered_at + datetime.timedelta(days=5), self.now if status == "declined" else None,
                  "link" if status == "declined" else "", "Har ikke tid lige nu." if status == "declined" else "",
                  None) for pk, (jc, citizen, mentor, status) in zip(ids, plan, strict=True)),
            )  # fmt: skip
