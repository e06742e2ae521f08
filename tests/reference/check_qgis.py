#!/usr/bin/python3
"""Opens a QGIS project exported by Chizu Dojo in QGIS itself (headless) and prints what QGIS sees, as JSON:
every layer's validity, feature count, CRS and renderer (graduated ranges with their colours, categories).
Run with Debian's /usr/bin/python3 and QT_QPA_PLATFORM=offscreen; tests/unit/qgis-export.test.ts compares
the output with the app's legend. Usage: check_qgis.py project.qgs"""
import json
import sys

from qgis.core import QgsApplication, QgsProject

app = QgsApplication([], False)
app.initQgis()
project = QgsProject.instance()
if not project.read(sys.argv[1]):
    print(json.dumps({"error": project.error()}))
    sys.exit(1)


def color(c):
    return "#%02x%02x%02x" % (c.red(), c.green(), c.blue())


layers = []
for node in project.layerTreeRoot().findLayers():
    layer = node.layer()
    entry = {"name": layer.name(), "valid": layer.isValid(), "count": layer.featureCount(), "crs": layer.crs().authid(), "visible": node.isVisible()}
    renderer = layer.renderer() if hasattr(layer, "renderer") else None
    if renderer is not None:
        entry["renderer"] = renderer.type()
        if renderer.type() == "graduatedSymbol":
            entry["field"] = renderer.classAttribute()
            entry["ranges"] = [[r.lowerValue(), r.upperValue(), color(r.symbol().color())] for r in renderer.ranges()]
        elif renderer.type() == "categorizedSymbol":
            entry["field"] = renderer.classAttribute()
            entry["categories"] = [[str(c.value()), color(c.symbol().color())] for c in renderer.categories()]
        elif renderer.type() == "singleSymbol":
            entry["color"] = color(renderer.symbol().color())
    layers.append(entry)
print(json.dumps({"title": project.title(), "abstract": project.metadata().abstract(), "layers": layers}, ensure_ascii=False))
app.exitQgis()
