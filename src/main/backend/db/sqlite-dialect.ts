/**
 * Kysely's SQLite dialect with two changes that matter when something goes wrong:
 * - write transactions start IMMEDIATE, so a transaction takes the write lock before it reads
 *   and never fails half-way with "database is locked" when it first writes;
 * - a rollback after SQLite already rolled back by itself (a full disk: SQLITE_FULL ends the
 *   transaction) is skipped, so the original "database or disk is full" reaches the caller
 *   instead of "cannot rollback - no transaction is active".
 */
import type SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';

class AlurSqliteDriver extends SqliteDriver {
  constructor(private readonly sqlite: SqliteDatabase.Database) {
    super({ database: sqlite });
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.sqlite.inTransaction) return;
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
}

export class AlurSqliteDialect extends SqliteDialect {
  constructor(private readonly sqlite: SqliteDatabase.Database) {
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    return new AlurSqliteDriver(this.sqlite);
  }
}
