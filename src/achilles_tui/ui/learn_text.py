"""Short explanations behind the plan, in our own words, each tied to its rule ids.

Shown by the Learn screen (F2 from anywhere, including the assessment result
and the session timer). The facts come from clinical.md; the sentences are ours.
"""

from __future__ import annotations

LEARN_TOPICS: dict[str, tuple[str, str]] = {
    "positions": (
        "The three positions",
        """## The three positions

**Neutral**: stand with the balls of your feet on a step and keep your heels
level with it, neither sagging nor lifted. It spares a sore forefoot, which is
why it is the default when the front of the foot hurts (POS-NEUTRAL-FOREFOOT,
POS-DEFAULT). With pain where the tendon meets the heel it can sometimes
irritate, so it is tried and checked the next morning
(POS-NEUTRAL-INSERTIONAL-BURSITIS).

**Heel raised**: lift your heels part of the way up, on the floor or a step.
Not to full tiptoe: holding at the very top tends to pinch the back of the heel
and is rarely needed (POS-HEELRAISED-PARTIAL, POS-HEELRAISED-NO-FULL-TIPTOE).
For pain relief pick whatever height feels best; no height is proven better
(POS-HEELRAISED-PAIN-RELIEF-HEIGHT).

**Heel drop**: lower your heels a little below the step, roughly ten degrees,
and hold them there with the calf working, not hanging
(POS-HEELDROP-FORM). It acts as an active stretch for range of motion. It is
not for tendinopathy or bursitis unless a physio advises it, and after a
rupture repair it waits until at least 12 weeks
(POS-HEELDROP-TENDINOPATHY, POS-HEELDROP-INSERTIONAL-BURSITIS,
POS-HEELDROP-POSTOP-EARLY).
""",
    ),
    "dose": (
        "Why the dose is what it is",
        """## Why the dose is what it is

A sensitive tendon starts gently: both legs, body weight only, about three
holds of about ten seconds with 10-20 seconds between them
(DOSE-START-IRRITABLE). A stronger, calmer tendon can start at five longer
holds on one leg (DOSE-START-ROBUST).

Longer or heavier holds need longer rests, so rest grows with the hold and
never shrinks as you progress (DOSE-REST-SCALES, PROG-NO-SHORTER-REST).
Holds are done once a day in most cases (DOSE-FREQUENCY).

The heavy 5 x 45 s protocol from early research was tested on knee tendons
and has not been shown to help the Achilles, so it is never a default here
(DOSE-NO-RESEARCH-DEFAULT). If your physio gave you a plan, theirs wins
(DOSE-PHYSIO-OVERRIDE).
""",
    ),
    "24h": (
        "The 24-hour rule",
        """## The 24-hour rule

How your tendon feels the morning after is the best guide to whether the
load was right. Each morning the diary asks about pain, stiffness and whether
the tendon is back to its usual level (MON-24H). If it is not, or morning
pain is clearly up, keep the same level or go easier (MON-NOT-SETTLED).

During a hold, pain up to about 5 out of 10 is acceptable; above that, stop
for the day (MON-PAIN-DURING): the app offers no other session until
tomorrow. A flare-up day is a rest day too, and the next sessions run two
steps easier until the weekly review sets a new plan (PROG-FLARE-UP-REST).
Do not judge progress by how you feel right
after a session: holds rarely bring instant relief, and change shows over
weeks (PROG-NO-IMMEDIATE-RELIEF-METRIC, START-GOAL-PAIN-RELIEF).
""",
    ),
    "red-flags": (
        "What the warning signs mean",
        """## What the warning signs mean

Some signs point to something exercise cannot fix, and the plan stops until
a clinician has seen you:

- a sudden pop or kick at the back of the leg, or suddenly being unable to
  push up onto your toes: possible tear, get seen today (RF-RUPTURE-SUSPECT);
- a swollen, warm or red calf: possible clot, contact a doctor today
  (RF-DVT); with breathlessness or chest pain call emergency services
  (RF-PE);
- fever with a hot, swollen joint or heel, or a wound problem after surgery
  (RF-INFECTION);
- constant pain at night or at rest (RF-NIGHT-REST-PAIN).

The plan stays paused, on every screen and in `achilles-tui status`, until you
take the assessment again without that sign, once a clinician has checked
you.

Others call for a medical check but not a full stop: both tendons sore with
a condition such as psoriasis or inflammatory arthritis, or long morning
stiffness (RF-INFLAMMATORY); a recent fluoroquinolone antibiotic
(RF-FLUOROQUINOLONE). Press ! on any screen if something has changed.
""",
    ),
    "isotonic": (
        "When to move on to moving exercises",
        """## When to move on

Isometric holds are a starting point, not the whole rehab. When holds feel
easy, the tendon settles well each morning and you can rise onto your toes,
moving (isotonic) heel raises usually do more for you (ELIG-ISO-TOO-EASY,
PROG-SWITCH-ISOTONIC). The weekly review suggests the switch when a good week
comes at the top single-leg levels.

If a forefoot problem stops you rising onto your toes, you stay with holds
and make them harder instead (PROG-FOREFOOT-STAY-ISO). In a competition
phase the plan is held steady rather than pushed (PROG-COMPETITION-FREEZE).
""",
    ),
}
