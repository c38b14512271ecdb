// A small stand-in for the `duckdb` command line, for machines without it (Debian 12 packages
// no DuckDB): the same engine, from DuckDB's own Node.js package (@duckdb/node-api, pinned in
// package-lock.json), driven the way the README's walk-through drives the real CLI:
//
//   tools/duckdb [DATABASE] [-c SQL]...      SQL from each -c, or from standard input
//
// Statements run in order; the rows of each query (SELECT, PRAGMA, EXPLAIN, CALL, ...) are
// printed as an aligned table, NULL as NULL. An error prints "Error: ..." on stderr and exits
// 1, as the CLI does. No dot commands: SQL only.
import { readFileSync } from 'node:fs';
import { DuckDBInstance, StatementType } from '@duckdb/node-api';

function usage(message) {
  process.stderr.write(`${message}\nusage: tools/duckdb [DATABASE] [-c SQL]...\n`);
  process.exit(2);
}

function parseArguments(args) {
  let database = ':memory:';
  const commands = [];
  for (let i = 0; i < args.length; ++i) {
    if (args[i] === '-c') {
      if (i + 1 >= args.length) usage('-c needs an SQL text');
      commands.push(args[++i]);
    } else if (args[i].startsWith('-')) {
      usage(`unknown option ${args[i]}`);
    } else if (database === ':memory:') {
      database = args[i];
    } else {
      usage(`one database only (${database}, ${args[i]})`);
    }
  }
  return { database, commands };
}

// Columns a character takes in a terminal: two for the wide East Asian ranges (kana, kanji,
// full-width forms), one otherwise. Enough to align Japanese text.
function charWidth(code) {
  const wide =
    (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x20000 && code <= 0x3fffd);
  return wide ? 2 : 1;
}

function textWidth(text) {
  let width = 0;
  for (const ch of text) width += charWidth(ch.codePointAt(0));
  return width;
}

function cellText(value) {
  if (value === null || value === undefined) return 'NULL';
  return String(value).replace(/\r?\n/g, '\\n');
}

function printTable(names, rows) {
  const cells = rows.map((row) => row.map(cellText));
  const widths = names.map((name, c) =>
    Math.max(textWidth(name), ...cells.map((row) => textWidth(row[c]))));
  const line = (row) =>
    row.map((text, c) => text + ' '.repeat(widths[c] - textWidth(text))).join('  ').trimEnd();
  const out = [line(names), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const row of cells) out.push(line(row));
  out.push(`(${rows.length} ${rows.length === 1 ? 'row' : 'rows'})`);
  process.stdout.write(out.join('\n') + '\n');
}

const QUERIES = new Set([StatementType.SELECT, StatementType.PRAGMA, StatementType.EXPLAIN,
                         StatementType.CALL, StatementType.RELATION]);

async function main() {
  const { database, commands } = parseArguments(process.argv.slice(2));
  if (commands.length === 0) commands.push(readFileSync(0, 'utf8'));
  const instance = await DuckDBInstance.create(database);
  const connection = await instance.connect();
  try {
    for (const sql of commands) {
      const statements = await connection.extractStatements(sql);
      for (let i = 0; i < statements.count; ++i) {
        const prepared = await statements.prepare(i);
        const reader = await prepared.runAndReadAll();
        if (QUERIES.has(prepared.statementType))
          printTable(reader.columnNames(), reader.getRows());
      }
    }
  } finally {
    connection.closeSync();
  }
}

main().catch((error) => {
  process.stderr.write(`Error: ${error.message}\n`);
  process.exit(1);
});
