#!/usr/bin/python3
"""Reference values for the statistics Chizu Dojo shows, computed on the sample data by other tools than the
app's own code: GEOS through GDAL's Python bindings (point in polygon, buffers, intersections), PROJ (plane
rectangular zone IX) and GeographicLib through pyproj (ellipsoidal areas, geodesic distances), QGIS's own
classification classes, and the published formulas (Marshall's global Empirical Bayes, Ord & Getis's Gi*,
JIS X 0410 grid codes) written here from their papers and standard. Prints one JSON object;
tests/reference/reference.test.ts compares the app's results with it. Run with Debian's /usr/bin/python3.
Usage: compute.py sample-data-dir"""
import json
import math
import os
import sys

from osgeo import ogr, osr
from pyproj import Geod

ogr.UseExceptions()
osr.UseExceptions()
data = sys.argv[1]
geod = Geod(ellps="GRS80")

wgs = osr.SpatialReference()
wgs.ImportFromEPSG(6668)
wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
zone9 = osr.SpatialReference()
zone9.ImportFromEPSG(6677)
zone9.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
to_zone9 = osr.CoordinateTransformation(wgs, zone9)


def features(name):
    source = ogr.Open(os.path.join(data, name))
    layer = source.GetLayer(0)
    out = []
    for f in layer:
        g = f.GetGeometryRef()
        out.append((f.items(), g.Clone() if g is not None else None))
    return out


def csv_points(name, lon, lat):
    import csv
    with open(os.path.join(data, name), encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    pts = []
    for r in rows:
        p = ogr.Geometry(ogr.wkbPoint)
        p.AddPoint_2D(float(r[lon]), float(r[lat]))
        pts.append((r, p))
    return pts


districts = features("tsukuba-school-districts.geojson")
reports = csv_points("fictional-suspicious-person-reports.csv", "経度", "緯度")
census = csv_points("tsukuba-census-2015-population.csv", "X_CODE", "Y_CODE")
sites = features("tsukuba-evacuation-sites.geojson")

# 1. Points per polygon (GEOS Intersects: a point on a shared border counts for each polygon it touches, so
# the app's rule "first polygon in the layer" is compared on the points strictly inside).
counts, sums, on_border = [], [], 0
for props, poly in districts:
    counts.append(sum(1 for _, p in reports if p.Within(poly)))
    sums.append(sum(float(r["JINKO"]) for r, p in census if p.Within(poly)))
for _, p in reports:
    if sum(1 for _, poly in districts if p.Intersects(poly)) > 1:
        on_border += 1

# 1b. The mean of a column per polygon, and a generated large case: 20,000 points from a seeded generator
# (Park–Miller, exact in JavaScript's doubles too: the same sequence as tests/reference/reference.test.ts)
# counted by GEOS.
means = [(s / c if c else None) for s, c in zip(sums, [sum(1 for _, p in census if p.Within(poly)) for _, poly in districts])]
seed = 12345
def rnd():
    global seed
    seed = (seed * 16807) % 2147483647
    return seed / 2147483647
generated = []
for _ in range(20000):
    x = 139.99 + rnd() * 0.19
    y = 35.94 + rnd() * 0.30
    generated.append((x, y))
prepared = [poly for _, poly in districts]
large_counts = [0] * len(prepared)
for x, y in generated:
    p = ogr.Geometry(ogr.wkbPoint)
    p.AddPoint_2D(x, y)
    for i, poly in enumerate(prepared):
        if p.Within(poly):
            large_counts[i] += 1
            break

# 2. Areas on the GRS80 ellipsoid (GeographicLib), km².
areas = []
for _, poly in districts:
    total = 0.0
    for i in range(poly.GetGeometryCount() if poly.GetGeometryType() in (ogr.wkbMultiPolygon, ogr.wkbMultiPolygon25D) else 1):
        part = poly.GetGeometryRef(i) if poly.GetGeometryType() in (ogr.wkbMultiPolygon, ogr.wkbMultiPolygon25D) else poly
        for k in range(part.GetGeometryCount()):
            ring = part.GetGeometryRef(k)
            xs = [ring.GetX(j) for j in range(ring.GetPointCount())]
            ys = [ring.GetY(j) for j in range(ring.GetPointCount())]
            a, _ = geod.polygon_area_perimeter(xs, ys)
            total += abs(a) * (1 if k == 0 else -1)
    areas.append(total / 1e6)

# 3. Nearest evacuation site of each report, geodesic metres.
site_xy = [(g.GetX(), g.GetY()) for _, g in sites]
nearest = []
for _, p in reports:
    best = math.inf
    for sx, sy in site_xy:
        _, _, d = geod.inv(p.GetX(), p.GetY(), sx, sy)
        best = min(best, d)
    nearest.append(best)

# 4. Share of each district within 1,000 m of a site (buffers in zone IX, union, intersection), percent.
buffers = ogr.Geometry(ogr.wkbMultiPolygon)
for _, g in sites:
    q = g.Clone()
    q.Transform(to_zone9)
    buffers.AddGeometry(q.Buffer(1000, 64))
cover = buffers.UnionCascaded()
shares = []
for _, poly in districts:
    q = poly.Clone()
    q.Transform(to_zone9)
    shares.append(100 * q.Intersection(cover).GetArea() / q.GetArea())

# 5. Global Empirical Bayes (Marshall 1991, method of moments) of the reports per district over the population.
events, pops = counts, sums
total_e, total_p = sum(events), sum(pops)
b = total_e / total_p
rates = [e / p if p > 0 else float("nan") for e, p in zip(events, pops)]
n_bar = total_p / len([p for p in pops if p > 0])
s2 = sum(p * (r - b) ** 2 for r, p in zip(rates, pops) if p > 0) / total_p
a = max(0.0, s2 - b / n_bar)
eb = [(a / (a + b / p)) * r + (1 - a / (a + b / p)) * b if p > 0 else float("nan") for r, p in zip(rates, pops)]

# 6. Gi* (Ord & Getis 1995) with neighbours that touch (share a point) and the area itself, binary weights.
values = counts
n = len(values)
mean = sum(values) / n
s = math.sqrt(sum(v * v for v in values) / n - mean * mean)
gi = []
for i, (_, poly) in enumerate(districts):
    neighbours = [j for j, (_, other) in enumerate(districts) if j == i or poly.Touches(other) or poly.Intersects(other)]
    w = len(neighbours)
    num = sum(values[j] for j in neighbours) - mean * w
    den = s * math.sqrt((n * w - w * w) / (n - 1))
    gi.append(num / den)

# 7. JIS X 0410 grid codes of each report: 1st (80 km), 2nd (10 km), 3rd (1 km), half (500 m).
def mesh(lon, lat):
    p = int(lat * 60 // 40)
    u = int(lon - 100)
    lat_r = lat * 60 - p * 40
    lon_r = (lon - 100 - u) * 60
    q = int(lat_r // 5)
    v = int(lon_r // 7.5)
    lat_r2 = lat_r - q * 5
    lon_r2 = lon_r - v * 7.5
    r = int(lat_r2 * 60 // 30)
    w = int(lon_r2 * 60 // 45)
    lat_r3 = lat_r2 * 60 - r * 30
    lon_r3 = lon_r2 * 60 - w * 45
    half = (1 if lat_r3 < 15 else 3) if lon_r3 < 22.5 else (2 if lat_r3 < 15 else 4)
    third = f"{p:02d}{u:02d}{q}{v}{r}{w}"
    return third, third + str(half)


meshes = [mesh(p.GetX(), p.GetY()) for _, p in reports]

# 8. QGIS's own class breaks (natural breaks: Jenks; equal interval) of the counts, 5 classes.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import QgsApplication, QgsClassificationEqualInterval, QgsClassificationJenks  # noqa: E402

app = QgsApplication([], False)
app.initQgis()
breaks = {}
for name, method in (("natural-breaks", QgsClassificationJenks()), ("equal-interval", QgsClassificationEqualInterval())):
    ranges = method.classes([float(v) for v in counts], 5)
    breaks[name] = [r.upperBound() for r in ranges]
app.exitQgis()

print(json.dumps({
    "districtIds": [props["学区ID"] for props, _ in districts],
    "counts": counts, "reportsOnSharedBorders": on_border, "populationSums": sums, "populationMeans": means, "generatedCounts": large_counts, "areasKm2": areas,
    "nearestM": nearest, "coveredSharePct": shares, "ebRate": eb, "giStar": gi,
    "mesh1km": [m[0] for m in meshes], "mesh500m": [m[1] for m in meshes], "breaks": breaks,
}, ensure_ascii=False))
