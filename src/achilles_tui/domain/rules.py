"""Catalogue of clinical rules (clinical.md §D), the isometric ladder (§E3) and rest table (§C1).

Every piece of advice the app shows carries one of these stable ids, so a clinician reviewing
the app can trace any message back to the digest. Messages are written in the app's own words.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from achilles_tui.domain.models import LEVELS, DomainError


class Group(StrEnum):
    """Rule groups in evaluation order (RF -> ELIG -> POS -> DOSE -> MON -> PROG)."""

    RF = "RF"
    ELIG = "ELIG"
    POS = "POS"
    DOSE = "DOSE"
    MON = "MON"
    PROG = "PROG"


class Severity(StrEnum):
    """How strongly a rule acts (clinical.md §D conventions); decides cautions vs notes."""

    BLOCK = "BLOCK"
    REFUSE_POSITION = "REFUSE_POSITION"
    WARN = "WARN"
    INFO = "INFO"


GROUP_ORDER: tuple[Group, ...] = tuple(Group)
ASSESSMENT_GROUPS: frozenset[Group] = frozenset(
    {Group.RF, Group.ELIG, Group.POS, Group.DOSE, Group.MON}
)


@dataclass(frozen=True)
class Rule:
    """One clinical rule: its id, where it sits in the evaluation order, and what it tells a user.

    ``advice`` is False for bookkeeping rules that shape a plan but have no message of their own
    in the digest (they still appear in ``rules_fired``).
    """

    id: str
    group: Group
    severity: Severity
    message: str
    advice: bool = True

    @property
    def is_caution(self) -> bool:
        """Anything stronger than INFO is shown as a caution rather than a note."""
        return self.severity is not Severity.INFO


_B, _R, _W, _I = Severity.BLOCK, Severity.REFUSE_POSITION, Severity.WARN, Severity.INFO

_CATALOGUE: tuple[Rule, ...] = (
    # D1 red flags
    Rule(
        "RF-RUPTURE-SUSPECT",
        Group.RF,
        _B,
        "A pop, a kicked feeling or sudden loss of push-off are signs of a possible tear. "
        "Stop the exercises and get checked today at urgent care or an emergency department; "
        "walking normally does not exclude a rupture.",
    ),
    Rule(
        "RF-DVT",
        Group.RF,
        _B,
        "Calf swelling with warmth or redness may signal a clot in a vein, so speak to a "
        "doctor today without delay and leave the calf unmassaged. Call emergency services at "
        "once if you get breathless, chest pain, cough up blood or feel faint.",
    ),
    Rule("RF-PE", Group.RF, _B, "Phone emergency services immediately."),
    Rule(
        "RF-INFECTION",
        Group.RF,
        _B,
        "Feeling feverish while a joint or the heel is hot and puffy, or an operation wound "
        "that looks red, weeps or gapes, needs urgent medical care.",
    ),
    Rule(
        "RF-NIGHT-REST-PAIN",
        Group.RF,
        _B,
        "Load-related tendon pain rarely wakes you or stays constant at rest. Have a clinician "
        "look at it before you carry on; you can reassess afterwards.",
    ),
    Rule(
        "RF-INFLAMMATORY",
        Group.RF,
        _W,
        "Pain in both tendons, or stiffness lasting over half an hour in the morning, may point "
        "to an inflammatory disease, which is treated with medicine. Ask your GP or a "
        "rheumatologist to check. You start at the gentlest level and will not be moved up "
        "until this is cleared.",
    ),
    Rule(
        "RF-FLUOROQUINOLONE",
        Group.RF,
        _W,
        "Fluoroquinolone antibiotics (the '-floxacin' group) can damage tendons and cause "
        "ruptures. Talk to the prescriber before you put load through the tendon.",
    ),
    Rule(
        "RF-UNCLEARED-RUPTURE",
        Group.RF,
        _B,
        "After a rupture, the rehab protocol from your surgical or physio team comes first. "
        "Return once they have said you can start strengthening the calf.",
    ),
    Rule(
        "RF-CALF-STRAIN",
        Group.RF,
        _B,
        "This app covers Achilles problems only. A calf strain follows a different rehab "
        "plan, so please see a clinician for it.",
    ),
    # D2 eligibility / where to start
    Rule(
        "ELIG-ISO-TOO-PAINFUL",
        Group.ELIG,
        _W,
        "Right now even the gentlest hold hurts too much, so holds are not the place to start. "
        "A physio can help you find a starting point that suits you.",
    ),
    Rule("ELIG-ISO-INDICATED", Group.ELIG, _I, "Isometric holds suit you as a place to start."),
    Rule(
        "ELIG-ISO-TOO-EASY",
        Group.ELIG,
        _I,
        "You have outgrown static holds; exercises with movement, such as heel raises, are "
        "likely to do you more good.",
    ),
    # E6.4 isotonic entry
    Rule(
        "ELIG-ISOT-START",
        Group.ELIG,
        _I,
        "You are ready for heel raises that move through range. The first step is gentle and "
        "the plan builds week by week.",
    ),
    Rule(
        "ELIG-ISOT-RUPTURE-EARLY",
        Group.ELIG,
        _I,
        "After a rupture, heel raises through range start a little later. Keep to the holds "
        "for now and check with your surgeon or physio.",
    ),
    Rule(
        "START-GOAL-PAIN-RELIEF",
        Group.ELIG,
        _I,
        "Holds seldom ease Achilles pain on the spot: a few people get relief, others notice "
        "nothing or even feel worse. What they offer is gradual change over weeks and months.",
    ),
    Rule(
        "START-COMPETITION-PHASE",
        Group.ELIG,
        _I,
        "While you are competing, adjusting your training usually does more than adding "
        "exercises: recover longer after hard sessions, vary the surfaces, and swap some "
        "sessions for low-impact cross-training. The holds here are an optional extra to ease "
        "pain; use them if they help.",
    ),
    Rule(
        "START-FOREFOOT",
        Group.ELIG,
        _I,
        "With a sore forefoot, the level-heel hold is the one to use because it keeps weight "
        "off the front of the foot.",
    ),
    Rule(
        "ELIG-UNSURE-GET-ASSESSED",
        Group.ELIG,
        _W,
        "Without a diagnosis the plan stays gentle: two legs, body weight. Please have the "
        "tendon examined by a physio or doctor, because a partial tear or a different problem "
        "can feel much the same.",
    ),
    Rule(
        "START-INDIVIDUALISE",
        Group.ELIG,
        _I,
        "No two tendons respond alike. Adjust to how yours reacts, and where your physio's "
        "plan differs, follow theirs.",
    ),
    # D3 positions
    Rule(
        "POS-DEFAULT",
        Group.POS,
        _I,
        "The position was chosen from your answers because none was asked for, or the one "
        "asked for is not suitable.",
        advice=False,
    ),
    Rule(
        "POS-NEUTRAL-FOREFOOT",
        Group.POS,
        _R,
        "A raised-heel hold puts weight through the front of the foot. While you cannot rise "
        "onto your toes it is swapped for the level-heel hold; otherwise go carefully and stop "
        "if the forefoot complains.",
    ),
    Rule(
        "POS-NEUTRAL-INSERTIONAL-BURSITIS",
        Group.POS,
        _W,
        "A level-heel hold now and then irritates pain at the heel end of the tendon. Treat it "
        "as a trial and let us know tomorrow morning how it feels.",
    ),
    Rule(
        "POS-HEELRAISED-PARTIAL",
        Group.POS,
        _I,
        "Rise only partway, not to the highest point you can reach.",
    ),
    Rule(
        "POS-HEELRAISED-NO-FULL-TIPTOE",
        Group.POS,
        _R,
        "Holding right up on tiptoe often causes a pinching pain behind the heel and is "
        "seldom needed, so a partway lift is used instead.",
    ),
    Rule(
        "POS-HEELRAISED-PAIN-RELIEF-HEIGHT",
        Group.POS,
        _I,
        "There is no proven best height; use whichever one feels most comfortable.",
    ),
    Rule(
        "POS-HEELRAISED-STRENGTH-HEIGHT",
        Group.POS,
        _I,
        "Strength work can target particular heights that a physio picks for you; until then, "
        "hold at a comfortable middle height.",
    ),
    Rule(
        "POS-HEELDROP-TENDINOPATHY",
        Group.POS,
        _R,
        "Heel-drop holds tend to irritate tendinopathy, so use them only when a physio has "
        "recommended them.",
    ),
    Rule(
        "POS-HEELDROP-INSERTIONAL-BURSITIS",
        Group.POS,
        _R,
        "Lowering the heel squeezes the painful spot and will probably make pain at the heel "
        "end worse.",
    ),
    Rule(
        "POS-HEELDROP-POSTOP-EARLY",
        Group.POS,
        _R,
        "Heel-drop holds belong to later rupture rehab, from 12 weeks after the repair; "
        "it is too early for them.",
    ),
    Rule(
        "POS-HEELDROP-POSTOP-LATE",
        Group.POS,
        _W,
        "Heel-drop holds can now help you win back range of movement, provided your physio "
        "agrees; check with them first.",
    ),
    Rule(
        "POS-HEELDROP-CONSERVATIVE",
        Group.POS,
        _R,
        "When a rupture is treated without surgery, check with your clinician before doing "
        "any heel-drop work.",
    ),
    Rule(
        "POS-HEELDROP-UNSURE",
        Group.POS,
        _R,
        "Heel-drop holds should wait until the problem has been diagnosed.",
    ),
    Rule(
        "POS-HEELDROP-FORM",
        Group.POS,
        _I,
        "Let the heel sink only a little, about 10 degrees, then keep it there by working the "
        "calf. Do not simply hang off the step.",
    ),
    Rule(
        "POS-STIFFNESS-NOT-STRETCHABLE",
        Group.POS,
        _I,
        "The stiffness of these conditions comes from swelling inside the tissue. Stretching "
        "will not shift it; it needs other treatment.",
    ),
    # E6.4 isotonic positions
    Rule(
        "POS-ISOT-FLOOR-ONLY",
        Group.POS,
        _R,
        "Do these raises on flat floor: letting the heel sink below level can irritate this "
        "problem.",
    ),
    Rule(
        "POS-ISOT-STEP-FORM",
        Group.POS,
        _I,
        "Front of the foot on the step edge. Lower slowly, only as far as feels fine, and rise "
        "again at once: no bounce and no pause at the bottom.",
    ),
    Rule(
        "POS-ISOT-HEIGHT",
        Group.POS,
        _I,
        "Rise as high as feels comfortable; there is no need to force a full tiptoe.",
    ),
    # D4 dosing
    Rule(
        "DOSE-START-IRRITABLE",
        Group.DOSE,
        _I,
        "You start gently: both legs, body weight only, a few short holds with rest between.",
    ),
    Rule(
        "DOSE-START-ROBUST",
        Group.DOSE,
        _I,
        "You start on one leg with body weight, with longer holds and a full minute of rest.",
    ),
    Rule(
        "DOSE-REST-SCALES",
        Group.DOSE,
        _I,
        "Rest between holds grows with hold time and load, and never gets shorter.",
        advice=False,
    ),
    Rule(
        "DOSE-NO-RESEARCH-DEFAULT",
        Group.DOSE,
        _I,
        "The heavy 5 x 45 s research protocol is never used as a starting plan.",
        advice=False,
    ),
    Rule(
        "DOSE-FREQUENCY",
        Group.DOSE,
        _I,
        "One session a day is the usual rhythm.",
        advice=False,
    ),
    Rule(
        "DOSE-PHYSIO-OVERRIDE",
        Group.DOSE,
        _I,
        "Your physio's plan replaces the app's dose; safety checks and daily monitoring "
        "still apply.",
    ),
    # E6.4 isotonic load
    Rule(
        "DOSE-ISOT-LOAD",
        Group.DOSE,
        _I,
        "Put 2.5 kg more in your backpack this week.",
    ),
    Rule(
        "DOSE-ISOT-LOAD-CAP",
        Group.DOSE,
        _I,
        "This is as much load as the app adds. A physio or a gym programme can take it further.",
    ),
    # D5 monitoring
    Rule(
        "MON-24H",
        Group.MON,
        _I,
        "Tomorrow morning you'll be asked how the tendon feels compared with before today's "
        "session: pain, stiffness, and whether it has settled.",
    ),
    Rule(
        "MON-PAIN-DURING",
        Group.MON,
        _W,
        "That is more pain than is acceptable, so the session stops here for today.",
    ),
    Rule(
        "MON-NOT-SETTLED",
        Group.MON,
        _W,
        "The last workout was probably a little too much. Stay at this level or an easier "
        "one today.",
    ),
    Rule(
        "MON-STIFFNESS-TREND",
        Group.MON,
        _W,
        "Morning stiffness is clearly longer than last week.",
        advice=False,
    ),
    Rule(
        "MON-INSERTIONAL-NEUTRAL-TRIAL",
        Group.MON,
        _W,
        "The level-heel trial did not settle overnight. Options, in order: a partway "
        "heel-raised hold (this level or easier), an easier level, or moving on to heel raises.",
    ),
    # E6.4 isotonic monitoring
    Rule(
        "MON-ISOT-SET-PAIN",
        Group.MON,
        _W,
        "Pain went above the acceptable level during a set. Leave the remaining sets for today.",
    ),
    Rule(
        "MON-ISOT-STEP-TRIAL",
        Group.MON,
        _W,
        "Raises on the step may be too much for now. Going back to the floor is the safer choice.",
    ),
    Rule(
        "MON-ISOT-HR-TEST",
        Group.MON,
        _I,
        "Time to check your calf endurance with the heel-raise test (about 5 minutes, on a day "
        "without loaded raises).",
    ),
    # D6 progression
    Rule("PROG-ADVANCE", Group.PROG, _I, "A good week: move up one step."),
    Rule("PROG-HOLD", Group.PROG, _I, "Stay at the same step for another week."),
    Rule(
        "PROG-REGRESS",
        Group.PROG,
        _W,
        "The tendon complained this week, so step back down the ladder.",
    ),
    Rule(
        "PROG-SWITCH-ISOTONIC",
        Group.PROG,
        _I,
        "You've outgrown the holds: time to move on to heel raises.",
    ),
    Rule(
        "PROG-FOREFOOT-STAY-ISO",
        Group.PROG,
        _I,
        "As heel raises are not possible yet, keep progressing within the holds instead.",
    ),
    Rule(
        "PROG-SEE-CLINICIAN",
        Group.PROG,
        _W,
        "Progress has stalled or the tendon keeps reacting; pause here and get an assessment.",
    ),
    Rule(
        "PROG-RUPTURE-SINGLE-LEG-GATE",
        Group.PROG,
        _I,
        "Single-leg holds need the go-ahead from your surgeon or physio first.",
    ),
    Rule(
        "PROG-COMPETITION-FREEZE",
        Group.PROG,
        _I,
        "In a competition phase the level is not raised.",
    ),
    Rule(
        "PROG-FLARE-UP-REST",
        Group.PROG,
        _W,
        "A flare-up day is a rest day: no session today. Your next sessions run two steps "
        "easier until the weekly review sets a new plan.",
    ),
    Rule(
        "PROG-REASSESS-LOWER",
        Group.PROG,
        _W,
        "This new assessment starts lower than the plan you are on. Your current plan is kept "
        "unless you choose to replace it.",
    ),
    Rule(
        "PROG-NO-SHORTER-REST",
        Group.PROG,
        _I,
        "Cutting rest is never used to make the holds harder.",
        advice=False,
    ),
    Rule(
        "PROG-NO-IMMEDIATE-RELIEF-METRIC",
        Group.PROG,
        _I,
        "Progress is judged on weekly trends, not on how you feel straight after a session.",
    ),
    # E6.4 isotonic progression
    Rule("PROG-ISOT-ADVANCE", Group.PROG, _I, "A good week of heel raises: up one step."),
    Rule("PROG-ISOT-HOLD", Group.PROG, _I, "Keep the same heel-raise step this week."),
    Rule(
        "PROG-ISOT-REGRESS",
        Group.PROG,
        _W,
        "The tendon needs an easier week, so the heel raises step back.",
    ),
    Rule(
        "PROG-ISOT-BACK-TO-ISO",
        Group.PROG,
        _W,
        "The tendon is irritated, so the plan goes back to holds for a while.",
    ),
    Rule(
        "PROG-ISOT-REENTRY",
        Group.PROG,
        _I,
        "Settled again: heel raises restart from the first step.",
    ),
    Rule(
        "PROG-ISOT-CAP",
        Group.PROG,
        _I,
        "This is the highest heel-raise step open to you for now.",
    ),
    Rule(
        "PROG-ISOT-MILESTONE",
        Group.PROG,
        _I,
        "Your sore side is nearly level with the other side and settles well. A physio can now "
        "test hopping and plan a graded return to running or jumping. Keep up the strength "
        "sessions meanwhile.",
    ),
    Rule(
        "PROG-ISOT-RUPTURE-REFER",
        Group.PROG,
        _I,
        "Before you run or hop, ask your team to compare how high and how many single-leg heel "
        "raises each side can do.",
    ),
)

RULES: dict[str, Rule] = {rule.id: rule for rule in _CATALOGUE}
RULE_ORDER: dict[str, int] = {rule.id: index for index, rule in enumerate(_CATALOGUE)}


def rule(rule_id: str) -> Rule:
    """Look a rule up, failing loudly so a typo in an id cannot ship as silent advice."""
    try:
        return RULES[rule_id]
    except KeyError:
        raise KeyError(f"unknown rule id {rule_id!r}") from None


def rules_in(*groups: Group) -> tuple[str, ...]:
    """Ids of the given groups in catalogue order, e.g. for coverage tests and help screens."""
    return tuple(r.id for r in _CATALOGUE if r.group in groups)


# §E3 ladder -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LadderStep:
    """One rung of the isometric ladder: the whole dose a level stands for."""

    level: str
    legs: int
    added_load: bool
    reps: int
    hold_seconds: int
    rest_seconds: int


LADDER: dict[str, LadderStep] = {
    step.level: step
    for step in (
        LadderStep("L1", 2, False, 3, 10, 15),
        LadderStep("L2", 2, False, 5, 10, 15),
        LadderStep("L3", 2, False, 5, 20, 30),
        LadderStep("L4", 2, False, 5, 30, 45),
        LadderStep("L5", 2, False, 5, 45, 60),
        LadderStep("L6", 1, False, 5, 30, 60),
        LadderStep("L7", 1, False, 5, 45, 90),
        LadderStep("L8", 1, True, 5, 30, 90),
    )
}

START_IRRITABLE = "L1"
START_ROBUST = "L6"
TOP_TWO_LEG_LEVEL = "L5"


def step_up(level: str) -> str:
    """The next rung, capped at the top: L8 is left by switching exercise, not by climbing."""
    index = _level_index(level)
    return LEVELS[min(index + 1, len(LEVELS) - 1)]


def step_down(level: str, steps: int = 1) -> str:
    """Regression never goes below L1 (§E3)."""
    if steps < 0:
        raise DomainError(f"cannot step down a negative number of steps ({steps})")
    return LEVELS[max(_level_index(level) - steps, 0)]


def _level_index(level: str) -> int:
    """Position on the ladder, refusing names that are not a level."""
    if level not in LEVELS:
        raise DomainError(f"unknown level {level!r}; expected one of {', '.join(LEVELS)}")
    return LEVELS.index(level)


# §C1 rest table -------------------------------------------------------------------------------

# hold seconds -> (two legs body weight, one leg body weight, any added load)
_REST_TABLE: tuple[tuple[int, tuple[int, int, int]], ...] = (
    (10, (15, 20, 45)),
    (20, (30, 40, 60)),
    (30, (45, 60, 90)),
    (45, (60, 90, 120)),
)


def rest_for(hold_seconds: int, legs: int, added_load: bool) -> int:
    """Rest between holds from the §C1 table, so longer or heavier holds never get less rest.

    Holds between table rows take the next longer row (more rest, never less); holds longer
    than 45 s take the 45 s row.
    """
    if isinstance(hold_seconds, bool) or not isinstance(hold_seconds, int) or hold_seconds < 1:
        raise DomainError(f"hold must be a positive whole number of seconds, got {hold_seconds!r}")
    if legs not in (1, 2) or isinstance(legs, bool):
        raise DomainError(f"legs must be 1 or 2, got {legs!r}")
    column = 2 if added_load else (0 if legs == 2 else 1)
    for row_hold, rests in _REST_TABLE:
        if hold_seconds <= row_hold:
            return rests[column]
    return _REST_TABLE[-1][1][column]
