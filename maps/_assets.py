"""Scripts and stylesheets of the map: CDN links, and their copies in pip packages.

A normal map links Leaflet and its plugins from a CDN, as folium does. A self-contained
map (:func:`inline_assets`) replaces every such link by the file's content, read from an
installed Python package:

* Leaflet 1.9.3 (the version folium 0.20 links) from ``XStatic-Leaflet``; the images its
  stylesheet refers to become ``data:`` URIs;
* Leaflet.markercluster 1.4.1 from ``XStatic-Leaflet-MarkerCluster``;
* Leaflet.heat from the copy folium itself ships in ``folium/templates``.

* jQuery 3.7.1 (the version folium 0.20 links) from ``XStatic-jQuery``: bordermap's own
  elements do not need it, but folium's ``Popup`` does, so a caller can add folium
  markers with popups to a returned map.

bordermap's maps do not use Bootstrap, Font Awesome or leaflet.awesome-markers
(folium's other defaults): their icons are inline SVG and their controls plain Leaflet. A
self-contained map that still links an asset with no packaged copy (e.g. a folium
plugin added by the caller) is refused with a :class:`BordermapError` naming it.
"""

from __future__ import annotations

import base64
import functools
import importlib
import re
from dataclasses import dataclass
from pathlib import Path

from bordermap.geo._errors import BordermapError

__all__ = ["Asset", "ASSETS", "JQUERY_JS", "LEAFLET_JS", "LEAFLET_CSS", "MARKERCLUSTER_JS", "MARKERCLUSTER_CSS",
           "inline_assets", "remote_assets"]


@dataclass(frozen=True, slots=True)
class Asset:
    """A script or stylesheet: its CDN address and where a pip package holds a copy."""

    name: str
    url: str
    package: str  # importable module holding the file, e.g. "xstatic.pkg.leaflet"
    path: str  # the file relative to the module's data directory
    pip: str  # the distribution to install, for error messages

    def read(self) -> str:
        """The file's text, with ``url(...)`` images of stylesheets made ``data:`` URIs."""
        return _read(self.package, self.path)


def _data_dir(package: str) -> Path:
    mod = importlib.import_module(package)
    base = getattr(mod, "BASE_DIR", None)  # XStatic packages say where their files are
    return Path(base) if base else Path(mod.__file__).resolve().parent


@functools.cache
def _read(package: str, path: str) -> str:
    try:
        file = _data_dir(package) / path
        text = file.read_text(encoding="utf-8")
    except (ImportError, OSError) as exc:
        msg = (f"Cannot read {path!r} from the Python package {package!r} ({exc}); "
               "reinstall bordermap's dependencies (`pip install bordermap`).")
        raise BordermapError(msg) from exc
    if path.endswith(".css"):
        text = _css_images_inline(text, file.parent)
    # A source-map comment would make developer tools fetch the map file: drop it.
    return re.sub(r"^[ \t]*//[#@] sourceMappingURL=.*$|/\*[#@] sourceMappingURL=[^*]*\*/", "", text, flags=re.MULTILINE)


_CSS_URL = re.compile(r"url\((['\"]?)(?!data:|https?:|#)([^'\")]+)\1\)")
_MIME = {".png": "image/png", ".svg": "image/svg+xml", ".gif": "image/gif", ".jpg": "image/jpeg"}


def _css_images_inline(css: str, folder: Path) -> str:
    def repl(m: re.Match[str]) -> str:
        file = folder / m.group(2)
        mime = _MIME.get(file.suffix.lower())
        if mime is None or not file.is_file():
            return m.group(0)
        return f'url("data:{mime};base64,{base64.b64encode(file.read_bytes()).decode()}")'

    return _CSS_URL.sub(repl, css)


_LEAFLET = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/"
_CLUSTER = "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.4.1/dist/"
_FOLIUM_CLUSTER = "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/"
_X_LEAFLET, _X_CLUSTER = "XStatic-Leaflet", "XStatic-Leaflet-MarkerCluster"

LEAFLET_JS = Asset("leaflet", _LEAFLET + "leaflet.js", "xstatic.pkg.leaflet", "leaflet.js", _X_LEAFLET)
LEAFLET_CSS = Asset("leaflet_css", _LEAFLET + "leaflet.css", "xstatic.pkg.leaflet", "leaflet.css", _X_LEAFLET)
MARKERCLUSTER_JS = Asset("markerclusterjs", _CLUSTER + "leaflet.markercluster.js",
                         "xstatic.pkg.leaflet_markercluster", "leaflet.markercluster.js", _X_CLUSTER)
MARKERCLUSTER_CSS = (
    Asset("markerclustercss", _CLUSTER + "MarkerCluster.css",
          "xstatic.pkg.leaflet_markercluster", "MarkerCluster.css", _X_CLUSTER),
    Asset("markerclusterdefaultcss", _CLUSTER + "MarkerCluster.Default.css",
          "xstatic.pkg.leaflet_markercluster", "MarkerCluster.Default.css", _X_CLUSTER),
)

JQUERY_JS = Asset("jquery", "https://code.jquery.com/jquery-3.7.1.min.js", "xstatic.pkg.jquery", "jquery.min.js",
                  "XStatic-jQuery")

#: Every asset a self-contained map can inline, by CDN address. folium's own addresses of
#: the same libraries (its MarkerCluster 1.1.0 links, its Leaflet.heat link) map to the
#: packaged copies too, so folium plugins the caller adds still work offline.
ASSETS: dict[str, Asset] = {a.url: a for a in (
    LEAFLET_JS, LEAFLET_CSS, MARKERCLUSTER_JS, *MARKERCLUSTER_CSS, JQUERY_JS,
    Asset("leaflet-heat.js",
          "https://cdn.jsdelivr.net/gh/python-visualization/folium@main/folium/templates/leaflet_heat.min.js",
          "folium", "templates/leaflet_heat.min.js", "folium"),
    Asset("markerclusterjs", _FOLIUM_CLUSTER + "leaflet.markercluster.js",
          "xstatic.pkg.leaflet_markercluster", "leaflet.markercluster.js", _X_CLUSTER),
    Asset("markerclustercss", _FOLIUM_CLUSTER + "MarkerCluster.css",
          "xstatic.pkg.leaflet_markercluster", "MarkerCluster.css", _X_CLUSTER),
    Asset("markerclusterdefaultcss", _FOLIUM_CLUSTER + "MarkerCluster.Default.css",
          "xstatic.pkg.leaflet_markercluster", "MarkerCluster.Default.css", _X_CLUSTER),
)}

_TAG = re.compile(
    r"""<script\b[^>]*?\bsrc\s*=\s*["']([^"']+)["'][^>]*>\s*</script>"""  # group 1: a script's src
    r"""|<link\b[^>]*?\bhref\s*=\s*["']([^"']+)["'][^>]*?/?>""",  # group 2: a stylesheet's href
    re.IGNORECASE)
_REMOTE = re.compile(r"^(?:https?:)?//", re.IGNORECASE)


def _script(js: str) -> str:
    # "</script" inside the code would end the element early; "<\/" means the same in JS.
    return "<script>" + re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE) + "</script>"


def _style(css: str) -> str:
    return "<style>" + re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE) + "</style>"


@functools.cache
def _default_icon_js() -> str:
    """Point Leaflet's default marker icon at data: URIs.

    Leaflet finds its marker images next to leaflet.css; inlined, there is no such
    place, and a plain ``folium.Marker`` a caller adds would ask for a missing file.
    """
    folder = _data_dir(LEAFLET_JS.package) / "images"

    def uri(name: str) -> str:
        return "data:image/png;base64," + base64.b64encode((folder / name).read_bytes()).decode()

    return ("L.Icon.Default.mergeOptions({"
            f"iconUrl: '{uri('marker-icon.png')}', iconRetinaUrl: '{uri('marker-icon-2x.png')}', "
            f"shadowUrl: '{uri('marker-shadow.png')}'}}); L.Icon.Default.imagePath = '';")


def inline_assets(html: str) -> str:
    """`html` with every linked script and stylesheet replaced by its packaged content.

    Raises
    ------
    BordermapError
        If the page links a remote script or stylesheet bordermap has no copy of.
    """
    left: list[str] = []

    def repl(m: re.Match[str]) -> str:
        url = m.group(1) or m.group(2)
        asset = ASSETS.get(url)
        if asset is None:
            if _REMOTE.match(url):
                left.append(url)
            return m.group(0)
        if asset is LEAFLET_JS:
            return _script(asset.read()) + _script(_default_icon_js())
        return _script(asset.read()) if m.group(1) else _style(asset.read())

    html = _TAG.sub(repl, html)  # one pass: inlined code is never scanned again
    if left:
        msg = (f"Cannot make the map self-contained: it links {', '.join(map(repr, left))}, which bordermap "
               "has no packaged copy of. Remove the element that needs it, or save without self_contained.")
        raise BordermapError(msg)
    return html


def remote_assets(html: str) -> list[str]:
    """Addresses of the remote scripts and stylesheets `html` links (``<script src>``, ``<link href>``).

    Only tags outside inline scripts count when `html` comes from :func:`inline_assets`'
    input; on its output, use it on the page's text before inlining.
    """
    return [u for m in _TAG.finditer(html) if _REMOTE.match(u := m.group(1) or m.group(2))]
