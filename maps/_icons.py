"""Category styles of the map: colour, label and an inline-SVG icon per incident category.

The icons are small hand-drawn SVGs (no icon font, no image file), so a map needs
nothing but its own HTML to draw them. The shape says the group: circles for political
violence, rounded squares for strategic developments (ceasefires, agreements, talks),
diamonds for the rest; the colour and the white glyph tell the categories apart.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CategoryStyle", "CATEGORY_STYLES", "category_style", "category_svg", "crossing_svg"]


@dataclass(frozen=True, slots=True)
class CategoryStyle:
    """How one incident category is drawn."""

    key: str
    label: str
    color: str
    shape: str  # "circle", "square" or "diamond"
    glyph: str  # SVG elements drawn in white on the 24x24 canvas


_W = 'fill="#fff"'
_S = 'fill="none" stroke="#fff" stroke-linecap="round" stroke-linejoin="round"'

CATEGORY_STYLES: dict[str, CategoryStyle] = {s.key: s for s in (
    CategoryStyle("airstrike", "Airstrike", "#d7191c", "circle",
                  f'<path {_W} d="M12 4.2c.7 0 1.1.6 1.1 1.3v4.2l5.6 3.3v1.6l-5.6-1.8v3.4l1.7 1.3v1.2L12 18'
                  'l-2.8.7v-1.2l1.7-1.3v-3.4l-5.6 1.8v-1.6l5.6-3.3V5.5c0-.7.4-1.3 1.1-1.3z"/>'),
    CategoryStyle("shelling", "Shelling / artillery", "#f46d43", "circle",
                  f'<path {_W} d="M12 4.5c1.7 1.4 2.6 3.2 2.6 5.4v5.6H9.4V9.9c0-2.2.9-4 2.6-5.4z"/>'
                  f'<rect {_W} x="9" y="16.4" width="6" height="2.4" rx=".5"/>'),
    CategoryStyle("armed_clash", "Armed clash", "#8b1a1a", "circle",
                  f'<path {_S} stroke-width="2.2" d="M7 7l10 10M17 7L7 17"/>'
                  f'<path {_S} stroke-width="2" d="M6 14.5l3.5 3.5M18 14.5L14.5 18"/>'),
    CategoryStyle("attack", "Attack", "#c2187a", "circle",
                  f'<circle {_S} stroke-width="1.8" cx="12" cy="12" r="4.6"/>'
                  f'<path {_S} stroke-width="1.8" d="M12 4.5v3.2M12 16.3v3.2M4.5 12h3.2M16.3 12h3.2"/>'),
    CategoryStyle("explosion", "Explosion / IED", "#e08e0b", "circle",
                  f'<path {_W} d="M12 4l1.6 4.3 4.1-2-1.9 4.2 4.2 1.5-4.2 1.5 1.9 4.2-4.1-2L12 20l-1.6-4.3'
                  '-4.1 2 1.9-4.2L4 12l4.2-1.5-1.9-4.2 4.1 2z"/>'),
    CategoryStyle("ceasefire", "Ceasefire", "#1a9850", "square",
                  f'<path {_S} stroke-width="1.8" d="M8 5v14"/>'
                  f'<path {_W} d="M8.8 5.4h8.4l-2.2 3.1 2.2 3.1H8.8z"/>'),
    CategoryStyle("agreement", "Agreement", "#00796b", "square",
                  f'<path {_S} stroke-width="2.4" d="M6.5 12.5l3.6 3.6L17.5 8.5"/>'),
    CategoryStyle("talks", "Talks / negotiations", "#2166ac", "square",
                  f'<path {_W} d="M5.5 6.5h13a1.5 1.5 0 0 1 1.5 1.5v6.5a1.5 1.5 0 0 1-1.5 1.5H11l-3.6 2.8V16H5.5'
                  'A1.5 1.5 0 0 1 4 14.5V8a1.5 1.5 0 0 1 1.5-1.5z"/>'
                  '<circle fill="#2166ac" cx="8.5" cy="11.2" r="1.1"/>'
                  '<circle fill="#2166ac" cx="12" cy="11.2" r="1.1"/>'
                  '<circle fill="#2166ac" cx="15.5" cy="11.2" r="1.1"/>'),
    CategoryStyle("border_closure", "Border closure", "#6a3d9a", "diamond",
                  f'<circle {_S} stroke-width="1.8" cx="12" cy="12" r="5"/>'
                  f'<rect {_W} x="8.6" y="11" width="6.8" height="2" rx=".4"/>'),
    CategoryStyle("protest", "Protest", "#b8860b", "diamond",
                  f'<path {_W} d="M7.2 10.4h1.6l6-3v9.2l-6-3H7.2z"/>'
                  f'<path {_S} stroke-width="1.4" d="M9 13.8l.9 3M16.6 10.2c.8.9.8 2.7 0 3.6"/>'),
    CategoryStyle("arrest", "Arrest / detention", "#455a64", "diamond",
                  f'<rect {_W} x="8" y="11.2" width="8" height="6" rx="1"/>'
                  f'<path {_S} stroke-width="1.7" d="M9.8 11.2V9.4a2.2 2.2 0 0 1 4.4 0v1.8"/>'),
    CategoryStyle("other", "Other", "#7f7f7f", "diamond",
                  f'<rect {_W} x="11" y="7" width="2" height="6.4" rx=".6"/>'
                  f'<circle {_W} cx="12" cy="16.2" r="1.2"/>'),
)}

_SHAPES = {
    "circle": '<circle cx="12" cy="12" r="10.6" fill="{c}" stroke="#fff" stroke-width="1.4"/>',
    "square": '<rect x="1.6" y="1.6" width="20.8" height="20.8" rx="5" fill="{c}" stroke="#fff" stroke-width="1.4"/>',
    "diamond": '<path d="M12 .9L23.1 12 12 23.1 .9 12z" fill="{c}" stroke="#fff" stroke-width="1.4"'
               ' stroke-linejoin="round"/>',
}


def category_style(category: object) -> CategoryStyle:
    """The style of `category`; unknown or missing categories are drawn as ``"other"``."""
    return CATEGORY_STYLES.get(category if isinstance(category, str) else "", CATEGORY_STYLES["other"])


def category_svg(category: str, *, size: int = 26) -> str:
    """The inline SVG icon of `category`, `size` pixels square.

    Examples
    --------
    >>> category_svg("airstrike").startswith("<svg")
    True
    """
    s = category_style(category)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="bm-svg bm-cat-{s.key}" width="{size}" '
            f'height="{size}" viewBox="0 0 24 24" aria-hidden="true">'
            f'{_SHAPES[s.shape].format(c=s.color)}{s.glyph}</svg>')


def crossing_svg(*, size: int = 15) -> str:
    """The inline SVG icon of a border crossing: a gate on a dark square."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="bm-svg bm-crossing" width="{size}" height="{size}" '
            'viewBox="0 0 24 24" aria-hidden="true">'
            '<rect x="1.5" y="1.5" width="21" height="21" rx="3" fill="#263238" stroke="#fff" stroke-width="1.6"/>'
            f'<path {_S} stroke-width="2" d="M7 7v10M17 7v10"/>'
            '<path fill="none" stroke="#ffca28" stroke-width="2.4" d="M7 10.5h10"/></svg>')
