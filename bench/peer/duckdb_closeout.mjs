// The peer of Pitwall's end-to-end close-out benchmark (bench/closeout_e2e.sh): what a user
// would otherwise do in DuckDB with the same orders export (gen_orders_csv's columns): load it
// into a database file, keep one row per order id (the latest system record), then count orders
// and sum the paid amount per store under three department definitions (IT: every status by
// record time; ops: not cancelled, by order time; finance: paid or redeemed, by payment time).
//   node duckdb_closeout.mjs FILE.csv DB_PATH [THREADS]
// Prints "rows=N orders=M it=.. ops=.. finance=.. seconds=S".
import { DuckDBInstance } from '@duckdb/node-api';

const [file, dbPath, threads = '2'] = process.argv.slice(2);
const instance = await DuckDBInstance.create(dbPath, { threads });
const connection = await instance.connect();
const started = process.hrtime.bigint();
await connection.run(`CREATE TABLE orders AS SELECT * FROM read_csv('${file}', header = true)`);
await connection.run(`
  CREATE TABLE clean AS
  SELECT * FROM orders
  QUALIFY row_number() OVER (PARTITION BY "订单号" ORDER BY "系统记录时间" DESC) = 1`);
const start = "TIMESTAMP '2023-03-01 00:00:00'";
const end = "TIMESTAMP '2023-03-31 23:59:59'";
const created = `coalesce(try_strptime(CAST("下单时间" AS VARCHAR), '%Y-%m-%d %H:%M:%S'),
                          try_strptime(CAST("下单时间" AS VARCHAR), '%Y/%-m/%-d %-H:%M'))`;
const definitions = {
  it: `CAST("系统记录时间" AS TIMESTAMP) BETWEEN ${start} AND ${end}`,
  ops: `"订单状态" <> '已取消' AND ${created} BETWEEN ${start} AND ${end}`,
  finance: `"订单状态" IN ('已支付', '已核销')
            AND CAST("支付时间" AS TIMESTAMP) BETWEEN ${start} AND ${end}`,
};
const totals = {};
for (const [name, where] of Object.entries(definitions)) {
  const reader = await connection.runAndReadAll(`
    SELECT "门店编码" AS store, count(*) AS orders, sum("实付金额") AS amount
    FROM clean WHERE ${where} GROUP BY store ORDER BY store`);
  totals[name] = reader.getRows().reduce((n, row) => n + Number(row[1]), 0);
}
const count = await connection.runAndReadAll('SELECT (SELECT count(*) FROM orders), count(*) FROM clean');
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const [rows, orders] = count.getRows()[0];
console.log(`rows=${rows} orders=${orders} it=${totals.it} ops=${totals.ops} ` +
            `finance=${totals.finance} seconds=${seconds.toFixed(3)}`);
