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
comes at the top single-leg levels, and the plan then climbs its own ladder of
heel-raise steps, T1 to T8 (ELIG-ISOT-START, PROG-ISOT-ADVANCE).

If a forefoot problem stops you rising onto your toes, you stay with holds
and make them harder instead (PROG-FOREFOOT-STAY-ISO). In a competition
phase the plan is held steady rather than pushed (PROG-COMPETITION-FREEZE).
If the tendon gets irritated during the heel-raise weeks, the plan goes back
to holds for a while and restarts heel raises from the first step once things
have settled (PROG-ISOT-BACK-TO-ISO, PROG-ISOT-REENTRY).
""",
    ),
    "heel-raises": (
        "Heel raises, step by step",
        """## Heel raises

A heel raise is the movement you know from standing on tiptoe: push up
through the ball of the foot, then let the heel come back down, slowly and
under control. Unlike a hold, the calf and tendon work through a range of
movement, which is what builds them up for walking, stairs and later sport.

**The steps.** The plan starts on the floor on both legs, then moves to
lowering on one leg, then one leg all the way, then (for some people) the
edge of a step, and finally a backpack with a few kilos in it. One step up
follows a good week (PROG-ISOT-ADVANCE). Loaded steps come three times a week
on days that are not next to each other, so the tendon has time to recover
in between; a little weight is added week by week up to a ceiling the app
will not pass (DOSE-ISOT-LOAD, DOSE-ISOT-LOAD-CAP).

**Floor or step.** On the floor the heel stops at ground level. On a step
the heel can sink below the edge, which stretches the tendon further under
load. For pain in the middle of the tendon that is fine, lowered only as far
as feels comfortable, smoothly, with no bounce or rest at the bottom
(POS-ISOT-STEP-FORM). If the step irritates it in the first week, the plan
offers the floor again (MON-ISOT-STEP-TRIAL).

**Why some people stay on the floor.** When the pain sits where the tendon
joins the heel bone, or in the small fluid sac (bursa) beside it, letting the
heel drop below level squeezes the sore spot against the bone. Raises kept
on the floor have done better for these problems than raises through full
range. After a rupture the repaired tendon can heal longer than before, so
stretching it under load is avoided too. The app keeps all of these, and an
unclear diagnosis, on flat floor (POS-ISOT-FLOOR-ONLY); a rupture also waits
a few weeks before moving raises start (ELIG-ISOT-RUPTURE-EARLY).

**Height and tempo.** Go up as high as is comfortable, not to a forced
tiptoe, and do not hold at the top (POS-ISOT-HEIGHT). The tempo 3/0/3 means
three seconds up, no pause at the top, three seconds down. Slow, even raises
keep the load steady and make cheating with momentum hard; the Session timer
counts the seconds for you.

**Pain.** The 5/10 line applies to every set, not just the session as a
whole. If pain goes above it in any set, stop the remaining sets for today
(MON-ISOT-SET-PAIN). The next morning still tells you how the load went
(MON-24H).
""",
    ),
    "hr-test": (
        "The heel-raise test, and what comes next",
        """## The heel-raise test

How many full heel raises you can do on one leg at a steady pace says a lot
about calf endurance. At the loaded steps (T7-T8) the app offers a short test
every two weeks, on a day without your loaded session: the test is that day's
load (MON-ISOT-HR-TEST).

Stand on one leg on a flat floor, knee straight, fingertips on a wall for
balance. A beep sounds every two seconds; rise on each beep as high as is
comfortable and lower again. Stop when you can no longer keep the pace or the
height, or when pain goes over 5/10, which ends the test (MON-ISOT-SET-PAIN).
Your other side goes first, so you know what the sore side is aiming for. In
research the test is done on a slight slope and healthy adults manage a
couple of dozen or more; ours is a floor version, so compare your results
with your own earlier ones and with your other leg, not with other people.

**The milestone.** When your sore side reaches about 20 raises and nine tenths
of the other side with little pain, your mornings stay settled and the top
step goes well, the review says so (PROG-ISOT-MILESTONE). That is a good time
to see a physio about going further. After a rupture, ask your team to
compare height and count with the other side first (PROG-ISOT-RUPTURE-REFER).

## Why the app stops before hopping and running

The Achilles carries its biggest loads in springy movements: hopping,
jumping, running. There are no agreed cut-offs for when a tendon is ready for
them, and a count of raises misses how high each one went and how well it
was done. The app cannot see you limp or land, so quick rebounding raises,
hopping and running are left to a physio, who can test them and plan a
graded return.
""",
    ),
}
