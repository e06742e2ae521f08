import type { AnyFeatureCollection } from '../../src/lib/geo/types';
import { featuresOf, tableFromFeatures } from '../../src/lib/table/geojson-table';
import type { LayerTable } from '../../src/lib/table/layer-table';

/** A layer as a table, whether it was written as GeoJSON in a test or imported (already a table). */
export const asTable = (layer: AnyFeatureCollection | LayerTable): LayerTable => ('rowCount' in layer ? layer : tableFromFeatures(layer.features));

/** A layer as GeoJSON, for oracles (turf) that read features. */
export const asFeatures = (layer: AnyFeatureCollection | LayerTable): AnyFeatureCollection => ('rowCount' in layer ? featuresOf(layer) : layer);
