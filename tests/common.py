"""Facts shared by the tests: true positions of places, independent of bordermap's data.

Coordinates are the places' well-known positions (WGS84, from atlases and GeoNames),
written here by hand so the tests can catch a wrong or missing gazetteer entry.
"""

# name -> (lat, lon, allowed countries, tolerance km)
TOWN_KM, REGION_KM = 15, 60
KNOWN_PLACES = {
    "Kabul": (34.53, 69.17, {"AF"}, TOWN_KM),
    "Islamabad": (33.69, 73.05, {"PK"}, TOWN_KM),
    "Doha": (25.29, 51.53, {"QA"}, TOWN_KM),
    "Istanbul": (41.01, 28.98, {"TR"}, TOWN_KM),
    "Peshawar": (34.01, 71.52, {"PK"}, TOWN_KM),
    "Quetta": (30.18, 66.99, {"PK"}, TOWN_KM),
    "Kandahar": (31.62, 65.72, {"AF"}, TOWN_KM),
    "Khost": (33.34, 69.92, {"AF"}, TOWN_KM),
    "Jalalabad": (34.43, 70.45, {"AF"}, TOWN_KM),
    "Chaman": (30.92, 66.45, {"PK"}, TOWN_KM),
    "Spin Boldak": (31.01, 66.40, {"AF"}, TOWN_KM),
    "Miranshah": (33.00, 70.07, {"PK"}, TOWN_KM),
    "Parachinar": (33.90, 70.10, {"PK"}, TOWN_KM),
    "Torkham": (34.10, 71.09, {"AF", "PK", "AF|PK"}, TOWN_KM),
    "Khyber Pakhtunkhwa": (34.2, 71.9, {"PK"}, REGION_KM),
    "Balochistan": (28.5, 65.8, {"PK"}, REGION_KM),
    "Paktika": (32.3, 68.6, {"AF"}, REGION_KM),
    "Kurram": (33.75, 70.2, {"PK"}, REGION_KM),
    "North Waziristan": (32.95, 70.0, {"PK"}, REGION_KM),
}

# Kabul, an asymmetric point for axis-order checks: lat 34.5 differs from lon 69.2.
KABUL_LAT, KABUL_LON = 34.5281, 69.1723
