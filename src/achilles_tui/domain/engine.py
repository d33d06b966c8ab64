"""The assessment engine: turns an Assessment into a first plan by the rules of clinical.md §D.

Pure and deterministic so that every recommendation can be tested and explained: each piece
of advice names the rule id it comes from, and ``rules_fired`` lists them in evaluation order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from achilles_tui.domain import isotonic
from achilles_tui.domain.assessment import (
    Assessment,
    Condition,
    Feel,
    Goal,
    RedFlag,
    RequestedPosition,
    Strength,
)
from achilles_tui.domain.models import (
    ISOMETRIC,
    MAX_RAISE_LOAD_KG,
    AnyExercise,
    Exercise,
    HeelRaise,
    Position,
    Surface,
    stage_of,
)
from achilles_tui.domain.rules import (
    LADDER,
    START_IRRITABLE,
    START_ROBUST,
    Severity,
    rest_for,
    rule,
)


class Verdict(StrEnum):
    """What the assessment recommends overall (clinical.md §D conventions)."""

    ISOMETRIC = "isometric"
    ISOTONIC = "isotonic"
    SEE_CLINICIAN = "see_clinician"


class Mode(StrEnum):
    """Competition mode limits holds to optional, unloaded pain relief (START-COMPETITION-PHASE)."""

    STANDARD = "standard"
    COMPETITION = "competition"


@dataclass(frozen=True)
class Advice:
    """A message for the user, tagged with the rule it comes from."""

    rule: str
    message: str

    def to_json(self) -> dict[str, str]:
        """JSON form used by the CLI and exports."""
        return {"rule": self.rule, "message": self.message}


@dataclass(frozen=True)
class Recommendation:
    """The outcome of an assessment: verdict, the plan (if any) and the reasons for it."""

    verdict: Verdict
    mode: Mode = Mode.STANDARD
    level: str | None = None
    exercises: tuple[AnyExercise, ...] = ()
    cautions: tuple[Advice, ...] = ()
    notes: tuple[Advice, ...] = ()
    rules_fired: tuple[str, ...] = ()
    trial: bool = False

    @property
    def stage(self) -> str:
        """``isotonic`` when the plan is heel raises, else ``isometric`` (§E6.5)."""
        return stage_of(self.level) or ISOMETRIC

    def to_json(self) -> dict[str, Any]:
        """The stable JSON shape of ``assess --json``; only primitives, lists and dicts."""
        return {
            "verdict": str(self.verdict),
            "mode": str(self.mode),
            "level": self.level,
            "stage": self.stage,
            "trial": self.trial,
            "exercises": [_exercise_json(exercise) for exercise in self.exercises],
            "rules_fired": list(self.rules_fired),
            "cautions": [advice.to_json() for advice in self.cautions],
            "notes": [advice.to_json() for advice in self.notes],
        }


def _exercise_json(exercise: AnyExercise) -> dict[str, Any]:
    """One exercise in the assess JSON shape (§E6.5: every exercise carries ``type``)."""
    return exercise.to_json()


# Red-flag answers in the order their rules are evaluated (§D1 table order).
_FLAG_RULES: tuple[tuple[RedFlag, str], ...] = (
    (RedFlag.POP, "RF-RUPTURE-SUSPECT"),
    (RedFlag.CALF_SWELLING, "RF-DVT"),
    (RedFlag.BREATHLESS, "RF-PE"),
    (RedFlag.INFECTION, "RF-INFECTION"),
    (RedFlag.NIGHT_PAIN, "RF-NIGHT-REST-PAIN"),
    (RedFlag.INFLAMMATORY, "RF-INFLAMMATORY"),
)

HEEL_END = frozenset({Condition.INSERTIONAL, Condition.BURSITIS})
TENDINOPATHY_OR_BURSITIS = frozenset(
    {Condition.MIDPORTION, Condition.INSERTIONAL, Condition.BURSITIS}
)
RUPTURES = frozenset({Condition.RUPTURE_SURGERY, Condition.RUPTURE_CONSERVATIVE})
HEEL_DROP_MIN_WEEKS_POSTOP = 12
TEST_HOLD_PAIN_LIMIT = 5
# Sessions per week at every ladder step (DOSE-FREQUENCY: one a day).
SESSIONS_PER_WEEK = 7


@dataclass
class _Trace:
    """Collects fired rules and advice while the engine runs; frozen into a Recommendation."""

    fired: list[str] = field(default_factory=list)
    cautions: list[Advice] = field(default_factory=list)
    notes: list[Advice] = field(default_factory=list)
    is_blocked: bool = False

    def fire(
        self, rule_id: str, severity: Severity | None = None, message: str | None = None
    ) -> None:
        """Record a rule once; its advice goes to cautions or notes by (raised) severity.

        An empty ``message`` records the rule without advice of its own (its text is shown by
        another rule, e.g. POS-NEUTRAL-FOREFOOT beside START-FOREFOOT).
        """
        if rule_id in self.fired:
            return
        entry = rule(rule_id)
        self.fired.append(rule_id)
        if not entry.advice or message == "":
            return
        advice = Advice(rule_id, message if message is not None else entry.message)
        if (severity or entry.severity) is Severity.INFO:
            self.notes.append(advice)
        else:
            self.cautions.append(advice)

    def block(self, rule_id: str, message: str | None = None) -> None:
        """Fire a rule at BLOCK severity; the plan will be empty."""
        self.fire(rule_id, Severity.BLOCK, message)
        self.is_blocked = True

    def freeze(
        self,
        verdict: Verdict,
        mode: Mode,
        level: str | None = None,
        exercises: tuple[AnyExercise, ...] = (),
        trial: bool = False,
    ) -> Recommendation:
        """Build the result; rules and advice stay in the order they fired."""
        return Recommendation(
            verdict=verdict,
            mode=mode,
            level=level,
            exercises=exercises,
            cautions=tuple(self.cautions),
            notes=tuple(self.notes),
            rules_fired=tuple(self.fired),
            trial=trial,
        )


def fluoroquinolone_message(assessment: Assessment) -> str:
    """RF-FLUOROQUINOLONE text with the age and steroid risk sentences §D1 asks for."""
    text = rule("RF-FLUOROQUINOLONE").message
    if assessment.age is not None and assessment.age >= 60:
        text += " The risk is greater from the age of 60."
    if assessment.corticosteroids:
        text += " Steroid medicines add to that risk."
    return text


def blocking_sign_rules(assessment: Assessment) -> tuple[str, ...]:
    """The warning signs reported in these answers that stop the plan (BLOCK severity, §F1).

    Only signs the user reported count here; RF-UNCLEARED-RUPTURE and RF-CALF-STRAIN also
    block a plan, but they follow from the diagnosis rather than from a reported sign.
    """
    flags = set(assessment.red_flags)
    found: list[str] = []
    for flag, rule_id in _FLAG_RULES:
        reported = flag in flags or (flag is RedFlag.POP and assessment.sudden_loss_of_push_off)
        if reported and rule(rule_id).severity is Severity.BLOCK:
            found.append(rule_id)
    if RedFlag.FLUOROQUINOLONE_NEW_PAIN in flags:
        found.append("RF-FLUOROQUINOLONE")
    return tuple(found)


def warn_red_flags(assessment: Assessment) -> tuple[str, ...]:
    """WARN-severity red flags that are active; they force L1 and freeze progression."""
    flags = set(assessment.red_flags)
    active: list[str] = []
    if RedFlag.INFLAMMATORY in flags:
        active.append("RF-INFLAMMATORY")
    if RedFlag.FLUOROQUINOLONE in flags and RedFlag.FLUOROQUINOLONE_NEW_PAIN not in flags:
        active.append("RF-FLUOROQUINOLONE")
    return tuple(active)


def is_irritable(assessment: Assessment) -> bool:
    """The §C1 classification: any doubt puts the user in the gentle starting column."""
    return (
        assessment.flares_easily
        or assessment.strength is not Strength.STRONG
        or assessment.nervous
        or assessment.condition in RUPTURES
        or assessment.condition is Condition.UNSURE
        or bool(warn_red_flags(assessment))
    )


def start_level(assessment: Assessment) -> str:
    """DOSE-START-IRRITABLE (L1) or DOSE-START-ROBUST (L6)."""
    return START_IRRITABLE if is_irritable(assessment) else START_ROBUST


def default_position(assessment: Assessment, mode: Mode) -> Position:
    """POS-DEFAULT: the first matching row of §B4; never heel drop, never full tiptoe."""
    if assessment.forefoot_problem:
        return Position.NEUTRAL
    if assessment.goal is Goal.PAIN_RELIEF or mode is Mode.COMPETITION:
        return Position.HEEL_RAISED
    if assessment.condition is Condition.MIDPORTION:
        return Position.NEUTRAL
    return Position.HEEL_RAISED


def heel_drop_refusal(assessment: Assessment) -> str | None:
    """The §D3 rule that refuses a heel-drop hold for this assessment, or None if allowed."""
    condition = assessment.condition
    approved = assessment.physio_approved_heel_drop
    if condition is Condition.MIDPORTION and not approved:
        return "POS-HEELDROP-TENDINOPATHY"
    if condition in HEEL_END and not approved:
        return "POS-HEELDROP-INSERTIONAL-BURSITIS"
    if condition is Condition.RUPTURE_SURGERY and assessment.weeks < HEEL_DROP_MIN_WEEKS_POSTOP:
        return "POS-HEELDROP-POSTOP-EARLY"
    if condition is Condition.RUPTURE_CONSERVATIVE and (
        not approved or assessment.weeks < HEEL_DROP_MIN_WEEKS_POSTOP
    ):
        return "POS-HEELDROP-CONSERVATIVE"
    if condition is Condition.UNSURE:
        return "POS-HEELDROP-UNSURE"
    return None


HEEL_END_REFUSED = " It is not used."
HEEL_END_APPROVED = " Your physio approved it: stop if the next morning is worse."


def heel_drop_message(rule_id: str, allowed: bool) -> str:
    """The §D3 text for a heel-drop rule; the heel-end rule says whether the hold is used."""
    text = rule(rule_id).message
    if rule_id == "POS-HEELDROP-INSERTIONAL-BURSITIS":
        text += HEEL_END_APPROVED if allowed else HEEL_END_REFUSED
    return text


def recommend(assessment: Assessment) -> Recommendation:
    """Evaluate RF -> ELIG -> POS -> DOSE -> MON for one assessment (clinical.md §D)."""
    trace = _Trace()
    mode = Mode.COMPETITION if assessment.competition_phase else Mode.STANDARD

    _red_flags(assessment, trace)
    if trace.is_blocked:
        return trace.freeze(Verdict.SEE_CLINICIAN, mode)

    verdict = _eligibility(assessment, trace)
    if verdict is Verdict.ISOTONIC:
        kept_by = isotonic_start_blocker(assessment)
        trace.fire("ELIG-ISO-TOO-EASY", message=None if kept_by is None else kept_by[1])
        _start_notes(assessment, trace, isotonic_verdict=kept_by is None)
        if kept_by is None:
            return _isotonic_start(assessment, mode, trace)
        if kept_by[0] == "ELIG-ISOT-RUPTURE-EARLY":
            trace.fire("ELIG-ISOT-RUPTURE-EARLY")
        verdict = Verdict.ISOMETRIC
    else:
        _start_notes(assessment, trace)
    if verdict is not Verdict.ISOMETRIC:
        return trace.freeze(verdict, mode)

    position, trial = _position(assessment, mode, trace)
    level = start_level(assessment)
    _dose_rules(level, trace)
    trace.fire("MON-24H")
    step = LADDER[level]
    exercise = Exercise(
        position=position,
        legs=step.legs,
        added_load=step.added_load and mode is not Mode.COMPETITION,
        reps=step.reps,
        hold_seconds=step.hold_seconds,
        rest_seconds=step.rest_seconds,
        sessions_per_week=SESSIONS_PER_WEEK,
        rules=_exercise_rules(trace),
    )
    return trace.freeze(verdict, mode, level, (exercise,), trial)


def isotonic_start_blocker(assessment: Assessment) -> tuple[str, str] | None:
    """Why heel raises may not start although the holds feel too easy, or None (§E6.2).

    §F5 decision 9: the "heel raises would do you more good" text appears only when the switch
    is allowed; otherwise the rule that keeps the holds is named instead.
    """
    warns = warn_red_flags(assessment)
    head = "These holds feel too easy, but heel raises cannot start yet: "
    if warns:
        return warns[0], head + "a warning sign needs a doctor's check first. Keep the holds."
    if assessment.competition_phase:
        return (
            "PROG-COMPETITION-FREEZE",
            head + "in a competition phase the plan is never made harder. Keep the holds.",
        )
    if isotonic.Profile.from_assessment(assessment).too_early:
        return (
            "ELIG-ISOT-RUPTURE-EARLY",
            head + f"after a rupture they start from week {isotonic.RUPTURE_START_WEEKS}. "
            "Keep the holds.",
        )
    return None


def _isotonic_start(assessment: Assessment, mode: Mode, trace: _Trace) -> Recommendation:
    """ELIG-ISO-TOO-EASY -> ELIG-ISOT-START at the §E6.2 start step, within §E6.3."""
    profile = isotonic.Profile.from_assessment(assessment)
    trace.fire("ELIG-ISOT-START")
    level = isotonic.start_step(isotonic.Entry.ASSESSMENT, is_irritable(assessment), profile)
    surface = isotonic.surface_for(level, profile)
    for rule_id in isotonic.position_rules(surface, profile):
        trace.fire(rule_id)
    trace.fire("MON-24H")
    shaping = ("ELIG-ISOT-START", *isotonic.position_rules(surface, profile), "MON-24H")
    exercise = isotonic.exercise_for(level, profile, rules=shaping)
    return trace.freeze(Verdict.ISOTONIC, mode, level, (exercise,))


def _red_flags(assessment: Assessment, trace: _Trace) -> None:
    """D1: every reported red flag is shown; any BLOCK among them stops the plan afterwards."""
    flags = set(assessment.red_flags)
    for flag, rule_id in _FLAG_RULES:
        sudden = flag is RedFlag.POP and assessment.sudden_loss_of_push_off
        if flag in flags or sudden:
            if rule(rule_id).severity is Severity.BLOCK:
                trace.block(rule_id)
            else:
                trace.fire(rule_id)
    if RedFlag.FLUOROQUINOLONE_NEW_PAIN in flags:
        trace.block("RF-FLUOROQUINOLONE", fluoroquinolone_message(assessment))
    elif RedFlag.FLUOROQUINOLONE in flags:
        trace.fire("RF-FLUOROQUINOLONE", message=fluoroquinolone_message(assessment))
    if assessment.condition in RUPTURES and not assessment.rupture_loading_cleared:
        trace.block("RF-UNCLEARED-RUPTURE")
    if assessment.condition is Condition.CALF_STRAIN:
        trace.block("RF-CALF-STRAIN")


def _eligibility(assessment: Assessment, trace: _Trace) -> Verdict:
    """D2 in the order TOO-PAINFUL -> INDICATED -> TOO-EASY; a missing test pain is acceptable."""
    feel = assessment.isometrics_feel
    pain = assessment.test_hold_pain
    if feel is Feel.TOO_PAINFUL or (pain is not None and pain > TEST_HOLD_PAIN_LIMIT):
        trace.fire("ELIG-ISO-TOO-PAINFUL")
        return Verdict.SEE_CLINICIAN
    if (
        feel is Feel.CHALLENGING
        or (feel is Feel.TOO_EASY and not assessment.can_do_heel_raises)
        or assessment.forefoot_block
    ):
        trace.fire("ELIG-ISO-INDICATED")
        return Verdict.ISOMETRIC
    return Verdict.ISOTONIC


FOREFOOT_RAISES = (
    "Your forefoot is sore: heel raises are fine, but stop and note it in the diary if "
    "forefoot pain rises."
)


def _start_notes(assessment: Assessment, trace: _Trace, *, isotonic_verdict: bool = False) -> None:
    """The START-* rows of D2: notes that frame whatever the verdict is.

    With heel raises the forefoot note is §E6.3's caution (stop if forefoot pain rises), not
    the level-heel hold of the holds.
    """
    if assessment.goal is Goal.PAIN_RELIEF:
        trace.fire("START-GOAL-PAIN-RELIEF")
    if assessment.competition_phase:
        trace.fire("START-COMPETITION-PHASE")
    if assessment.forefoot_problem:
        if isotonic_verdict:
            trace.fire("START-FOREFOOT", Severity.WARN, FOREFOOT_RAISES)
        else:
            trace.fire("START-FOREFOOT")
    if assessment.condition is Condition.UNSURE:
        trace.fire("ELIG-UNSURE-GET-ASSESSED")
    trace.fire("START-INDIVIDUALISE")


def _position(assessment: Assessment, mode: Mode, trace: _Trace) -> tuple[Position, bool]:
    """D3: honour a requested position unless a rule refuses it, else fall back to §B4."""
    requested = assessment.requested_position
    chosen: Position | None = None
    if assessment.forefoot_problem and requested not in (
        RequestedPosition.HEEL_RAISED,
        RequestedPosition.FULL_TIPTOE,
    ):
        # POS-NEUTRAL-FOREFOOT fires whenever the forefoot hurts; its advice is START-FOREFOOT's
        # unless it refuses or warns about a raised-heel request (below).
        trace.fire("POS-NEUTRAL-FOREFOOT", Severity.INFO, "")
    if requested is RequestedPosition.FULL_TIPTOE:
        trace.fire("POS-HEELRAISED-NO-FULL-TIPTOE")
        chosen = _heel_raised_or_neutral(assessment, trace)
    elif requested is RequestedPosition.HEEL_RAISED:
        chosen = _heel_raised_or_neutral(assessment, trace)
    elif requested is RequestedPosition.NEUTRAL:
        chosen = Position.NEUTRAL
    elif requested is RequestedPosition.HEEL_DROP:
        refusal = heel_drop_refusal(assessment)
        if refusal is None:
            chosen = Position.HEEL_DROP
            if assessment.condition is Condition.RUPTURE_SURGERY:
                trace.fire("POS-HEELDROP-POSTOP-LATE")
            if assessment.condition in HEEL_END:
                rule_id = "POS-HEELDROP-INSERTIONAL-BURSITIS"
                trace.fire(rule_id, Severity.WARN, heel_drop_message(rule_id, allowed=True))
        else:
            trace.fire(refusal, message=heel_drop_message(refusal, allowed=False))
    if chosen is None:
        trace.fire("POS-DEFAULT")
        chosen = default_position(assessment, mode)
        if (
            requested is None
            and assessment.condition is Condition.RUPTURE_SURGERY
            and assessment.weeks >= HEEL_DROP_MIN_WEEKS_POSTOP
            and assessment.goal is Goal.RANGE_OF_MOTION
        ):
            trace.fire("POS-HEELDROP-POSTOP-LATE", Severity.INFO)

    trial = False
    if chosen is Position.NEUTRAL and assessment.condition in HEEL_END:
        trace.fire("POS-NEUTRAL-INSERTIONAL-BURSITIS")
        trial = True
    elif chosen is Position.HEEL_RAISED:
        trace.fire("POS-HEELRAISED-PARTIAL")
        if assessment.goal is Goal.PAIN_RELIEF or mode is Mode.COMPETITION:
            trace.fire("POS-HEELRAISED-PAIN-RELIEF-HEIGHT")
        else:
            trace.fire("POS-HEELRAISED-STRENGTH-HEIGHT")
    elif chosen is Position.HEEL_DROP:
        trace.fire("POS-HEELDROP-FORM")
    if assessment.condition in TENDINOPATHY_OR_BURSITIS and assessment.goal is Goal.RANGE_OF_MOTION:
        trace.fire("POS-STIFFNESS-NOT-STRETCHABLE")
    return chosen, trial


def _heel_raised_or_neutral(assessment: Assessment, trace: _Trace) -> Position:
    """A (partial) heel-raised request, subject to POS-NEUTRAL-FOREFOOT."""
    if assessment.forefoot_block:
        trace.fire("POS-NEUTRAL-FOREFOOT")
        return Position.NEUTRAL
    if assessment.forefoot_problem:
        trace.fire("POS-NEUTRAL-FOREFOOT", Severity.WARN)
    return Position.HEEL_RAISED


def _dose_rules(level: str, trace: _Trace) -> None:
    """D4: the start level decides the dose (ladder + C1 rest table, one session a day)."""
    trace.fire("DOSE-START-IRRITABLE" if level == START_IRRITABLE else "DOSE-START-ROBUST")
    trace.fire("DOSE-REST-SCALES")
    trace.fire("DOSE-NO-RESEARCH-DEFAULT")
    trace.fire("DOSE-FREQUENCY")


def _exercise_rules(trace: _Trace) -> tuple[str, ...]:
    """The fired rules that shaped the exercise: WARN flags, eligibility, position, dose, 24 h."""
    shaping = {"RF-INFLAMMATORY", "RF-FLUOROQUINOLONE", "ELIG-ISO-INDICATED"}
    shaping |= {"START-COMPETITION-PHASE", "START-FOREFOOT", "MON-24H"}
    return tuple(
        rule_id
        for rule_id in trace.fired
        if rule_id in shaping or rule_id.startswith(("POS-", "DOSE-"))
    )


_GENERIC_HEEL_DROP = (
    "Heel-drop holds usually irritate tendinopathy and heel-end pain, and after a rupture "
    "repair they wait until 12 weeks. Keep this one only if your physio prescribed it."
)


def validate_own_exercise(exercise: Exercise, assessment: Assessment | None) -> list[Advice]:
    """The hard position limits of §D3 that an own (physio) plan's hold contradicts.

    A physio plan replaces the app's dose, but a heel drop for a heel-end problem or a raised
    heel on a forefoot that cannot take it still deserves a question before it is saved.
    """
    advice: list[Advice] = []
    if exercise.position is Position.HEEL_DROP:
        if assessment is None:
            advice.append(Advice("POS-HEELDROP-TENDINOPATHY", _GENERIC_HEEL_DROP))
        else:
            refusal = heel_drop_refusal(assessment)
            if refusal is not None:
                advice.append(Advice(refusal, heel_drop_message(refusal, allowed=False)))
    if (
        exercise.position is Position.HEEL_RAISED
        and assessment is not None
        and assessment.forefoot_block
    ):
        advice.append(Advice("POS-NEUTRAL-FOREFOOT", rule("POS-NEUTRAL-FOREFOOT").message))
    return advice


def validate_own_raise(
    exercise: HeelRaise, assessment: Assessment | None, *, floor_only: bool = False
) -> list[Advice]:
    """The §E6.2-E6.3 limits an own (physio) heel-raise plan contradicts.

    A physio plan lifts the ladder's caps (DOSE-PHYSIO-OVERRIDE), but a step for someone whose
    heel must stay at floor level (POS-ISOT-FLOOR-ONLY: the assessed condition, or the step
    trial's ``floor_only``) or raises on a forefoot that cannot take them
    (PROG-FOREFOOT-STAY-ISO) still deserve a question before the plan is saved.
    """
    advice: list[Advice] = []
    profile = isotonic.Profile.from_assessment(assessment, floor_only=floor_only)
    if exercise.surface is Surface.STEP and profile.floor_only_surface:
        advice.append(Advice("POS-ISOT-FLOOR-ONLY", rule("POS-ISOT-FLOOR-ONLY").message))
    if assessment is not None and assessment.forefoot_block:
        advice.append(Advice("PROG-FOREFOOT-STAY-ISO", rule("PROG-FOREFOOT-STAY-ISO").message))
    return advice


def own_plan_notes(exercises: Iterable[AnyExercise]) -> list[Advice]:
    """What an own plan is told but need not confirm: load past the app's cap.

    DOSE-ISOT-LOAD-CAP is the most the app's ladder adds (20 kg); a physio or gym plan may go
    further, so more load is saved with this warning rather than refused [DESIGN].
    """
    notes: list[Advice] = []
    for exercise in exercises:
        if isinstance(exercise, HeelRaise) and exercise.load_kg > MAX_RAISE_LOAD_KG:
            notes.append(
                Advice(
                    "DOSE-ISOT-LOAD-CAP",
                    f"{exercise.load_kg:g} kg is more than the {MAX_RAISE_LOAD_KG:g} kg the "
                    "app adds to heel raises. Keep to it only if your physio or gym programme "
                    "set it.",
                )
            )
            break
    return notes


def short_rest(exercise: Exercise) -> Advice | None:
    """DOSE-REST-SCALES for an edited dose: rest below the §C1 table for its hold and load."""
    needed = rest_for(exercise.hold_seconds, exercise.legs, exercise.added_load)
    if exercise.rest_seconds >= needed:
        return None
    legs = "two legs" if exercise.legs == 2 else "one leg"
    load = ", with added load" if exercise.added_load else ""
    return Advice(
        "DOSE-REST-SCALES",
        f"A {exercise.hold_seconds} s hold on {legs}{load} needs at least {needed} s of rest "
        f"between holds; {exercise.rest_seconds} s is shorter. Rest grows with hold time and "
        "load and is never cut to make the holds harder.",
    )


def no_rest(exercise: AnyExercise) -> Advice | None:
    """DOSE-REST-SCALES for an own plan (§F5 decision 10): a rest of 0 s needs a confirmation.

    A physio's dose may differ from the §C1 table, but no rest at all between holds (or sets
    of heel raises) is saved only once the user confirms it.
    """
    if exercise.rest_seconds > 0:
        return None
    between = "sets" if isinstance(exercise, HeelRaise) else "holds"
    return Advice(
        "DOSE-REST-SCALES",
        f"A rest of 0 s means no rest at all between {between}. Rest grows with hold time "
        "and load and is never cut to make the exercise harder; keep 0 s only if your physio "
        "prescribed it.",
    )


def review_own_plan(
    exercises: Iterable[AnyExercise],
    assessment: Assessment | None,
    blocks: Sequence[Advice] = (),
    *,
    edited: bool = False,
    floor_only: bool = False,
) -> list[Advice]:
    """DOSE-PHYSIO-OVERRIDE: an own plan replaces the dose, but its conflicts are still named.

    Returns the override note first, then each rule the plan contradicts (once): the blocks
    that stop any plan right now (a reported warning sign, or an assessment that ended on a
    BLOCK rule), the §D3 position limits (for heel raises the §E6.3 ones, with
    ``floor_only`` from the current plan), and, for a dose edited from the app's suggestion,
    a rest shorter than the §C1 table (DOSE-REST-SCALES).
    """
    advice = [Advice("DOSE-PHYSIO-OVERRIDE", rule("DOSE-PHYSIO-OVERRIDE").message)]
    seen: set[str] = set()

    def add(item: Advice) -> None:
        if item.rule not in seen:
            seen.add(item.rule)
            advice.append(item)

    for item in blocks:
        add(item)
    for exercise in exercises:
        if isinstance(exercise, HeelRaise):
            for item in validate_own_raise(exercise, assessment, floor_only=floor_only):
                add(item)
            continue
        for item in validate_own_exercise(exercise, assessment):
            add(item)
        rest = short_rest(exercise) if edited else None
        if rest is not None:
            add(rest)
    return advice
