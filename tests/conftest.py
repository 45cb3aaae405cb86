import os
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# the suite never reads nor writes a real user's data (an imported GeoNames gazetteer)
os.environ["BORDERMAP_DATA_DIR"] = tempfile.mkdtemp(prefix="bordermap-test-data-")


def pytest_report_header(config):
    import folium
    import geopandas
    import geopy
    import shapely

    return (f"geopandas {geopandas.__version__}, shapely {shapely.__version__}, "
            f"folium {folium.__version__}, geopy {geopy.__version__}")


@pytest.fixture(scope="session")
def gazetteer():
    from bordermap.geo.gazetteer import get_gazetteer

    return get_gazetteer()


@pytest.fixture(scope="session")
def shared_eval():
    path = SHARED / "eval"
    if not path.is_dir():
        pytest.skip(f"{path} not found (the shared evaluation data sits beside the checkout)")
    return path
