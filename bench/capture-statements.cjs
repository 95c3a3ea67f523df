// Statement capture for the benchmark references: preloaded into a service process
// (`node --require bench/capture-statements.cjs`, BENCH_CAPTURE_FILE=<path>), it appends every
// statement the process sends to PostgreSQL as one JSON line: the prepared-statement name when
// the code gave one (pg's named statements, src/infrastructure/database/prepared.ts), the text,
// the parameters exactly as pg puts them on the wire (pg's own prepareValue: text, or bytea as
// \x hex), the connection it went over, when it was sent and when it was answered. The references are generated from
// these lines (bench/references.mjs), so they run what the code runs and cannot drift from it.
// Benchmark processes only: the service never loads this file.
'use strict';
const { appendFileSync } = require('node:fs');
const pg = require('pg');
const { prepareValue } = require('pg/lib/utils');
const { performance } = require('node:perf_hooks');

const file = process.env.BENCH_CAPTURE_FILE;
if (file) {
  const original = pg.Client.prototype.query;
  let connections = 0;
  pg.Client.prototype.query = function capture(config, values, callback) {
    if (config && typeof config.submit !== 'function') {
      const text = typeof config === 'string' ? config : config.text;
      const name = typeof config === 'object' ? config.name : undefined;
      const raw = (typeof config === 'object' && config.values) || (Array.isArray(values) ? values : []);
      if (this.__benchConnection === undefined) this.__benchConnection = connections += 1;
      const params = raw.map((value) => {
        const wire = prepareValue(value);
        return Buffer.isBuffer(wire) ? `\\x${wire.toString('hex')}` : wire;
      });
      const at = performance.now();
      const write = () => appendFileSync(file, `${JSON.stringify({ at, done: performance.now(), connection: this.__benchConnection, name, text, params })}\n`);
      const result = original.call(this, config, values, callback);
      // TypeORM awaits the promise form; a statement is written when its answer has come back.
      if (result && typeof result.then === 'function') result.then(write, write);
      else write();
      return result;
    }
    return original.call(this, config, values, callback);
  };
}
