"""The repository: domain objects in, domain objects out.

Screens and the CLI talk to this class only. ``Repository`` writes through
an open, locked ``HistoryStore``; ``ReadOnlyRepository`` answers the same
questions from a snapshot without taking the lock (status, export, where).
"""

from __future__ import annotations

import copy
import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tinydb import Query
from tinydb.table import Document

from achilles_tui.domain.models import (
    AnyExercise,
    DayKind,
    DiaryEntry,
    DomainError,
    Effort,
    HeelRaiseTest,
    Plan,
    RepRecord,
    SessionLog,
    Settings,
)
from achilles_tui.domain.records import AssessmentRecord
from achilles_tui.domain.streak import Run, year_run
from achilles_tui.storage import codec
from achilles_tui.storage.archive import (
    DATED_TABLES,
    MANIFEST,
    Archives,
    archive_path,
    manifest_of,
    merge_records,
    record_year,
)
from achilles_tui.storage.database import HistoryStore, read_only_snapshot
from achilles_tui.storage.errors import CorruptDatabase, InvalidRecord
from achilles_tui.storage.locations import history_path
from achilles_tui.storage.schema import EXPORTED_ASSESSMENT, SchemaError

if TYPE_CHECKING:
    from achilles_tui.storage.transfer import ImportCounts

PLANS = "plans"
ASSESSMENTS = "assessments"
DIARY = "diary"
SESSIONS = "sessions"
SETTINGS = "settings"
REVIEWS = "reviews"
HEEL_RAISE_TESTS = "heel_raise_tests"
DATA_TABLES = (ASSESSMENTS, PLANS, SESSIONS, DIARY, REVIEWS, HEEL_RAISE_TESTS)


class ReadOnlyRepository:
    """Queries over a validated snapshot of the history; never writes."""

    def __init__(self, data_dir: Path, data: dict[str, dict[str, Any]] | None = None) -> None:
        self.data_dir = data_dir
        self.path = history_path(data_dir)
        self._data = data if data is not None else read_only_snapshot(data_dir)
        # Decoded once per version of their table (TinyDB replaces a table's dict on write).
        self._archives: tuple[object, Archives] | None = None
        self._plans: tuple[object, list[Plan]] | None = None

    def _main(self) -> dict[str, dict[str, Any]]:
        """The history file's document (settings, plans, ... and the open years)."""
        return self._data

    def _table_data(self, table: str) -> dict[str, Any]:
        """Raw {doc_id: document} of a table in the history file."""
        return self._main().get(table) or {}

    @property
    def archives(self) -> Archives:
        """The closed years' files; one is opened only when a question reaches into it."""
        listed = self._main().get(MANIFEST)
        cached = self._archives
        if cached is None or cached[0] is not listed:
            cached = (listed, Archives(self.data_dir, manifest_of(self._main())))
            self._archives = cached
        return cached[1]

    def _dated_docs(
        self, table: str, start: dt.date | None, end: dt.date | None, years: list[int] | None = None
    ) -> list[dict[str, Any]]:
        """Records of a dated table from the history file and the closed years in range."""
        current = self._docs(table)
        archives = self.archives
        wanted = archives.overlapping(start, end) if years is None else years
        if not wanted:
            return current
        archived = [doc for year in wanted for doc in archives.records(table, year)]
        return merge_records(table, archived, current)

    def _docs_with_ids(self, table: str) -> list[tuple[int, dict[str, Any]]]:
        """(doc id, document) pairs in insertion order."""
        # TinyDB only ever appends ids, so insertion order is id order.
        return [(int(key), doc) for key, doc in self._table_data(table).items()]

    def _docs(self, table: str) -> list[dict[str, Any]]:
        """Documents of a table in insertion order."""
        return [doc for _, doc in self._docs_with_ids(table)]

    def _decode(
        self,
        table: str,
        decode: Any,
        start: dt.date | None = None,
        end: dt.date | None = None,
        only: Callable[[dict[str, Any]], bool] | None = None,
        years: list[int] | None = None,
    ) -> list[Any]:
        """Decode the documents dated within [start, end] (ISO dates compare as text).

        Filtering before decoding keeps Today and History quick on years of data;
        a bad document becomes a clear corruption error.
        """
        docs = (
            self._dated_docs(table, start, end, years)
            if table in DATED_TABLES
            else self._docs(table)
        )
        if start is not None or end is not None:
            low = start.isoformat() if start else ""
            high = end.isoformat() if end else "9999-12-31"
            docs = [doc for doc in docs if _in_range(doc.get("date"), low, high)]
        if only is not None:
            docs = [doc for doc in docs if not isinstance(doc, dict) or only(doc)]
        try:
            return [decode(doc) for doc in docs]
        except (KeyError, TypeError, ValueError, DomainError) as exc:
            path = self._file_of_bad(table, docs, decode)
            raise CorruptDatabase(
                f"{path} has an invalid {table} record ({exc}). It was left untouched.", path
            ) from None

    def _file_of_bad(self, table: str, docs: list[dict[str, Any]], decode: Any) -> Path:
        """The file holding the first record of ``docs`` that does not decode."""
        for doc in docs:
            try:
                decode(doc)
            except (KeyError, TypeError, ValueError, DomainError):
                year = self.archives.holding(table, doc) if table in DATED_TABLES else None
                return self.path if year is None else archive_path(self.data_dir, year)
        return self.path

    # plans -----------------------------------------------------------------
    def plans(self) -> list[Plan]:
        """Every plan version, oldest first (decoded once per change of the plans table)."""
        table = self._main().get(PLANS)
        cached = self._plans
        if cached is None or cached[0] is not table:
            plans: list[Plan] = self._decode(PLANS, codec.plan_from_doc)
            cached = (table, sorted(plans, key=lambda p: p.version))
            self._plans = cached
        return list(cached[1])

    def current_plan(self) -> Plan | None:
        """The newest plan version, the one sessions follow."""
        plans = self.plans()
        return plans[-1] if plans else None

    def plan_on(self, day: dt.date) -> Plan | None:
        """The plan followed on a given day: the newest version started by then, else None."""
        current = [p for p in self.plans() if p.start_date <= day]
        return current[-1] if current else None

    # assessments -------------------------------------------------------------
    def assessments(self) -> list[dict[str, Any]]:
        """Stored assessments as raw documents, oldest first (for export)."""
        return self._docs(ASSESSMENTS)

    def assessment_records(self) -> list[AssessmentRecord]:
        """Stored assessments and warning-sign re-checks, oldest first."""
        return [
            codec.assessment_from_doc(doc_id, doc)
            for doc_id, doc in self._docs_with_ids(ASSESSMENTS)
        ]

    def latest_assessment_record(self) -> dict[str, Any] | None:
        """The newest stored assessment (answers and result), if any."""
        records = self.assessments()
        return copy.deepcopy(records[-1]) if records else None

    def reviews(self) -> list[dict[str, Any]]:
        """Stored weekly reviews (accepted or dismissed), oldest first."""
        return self._docs(REVIEWS)

    def heel_raise_tests(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[HeelRaiseTest]:
        """Heel-raise tests (§E6), oldest first, optionally within [start, end] (a few a
        month: never archived; the care state decodes only today's)."""
        tests: list[HeelRaiseTest] = self._decode(
            HEEL_RAISE_TESTS, codec.heel_raise_test_from_doc, start, end
        )
        return sorted(tests, key=lambda t: (t.date, t.recorded_at or dt.datetime.min))

    # diary -------------------------------------------------------------------
    def diary_entries(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[DiaryEntry]:
        """Diary entries in date order, optionally within [start, end]."""
        entries: list[DiaryEntry] = self._decode(DIARY, codec.diary_from_doc, start, end)
        return sorted(entries, key=lambda e: e.date)

    def flare_up_entries(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[DiaryEntry]:
        """Diary days logged as a flare-up within [start, end], in date order; the others are
        skipped before decoding (Today asks this on every start)."""
        entries: list[DiaryEntry] = self._decode(
            DIARY, codec.diary_from_doc, start, end, only=lambda doc: doc.get("day") == "flare-up"
        )
        return sorted(entries, key=lambda e: e.date)

    def flagged_diary_entries(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[DiaryEntry]:
        """Diary entries with a warning sign ticked, within [start, end], in date order.

        The care state needs these from years of mornings; skipping the unflagged ones before
        decoding keeps start-up independent of how long the diary is.
        """
        entries: list[DiaryEntry] = self._decode(
            DIARY,
            codec.diary_from_doc,
            start,
            end,
            only=lambda doc: bool(doc.get("red_flags")),
            years=self.archives.flagged_years(start, end),
        )
        return sorted(entries, key=lambda e: e.date)

    def diary_on(self, day: dt.date) -> DiaryEntry | None:
        """The one entry for a date, if logged."""
        entries = self.diary_entries(day, day)
        return entries[0] if entries else None

    # sessions ----------------------------------------------------------------
    def sessions(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[SessionLog]:
        """Sessions in start order, optionally within [start, end]."""
        sessions: list[SessionLog] = self._decode(SESSIONS, codec.session_from_doc, start, end)
        return sorted(sessions, key=lambda s: s.started_at)

    def unfinished_session(self, day: dt.date) -> SessionLog | None:
        """A session of `day` that was interrupted (no end time): offered for resumption."""
        open_ones = [s for s in self.sessions(day, day) if not s.finished and s.source == "timer"]
        return open_ones[-1] if open_ones else None

    def check_history_file(self) -> None:
        """Decode the plans once, for the command that follows.

        Every record of the history file was checked against the schema when it was opened
        (``database.check_opened``), so a save never carries a bad record forward; the closed
        years' files are checked when they are read (and were checked when written).
        """
        self.plans()

    # closed years ------------------------------------------------------------
    def open_since(self) -> dt.date | None:
        """1 January of the first year the history file holds whole; None when none is closed."""
        years = self.archives.years
        return dt.date(years[-1] + 1, 1, 1) if years else None

    def first_day(self) -> dt.date | None:
        """The date of the oldest diary entry or session (closed years: from their summary)."""
        days = [
            str(doc["date"])
            for table in DATED_TABLES
            for doc in self._docs(table)
            if record_year(doc)
        ]
        years = self.archives.years
        if years:
            first = self.archives.manifest[years[0]].get("first")
            if isinstance(first, str):
                days.append(first)
        return dt.date.fromisoformat(min(days)) if days else None

    def streak_facts(
        self, start: dt.date | None, end: dt.date
    ) -> tuple[list[tuple[dt.date, bool]], set[dt.date]]:
        """Within [start, end]: each session's date and whether it counts, and the rest-type
        days, read from the stored fields alone (a streak needs no more)."""
        low, high = start.isoformat() if start else "", end.isoformat()
        try:
            counted = [
                codec.session_count_fact(doc)
                for doc in self._dated_docs(SESSIONS, start, end)
                if low <= str(doc.get("date")) <= high
            ]
            days = [
                codec.diary_day_fact(doc)
                for doc in self._dated_docs(DIARY, start, end)
                if low <= str(doc.get("date")) <= high
            ]
        except (KeyError, TypeError, ValueError) as exc:
            raise CorruptDatabase(
                f"{self.path} has an invalid record ({exc}). It was left untouched.", self.path
            ) from None
        return counted, {day for day, kind, _ in days if kind is not DayKind.NORMAL}

    def has_session_before(self, day: dt.date) -> bool:
        """Any session dated before ``day``, from the closed years' summaries where it can."""
        if any(str(doc.get("date") or "9") < day.isoformat() for doc in self._docs(SESSIONS)):
            return True
        return any(
            str(entry.get("first_session") or "9") < day.isoformat()
            for entry in self.archives.manifest.values()
        )

    def year_runs(self, before: int) -> Iterator[Run]:
        """The streak runs of the years before ``before``, newest first (domain/streak.py).

        A closed year's run is kept in its summary; it is worked out from its records only when
        a later plan version or a record saved since the close may have changed it.
        """
        manifest = self.archives.manifest
        plans = self.plans()
        overrides = {record_year(doc) for table in DATED_TABLES for doc in self._docs(table)}
        for year in range(before - 1, min(manifest, default=before) - 1, -1):
            entry = manifest.get(year)
            if entry is None:
                yield Run(0, whole=False)
                return
            known = entry.get("plans")
            stale = year in overrides or any(
                not isinstance(known, int) or (p.version > known and p.start_date.year <= year)
                for p in plans
            )
            run = entry.get("run")
            if stale or not (isinstance(run, list) and len(run) == 2):
                first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
                yield year_run(
                    year, plans, self.sessions(first, last), self.diary_entries(first, last)
                )
            else:
                yield Run(int(run[0]), whole=bool(run[1]))

    # settings ----------------------------------------------------------------
    def settings(self) -> Settings:
        """Saved preferences or the defaults."""
        docs = self._docs(SETTINGS)
        return codec.settings_from_doc(docs[-1]) if docs else Settings()

    def export_data(self) -> dict[str, Any]:
        """The whole history as plain data, tables in a fixed order."""
        return {
            "format": "achilles-tui-export",
            "schema_version": _export_version(self._main()),
            ASSESSMENTS: [
                {**copy.deepcopy(doc), "id": doc_id}
                for doc_id, doc in self._docs_with_ids(ASSESSMENTS)
            ],
            PLANS: [codec.plan_to_doc(p) for p in self.plans()],
            SESSIONS: [codec.session_to_doc(s) for s in self.sessions()],
            DIARY: [codec.diary_to_doc(e) for e in self.diary_entries()],
            REVIEWS: copy.deepcopy(self._docs(REVIEWS)),
            HEEL_RAISE_TESTS: [codec.heel_raise_test_to_doc(t) for t in self.heel_raise_tests()],
        }


def _in_range(value: object, low: str, high: str) -> bool:
    """ISO dates compare as text; anything else is kept so decoding reports it."""
    if type(value) is str and len(value) == 10 and value[:4].isdigit():
        return low <= value <= high
    return True


def _export_version(data: dict[str, dict[str, Any]]) -> int:
    """An export's records are the same since v2; v3 only moved closed years to other files."""
    from achilles_tui.storage.migrations import RECORD_FORMAT_VERSION, schema_version

    return min(schema_version(data), RECORD_FORMAT_VERSION)


class Repository(ReadOnlyRepository):
    """Reads and writes through a locked store; each method is one atomic save."""

    def __init__(self, store: HistoryStore) -> None:
        self.store = store
        assert store.storage is not None, "open the HistoryStore first"
        super().__init__(store.data_dir, data={})

    def _main(self) -> dict[str, dict[str, Any]]:
        storage = self.store.storage
        assert storage is not None
        return storage.read() or {}

    @staticmethod
    def _checked(table: str, doc: dict[str, Any]) -> dict[str, Any]:
        """Every write goes through the schema: a record that would not read back is refused
        before anything is written."""
        try:
            return codec.check_record(table, doc)
        except SchemaError as exc:
            raise InvalidRecord(
                f"Not saved: this {table} record does not fit the history's schema ({exc}). "
                "Nothing was changed.",
            ) from None

    @property
    def revision(self) -> int:
        """Changes whenever something is saved through this repository."""
        assert self.store.storage is not None
        return self.store.storage.revision

    # plans -------------------------------------------------------------------
    def add_plan(
        self,
        exercises: Iterable[AnyExercise],
        *,
        source: str,
        level: str | None = None,
        mode: str = "standard",
        assessment_id: int | None = None,
        note: str = "",
        created: dt.datetime | None = None,
        since: dt.date | None = None,
        confirmed_rules: tuple[str, ...] = (),
        floor_only: bool = False,
    ) -> Plan:
        """Store a new plan version; earlier versions stay as they were."""
        plans = self.plans()
        plan = Plan(
            version=(plans[-1].version + 1) if plans else 1,
            created=created or dt.datetime.now().replace(microsecond=0),
            exercises=tuple(exercises),
            source=source,
            level=level,
            mode=mode,
            assessment_id=assessment_id,
            note=note,
            since=since,
            confirmed_rules=confirmed_rules,
            floor_only=floor_only,
        )
        self.store.table(PLANS).insert(self._checked(PLANS, codec.plan_to_doc(plan)))
        return plan

    def add_heel_raise_test(self, test: HeelRaiseTest) -> None:
        """Keep one heel-raise test result."""
        self.store.table(HEEL_RAISE_TESTS).insert(
            self._checked(HEEL_RAISE_TESTS, codec.heel_raise_test_to_doc(test))
        )

    def add_review(self, record: dict[str, Any]) -> int:
        """Keep a weekly review (its figures, suggestion and what the user did with it)."""
        return int(self.store.table(REVIEWS).insert(self._checked(REVIEWS, copy.deepcopy(record))))

    def add_review_and_plan(
        self, record: dict[str, Any], exercises: Iterable[AnyExercise], **plan_fields: Any
    ) -> Plan:
        """An accepted review and the plan version it produced, saved in one write."""
        with self.store.batch():
            plan = self.add_plan(exercises, **plan_fields)
            self.add_review({**record, "plan_version_after": plan.version})
            return plan

    def add_assessment(self, record: AssessmentRecord) -> int:
        """Keep every assessment (answers and result); returns its id."""
        doc = self._checked(ASSESSMENTS, codec.assessment_to_doc(record))
        return int(self.store.table(ASSESSMENTS).insert(doc))

    def save_assessment_and_plan(
        self, record: AssessmentRecord, exercises: Iterable[AnyExercise], **plan_fields: Any
    ) -> Plan:
        """An accepted assessment and its plan, saved together in one write."""
        with self.store.batch():
            assessment_id = self.add_assessment(record)
            return self.add_plan(exercises, assessment_id=assessment_id, **plan_fields)

    # diary -------------------------------------------------------------------
    def save_diary(self, entry: DiaryEntry) -> None:
        """One entry per date: a second save for the same date replaces the first."""
        doc = self._checked(DIARY, codec.diary_to_doc(entry))
        table = self.store.table(DIARY)
        existing = [
            int(k) for k, v in self._table_data(DIARY).items() if v.get("date") == doc["date"]
        ]
        if existing:
            table.update(doc, doc_ids=existing)
        else:
            table.insert(doc)

    # sessions ----------------------------------------------------------------
    def start_session(
        self,
        plan: Plan,
        started_at: dt.datetime,
        *,
        reps_planned: int = 0,
        uncounted_reason: str | None = None,
    ) -> SessionLog:
        """Create the session record before the first rep, so nothing can be lost.

        ``uncounted_reason`` keeps why the session will never count (an extra on a rest day).
        """
        session = SessionLog(
            id=uuid.uuid4().hex[:12],
            date=started_at.date(),
            plan_version=plan.version,
            started_at=started_at,
            reps_planned=reps_planned,
            paused_by=uncounted_reason,
        )
        self.store.table(SESSIONS).insert(self._checked(SESSIONS, codec.session_to_doc(session)))
        return session

    def _update_session(self, session: SessionLog) -> None:
        doc = self._checked(SESSIONS, codec.session_to_doc(session))
        self.store.table(SESSIONS).update(doc, Query().id == session.id)

    def add_rep(self, session: SessionLog, rep: RepRecord) -> SessionLog:
        """Record one finished hold the moment it ends."""
        updated = _replace(session, reps=(*session.reps, rep))
        self._update_session(updated)
        return updated

    def finish_session(
        self,
        session: SessionLog,
        *,
        ended_at: dt.datetime,
        pain_during: int | None,
        effort: Effort | None,
        complete: bool,
        over_limit: bool = False,
    ) -> SessionLog:
        """Close a session with its rating; partial sessions are kept too."""
        updated = _replace(
            session,
            ended_at=ended_at,
            pain_during=pain_during,
            effort=effort,
            complete=complete,
            over_limit=over_limit,
        )
        self._update_session(updated)
        return updated

    def add_manual_session(self, session: SessionLog) -> None:
        """A session done away from the terminal (log-session)."""
        self.store.table(SESSIONS).insert(self._checked(SESSIONS, codec.session_to_doc(session)))

    # import ------------------------------------------------------------------
    def import_export(
        self,
        tables: dict[str, list[dict[str, Any]]],
        today: dt.date | None = None,
        *,
        checked: bool = False,
    ) -> ImportCounts:
        """Restore into an empty history or merge without duplicates, in one write.

        Diary entries match by date (the saved one wins), sessions by id, plans,
        assessments and reviews by content. Merged records get fresh ids and plan
        versions, and the links between them (plan -> assessment, session -> plan
        version) are rewritten to follow. Records go in table by table (TinyDB rewrites a
        table per insert); closed years then move to their own files, as at every opening.
        ``checked``: sessions and diary entries come from ``load_export``, already decoded
        and in stored form, so they are not decoded a second time.
        """
        from achilles_tui.storage.transfer import ImportCounts

        if not checked:
            tables = {
                name: _checked_all(name, tables[name]) for name in DATA_TABLES if name in tables
            }
            checked = True
        counts = ImportCounts()
        with self.store.batch():
            assessment_ids = self._import_assessments(tables.get(ASSESSMENTS, []), counts)
            versions = self._import_plans(tables.get(PLANS, []), assessment_ids, counts)
            self._import_sessions(tables.get(SESSIONS, []), versions, counts, checked)
            self._import_diary(tables.get(DIARY, []), counts, checked)
            present = self._docs(REVIEWS)
            new_reviews: list[dict[str, Any]] = []
            for original in tables.get(REVIEWS, []):
                record = _review_here(original, versions)
                if record in present or record in new_reviews:
                    counts.skipped += 1
                else:
                    new_reviews.append(copy.deepcopy(record))
            self.store.table(REVIEWS).insert_multiple(new_reviews)
            counts.reviews += len(new_reviews)
            self._import_heel_raise_tests(tables.get(HEEL_RAISE_TESTS, []), counts)
        self.store.close_years(today or dt.date.today())
        return counts

    def _import_heel_raise_tests(self, docs: list[dict[str, Any]], counts: ImportCounts) -> None:
        """Tests match by content; an export from before §E6 simply has none."""
        present = self._docs(HEEL_RAISE_TESTS)
        new: list[dict[str, Any]] = []
        for doc in docs:
            stored = codec.heel_raise_test_to_doc(codec.heel_raise_test_from_doc(doc))
            if stored in present or stored in new:
                counts.skipped += 1
            else:
                new.append(stored)
        self.store.table(HEEL_RAISE_TESTS).insert_multiple(new)
        counts.heel_raise_tests += len(new)

    def _import_assessments(
        self, records: list[dict[str, Any]], counts: ImportCounts
    ) -> dict[int, int]:
        """Insert new assessments (keeping their ids when free); map old id -> id here."""
        table = self.store.table(ASSESSMENTS)
        mapping: dict[int, int] = {}
        for record in records:
            old_id = record.get("id")
            body = {key: value for key, value in record.items() if key != "id"}
            present = {doc.doc_id: dict(doc) for doc in table.all()}
            same = next((doc_id for doc_id, doc in present.items() if doc == body), None)
            if same is not None:
                counts.skipped += 1
                new_id = same
            elif isinstance(old_id, int) and old_id not in present:
                new_id = int(table.insert(Document(copy.deepcopy(body), doc_id=old_id)))
                counts.assessments += 1
            else:
                new_id = int(table.insert(copy.deepcopy(body)))
                counts.assessments += 1
            if isinstance(old_id, int):
                mapping[old_id] = new_id
        return mapping

    def _import_plans(
        self, records: list[dict[str, Any]], assessment_ids: dict[int, int], counts: ImportCounts
    ) -> dict[int, list[tuple[str, int]]]:
        """Insert new plan versions after the existing ones.

        Returns, for each version number in the export, the (start date, version here) of the
        plans that had it, oldest first: an export may hold two plans with one number (two
        were both stored by older versions of the app); the second gets the next free number.
        """
        existing = [codec.plan_to_doc(p) for p in self.plans()]
        renumber = bool(existing)
        taken = {doc["version"] for doc in existing}
        mapping: dict[int, list[tuple[str, int]]] = {}
        for plan_doc in sorted(records, key=lambda d: (d["version"], d["created"])):
            doc = codec.plan_to_doc(codec.plan_from_doc(plan_doc))
            if doc.get("assessment_id") is not None:
                doc["assessment_id"] = assessment_ids.get(
                    doc["assessment_id"], doc["assessment_id"]
                )
            began = str(doc.get("since") or doc["created"][:10])
            same = next((old for old in existing if _same_plan(doc, old)), None)
            if same is not None:
                mapping.setdefault(plan_doc["version"], []).append((began, same["version"]))
                counts.skipped += 1
                continue
            if renumber or doc["version"] in taken:
                doc["version"] = max(taken, default=0) + 1
            taken.add(doc["version"])
            mapping.setdefault(plan_doc["version"], []).append((began, doc["version"]))
            self.store.table(PLANS).insert(doc)
            existing.append(doc)
            counts.plans += 1
        return mapping

    def _import_sessions(
        self,
        records: list[dict[str, Any]],
        versions: dict[int, list[tuple[str, int]]],
        counts: ImportCounts,
        checked: bool,
    ) -> None:
        """Sessions match by id; merged ones follow their plan's new version number."""
        known = {doc.get("id") for doc in self._dated_docs(SESSIONS, None, None)}
        new = []
        for session_doc in records:
            if session_doc["id"] in known:
                counts.skipped += 1
                continue
            doc = (
                session_doc
                if checked
                else codec.session_to_doc(codec.session_from_doc(session_doc))
            )
            version = _version_here(versions, doc["plan_version"], doc["date"])
            new.append({**doc, "plan_version": version})
            known.add(doc["id"])
        self.store.table(SESSIONS).insert_multiple(new)
        counts.sessions += len(new)

    def _import_diary(
        self, records: list[dict[str, Any]], counts: ImportCounts, checked: bool
    ) -> None:
        """One entry per date: an entry already saved for a date wins."""
        known = {doc.get("date") for doc in self._dated_docs(DIARY, None, None)}
        new = []
        for diary_doc in records:
            if diary_doc["date"] in known:
                counts.skipped += 1
                continue
            new.append(
                diary_doc if checked else codec.diary_to_doc(codec.diary_from_doc(diary_doc))
            )
            known.add(diary_doc["date"])
        self.store.table(DIARY).insert_multiple(new)
        counts.diary += len(new)

    # settings ----------------------------------------------------------------
    def save_settings(self, settings: Settings) -> None:
        """Preferences are one document, replaced whole."""
        table = self.store.table(SETTINGS)
        doc = self._checked(SETTINGS, codec.settings_to_doc(settings))
        with self.store.batch():
            table.truncate()
            table.insert(doc)


def _checked_all(table: str, docs: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records handed to an import without load_export, through the schema all the same."""
    spec = EXPORTED_ASSESSMENT if table == ASSESSMENTS else None
    try:
        return [codec.check_record(table, doc, spec=spec) for doc in docs]
    except SchemaError as exc:
        raise InvalidRecord(f"Not imported: a {table} record does not fit ({exc}).") from None


def _version_here(versions: dict[int, list[tuple[str, int]]], version: int, day: str) -> int:
    """The version an imported record's plan got here: of the export's plans with that number,
    the newest begun by ``day`` (else the first); a number no plan had stays as it was."""
    plans = versions.get(version)
    if not plans:
        return version
    begun = [here for began, here in plans if began <= day]
    return begun[-1] if begun else plans[0][1]


def _review_here(
    record: dict[str, Any], versions: dict[int, list[tuple[str, int]]]
) -> dict[str, Any]:
    """An imported review pointing at its plans' versions as numbered here."""
    day = str(record.get("week_ending") or record.get("date") or "")
    out = dict(record)
    for key in ("plan_version_before", "plan_version_after"):
        value = out.get(key)
        if isinstance(value, int):
            out[key] = _version_here(versions, value, day)
    return out


def _same_plan(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two plan documents describe the same plan if made at the same time with the same holds."""
    return bool(a["created"] == b["created"] and a["exercises"] == b["exercises"])


def _replace(session: SessionLog, **changes: Any) -> SessionLog:
    import dataclasses

    return dataclasses.replace(session, **changes)
