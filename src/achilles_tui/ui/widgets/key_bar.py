"""The key bar: the Footer's information at a fraction of its start-up cost.

Textual's Footer mounts a widget per key and recomposes on every binding
change, which nearly doubled our time to first screen. This renders the same
keys as text, wrapped at whole keys onto at most two lines, so no key is ever
cut in half. When even two lines are too few (80 columns), the least needed
keys are left out (they are all listed under `?`); `? Help` and `q Quit` are
always shown, except in a text field: there letters are typed, so the bar shows
the keys that still work, `esc` (leave the field), `ctrl+s` and `ctrl+q`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.binding import Binding
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Static

from achilles_tui.ui.widgets.text_field import takes_letters

MAX_LINES = 2
PINNED_KEYS = ("?", "q")
TEXT_FIELD_KEYS = ("enter", "escape", "ctrl+s", "ctrl+q")
"""The keys a text field leaves to the screen and the app (every letter is typed)."""
GAP = "  "

# Display ranks: a lower rank is left out first when the keys do not fit.
RANK_PALETTE = 0
RANK_LEARN = 1
RANK_DISABLED = 2
RANK_SECTION = 3
RANK_CHANGED = 4
RANK_SCREEN = 5


@dataclass(frozen=True)
class KeyItem:
    """One key as shown: its key, its label, and how much it is needed."""

    key: str
    label: str
    enabled: bool = True
    rank: int = RANK_SCREEN
    pinned: bool = False

    @property
    def width(self) -> int:
        return len(self.key) + 1 + len(self.label)


def _flow(items: Sequence[KeyItem], width: int) -> list[list[KeyItem]]:
    """Greedy line filling at whole keys; a line starts with one space."""
    lines: list[list[KeyItem]] = [[]]
    used = 1
    for item in items:
        need = item.width + (len(GAP) if lines[-1] else 0)
        if lines[-1] and used + need > width:
            lines.append([])
            used = 1
            need = item.width
        lines[-1].append(item)
        used += need
    return lines


def fit(items: Sequence[KeyItem], width: int, max_lines: int = MAX_LINES) -> list[list[KeyItem]]:
    """The keys laid out in at most ``max_lines`` lines of ``width`` columns.

    Keys that do not fit are left out, lowest rank first (the later of equal
    ranks first); pinned keys are never left out.
    """
    kept = list(items)
    while len(_flow(kept, width)) > max_lines:
        droppable = [i for i, item in enumerate(kept) if not item.pinned]
        if not droppable:
            break
        worst = min(droppable, key=lambda i: (kept[i].rank, -i))
        del kept[worst]
    return _flow(kept, width)


class KeyBar(Static):
    """Keys of the active screen (disabled ones dimmed), then the app's keys."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: auto;
        max-height: 2;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self._bindings_changed, self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self, _event: Resize) -> None:
        self._bindings_changed(self.screen)

    def items(self, screen: Screen[object]) -> list[KeyItem]:
        """What the screen offers, in display order, each with its rank."""
        if takes_letters(screen.focused):
            return self.text_field_items(screen)
        own: list[KeyItem] = []
        app_keys: list[KeyItem] = []
        tail: list[KeyItem] = []
        seen: set[str] = set()
        mode = getattr(self.app, "current_mode", "")
        for node, binding, enabled, _tooltip in screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            item = self._item(binding, enabled, node is self.app, mode)
            if item is None:
                continue
            if item.pinned or item.rank == RANK_PALETTE:
                tail.append(item)
            elif node is self.app:
                app_keys.append(item)
            else:
                own.append(item)
        # `?` and `q` end the bar; the palette just before them.
        tail.sort(key=lambda item: (item.pinned, item.key != "?"))
        return own + app_keys + tail

    def text_field_items(self, screen: Screen[object]) -> list[KeyItem]:
        """In a text field letters are typed: only the keys it leaves alone, which are Enter
        (where it is shown), Esc, ctrl+s (where it saves) and ctrl+q (quit, from anywhere)."""
        items: list[KeyItem] = []
        active = screen.active_bindings
        for key in TEXT_FIELD_KEYS:
            if key == "ctrl+q":
                items.append(KeyItem("ctrl+q", "Quit", pinned=True))
                continue
            found = active.get(key)
            if found is not None and found.binding.show:
                shown = {"escape": "esc", "enter": "⏎"}.get(key, key)
                items.append(KeyItem(shown, found.binding.description, found.enabled, pinned=True))
        return items

    def _item(self, binding: Binding, enabled: bool, is_app: bool, mode: str) -> KeyItem | None:
        key = self.app.get_key_display(binding)
        action = binding.action
        if action in ("app.command_palette", "command_palette"):
            return KeyItem(key, "palette", enabled, RANK_PALETTE)
        if is_app and action == f"show_section('{mode}')":
            return None  # the section already showing
        if key in PINNED_KEYS:
            # `?` and `q` stay in sight whatever they mean here (in the timer q ends early).
            return KeyItem(key, binding.description, enabled, pinned=True)
        if is_app and action.startswith("show_section"):
            rank = RANK_SECTION
        elif is_app and action == "learn":
            rank = RANK_LEARN
        elif is_app:
            rank = RANK_CHANGED
        else:
            rank = RANK_SCREEN if enabled else RANK_DISABLED
        return KeyItem(key, binding.description, enabled, rank)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        """Re-render when the screen's bindings (or their enabled state) change."""
        if screen is not self.screen:
            return
        width = self.size.width or self.app.size.width
        lines = fit(self.items(screen), width)
        self.update("\n".join(" " + GAP.join(_markup(i) for i in line) for line in lines))


def _markup(item: KeyItem) -> str:
    key, label = _escape(item.key), _escape(item.label)
    if item.enabled:
        return f"[b $footer-key-foreground]{key}[/] {label}"
    return f"[dim]{key} {label}[/]"


def _escape(text: str) -> str:
    """Every `[` literal (Textual's escape leaves a lone bracket, which then eats a tag)."""
    return text.replace("\\[", "[").replace("[", "\\[")
