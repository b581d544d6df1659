// The typical alternative stack that bench/certcheck.sh compares skillreg with: express +
// better-sqlite3 answering GET /api/v1/public/certificates/verify?cert_no=…&name=… from the same
// SQLite file, with the same SQL as skillreg's kPublicLookup (src/store/certificate_repo.cpp), the
// same rule (the holder's name must match, otherwise not_found), the same JSON fields in the same
// order (nlohmann::json sorts keys) and the same masked identity number, read from the same row.
//
//   node server.js --database /path/province.db --listen 127.0.0.1:PORT [--workers N]
//
// One worker process per core (cluster module, N defaults to the number of CPUs), each with its
// own read-only connection and prepared statement: Node runs JavaScript on one thread, so a
// single process would use one core of the two and the comparison would not be fair.
'use strict';

const cluster = require('node:cluster');
const os = require('node:os');

function args() {
  const out = { database: '', listen: '127.0.0.1:8091', workers: os.availableParallelism() };
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i += 2) {
    const k = a[i].replace(/^--/, '');
    if (!(k in out) || a[i + 1] === undefined) {
      console.error(`usage: node server.js --database FILE --listen HOST:PORT [--workers N]`);
      process.exit(2);
    }
    out[k] = k === 'workers' ? Number(a[i + 1]) : a[i + 1];
  }
  if (!out.database) {
    console.error('server.js: --database is required');
    process.exit(2);
  }
  return out;
}

const opts = args();

if (cluster.isPrimary) {
  for (let i = 0; i < opts.workers; i++) cluster.fork();
  let stopping = false;
  cluster.on('exit', (w, code, signal) => {
    if (!stopping) {
      console.error(`server.js: worker ${w.process.pid} died (${signal || code}); stopping`);
      process.exit(1);
    }
  });
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers)) w.process.kill('SIGTERM');
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  const express = require('express');
  const Database = require('better-sqlite3');

  const db = new Database(opts.database, { readonly: true, fileMustExist: true });
  // The same statement as kPublicLookup: one row of the table migration 0018 keeps for the check.
  const lookup = db.prepare(
    'SELECT cert_no, name, subject_code, subject_name, level, institution_code, institution_name, issued_on,' +
      ' status, void_reason, identity_masked FROM certificate_checks WHERE cert_no = ?'
  ).raw(true);

  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.get('/api/v1/public/certificates/verify', (req, res) => {
    const certNo = typeof req.query.cert_no === 'string' ? req.query.cert_no : '';
    const name = typeof req.query.name === 'string' ? req.query.name : '';
    if (certNo.length !== 22 || name.length === 0 || name.length > 50) {
      res.status(400).json({ error: 'bad_request' });
      return;
    }
    const r = lookup.get(certNo);
    if (!r || r[1] !== name) {
      res.json({ status: 'not_found' });
      return;
    }
    // Keys in nlohmann::json's (sorted) order, as skillreg writes them.
    const out = {
      cert_no: r[0],
      identity_no: r[10],
      institution_code: r[5],
      institution_name: r[6],
      issued_on: r[7],
      level: r[4],
      name: r[1],
      occupation_code: r[2],
      occupation_name: r[3],
    };
    if (r[8] === 'voided') out.reason = r[9];
    out.status = r[8];
    res.json(out);
  });
  app.use((req, res) => res.status(404).json({ error: 'not_found' }));

  const [host, port] = [opts.listen.slice(0, opts.listen.lastIndexOf(':')), Number(opts.listen.slice(opts.listen.lastIndexOf(':') + 1))];
  app.listen(port, host);
}
