"""The physio report from the app (Progress and History, key w, or the palette).

The one-page HTML report is built off the UI thread from a snapshot of the history, written
privately (0600) and its path shown, with an offer to open it in the browser. Under `serve`
the app runs in a browser already, so the page arrives there as a download instead and no
file is left on the server.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from achilles_tui.ui.screens.base import SectionScreen

KEY = "w"
TITLE = "Report for your physio"
HELP = "one printable page with charts, as HTML (key w in Progress and History)"


def report_name(made: str) -> str:
    """'achilles-report-2026-12-06.html'."""
    return f"achilles-report-{made}.html"


def report_folder(data_dir: Path) -> Path:
    """The person's Downloads folder when there is one, else the history's own folder."""
    try:
        from platformdirs import user_downloads_path

        downloads = user_downloads_path()
    except Exception:  # a desktop without the folder set up, or an odd platform
        return data_dir
    return downloads if downloads.is_dir() else data_dir


def build_html(data_dir: Path, folder: Path | None, now_iso: str) -> tuple[str, Path | None]:
    """Read the history, build the page and (outside `serve`) write it; runs in a thread."""
    import datetime as dt

    from achilles_tui.care.status import physio_report
    from achilles_tui.domain.report_model import DEFAULT_WEEKS
    from achilles_tui.reports.html import render_html
    from achilles_tui.storage.private_files import write_private_text
    from achilles_tui.storage.repository import ReadOnlyRepository

    now = dt.datetime.fromisoformat(now_iso)
    html = render_html(physio_report(ReadOnlyRepository(data_dir), now, DEFAULT_WEEKS))
    if folder is None:
        return html, None
    path = folder / report_name(now.date().isoformat())
    write_private_text(path, html)
    return html, path


@work(thread=True, exclusive=True, group="physio-report")
def write_report(screen: SectionScreen) -> None:
    """The report for the screen's history: a private file and its path, or a download."""
    app = screen.app
    web = app.is_web
    data_dir = screen.repo.data_dir
    folder = None if web else report_folder(data_dir)
    now = screen.achilles.now()
    try:
        html, path = build_html(data_dir, folder, now.isoformat())
    except Exception as exc:  # a storage or write failure: one line, the app goes on
        app.call_from_thread(app.notify, str(exc), title=TITLE, severity="error", timeout=10)
        return
    if path is None:
        app.call_from_thread(
            app.deliver_text,
            io.StringIO(html),
            save_filename=report_name(now.date().isoformat()),
            mime_type="text/html",
        )
        app.call_from_thread(app.notify, "Sent to your browser as a download.", title=TITLE)
        return
    app.call_from_thread(offer_to_open, screen, path)


def offer_to_open(screen: SectionScreen, path: Path) -> None:
    """Say where the page is, and open it in the browser if the person wants."""
    from achilles_tui.ui.screens.confirm import ConfirmModal

    def answered(open_it: bool | None) -> None:
        if open_it:
            import webbrowser

            try:
                opened = webbrowser.open(path.as_uri())
            except Exception:  # webbrowser.Error, or a browser that fails to start
                opened = False
            if not opened:
                screen.notify(f"No browser could be started; open {path} yourself.", title=TITLE)

    screen.notify(f"Written to {path} (readable by you only).", title=TITLE, timeout=10)
    screen.app.push_screen(
        ConfirmModal(
            f"The report for your physio is in\n{path}\n\n"
            "Open it in your browser to read or print?",
            yes="Open",
            no="Not now",
        ),
        answered,
    )


class ReportCommands(Provider):
    """The palette entry "Report for your physio" on the screens that offer it."""

    async def discover(self) -> Hits:
        """Listed when the palette opens."""
        yield DiscoveryHit(TITLE, self._run, help=HELP)

    async def search(self, query: str) -> Hits:
        """Found by any words of its title."""
        matcher = self.matcher(query)
        score = matcher.match(TITLE)
        if score > 0:
            yield Hit(score, matcher.highlight(TITLE), self._run, help=HELP)

    def _run(self) -> None:
        """Run the screen's report action."""
        screen = self.screen
        action = getattr(screen, "action_physio_report", None)
        if action is not None:
            action()
