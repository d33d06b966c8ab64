"""A small SVG writer for the report's charts: text kept as text, fixed ids, nothing fetched.

Why not a chart library: pygal (the candidate) writes a render date, random ids and links to
its web site into every chart, draws every point as a circle (no marker shapes), has no
reference line or dated marker on a time axis, and adds kilobytes of hover CSS per chart.
Cleaning that up after it would be more code than these few shapes, and less predictable.

Every number is written with one decimal, so the same history gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

# Okabe-Ito: told apart by people with any common colour-vision deficiency.
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
GREEN = "#009E73"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
GREY = "#6B6B6B"
LIGHT = "#D9D9D9"

FONT_PX = 11  # 8.25 pt: the smallest text on the printed page (charts are never scaled down)
SMALL_PX = 11


def n(value: float) -> str:
    """A coordinate with one decimal and no '-0'."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _attrs(attrs: dict[str, object]) -> str:
    """Attributes in the order given; names with '_' become '-' (stroke_width)."""
    return "".join(
        f" {name.rstrip('_').replace('_', '-')}={quoteattr(str(value))}"
        for name, value in attrs.items()
        if value is not None
    )


@dataclass
class Canvas:
    """The elements of one chart, drawn in order; ``svg()`` wraps them with a title and desc."""

    ident: str
    width: int
    height: int
    parts: list[str] = field(default_factory=list)

    def add(self, tag: str, content: str | None = None, /, **attrs: object) -> None:
        """One element; ``content`` is escaped."""
        if content is None:
            self.parts.append(f"<{tag}{_attrs(attrs)}/>")
        else:
            self.parts.append(f"<{tag}{_attrs(attrs)}>{escape(content)}</{tag}>")

    def line(self, x1: float, y1: float, x2: float, y2: float, **attrs: object) -> None:
        """A straight line."""
        self.add("line", x1=n(x1), y1=n(y1), x2=n(x2), y2=n(y2), **attrs)

    def rect(self, x: float, y: float, w: float, h: float, **attrs: object) -> None:
        """A rectangle (a bar, a band)."""
        self.add("rect", x=n(x), y=n(y), width=n(max(w, 0.0)), height=n(max(h, 0.0)), **attrs)

    def text(self, x: float, y: float, words: str, **attrs: object) -> None:
        """Text printed on the chart (hover text does not print)."""
        attrs.setdefault("font_size", FONT_PX)
        self.add("text", words, x=n(x), y=n(y), **attrs)

    def polyline(self, points: Sequence[tuple[float, float]], **attrs: object) -> None:
        """Connected points; a single point draws nothing (its marker shows it)."""
        if len(points) > 1:
            coords = " ".join(f"{n(x)},{n(y)}" for x, y in points)
            self.add("polyline", points=coords, fill="none", **attrs)

    def marker(self, shape: str, x: float, y: float, colour: str, size: float = 3.0) -> None:
        """A point marker; the shape, not only the colour, says which series it is."""
        if shape == "circle":
            self.add("circle", cx=n(x), cy=n(y), r=n(size), fill=colour, stroke=colour)
        elif shape == "ring":
            self.add(
                "circle",
                cx=n(x),
                cy=n(y),
                r=n(size),
                fill="#FFFFFF",
                stroke=colour,
                stroke_width=1.2,
            )
        elif shape == "square":
            self.rect(x - size, y - size, 2 * size, 2 * size, fill=colour)
        elif shape == "triangle":
            d = f"M{n(x)} {n(y - size * 1.2)}L{n(x + size * 1.1)} {n(y + size)}"
            d += f"L{n(x - size * 1.1)} {n(y + size)}Z"
            self.add("path", d=d, fill=colour)
        elif shape == "diamond":
            d = f"M{n(x)} {n(y - size * 1.3)}L{n(x + size * 1.1)} {n(y)}"
            d += f"L{n(x)} {n(y + size * 1.3)}L{n(x - size * 1.1)} {n(y)}Z"
            self.add("path", d=d, fill=colour)
        elif shape == "cross":
            s = size * 1.3
            d = f"M{n(x - s)} {n(y - s)}L{n(x + s)} {n(y + s)}"
            d += f"M{n(x - s)} {n(y + s)}L{n(x + s)} {n(y - s)}"
            self.add("path", d=d, stroke=colour, stroke_width=2.2, fill="none")
        else:
            raise ValueError(f"unknown marker {shape!r}")

    def svg(self, title: str, description: str) -> str:
        """The chart as inline SVG: ``role="img"`` named by its title and described by desc."""
        head = (
            f'<svg id="{self.ident}" class="chart" role="img" '
            f'aria-labelledby="{self.ident}-title {self.ident}-desc" '
            f'width="{self.width}" height="{self.height}" '
            f'viewBox="0 0 {self.width} {self.height}" font-family="sans-serif">'
        )
        return (
            head
            + f'<title id="{self.ident}-title">{escape(title)}</title>'
            + f'<desc id="{self.ident}-desc">{escape(description)}</desc>'
            + "".join(self.parts)
            + "</svg>"
        )


def hatch_pattern(ident: str, colour: str) -> str:
    """A diagonal hatch to fill a bar with, so it differs from a plain one in grey print too."""
    return (
        f'<defs><pattern id="{ident}" width="5" height="5" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="5" height="5" fill="#FFFFFF"/>'
        f'<line x1="0" y1="0" x2="0" y2="5" stroke="{colour}" stroke-width="2.2"/>'
        "</pattern></defs>"
    )
