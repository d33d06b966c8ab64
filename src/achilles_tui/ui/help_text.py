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
    "today": (
        "Today shows what is due: your current plan, whether today's session is done "
        "and whether this morning's diary is logged. Everything on it is read from your "
        "history file; nothing is made up."
    ),
    "assessment": (
        "The assessment asks about your tendon and turns the answers into a plan of "
        "isometric holds, with the reason for each choice."
    ),
    "session": (
        "The session timer guides your holds rep by rep. Each finished hold is saved "
        "at once, so an interrupted session is never lost."
    ),
    "diary": (
        "The diary records how your tendon feels each morning: pain, stiffness, and "
        "whether it settled after your last session."
    ),
    "history": "History lists your days and charts pain, stiffness and training over time.",
    "progress": (
        "Progress reviews the last week of your diary and sessions and suggests what "
        "to change next week, with its reasons."
    ),
}


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
| `ctrl+p` | command palette (all actions, themes) |
| `q` | quit (in the session timer: end early, after asking) |

## Your data

Your history is kept in `{data_file}`, with a daily backup of the last 14 days in
the `backups` folder beside it.

## Please note

{DISCLAIMER}
"""
