"""Write layers to GIS files, chosen by the output's extension, always atomically."""

from __future__ import annotations

import json
import os
from pathlib import Path

import geopandas as gpd

from bordermap.geo._errors import QueryError
from bordermap.geo._io import atomic_write

__all__ = ["write_layer", "write_layers", "check_output", "to_geojson", "FORMATS"]

#: Output extensions and the format each writes.
FORMATS = {".geojson": "GeoJSON (RFC 7946)", ".json": "GeoJSON (RFC 7946)", ".gpkg": "GeoPackage",
           ".csv": "CSV (WKT geometry, or latitude/longitude for points)"}

COORD_DECIMALS = 7  # RFC 7946 suggests no more precision than needed; 7 decimals ~ 1 cm


def _check_extension(path: str | os.PathLike) -> str:
    ext = Path(path).suffix.lower()
    if ext not in FORMATS:
        msg = (f"Cannot tell the format of {str(path)!r} from its extension {ext or '(none)'!r}; "
               f"use one of {', '.join(sorted(FORMATS))}.")
        raise QueryError(msg)
    return ext


def check_output(path: str | os.PathLike, *, layer: str = "incidents") -> str:
    """Validate an output path before any work is done; returns its extension.

    Raises
    ------
    bordermap.geo.QueryError
        For an unknown extension, or several layers asked of a single-layer format.
    """
    ext = _check_extension(path)
    if layer == "all" and ext != ".gpkg":
        msg = f"--layer all writes several layers, which only GeoPackage holds; give OUT as .gpkg, not {ext!r}."
        raise QueryError(msg)
    parent = Path(path).resolve().parent
    if not parent.is_dir():
        msg = f"Cannot write {str(path)!r}: folder {str(parent)!r} does not exist."
        raise QueryError(msg)
    return ext


def write_layers(layers: dict[str, gpd.GeoDataFrame], path: str | os.PathLike) -> Path:
    """Write one layer (any format) or several (GeoPackage) atomically."""
    ext = _check_extension(path)
    if len(layers) == 1:
        (name, gdf), = layers.items()
        return write_layer(gdf, path, layer=name)
    if ext != ".gpkg":
        msg = f"{len(layers)} layers need a GeoPackage (.gpkg) output, not {ext!r}."
        raise QueryError(msg)
    target = Path(path)
    tmp_path = target.with_name(f".{target.name}.writing.gpkg")
    tmp_path.unlink(missing_ok=True)
    try:
        for name, gdf in layers.items():
            gdf.to_file(tmp_path, layer=name, driver="GPKG", engine="pyogrio")
        os.replace(tmp_path, target)
    finally:
        tmp_path.unlink(missing_ok=True)
    return target


def to_geojson(gdf: gpd.GeoDataFrame) -> str:
    """An RFC 7946 FeatureCollection: EPSG:4326 [lon, lat], no ``crs`` member, 7 decimals."""
    if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
        gdf = gdf.to_crs(4326)
    fc = json.loads(gdf.to_json(drop_id=True, na="null", to_wgs84=False, ensure_ascii=False))
    fc.pop("crs", None)
    for feat in fc["features"]:
        if feat.get("geometry"):
            feat["geometry"]["coordinates"] = _round(feat["geometry"]["coordinates"])
    if len(gdf):
        fc["bbox"] = [round(float(v), COORD_DECIMALS) for v in gdf.total_bounds]
    return json.dumps(fc, ensure_ascii=False, separators=(",", ":"))


def _round(coords):
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        return [round(float(c), COORD_DECIMALS) for c in coords]
    return [_round(c) for c in coords]


def write_layer(gdf: gpd.GeoDataFrame, path: str | os.PathLike, *, layer: str = "layer") -> Path:
    """Write `gdf` to `path` in the format its extension names; nothing half-written on failure.

    Parameters
    ----------
    gdf
        The layer (EPSG:4326).
    path
        ``.geojson``/``.json``, ``.gpkg`` or ``.csv``.
    layer
        Layer name inside a GeoPackage.
    """
    ext = _check_extension(path)
    target = Path(path)
    if ext in (".geojson", ".json"):
        with atomic_write(target) as f:
            f.write(to_geojson(gdf) + "\n")
    elif ext == ".gpkg":
        # pyogrio writes by path: write a temporary file beside the target, then rename
        tmp_path = target.with_name(f".{target.name}.writing.gpkg")
        tmp_path.unlink(missing_ok=True)
        try:
            gdf.to_file(tmp_path, layer=layer, driver="GPKG", engine="pyogrio")
            os.replace(tmp_path, target)
        finally:
            tmp_path.unlink(missing_ok=True)
    else:
        df = gdf.copy()
        if len(df) and (df.geom_type == "Point").all():
            df.insert(0, "latitude", df.geometry.y.round(COORD_DECIMALS))
            df.insert(1, "longitude", df.geometry.x.round(COORD_DECIMALS))
            df = df.drop(columns=df.geometry.name)
        else:
            df["wkt"] = df.geometry.to_wkt(rounding_precision=COORD_DECIMALS)
            df = df.drop(columns=df.geometry.name)
        with atomic_write(target) as f:
            df.to_csv(f, index=False, lineterminator="\n")
    return target
