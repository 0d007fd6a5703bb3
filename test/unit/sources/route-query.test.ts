import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Route } from '../../../src/records/route.js';
import { matchesRouteQuery, tableIdOf } from '../../../src/sources/route-query.js';

const base = { destination: '0.0.0.0', prefixLength: 0, metric: 0, flags: 1, flagNames: ['UP'] };
const mainV4: Route = { ...base, family: 'inet', table: 254, tableName: 'main' };
const localV4: Route = { ...base, family: 'inet', table: 255, tableName: 'local' };
const customV4: Route = { ...base, family: 'inet', table: 7701 };
const unknownTableV6: Route = { ...base, family: 'inet6', destination: '::' };

test('table selectors name ids; the default is main, as in ip route', () => {
  assert.equal(tableIdOf(undefined), 254);
  assert.equal(tableIdOf('main'), 254);
  assert.equal(tableIdOf('local'), 255);
  assert.equal(tableIdOf(7701), 7701);
  assert.equal(tableIdOf('all'), undefined);
});

test('a route matches its own table, family filters apply', () => {
  assert.equal(matchesRouteQuery(mainV4, {}), true);
  assert.equal(matchesRouteQuery(localV4, {}), false);
  assert.equal(matchesRouteQuery(localV4, { table: 'local' }), true);
  assert.equal(matchesRouteQuery(customV4, { table: 7701 }), true);
  assert.equal(matchesRouteQuery(customV4, { table: 'all' }), true);
  assert.equal(matchesRouteQuery(mainV4, { family: 'inet6', table: 'all' }), false);
});

test('a route of unknown table matches only table "all"', () => {
  assert.equal(matchesRouteQuery(unknownTableV6, { table: 'all' }), true);
  assert.equal(matchesRouteQuery(unknownTableV6, { table: 'all', family: 'inet6' }), true);
  assert.equal(matchesRouteQuery(unknownTableV6, {}), false);
  assert.equal(matchesRouteQuery(unknownTableV6, { table: 'main' }), false);
  assert.equal(matchesRouteQuery(unknownTableV6, { table: 'local' }), false);
});
