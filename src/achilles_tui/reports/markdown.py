"""The physio report as Markdown: every figure of the model, with the full tables behind them.

A physio reads weeks of figures faster as a table than as a diary; the first sections say what
the one-page HTML and PDF say, the later ones keep every plan version, review and test.
"""

from __future__ import annotations

from collections.abc import Sequence

from achilles_tui.domain.capacity import PARAPHRASE_LABEL
from achilles_tui.domain.report_model import PhysioReport, WeekRow, num, pct
from achilles_tui.domain.report_tables import ReviewSummary
from achilles_tui.domain.wording import count

_SPARK = "▁▂▃▄▅▆▇█"


def render_markdown(report: PhysioReport) -> str:
    """The whole report as GitHub-style Markdown."""
    out: list[str] = [
        f"# {report.title}",
        "",
        f"Made on {report.made.isoformat()}, covering {count(report.weeks, 'week')} "
        f"from {report.first_day.isoformat()} to {report.made.isoformat()}.",
        "",
        f"> {report.disclaimer}",
        "",
    ]
    out += _at_a_glance(report)
    out += _current_plan(report)
    out += _figures_section(report.week_rows)
    out += _trend_section(report.week_rows)
    out += _review_section(report.review_now)
    out += _table_section(
        "Plan history",
        ("Version", "From", "Source", "Level", "Dose"),
        report.plan_history,
        empty="No plan versions yet.",
    )
    if report.stage_history:
        out += _table_section(
            "Stage and step over time",
            ("From", "Stage", "Step", "Plan version"),
            report.stage_history,
            "Steps L1-L8 are holds, T1-T8 heel raises. A step repeats in the plan history when "
            "only the dose changed.",
        )
    if report.raise_sessions:
        out += _table_section(
            "Heel-raise sessions",
            ("Date", "Step", "Sets, raises, load", "By side", "Pain during", "Over 5/10"),
            report.raise_sessions,
            "Raises x kg is the isotonic dose: each raise counted with its added load (a "
            "body-weight raise adds 0 kg but still counts as a raise).",
        )
    out += _stored_reviews(report.stored_reviews)
    out += _guided_tests(report)
    out += _self_tests(report)
    out += _questionnaire(report)
    out += ["## About this report", "", report.disclaimer, ""]
    return "\n".join(out).rstrip("\n") + "\n"


# -- tables -------------------------------------------------------------------------------------


def _cell(value: object) -> str:
    """Table-safe text: a pipe or a line break would split or end the row."""
    text = " ".join(str(value).split())
    return text.replace("|", "/") or "-"


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    """A GitHub-style Markdown table (every row has the header's number of cells)."""
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |"]
    lines.append("|" + "|".join(" --- " for _ in header) + "|")
    for row in rows:
        if len(row) != len(header):
            raise ValueError("a report row must have one cell per column")
        lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
    return lines


def _table_section(
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    *notes: str,
    empty: str = "",
) -> list[str]:
    """A titled section that is one table, with any notes under it (a line a note)."""
    if not rows and empty:
        return [f"## {title}", "", empty, ""]
    below = ["", *notes] if notes else []
    return [f"## {title}", "", *_table(header, rows), *below, ""]


def _spark(values: Sequence[float | None], top: float) -> str:
    """A one-line chart of weekly means (a gap for a week with nothing logged)."""
    marks = []
    for value in values:
        if value is None:
            marks.append(" ")
        else:
            index = round(min(max(value, 0.0), top) / top * (len(_SPARK) - 1)) if top else 0
            marks.append(_SPARK[index])
    return "".join(marks)


# -- sections -----------------------------------------------------------------------------------


def _at_a_glance(report: PhysioReport) -> list[str]:
    """What the one-page report shows: the header, what to look at, each chart's figures."""
    out = ["## At a glance", ""]
    out += [f"- {label}: {text}" for label, text in report.header_lines]
    out += ["", "### Look at this", ""]
    out += [f"- {line}" for line in report.look_at_this]
    out += ["", "### First -> latest", ""]
    out += [
        f"- Pain: {report.pain_caption}",
        f"- Sessions: {report.sessions_caption}",
        f"- Dose: {report.dose_caption}",
        f"- Heel-raise tests: {report.tests_caption}",
        f"- Questionnaire: {report.scores_caption}",
        "",
    ]
    return out


def _current_plan(report: PhysioReport) -> list[str]:
    """The plan being followed now, as the next sessions run it; one table row per exercise."""
    out = ["## Current plan", ""]
    plan = report.plan
    if plan is None:
        return [*out, "No plan has been saved yet.", ""]
    out += [plan.summary, ""]
    for note in plan.notes:
        out += [note.line, ""]
    out += _table(plan.header, plan.rows)
    if plan.rest_days:
        out += ["", "Loaded sessions on non-consecutive days."]
    out += ["", "### To move up at the next review", ""]
    lead, *criteria = plan.move_up
    out += [lead, ""]
    out += [f"- {line}" for line in criteria]
    return [*out, ""]


def _figures_section(weeks: Sequence[WeekRow]) -> list[str]:
    """The weekly table a physio scans first."""
    header = (
        "Week ending",
        "Sessions done/planned",
        "Max pain during",
        "Mean pain during",
        "Mean morning pain",
        "Mean stiffness (min)",
        "Not-settled mornings",
        "Flare-up days",
        "Dose by side",
    )
    rows = [
        (
            week.week_ending.isoformat(),
            week.sessions_text,
            num(week.max_pain_during),
            num(week.mean_pain_during),
            num(week.mean_morning_pain),
            num(week.mean_stiffness),
            week.not_settled,
            week.flare_up_days,
            week.dose_text,
        )
        for week in weeks
    ]
    return _table_section(
        "Weekly figures",
        header,
        rows,
        "Pain is on a 0-10 scale (0 = none). Dose is the week's seconds of holding and heel "
        "raises per side; with added load, seconds x kg and raises x kg are given too.",
    )


def _trend(label: str, unit: str, values: Sequence[float | None]) -> str:
    """First and last logged weekly mean and which way it went."""
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return f"- {label}: not enough weeks logged to show a trend."
    first, last = known[0], known[-1]
    if last < first:
        way = "lower (better)"
    elif last > first:
        way = "higher (worse)"
    else:
        way = "unchanged"
    return (
        f"- {label}: {num(first)}{unit} in the first logged week, {num(last)}{unit} in the "
        f"last: {way}."
    )


def _trend_section(weeks: Sequence[WeekRow]) -> list[str]:
    """Pain and stiffness week by week, as a one-line chart and in words."""
    morning = [w.mean_morning_pain for w in weeks]
    during = [w.mean_pain_during for w in weeks]
    stiffness = [w.mean_stiffness for w in weeks]
    top_stiffness = max((v for v in stiffness if v is not None), default=0.0)
    return [
        "## Pain and stiffness trend",
        "",
        "Weekly means, oldest week on the left (a blank is a week with nothing logged):",
        "",
        f"- Morning pain (0-10): `{_spark(morning, 10.0)}`",
        f"- Pain during sessions (0-10): `{_spark(during, 10.0)}`",
        f"- Morning stiffness (up to {num(top_stiffness)} min): "
        f"`{_spark(stiffness, top_stiffness)}`",
        "",
        _trend("Mean morning pain", "/10", morning),
        _trend("Mean pain during sessions", "/10", during),
        _trend("Mean morning stiffness", " min", stiffness),
        "",
    ]


def _review_section(review: ReviewSummary | None) -> list[str]:
    """What the weekly review says about the week ending today (not yet decided by the user)."""
    out = ["## This week's review", ""]
    if review is None:
        return [*out, "No plan yet, so there is nothing to review.", ""]
    out += [review.headline, ""]
    out += [f"- Change: {change}" for change in review.changes]
    out += [f"- {reason.line}" for reason in review.reasons]
    return [*out, ""]


def _stored_reviews(reviews: Sequence[ReviewSummary]) -> list[str]:
    """Stored weekly reviews in the period, each with its reasons and rule ids."""
    out = ["## Weekly reviews", ""]
    if not reviews:
        return [*out, "No weekly review was accepted or dismissed in this period.", ""]
    for review in reviews:
        out += [f"### {review.title}", "", review.headline, ""]
        out += [f"- Change: {change}" for change in review.changes]
        out += [f"- {_cell(reason.text)} ({reason.rule})" for reason in review.reasons]
        out.append("")
    return out


def _guided_tests(report: PhysioReport) -> list[str]:
    """The guided heel-raise tests over time: counts, share of the other side, pain."""
    tests = [t for t in report.tests if t.kind == "guided test"]
    if not tests:
        return []
    rows = [
        (
            t.date.isoformat(),
            t.sore,
            num(t.other),
            pct(t.share),
            "-" if t.pain is None else f"{t.pain}/10",
            "yes" if t.stopped else "",
        )
        for t in tests
    ]
    sore = [float(t.sore) for t in tests]
    return _table_section(
        "Heel-raise tests (guided)",
        ("Date", "Sore side", "Other side", "Sore / other", "Test pain", "Stopped over 5/10"),
        rows,
        f"- Sore-side raises (up to {num(max(sore))}): `{_spark(sore, max(sore))}`",
        f"- Sore side as a share of the other (up to 100%): "
        f"`{_spark([t.share for t in tests], 1.0)}`",
        "",
        "One leg, flat floor, knee straight, one rise every 2 s to fatigue; the other side "
        "first. A floor version of the research test (done on a 10-degree incline).",
    )


def _self_tests(report: PhysioReport) -> list[str]:
    """The heel-raise self-tests (the Progress screen's quick form)."""
    tests = [t for t in report.tests if t.kind == "self-test"]
    out = ["## Heel-raise self-tests", ""]
    if not tests:
        return [*out, "No self-test recorded yet.", ""]
    rows = [
        (t.date.isoformat(), t.sore, num(t.other), pct(t.share), f"{num(t.pain)}/10") for t in tests
    ]
    out += _table(
        ("Date", "Injured side", "Healthy side", "Injured / healthy", "Pain caused"), rows
    )
    return [*out, "", "Single-leg heel raises to fatigue on each side.", ""]


def _questionnaire(report: PhysioReport) -> list[str]:
    """Questionnaire scores, with the domain subtotals."""
    out = [f"## Tendon questionnaire ({PARAPHRASE_LABEL})", ""]
    if not report.scores:
        return [*out, "No questionnaire filled in yet.", ""]
    names = [name for name, _score, _most in report.scores[0].domains]
    header = ("Date", *(name.capitalize() for name in names), "Total (0-100)")
    rows = [
        (s.date.isoformat(), *(f"{score}/{most}" for _n, score, most in s.domains), s.total)
        for s in report.scores
    ]
    out += _table(header, rows)
    return [
        *out,
        "",
        "Follows the structure of the VISA-A (higher is better, 100 = no symptoms) with "
        "item topics in our own words, so scores are indicative only.",
        "",
    ]
