"""The assessment questionnaire as data: wording, choices, ranges and when each question applies.

Kept free of widgets so the order, the wording and the mapping to ``Assessment`` fields can be
read (and reviewed by a clinician) in one place, and tested without a terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any, Literal

from achilles_tui.domain.assessment import (
    MAX_WEEKS,
    Assessment,
    Condition,
    Feel,
    Goal,
    RedFlag,
    RequestedPosition,
    Strength,
)
from achilles_tui.domain.red_flags import diary_block_rules

Kind = Literal["choice", "flags", "number"]
Answers = Mapping[str, Any]


@dataclass(frozen=True)
class Option:
    """One answer to pick; ``key`` is an extra shortcut letter (y/n), '' for none."""

    value: object
    label: str
    key: str = ""


@dataclass(frozen=True)
class FlagQuestion:
    """One warning sign of §F1 in our words, and the rule it triggers."""

    flag: RedFlag
    rule_id: str
    text: str


RED_FLAG_QUESTIONS: tuple[FlagQuestion, ...] = (
    FlagQuestion(
        RedFlag.POP,
        "RF-RUPTURE-SUSPECT",
        "A sudden pop or snap, as if kicked behind the ankle, or suddenly unable to push "
        "off or rise onto your toes",
    ),
    FlagQuestion(
        RedFlag.CALF_SWELLING,
        "RF-DVT",
        "A swollen calf (often one side) that is warm, red or tender",
    ),
    FlagQuestion(
        RedFlag.BREATHLESS,
        "RF-PE",
        "Short of breath, chest pain, coughing blood or feeling faint",
    ),
    FlagQuestion(
        RedFlag.INFECTION,
        "RF-INFECTION",
        "Fever with a hot, swollen heel or joint, or an operation wound that is red, "
        "oozing or opening",
    ),
    FlagQuestion(
        RedFlag.NIGHT_PAIN,
        "RF-NIGHT-REST-PAIN",
        "Pain all the time, even at rest, or pain that wakes you at night",
    ),
    FlagQuestion(
        RedFlag.INFLAMMATORY,
        "RF-INFLAMMATORY",
        "Both heels sore with (maybe) psoriasis, inflammatory arthritis, bowel disease or "
        "uveitis; or morning stiffness over 30 minutes",
    ),
    FlagQuestion(
        RedFlag.FLUOROQUINOLONE,
        "RF-FLUOROQUINOLONE",
        "A '-floxacin' antibiotic (e.g. ciprofloxacin) now or in the last 6 months",
    ),
    FlagQuestion(
        RedFlag.FLUOROQUINOLONE_NEW_PAIN,
        "RF-FLUOROQUINOLONE",
        "...and the tendon pain began after starting that antibiotic",
    ),
)

FLAG_QUESTION_BY_FLAG: dict[RedFlag, FlagQuestion] = {q.flag: q for q in RED_FLAG_QUESTIONS}


def normalise_flags(ticked: object) -> tuple[RedFlag, ...]:
    """Checklist order; new pain after the antibiotic implies the antibiotic itself."""
    chosen = {RedFlag(str(flag)) for flag in ticked} if isinstance(ticked, list | tuple) else set()
    if RedFlag.FLUOROQUINOLONE_NEW_PAIN in chosen:
        chosen.add(RedFlag.FLUOROQUINOLONE)
    return tuple(q.flag for q in RED_FLAG_QUESTIONS if q.flag in chosen)


def is_blocking(flags: tuple[RedFlag, ...] | list[RedFlag]) -> bool:
    """Any ticked sign that stops the plan until a clinician has looked at it (the domain
    decides: the answers' flags use the diary's spelling)."""
    return bool(diary_block_rules(str(flag) for flag in flags))


YES_NO: tuple[Option, ...] = (Option(True, "Yes", "y"), Option(False, "No", "n"))


def _always(_answers: Answers) -> bool:
    return True


def _rupture(answers: Answers) -> bool:
    """Clearance only matters after a rupture (§A)."""
    return answers.get("condition") in (Condition.RUPTURE_SURGERY, Condition.RUPTURE_CONSERVATIVE)


def _cleared_rupture(answers: Answers) -> bool:
    """Single-leg clearance is asked once calf loading is cleared after a rupture (§D2 note)."""
    return _rupture(answers) and answers.get("rupture_loading_cleared") is True


def _no_heel_raise(answers: Answers) -> bool:
    """Cannot rise onto the toes: ask whether it came on suddenly (§D2 note)."""
    return answers.get("can_do_heel_raises") is False


@dataclass(frozen=True)
class Question:
    """One page of the questionnaire, tied to one ``Assessment`` field."""

    field: str
    title: str
    kind: Kind
    help: str = ""
    options: tuple[Option, ...] = ()
    low: int = 0
    high: int = 0
    optional: bool = False
    blank_means: int | None = None
    applies: Callable[[Answers], bool] = dataclass_field(default=_always)

    @property
    def range_text(self) -> str:
        """The allowed range in words, used in the prompt and in every refusal."""
        text = f"a whole number from {self.low} to {self.high}"
        if self.optional or self.blank_means is not None:
            text += " (or leave it empty)"
        return text


QUESTIONS: tuple[Question, ...] = (
    Question(
        "red_flags",
        "Warning signs first: has any of these happened?",
        "flags",
    ),
    Question(
        "condition",
        "What is the problem with your Achilles?",
        "choice",
        options=(
            Option(
                Condition.MIDPORTION, "Pain in the tendon a few cm above the heel (mid-portion)"
            ),
            Option(
                Condition.INSERTIONAL, "Pain where the tendon joins the heel bone (insertional)"
            ),
            Option(Condition.BURSITIS, "Heel bursitis: sore, often puffy spot behind the heel"),
            Option(Condition.RUPTURE_SURGERY, "Torn (ruptured) tendon, repaired by surgery"),
            Option(Condition.RUPTURE_CONSERVATIVE, "Torn tendon, treated in a boot or cast"),
            Option(Condition.CALF_STRAIN, "A strained calf muscle"),
            Option(Condition.UNSURE, "I don't know yet"),
        ),
    ),
    Question(
        "side",
        "Which side is it?",
        "choice",
        options=(Option("left", "Left"), Option("right", "Right"), Option("both", "Both")),
    ),
    Question(
        "weeks",
        "How many weeks since it started (since the operation, if you had surgery)?",
        "number",
        help="Left empty it counts as 0, the most careful reading. After a rupture it decides "
        "when heel-drop holds may start.",
        low=0,
        high=MAX_WEEKS,
        blank_means=0,
    ),
    Question(
        "rupture_loading_cleared",
        "Has your surgeon or physio cleared you to start strengthening the calf?",
        "choice",
        options=YES_NO,
        applies=_rupture,
    ),
    Question(
        "single_leg_cleared",
        "Have they also cleared you for holds on one leg?",
        "choice",
        help="Without that go-ahead the holds stay on two legs.",
        options=YES_NO,
        applies=_cleared_rupture,
    ),
    Question(
        "forefoot_problem",
        "Does the front of your foot hurt as well (metatarsalgia, Morton's neuroma...)?",
        "choice",
        options=YES_NO,
    ),
    Question(
        "can_do_heel_raises",
        "Can you rise up onto your toes on the sore side (a heel raise)?",
        "choice",
        options=YES_NO,
    ),
    Question(
        "sudden_onset",
        "Did that come on suddenly, for example with a pop or a feeling of being kicked?",
        "choice",
        help="A sudden loss of push-off can mean the tendon has torn.",
        options=YES_NO,
        applies=_no_heel_raise,
    ),
    Question(
        "flares_easily",
        "Does the tendon flare up easily, e.g. sore for a day after a little extra walking?",
        "choice",
        options=YES_NO,
    ),
    Question(
        "strength",
        "How strong does the sore leg feel?",
        "choice",
        options=(
            Option(Strength.WEAK, "Not very strong: holding on one leg is hard"),
            Option(Strength.STRONG, "Strong: one-leg heel raises are no problem"),
        ),
    ),
    Question(
        "nervous",
        "Are you nervous about starting to exercise the tendon?",
        "choice",
        options=YES_NO,
    ),
    Question(
        "goal",
        "What do you most want from the exercises?",
        "choice",
        options=(
            Option(Goal.PAIN_RELIEF, "Less pain"),
            Option(Goal.STRENGTH, "A stronger tendon and calf"),
            Option(Goal.RANGE_OF_MOTION, "More movement (range of motion)"),
        ),
    ),
    Question(
        "competition_phase",
        "Are you in a competition phase (final build-up or a run of key events)?",
        "choice",
        options=YES_NO,
    ),
    Question(
        "isometrics_feel",
        "Test hold: stand on both feet, heels a little up, for about 10 s. How was it?",
        "choice",
        help="Skip the test if it hurts to try; choose 'too painful'.",
        options=(
            Option(Feel.TOO_EASY, "Too easy"),
            Option(Feel.CHALLENGING, "Challenging but fine"),
            Option(Feel.TOO_PAINFUL, "Too painful"),
        ),
    ),
    Question(
        "test_hold_pain",
        "Pain during that test hold, from 0 (none) to 10 (worst)?",
        "number",
        help="Leave it empty if you did not try the hold.",
        low=0,
        high=10,
        optional=True,
    ),
    Question(
        "requested_position",
        "Has anyone asked you to hold a particular position?",
        "choice",
        help="A position that doesn't suit your tendon is refused, with the reason.",
        options=(
            Option(None, "No, let the app choose"),
            Option(RequestedPosition.NEUTRAL, "Neutral: heel level with the step"),
            Option(RequestedPosition.HEEL_RAISED, "Heel raised partway"),
            Option(RequestedPosition.HEEL_DROP, "Heel drop: a little below the step"),
            Option(RequestedPosition.FULL_TIPTOE, "Right up on tiptoe"),
        ),
    ),
    Question(
        "physio_approved_heel_drop",
        "Has a physio approved heel-drop holds for you?",
        "choice",
        options=YES_NO,
    ),
    Question(
        "age",
        "Your age in years?",
        "number",
        help="Optional; it only matters for the antibiotic warning.",
        low=0,
        high=120,
        optional=True,
    ),
    Question(
        "corticosteroids",
        "Are you taking steroid (corticosteroid) tablets or injections?",
        "choice",
        options=YES_NO,
    ),
)

QUESTION_BY_FIELD: dict[str, Question] = {q.field: q for q in QUESTIONS}

# Starting answers: the §A defaults, except the diagnosis, which starts at "don't know".
DEFAULT_ANSWERS: dict[str, Any] = {
    "red_flags": (),
    "condition": Condition.UNSURE,
    "side": "left",
    "weeks": None,
    "rupture_loading_cleared": False,
    "single_leg_cleared": False,
    "forefoot_problem": False,
    "can_do_heel_raises": True,
    "sudden_onset": False,
    "flares_easily": False,
    "strength": Strength.WEAK,
    "nervous": False,
    "goal": Goal.STRENGTH,
    "competition_phase": False,
    "isometrics_feel": Feel.CHALLENGING,
    "test_hold_pain": None,
    "requested_position": None,
    "physio_approved_heel_drop": False,
    "age": None,
    "corticosteroids": False,
}


def starting_answers(
    previous: Assessment | None, side: str | None = None, weeks_since: int = 0
) -> dict[str, Any]:
    """Defaults, or the last assessment's answers so re-assessing is quick; flags never carry.

    The weeks move on by the whole weeks since that assessment; a sudden onset is asked
    afresh, like the warning signs.
    """
    answers = dict(DEFAULT_ANSWERS)
    if side in ("left", "right", "both"):
        answers["side"] = side
    if previous is not None:
        for name in answers:
            if name not in ("red_flags", "sudden_onset"):
                answers[name] = getattr(previous, name)
        answers["weeks"] = min(previous.weeks + max(weeks_since, 0), MAX_WEEKS)
    return answers


def applicable(answers: Answers) -> list[Question]:
    """The questions to ask for these answers, in order."""
    return [q for q in QUESTIONS if q.applies(answers)]


def parse_number(question: Question, text: str) -> tuple[int | None, str | None]:
    """(value, None) if the text is allowed, else (None, a message naming the range)."""
    stripped = text.strip()
    if not stripped:
        if question.optional:
            return None, None
        if question.blank_means is not None:
            return question.blank_means, None
        return None, f"Please enter {question.range_text}."
    try:
        value = int(stripped)
    except ValueError:
        return None, f"'{stripped}' is not allowed: enter {question.range_text}."
    if not question.low <= value <= question.high:
        return None, f"{value} is out of range: enter {question.range_text}."
    return value, None


def build_assessment(answers: Answers) -> Assessment:
    """Answers -> Assessment; questions that did not apply fall back to the §A defaults."""
    values = {name: answers.get(name, default) for name, default in DEFAULT_ANSWERS.items()}
    if values["weeks"] is None:
        values["weeks"] = 0
    if not _rupture(values):
        values["rupture_loading_cleared"] = False
    if not _cleared_rupture(values):
        values["single_leg_cleared"] = False
    if not _no_heel_raise(values):
        values["sudden_onset"] = False
    values["red_flags"] = normalise_flags(values["red_flags"])
    return Assessment(**values)
