// The peer of Pitwall's import benchmark: DuckDB loads the same CSV into a database file.
//   node duckdb_load.mjs FILE.csv DB_PATH [THREADS]
// Prints "rows=N seconds=S". Uses DuckDB's own CSV sniffer, as a user would.
import { DuckDBInstance } from '@duckdb/node-api';

const [file, dbPath, threads = '2'] = process.argv.slice(2);
const instance = await DuckDBInstance.create(dbPath, { threads });
const connection = await instance.connect();
const started = process.hrtime.bigint();
await connection.run(`CREATE TABLE orders AS SELECT * FROM read_csv('${file}', header = true)`);
const reader = await connection.runAndReadAll('SELECT count(*) FROM orders');
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(`rows=${reader.getRows()[0][0]} seconds=${seconds.toFixed(3)}`);
