import { defineConfig } from 'vitest/config';

// The reference suite: the app's statistics on the sample data against other tools (GDAL/GEOS, pyproj,
// QGIS), which .ci/run installs from Debian. Apart from the unit run because it starts those tools.
export default defineConfig({
  test: {
    include: ['tests/reference/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
