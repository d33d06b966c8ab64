"""In-app help, one page per section, kept true to the bindings."""

from __future__ import annotations

from achilles_tui.ui.sections import SECTIONS

DISCLAIMER = (
    "achilles-tui offers general exercise guidance for people looking after an "
    "Achilles problem at home. It does not diagnose anything and it is no substitute "
    "for an assessment by a physiotherapist or doctor. Its plans are simple starting "
    "points that may not fit you; if your physio or surgeon gave you a protocol, theirs "
    "comes first. Get medical help at once if you feel a sudden pop or a kick at the "
    "back of the leg, cannot rise onto your toes, see a swollen, warm or red calf, are "
    "short of breath or have chest pain, or have a fever with a hot, swollen joint."
)

GLOBAL_KEYS = "\n".join(
    f"| `{section.key}` | {section.title}: {section.summary} |" for section in SECTIONS
)

SECTION_HELP: dict[str, str] = {
    "today": """Today shows what is due: your current plan, whether today's session is done
and whether this morning's diary is logged. Everything on it is read from your
history file; nothing is made up. A red box means sessions are stopped: a
warning sign paused the plan, or your latest assessment advised seeing a
clinician first. When pain went over 5/10 (in a session, a set or the
heel-raise test) or today is a flare-up day, the session card says so and when
you can train again. If a session was cut off (the app closed or crashed
mid-session), the session card offers to resume it.

A heel-raise plan shows sets x raises, the tempo (seconds up / at the top /
down), the rest between sets, the load and how many days a week. Loaded steps
(three days a week) need a day between: the day after a loaded session, or
once the week's loaded sessions are done, is a rest day, and the session card
says so (an extra session would not count). At the loaded steps (T7-T8) the
heel-raise test is offered once every two weeks after a good week, on a day
your session is due and not yet done (MON-ISOT-HR-TEST); otherwise `g` says
which rule stops it.

| key | does |
|---|---|
| `Enter` | confirm the first-run note (first start only) |
| `r` | resume today's interrupted session from the first hold (or set) not saved |
| `g` | start the heel-raise test, or say why it is not offered today |
""",
    "assessment": """The assessment asks about your tendon (warning signs first) and turns the
answers into a plan of isometric holds, with the rule id behind every choice.
When holds would be too easy for you, the plan is heel raises instead: a
starting step (T1-T2), sets x raises, tempo, rest between sets and load;
accepting it makes it your plan like any other.

| key | does |
|---|---|
| `Enter` | start the questions, go to the next one, accept the plan |
| `1` / `2` | after a re-assessment: keep your current plan (the default) or use the new one |
| `1`-`9`, arrows, `Space` | pick or tick an answer (`y`/`n` on yes/no questions) |
| `b`, `Backspace`, `Esc` | previous question |
| `e` | edit the proposed plan before accepting |
| `o` | enter the plan your physio gave you |
| `F2` | learn why the plan looks as it does |
""",
    "session": """The session timer guides your holds rep by rep: get ready, hold, rest. You
can follow it without looking: it speaks ("get ready", "hold", "rest", "switch
to your left leg", "three, two, one", "halfway", "last one"), or plays tones,
or rings the terminal bell, as you choose with m. The far view (f) fills the
screen with the phase word and the countdown, framed in orange for a hold and
blue for the rest, readable from a step across the room. The line at the
bottom says the same in plain text, e.g. HOLD 0:28 · rep 2 of 5 · left leg.
A question or help opened over the timer pauses it until you come back.

Heel raises run set by set: each raise is paced UP, (TOP,) DOWN at the plan's
tempo, with a rest between sets, e.g. UP 0:02 · rep 7 of 15 · set 2 of 3 · left leg.
It says "up" and "down" (a tone or bell in the other modes), and the far view
shows the movement with its seconds and the rep count big, changing colour at
every up and down. Each finished set is saved at once; a set cut short is not.

Each finished hold is saved at once; an interrupted session can be resumed
the same day (r, here or on Today). When sessions are not allowed (a warning
sign, pain over 5/10 earlier today in a session or the heel-raise test, a
flare-up day) the screen says why, with the rule id, and until when. Once
today's session is done, or on a rest day of a loaded heel-raise step, the
screen says an extra one would not count and is not needed; Enter starts one
anyway.

After the last hold, type your highest pain (0-10); press e, c or h for how
hard it felt (too easy, challenging, too hard). The effort is saved only if
you choose one; Enter saves.

With no sound device (a server, ssh, CI) the bell rings instead, with one
plain line above the status line: "No sound device found: the terminal bell
rings instead." In the browser (serve) nothing sounds: the far view and
flashes remain.

| key | does |
|---|---|
| `Enter` | start today's session |
| `r` | resume an interrupted session |
| `Space` | pause / go on |
| `s` | skip the phase (a skipped hold is not counted); in heel raises, the set |
| `x` | this hurts more than 5/10: stop the holds or sets for today |
| `q`, `Esc` | end early (asks first; finished holds stay saved) |
| `f` | far view (big countdown) or near, this session only (default: `ctrl+p` "Far view") |
| `m` | sound: spoken cues, tones, bell or off (remembered) |
| `v` | volume of cues and tones: 100/80/60/40/20% (remembered) |
| `g` | get-ready time 3/5/10/15 s (remembered) |
| `i` | one-leg holds: both sides, or the injured side only |
""",
    "diary": """The diary records how your tendon feels each morning: pain, stiffness, and
whether it settled after your last session. One entry per date; past days can
be filled in later.

| key | does |
|---|---|
| digits, `Tab` | type scores, move between fields |
| `Enter`, `ctrl+s` | save |
| `Esc` | leave Activity or Notes, where letters are typed: they are keys again |
| `y` / `n` | settled since your last session? (asked once you have had a session) |
| `[` / `]` | day before / day after |
| `f` | mark a flare-up day (no session today; the next ones run two steps easier) |
| `r` | warning-sign checklist |
""",
    "history": """History lists your days (diary and sessions) and charts morning pain,
stiffness and the days you trained. Done counts the sessions that count: at
least half the holds done, and no more than the plan's sessions for that day.
Days before your first plan began are left blank: neither done nor missed.
On a narrow screen the Notes column gives way to a line under the table with the
highlighted day's note in full. In the table `End` goes to its last row, and
pressed again to the end of the page, the training calendar.

Days with heel raises get a Sets column (sets done / planned). The line under
the table gives the highlighted day's sets, raises and load, e.g. "3/3 sets ·
45 raises · +5 kg", and its dose per side: raises, and raises x kg of added
load (body-weight raises count as raises). A line below the column notes adds
it up for the range shown.

| key | does |
|---|---|
| `7` `3` `9` `0` | last 7, 30, 90 days, or all |
| `End` / `Home` | end (the calendar) / top of the page; in the table: last / first row |
| `o` | sort by another column |
| `r` | reverse the order |
| `Tab` | move between the page and the table |
""",
    "progress": """Progress reviews the last week of your diary and sessions and suggests what
to change next week (progress, hold, step back, move on to moving exercises,
or see a clinician), with the rule id behind each reason.

With heel raises the review moves along the steps T1-T8 and shows the new
dose. The switch to heel raises says which step starts and with what dose;
the way back to holds says why. When your sore side is close to the other
side and settling well, a Milestone box says it is a good time to see a
physio (PROG-ISOT-MILESTONE). The heel-raise tests are listed with a small
chart of the sore side's raises and its share of the other side. A heel-raise
proposal cannot be edited here: accept or dismiss it.

| key | does |
|---|---|
| `Enter`, `y` | accept: the plan gets a new version the next session uses |
| `e` | edit a proposed dose of holds (shown only then); a too-short rest asks first |
| `x` | dismiss this review |
| `[` / `]` | earlier / later week |
| `c` | log the heel-raise self-test (counts typed in) |
| `g` | the guided heel-raise test with beeps, or why it is not offered today |
| `v` | fill in the tendon questionnaire |
| `l` | show how the plan grew (versions and reviews) |
""",
}

HEEL_RAISE_TEST_HELP = """# Heel-raise test

A check of calf endurance, one leg at a time: how many full heel raises you
can do at a steady pace. It is offered at the loaded steps (T7-T8) once every
two weeks after a good (GREEN) week, on a day your session is due and not yet
done (MON-ISOT-HR-TEST), on Today and in Progress (`g`); otherwise `g` says
which rule stops it. It replaces that day's loaded session. Pain over 5/10 in
the test stops the day: no more sessions or tests until tomorrow
(MON-ISOT-SET-PAIN).

Stand on one leg on a flat floor with the knee straight and your fingertips on
a wall. On each beep (one every 2 seconds) rise as high as is comfortable and
lower again. Stop when you cannot keep the pace or the height, or when pain
goes over 5/10. Your other (non-sore) side goes first, then the sore side.
With both sides sore only the sorer leg is tested.

The beep is a short tone (with sound set to voice or tones), the terminal
bell (bell), or nothing (off); the pulse on the screen and the running count
show the beat either way.

| key | does |
|---|---|
| `Enter` | start the beeps for this leg; confirm a count; save the pain; close |
| `Space` | stop: pace or height failed (the count so far is kept) |
| `x` | pain over 5/10: stop the test (it is saved as over the limit) |
| `+` / `-`, arrows | correct the count by one |
| digits, `Backspace` | type the count, or the test's pain (0-10) |
| `Esc` | cancel: nothing is saved |
| `?` | this help |
| `F2` | learn about heel raises and the test |
"""


def heel_raise_test_help() -> str:
    """The heel-raise test's help page (it is not a section, so it has its own)."""
    return HEEL_RAISE_TEST_HELP


def help_markdown(mode: str, data_file: str) -> str:
    """The help page for one section, with the keys that work everywhere."""
    title = next(s.title for s in SECTIONS if s.mode == mode)
    return f"""# {title}

{SECTION_HELP[mode]}

## Keys everywhere

| key | does |
|---|---|
{GLOBAL_KEYS}
| `?` | this help |
| `!` | something changed? re-check the warning signs |
| `F2` | learn: positions, dose, 24-hour rule, warning signs, next steps, heel raises, the test |
| `ctrl+p` | command palette (all actions, themes) |
| `q` | quit (asks first if a form holds unsaved typing; in the timer: end early) |
| `ctrl+q` | quit from anywhere, a text field too (asks first the same way) |
| `Esc` | in a text field (the diary's Activity, Notes): leave it, so letters are keys again |

## Your data

Your history is kept in `{data_file}`. The diary and sessions of earlier years
move to the `archive` folder beside it about three months after each year ends,
so the app stays as quick after years of use. A daily backup of the last 14 days
(history file and archive) is kept in the `backups` folder.

## Please note

{DISCLAIMER}
"""
