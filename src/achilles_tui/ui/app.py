"""The Textual app: sections as modes, global keys, theme, and the open history.

``create_app`` builds the app without running it, so tests and benchmarks can
drive it headless. Section screens are imported only when first opened, which
keeps start-up close to a bare Textual app.
"""

from __future__ import annotations

import datetime as dt
import importlib
import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import Theme

from achilles_tui.domain.models import Settings
from achilles_tui.storage.database import HistoryStore, newest_backup
from achilles_tui.storage.errors import (
    CorruptDatabase,
    HistoryLocked,
    StorageError,
    damaged_file_advice,
)
from achilles_tui.storage.locations import resolve_data_dir
from achilles_tui.storage.repository import Repository
from achilles_tui.ui.key_order import KeyOrder, KeyPassed
from achilles_tui.ui.sections import SECTION_BY_MODE, SECTIONS

if TYPE_CHECKING:
    from achilles_tui.ui.session_sound import PlayerFactory

Clock = Callable[[], dt.datetime]
WARM_HISTORY_AFTER = 1.5  # seconds after Today is shown
DEMO_LABEL = "DEMO: sample history, deleted on exit"


def _section_factory(mode: str) -> Callable[[], Screen[Any]]:
    """A MODES entry that imports the section's module on first use."""

    def build() -> Screen[Any]:
        raise RuntimeError("sections are built by AchillesApp with its repository")

    build.__qualname__ = f"section:{mode}"
    return build


class AchillesApp(App[None]):
    """achilles-tui: Today, Assessment, Session, Diary, History and Progress."""

    TITLE = "achilles-tui"
    CSS_PATH = "styles/app.tcss"
    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = {
        section.mode: _section_factory(section.mode) for section in SECTIONS
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(s.key, f"show_section('{s.mode}')", s.title, key_display=s.key)
            for s in SECTIONS
        ),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("exclamation_mark", "something_changed", "Changed?", key_display="!"),
        Binding("f2", "learn", "Learn"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        data_dir: Path,
        *,
        clock: Clock | None = None,
        monotonic: Callable[[], float] | None = None,
        lock_timeout: float = 0.5,
        demo: bool = False,
    ) -> None:
        super().__init__()
        self.data_dir = data_dir
        # A demo history must never pass for the user's own: say so on every screen.
        self.demo = demo
        if demo:
            self.sub_title = DEMO_LABEL
        self.clock: Clock = clock or (lambda: dt.datetime.now().replace(microsecond=0))
        # The session countdown reads this; a wall-clock jump never moves it.
        self.monotonic: Callable[[], float] = monotonic or time.monotonic
        # The session's speakers; tests hand in a recording fake. None: the real device.
        self.cue_player_factory: PlayerFactory | None = None
        # "No sound device" is said once per run, not at every session.
        self.sound_notice_given = False
        self.store = HistoryStore(data_dir, lock_timeout=lock_timeout)
        self.repo: Repository | None = None
        self.settings = Settings()
        self.startup_error: StorageError | None = None
        # An exception nothing handled: the app ends, and cli.run_tui logs it and exits 1.
        self.crash: BaseException | None = None
        self._modes = {
            section.mode: partial(self._build_section, section.mode) for section in SECTIONS
        }
        self._key_order = KeyOrder(self, self._hand_over_key)

    # keys --------------------------------------------------------------------
    async def on_event(self, event: events.Event) -> None:
        """A key typed ahead waits until the keys before it are dealt with, then goes to
        whatever has focus by then ("1", Tab, "2" puts the 2 in the next field)."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self._key_order.busy:
                self._key_order.hold(event)
            else:
                await self._hand_over_key(event)
            return
        await super().on_event(event)

    async def _hand_over_key(self, key: events.Key) -> None:
        """Textual's own handling (priority bindings, else the focused widget), followed."""
        await super().on_event(key)
        if key.is_forwarded:
            self._key_order.sent(self.focused or self.screen)

    async def on_key_passed(self, message: KeyPassed) -> None:
        """A key has been dealt with: the next one may go."""
        await self._key_order.passed(message)

    def _handle_exception(self, error: Exception) -> None:
        """Last resort: end the app with exit code 1, its traceback kept for the crash log
        (cli.run_tui names the file) rather than printed over the terminal."""
        self.crash = error
        self._return_code = 1
        if self._exception is None:  # Pilot re-raises it in tests
            self._exception = error
            self._exception_event.set()
        self._close_messages_no_wait()

    def action_command_palette(self) -> None:
        """Textual's palette, guarded against a second Enter while it closes (ui/palette.py)."""
        from achilles_tui.ui.palette import SafeCommandPalette

        if self.use_command_palette and not SafeCommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(SafeCommandPalette(id="--command-palette"))

    # time --------------------------------------------------------------------
    def now(self) -> dt.datetime:
        """Wall-clock time from the injected clock (frozen in snapshot tests)."""
        return self.clock()

    def today(self) -> dt.date:
        """The date entries are filed under."""
        return self.clock().date()

    # start-up ------------------------------------------------------------------
    def on_mount(self) -> None:
        """Open the history once; any problem becomes a clear screen, not a traceback."""
        try:
            self.store.open(today=self.today())
            self.repo = Repository(self.store)
            self.settings = self.repo.settings()
        except StorageError as exc:
            self.startup_error = exc
            self._show_error(exc)
            return
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.switch_mode("today")
        self.set_timer(WARM_HISTORY_AFTER, self._warm_history)

    def _warm_history(self) -> None:
        """Build History (the heaviest section) in idle time, so opening it is quick.

        Today is already on screen by then; the section's CSS and widgets are set up
        once, in the background, instead of when the user presses `h`.
        """
        if self.repo is None or self.current_mode == "history":
            return
        if self._exit or not self._running:  # shutting down: a new screen stack would race it
            return
        if "history" not in self._screen_stacks:
            self._init_mode("history")

    def _show_error(self, exc: StorageError) -> None:
        from achilles_tui.ui.screens.error import ErrorScreen

        if isinstance(exc, CorruptDatabase):
            advice = "Your file was not changed. " + damaged_file_advice(
                newest_backup(self.data_dir)
            )
        elif isinstance(exc, HistoryLocked):
            advice = "Only one achilles-tui can write to a history at a time."
        else:
            advice = "Nothing was changed. Check the folder's permissions and free space."
        self.push_screen(ErrorScreen(str(exc), advice + " Press q to quit."))

    def accept_disclaimer(self) -> None:
        """The user has read the first-run note (clinical.md §F3); remember it."""
        self.save_settings(disclaimer_accepted=True)

    def on_unmount(self) -> None:
        """Release the single-writer lock."""
        self.store.close()

    # sections ----------------------------------------------------------------
    def _build_section(self, mode: str) -> Screen[Any]:
        """Import a section's module on first use and hand it the repository."""
        section = SECTION_BY_MODE[mode]
        module = importlib.import_module(f"achilles_tui.ui.screens.{section.module}")
        screen_class = getattr(module, section.screen_class)
        screen: Screen[Any] = screen_class(self.repo)
        return screen

    def action_show_section(self, mode: str) -> None:
        """Switch to a section (each keeps its own screen stack)."""
        if self.repo is None:
            self.bell()
            return
        if not self.settings.disclaimer_accepted and mode != "today":
            self.bell()
            self.notify("Please read the note on Today and press Enter to confirm first.")
            return
        self.switch_mode(mode)

    def action_help(self) -> None:
        """Help for whichever section is showing."""
        from achilles_tui.ui.help_text import help_markdown
        from achilles_tui.ui.screens.help import HelpScreen

        mode = self.current_mode if self.current_mode in SECTION_BY_MODE else "today"
        self.push_screen(HelpScreen(help_markdown(mode, str(self.store.path))))

    def action_learn(self, topic: str = "positions") -> None:
        """Short explanations of positions, dose, the 24-hour rule, warning signs, next steps."""
        from achilles_tui.ui.screens.learn import LearnScreen

        self.push_screen(LearnScreen(topic))

    def action_heel_raise_test(self) -> None:
        """The guided heel-raise test from the command palette (it is not a section)."""
        if self.repo is None or not self.settings.disclaimer_accepted:
            self.bell()
            return
        from achilles_tui.ui.screens.base import SectionScreen
        from achilles_tui.ui.screens.heel_raise_test import open_heel_raise_test

        def refresh(_test: object) -> None:
            if isinstance(self.screen, SectionScreen):
                self.screen.refresh_data()

        open_heel_raise_test(self, self.repo, refresh)

    def action_something_changed(self) -> None:
        """Re-ask the §F1 warning signs from any section; a blocking sign pauses the plan."""
        if self.repo is None or not self.settings.disclaimer_accepted:
            self.bell()
            return
        from achilles_tui.ui.screens.base import SectionScreen
        from achilles_tui.ui.screens.red_flags_check import open_red_flags_check

        def refresh(_flags: object) -> None:
            if isinstance(self.screen, SectionScreen):
                self.screen.refresh_data()

        open_red_flags_check(self, refresh)

    async def action_quit(self) -> None:
        """Quit (q, ctrl+q, the palette); ask first if any section or form holds unsaved typing.

        Every section keeps its own screen stack, so a diary typed in and left for Today
        still counts.
        """
        from achilles_tui.ui.screens.confirm import QuitModal, unsaved_inputs

        if isinstance(self.screen, QuitModal):
            return
        screens = [*reversed(self.screen_stack)]
        for stack in self._screen_stacks.values():
            screens += reversed(stack)
        unsaved = unsaved_inputs(screens)
        if not unsaved:
            self.exit()
            return

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        self.push_screen(QuitModal(unsaved), answered)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every section and help in the command palette, beside Textual's own."""
        for section in SECTIONS:
            yield SystemCommand(
                f"Go to {section.title}",
                f"{section.summary} (key {section.key})",
                partial(self.action_show_section, section.mode),
            )
        yield SystemCommand("Help", "help for this section (key ?)", self.action_help)
        from achilles_tui.ui.learn_text import LEARN_TOPICS

        for key, (title, _text) in LEARN_TOPICS.items():
            yield SystemCommand(
                f"Learn: {title}", "why the plan is as it is (F2)", partial(self.action_learn, key)
            )
        yield SystemCommand(
            "Heel-raise test",
            "guided, with beeps: calf endurance on each side (key g in Progress)",
            self.action_heel_raise_test,
        )
        yield SystemCommand(
            "Something changed?",
            "re-check the warning signs (key !)",
            self.action_something_changed,
        )
        yield from self._sound_commands()
        yield from super().get_system_commands(screen)

    def _sound_commands(self) -> Iterable[SystemCommand]:
        """How the session timer sounds and how big its countdown is, from anywhere."""
        from achilles_tui.domain.models import SOUND_MODES, VOLUME_STEPS
        from achilles_tui.ui.session_sound import SOUND_WORDS

        for mode in SOUND_MODES:
            yield SystemCommand(
                f"Sound: {SOUND_WORDS[mode]}",
                "how the session timer sounds (key m in Session)",
                partial(self._session_setting, "set_sound", "sound", mode),
            )
        for volume in VOLUME_STEPS:
            yield SystemCommand(
                f"Sound volume: {volume}%",
                "for spoken cues and tones (key v in Session)",
                partial(self._session_setting, "set_volume", "volume", volume),
            )
        for far, words in (("on", "always"), ("off", "never"), ("auto", "when big enough")):
            yield SystemCommand(
                f"Far view: {words}",
                "the default for every session: the big countdown (f switches one session)",
                partial(self._session_setting, "set_far_mode", "far_mode", far),
            )

    def _session_setting(self, method: str, name: str, value: object) -> None:
        """Change a session setting through the Session screen if it is open, else just save."""
        stack = self._screen_stacks.get("session") or []
        handler = getattr(stack[0], method, None) if stack else None
        if handler is not None:
            handler(value)
        else:
            self.save_settings(**{name: value})
            words = {"sound": "Sound", "volume": "Volume", "far_mode": "Far view"}[name]
            shown = f"{value}%" if name == "volume" else str(value)
            self.notify(f"{words}: {shown}. Used from the next session on.")

    # settings ----------------------------------------------------------------
    def save_settings(self, **changes: Any) -> None:
        """Persist a preference change; a failed save is reported, not fatal."""
        import dataclasses

        self.settings = dataclasses.replace(self.settings, **changes)
        if self.repo is None:
            return
        try:
            self.repo.save_settings(self.settings)
        except StorageError as exc:
            self.notify(str(exc), title="Not saved", severity="error")

    def _remember_theme(self, theme: Theme) -> None:
        if theme.name != self.settings.theme:
            self.save_settings(theme=theme.name)


def create_app(
    data_dir: str | Path | None = None,
    *,
    clock: Clock | None = None,
    monotonic: Callable[[], float] | None = None,
    lock_timeout: float = 0.5,
    demo: bool = False,
) -> AchillesApp:
    """Build the app for a data folder (default: the platform's user data dir)."""
    return AchillesApp(
        resolve_data_dir(data_dir),
        clock=clock,
        monotonic=monotonic,
        lock_timeout=lock_timeout,
        demo=demo,
    )
