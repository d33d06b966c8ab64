"""A one-line key bar: the Footer's information at a fraction of its start-up cost.

Textual's Footer mounts a widget per key and recomposes on every binding
change, which nearly doubled our time to first screen. This renders the same
keys as one line of text.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Static


class KeyBar(Static):
    """Keys of the active screen (disabled ones dimmed) and the palette key."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self._bindings_changed, self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        """Re-render when the screen's bindings (or their enabled state) change."""
        if screen is not self.screen:
            return
        parts: list[str] = []
        seen: set[str] = set()
        palette = None
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            if binding.action in ("app.command_palette", "command_palette"):
                palette = binding
                continue
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            key = _escape(self.app.get_key_display(binding))
            label = _escape(binding.description)
            if enabled:
                parts.append(f"[b $footer-key-foreground]{key}[/] {label}")
            else:
                parts.append(f"[dim]{key} {label}[/]")
        if palette is not None:
            parts.append(
                f"[b $footer-key-foreground]{_escape(self.app.get_key_display(palette))}[/] palette"
            )
        text = " " + "  ".join(parts)
        self.update(text)


def _escape(text: str) -> str:
    """Every `[` literal (Textual's escape leaves a lone bracket, which then eats a tag)."""
    return text.replace("\\[", "[").replace("[", "\\[")
