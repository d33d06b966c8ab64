"""The app's sections, their keys and where their screens live.

Kept apart from app.py so the CLI, help and tests can list sections without
importing any screen module (each is imported when first opened).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    """One main section of the app: a mode with its own screen stack."""

    mode: str
    title: str
    key: str
    module: str
    screen_class: str
    summary: str


SECTIONS: tuple[Section, ...] = (
    Section("today", "Today", "t", "today", "TodayScreen", "what is due today"),
    Section(
        "assessment", "Assessment", "a", "assessment", "AssessmentScreen", "get or edit a plan"
    ),
    Section("session", "Session", "s", "session", "SessionScreen", "guided hold timer"),
    Section("diary", "Diary", "d", "diary", "DiaryScreen", "log this morning"),
    Section("history", "History", "h", "history", "HistoryScreen", "tables and charts"),
    Section("progress", "Progress", "p", "progress", "ProgressScreen", "weekly review"),
)

SECTION_BY_MODE = {section.mode: section for section in SECTIONS}
