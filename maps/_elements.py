"""The map's custom folium elements: small MacroElements, each one call into the runtime.

Every element passes its data through ``tojson`` (which escapes ``<``, ``>``, ``&`` and
``'``, so article text cannot close the ``<script>``), and renders one call of a function
of :mod:`bordermap.maps._runtime`, which the first element to render puts into the
page's header. Layers subclass :class:`folium.map.Layer`, so folium's LayerControl lists
them; scripts and stylesheets come through ``JSCSSMixin.default_js/default_css``.
"""

from __future__ import annotations

from typing import Any

from branca.element import Element, Figure, MacroElement
from folium.elements import JSCSSMixin
from folium.map import Layer
from folium.template import Environment as _FoliumEnvironment
from folium.template import Template as _FoliumTemplate

from bordermap.maps._assets import MARKERCLUSTER_CSS, MARKERCLUSTER_JS
from bordermap.maps._runtime import RUNTIME_CSS, RUNTIME_JS

__all__ = ["BordersLayer", "CountryBasemap", "FitView", "IncidentLayer", "Legend", "PointsLayer", "TileFallback",
           "TimeFilter", "Title", "RUNTIME_NAME"]

RUNTIME_NAME = "bordermap_runtime"


class _Environment(_FoliumEnvironment):
    """folium's template environment with a compact ``tojson``.

    Jinja's ``tojson`` stays HTML-safe (``<``, ``>``, ``&``, ``'`` become ``\\u003c``...);
    it just drops the spaces and keeps non-ASCII text as it is, which makes a map of
    100,000 incidents markedly smaller.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.policies["json.dumps_kwargs"] = {"separators": (",", ":"), "ensure_ascii": False}


class Template(_FoliumTemplate):
    """A folium template rendered in :class:`_Environment`."""

    environment_class = _Environment


class _RuntimeMixin(MacroElement):
    """Puts bordermap's runtime (CSS and JS) into the page header, once."""

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        if isinstance(figure, Figure):
            figure.header.add_child(
                Element(f"<style>{RUNTIME_CSS}</style>\n<script>{RUNTIME_JS}</script>"), name=RUNTIME_NAME)
        super().render(**kwargs)


class CountryBasemap(_RuntimeMixin, Layer):
    """The offline basemap: country shapes (light fill, outlines) and their names.

    A base layer (a radio button in the layer control), drawn in its own pane below
    every overlay. `data` is a GeoJSON FeatureCollection whose properties are ``n``
    (name), ``f`` (a focus country: drawn lighter, always labelled) and ``lp`` (label
    point, ``[lat, lon]``).
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = bordermap.countries(
            {{ this._parent.get_name() }}, {{ this.data|tojson }}, {{ this.options|tojson }});
        {% endmacro %}
    """)

    def __init__(self, data: dict, *, name: str, attribution: str, show: bool = True) -> None:
        super().__init__(name=name, overlay=False, control=True, show=show)
        self._name = "CountryBasemap"
        self.data = data
        self.options = {"attribution": attribution}


class TileFallback(MacroElement):
    """Switches to the offline basemap when the online tiles fail to load."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        bordermap.tileFallback({{ this._parent.get_name() }},
            [{% for t in this.tiles %}{{ t.get_name() }}{{ "," if not loop.last }}{% endfor %}],
            {{ this.offline.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, tiles: list, offline: Layer) -> None:
        super().__init__()
        self._name = "TileFallback"
        self.tiles = tiles
        self.offline = offline


class BordersLayer(_RuntimeMixin, Layer):
    """Shared border lines with a white casing, a tooltip and a label (name and length).

    Feature properties: ``label`` ("Afghanistan–Pakistan border — 2,640 km"), ``alias``
    (e.g. "Durand Line" or None), ``focus`` (drawn solid and labelled on the map) and
    ``lp`` (the label's ``[lat, lon]`` or None).
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = bordermap.borders(
            {{ this._parent.get_name() }}, {{ this.data|tojson }}, {{ this.options|tojson }});
        {% endmacro %}
    """)

    def __init__(self, data: dict, *, name: str, attribution: str | None = None, show: bool = True) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "BordersLayer"
        self.data = data
        self.options = {"attribution": attribution}


class PointsLayer(_RuntimeMixin, Layer):
    """Named points (places mentioned, border crossings) with tooltips and optional labels.

    `rows` are ``[lat, lon, name, detail, labelled]``; `kind` names the CSS class of
    the labels (``"place"`` or ``"crossing"``); `svg` is the marker icon (a small dark
    dot when None).
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = bordermap.points(
            {{ this._parent.get_name() }}, {{ this.rows|tojson }}, {{ this.options|tojson }});
        {% endmacro %}
    """)

    def __init__(self, rows: list[list], *, name: str, kind: str, svg: str | None = None,
                 attribution: str | None = None, show: bool = True) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "PointsLayer"
        self.rows = rows
        self.options = {"kind": kind, "svg": svg, "attribution": attribution}


class IncidentLayer(JSCSSMixin, _RuntimeMixin, Layer):
    """Every incident as a clustered marker, created in the browser from compact data.

    One JSON document holds the incidents (rows of numbers and indices into one table of
    distinct strings); the browser makes the markers and adds them to one
    ``L.markerClusterGroup`` with ``chunkedLoading``, so 100,000 incidents cost one
    script, not 100,000 folium elements. Popups are built on click. The layer also
    feeds `heat` (a ``folium.plugins.HeatMap``) and obeys the legend and time filter.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = bordermap.incidents(
            {{ this._parent.get_name() }}, {{ this.data|tojson }}, {{ this.options|tojson }},
            {{ this.heat.get_name() if this.heat is not none else "null" }});
        {% endmacro %}
    """)

    default_js = [(MARKERCLUSTER_JS.name, MARKERCLUSTER_JS.url)]
    default_css = [(a.name, a.url) for a in MARKERCLUSTER_CSS]

    def __init__(self, data: dict, *, name: str, heat: Layer | None = None, attribution: str | None = None,
                 show: bool = True, cluster_radius: int = 45) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "IncidentLayer"
        self.data = data
        self.heat = heat
        self.options = {"attribution": attribution, "show": show, "clusterRadius": cluster_radius}


class Legend(_RuntimeMixin, MacroElement):
    """The legend: each category's icon, label and count (a check box shows or hides it),
    then the other symbols. Counts follow the time filter."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = bordermap.legend({{ this._parent.get_name() }},
            {{ this.layer.get_name() if this.layer is not none else "null" }}, {{ this.data|tojson }});
        {% endmacro %}
    """)

    def __init__(self, data: dict, *, layer: IncidentLayer | None) -> None:
        super().__init__()
        self._name = "Legend"
        self.data = data
        self.layer = layer


class TimeFilter(_RuntimeMixin, MacroElement):
    """Two date sliders (from, to) and an "include undated" box filtering the incidents.

    An incident is shown when its date range (its day, its week or its month, after its
    time precision) overlaps the chosen range.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = bordermap.timeFilter({{ this._parent.get_name() }},
            {{ this.layer.get_name() }}, {{ this.data|tojson }});
        {% endmacro %}
    """)

    def __init__(self, data: dict, *, layer: IncidentLayer) -> None:
        super().__init__()
        self._name = "TimeFilter"
        self.data = data
        self.layer = layer


class Title(_RuntimeMixin, MacroElement):
    """The title box at the top of the map (title and a line of figures)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        bordermap.title({{ this._parent.get_name() }}, {{ this.data|tojson }});
        {% endmacro %}
    """)

    def __init__(self, title: str, subtitle: str | None = None) -> None:
        super().__init__()
        self._name = "Title"
        self.data = {"title": title, "subtitle": subtitle}


class FitView(_RuntimeMixin, MacroElement):
    """Opens the map on `bounds` (``[[south, west], [north, east]]``) without animation.

    (folium's FitBounds animates from the initial view, which leaves a screenshot taken
    on load mid-zoom.)
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        bordermap.fitView({{ this._parent.get_name() }}, {{ this.bounds|tojson }}, {{ this.options|tojson }});
        {% endmacro %}
    """)

    def __init__(self, bounds: list[list[float]], *, padding_top_left: tuple[int, int] = (40, 90),
                 padding_bottom_right: tuple[int, int] = (60, 40), max_zoom: int = 8) -> None:
        super().__init__()
        self._name = "FitView"
        self.bounds = bounds
        self.options = {"paddingTopLeft": list(padding_top_left), "paddingBottomRight": list(padding_bottom_right),
                        "maxZoom": max_zoom}
