// force timezone to UTC to allow tests to work regardless of local timezone
// generally used by snapshots, but can affect specific tests
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');

// d3-color 3.1.1 (pulled in by @grafana/ui) ships only .mjs files: reuse the scaffold's swc transform for them.
const swcTransform = base.transform['^.+\\.(t|j)sx?$'];

module.exports = {
  ...base,
  setupFilesAfterEnv: [...base.setupFilesAfterEnv, '<rootDir>/src/test/jsdom.ts'],
  transform: {
    ...base.transform,
    '^.+\\.mjs$': swcTransform,
  },
};
