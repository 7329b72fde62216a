/*
 * The hand-written reference of the ledger benchmark: the same reads and writes as
 * `statute ledger import` and `statute ledger sweep` on an SQLite store, in plain SQL
 * through the SQLite C library, with no policy logic — the floor the database sets.
 *
 *   reference import STORE SOURCE   copies SOURCE's records, with their history and
 *                                   outbox rows, into STORE (an initialized, empty
 *                                   store): the rows are read into memory first
 *                                   (untimed), then inserted, BATCH records per
 *                                   transaction, timed.
 *   reference sweep STORE POLICY TODAY
 *                                   claims the records of POLICY (under the digest the
 *                                   stored records have) due on or
 *                                   before TODAY in batches (the sweep's query and
 *                                   order), and writes for each what `sweep` writes for a
 *                                   record that expires: the record row updated at its
 *                                   version, one history row. One transaction a batch.
 *
 * The connection is set up as the ledger's: WAL, synchronous=FULL, a busy timeout,
 * BEGIN IMMEDIATE per batch, prepared statements reused. Prints the wall and CPU seconds
 * (user + system) of the timed part on stdout. BATCH is the environment variable BATCH (default 500).
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static sqlite3 *db;

static void die(const char *what) {
    fprintf(stderr, "reference: %s: %s\n", what, db ? sqlite3_errmsg(db) : "no database");
    exit(2);
}

static void exec(const char *sql) {
    char *error = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &error) != SQLITE_OK) {
        fprintf(stderr, "reference: %s: %s\n", sql, error ? error : "?");
        exit(2);
    }
}

static sqlite3_stmt *prepare(const char *sql) {
    sqlite3_stmt *statement;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, NULL) != SQLITE_OK) die(sql);
    return statement;
}

static void step_done(sqlite3_stmt *statement) {
    if (sqlite3_step(statement) != SQLITE_DONE) die(sqlite3_sql(statement));
    sqlite3_reset(statement);
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

/* CPU time of the process so far (user + system), in seconds. */
static double cpu(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static void open_store(const char *path) {
    if (sqlite3_open(path, &db) != SQLITE_OK) die(path);
    sqlite3_busy_timeout(db, 5000);
    exec("PRAGMA journal_mode = WAL");
    exec("PRAGMA synchronous = FULL");
}

static int batch_size(void) {
    const char *text = getenv("BATCH");
    int n = text ? atoi(text) : 500;
    return n > 0 ? n : 500;
}

/* A copied value: text or NULL, or an integer. */
typedef struct { char *text; long long integer; int type; } Cell;

static Cell cell(sqlite3_stmt *statement, int column) {
    Cell c = { NULL, 0, sqlite3_column_type(statement, column) };
    if (c.type == SQLITE_INTEGER) c.integer = sqlite3_column_int64(statement, column);
    else if (c.type != SQLITE_NULL) c.text = strdup((const char *)sqlite3_column_text(statement, column));
    return c;
}

static void bind(sqlite3_stmt *statement, int index, Cell c) {
    if (c.type == SQLITE_NULL) sqlite3_bind_null(statement, index);
    else if (c.type == SQLITE_INTEGER) sqlite3_bind_int64(statement, index, c.integer);
    else sqlite3_bind_text(statement, index, c.text, -1, SQLITE_STATIC);
}

typedef struct { Cell *cells; long rows; int columns; } Table;

static Table read_table(const char *sql, int columns) {
    Table table = { NULL, 0, columns };
    long capacity = 0;
    sqlite3_stmt *statement = prepare(sql);
    while (sqlite3_step(statement) == SQLITE_ROW) {
        if (table.rows == capacity) {
            capacity = capacity ? capacity * 2 : 1024;
            table.cells = realloc(table.cells, sizeof(Cell) * columns * capacity);
        }
        for (int i = 0; i < columns; i++) table.cells[table.rows * columns + i] = cell(statement, i);
        table.rows++;
    }
    sqlite3_finalize(statement);
    return table;
}

static int import(const char *store, const char *source) {
    open_store(source);
    Table records = read_table("SELECT policy, id, status, facts, version, next_due, digest, last_seq "
                               "FROM ledger_records ORDER BY rowid", 8);
    Table history = read_table("SELECT policy, record, seq, at, today, from_status, to_status, transition, trigger, "
                               "actor, role, reason, effects, set_values, policy_digest FROM ledger_history "
                               "ORDER BY policy, record, seq", 15);
    Table outbox = read_table("SELECT key, record, policy, effect, transition, seq, today, payload FROM ledger_outbox "
                              "ORDER BY position", 8);
    sqlite3_close(db);
    open_store(store);
    sqlite3_stmt *insert_record = prepare("INSERT OR IGNORE INTO ledger_records (policy, id, status, facts, version, next_due, "
                                          "digest, last_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    sqlite3_stmt *insert_history = prepare("INSERT INTO ledger_history (policy, record, seq, at, today, from_status, to_status, "
                                           "transition, trigger, actor, role, reason, effects, set_values, policy_digest) "
                                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    sqlite3_stmt *insert_outbox = prepare("INSERT INTO ledger_outbox (key, record, policy, effect, transition, seq, today, "
                                          "payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    int batch = batch_size();
    double start = now(), start_cpu = cpu();
    long h = 0, o = 0;
    for (long r = 0; r < records.rows; r += batch) {
        exec("BEGIN IMMEDIATE");
        long end = r + batch < records.rows ? r + batch : records.rows;
        for (long i = r; i < end; i++) {
            Cell *row = records.cells + i * 8;
            for (int c = 0; c < 8; c++) bind(insert_record, c + 1, row[c]);
            step_done(insert_record);
            if (sqlite3_changes(db) != 1) continue;
            /* The record's history and outbox rows (both read in record order). */
            while (h < history.rows && strcmp(history.cells[h * 15 + 1].text, row[1].text) == 0) {
                for (int c = 0; c < 15; c++) bind(insert_history, c + 1, history.cells[h * 15 + c]);
                step_done(insert_history);
                h++;
            }
            while (o < outbox.rows && strcmp(outbox.cells[o * 8 + 1].text, row[1].text) == 0) {
                for (int c = 0; c < 8; c++) bind(insert_outbox, c + 1, outbox.cells[o * 8 + c]);
                step_done(insert_outbox);
                o++;
            }
        }
        exec("COMMIT");
    }
    printf("%.3f %.3f\n", now() - start, cpu() - start_cpu);
    fprintf(stderr, "reference import: %ld records, %ld history rows, %ld outbox rows\n", records.rows, h, o);
    sqlite3_close(db);
    return 0;
}

static int sweep(const char *store, const char *policy, const char *today) {
    open_store(store);
    static char digest[256];
    sqlite3_stmt *first = prepare("SELECT digest FROM ledger_records WHERE policy = ? LIMIT 1");
    sqlite3_bind_text(first, 1, policy, -1, SQLITE_STATIC);
    if (sqlite3_step(first) != SQLITE_ROW) die("no records");
    snprintf(digest, sizeof digest, "%s", (const char *)sqlite3_column_text(first, 0));
    sqlite3_finalize(first);
    /* The stale phases (records under another digest): the same two queries, run once each. */
    sqlite3_stmt *stale = prepare("SELECT policy, id, status, facts, version, next_due, digest, last_seq FROM ledger_records "
                                  "WHERE policy = ?1 AND digest <> ?2 LIMIT ?3");
    sqlite3_stmt *due = prepare("SELECT policy, id, status, facts, version, next_due, digest, last_seq FROM ledger_records "
                                "WHERE policy = ?1 AND digest = ?2 AND next_due <= ?3 AND (next_due, id) > (?4, ?5) "
                                "ORDER BY next_due, id LIMIT ?6");
    sqlite3_stmt *update = prepare("UPDATE ledger_records SET status = ?, facts = ?, version = ?, next_due = ?, digest = ?, "
                                   "last_seq = ? WHERE policy = ? AND id = ? AND version = ?");
    sqlite3_stmt *insert_history = prepare("INSERT INTO ledger_history (policy, record, seq, at, today, from_status, to_status, "
                                           "transition, trigger, actor, role, reason, effects, set_values, policy_digest) "
                                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    int batch = batch_size();
    double start = now(), start_cpu = cpu();
    char at[32];
    time_t wall = time(NULL);
    strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", gmtime(&wall));
    char last_due[32] = "", last_id[256] = "", trigger[64];
    long examined = 0;
    exec("BEGIN IMMEDIATE");
    sqlite3_bind_text(stale, 1, policy, -1, SQLITE_STATIC);
    sqlite3_bind_text(stale, 2, digest, -1, SQLITE_STATIC);
    sqlite3_bind_int(stale, 3, batch);
    while (sqlite3_step(stale) == SQLITE_ROW) examined++;
    sqlite3_reset(stale);
    exec("COMMIT");
    for (;;) {
        exec("BEGIN IMMEDIATE");
        sqlite3_bind_text(due, 1, policy, -1, SQLITE_STATIC);
        sqlite3_bind_text(due, 2, digest, -1, SQLITE_STATIC);
        sqlite3_bind_text(due, 3, today, -1, SQLITE_STATIC);
        sqlite3_bind_text(due, 4, last_due, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(due, 5, last_id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(due, 6, batch);
        int claimed = 0;
        /* Read the batch first, as the sweep does, then write it. */
        Cell rows[8 * 4096];
        int limit = batch < 4096 ? batch : 4096;
        while (claimed < limit && sqlite3_step(due) == SQLITE_ROW) {
            for (int c = 0; c < 8; c++) rows[claimed * 8 + c] = cell(due, c);
            claimed++;
        }
        sqlite3_reset(due);
        for (int i = 0; i < claimed; i++) {
            Cell *row = rows + i * 8;
            long long version = row[4].integer, seq = row[7].integer + 1;
            sqlite3_bind_text(update, 1, "expired", -1, SQLITE_STATIC);
            bind(update, 2, row[3]);
            sqlite3_bind_int64(update, 3, version + 1);
            sqlite3_bind_null(update, 4);
            bind(update, 5, row[6]);
            sqlite3_bind_int64(update, 6, seq);
            bind(update, 7, row[0]);
            bind(update, 8, row[1]);
            sqlite3_bind_int64(update, 9, version);
            step_done(update);
            if (sqlite3_changes(db) != 1) die("version conflict");
            snprintf(trigger, sizeof trigger, "{\"at\":\"%s\"}", row[5].text);
            bind(insert_history, 1, row[0]);
            bind(insert_history, 2, row[1]);
            sqlite3_bind_int64(insert_history, 3, seq);
            sqlite3_bind_text(insert_history, 4, at, -1, SQLITE_STATIC);
            sqlite3_bind_text(insert_history, 5, today, -1, SQLITE_STATIC);
            bind(insert_history, 6, row[2]);
            sqlite3_bind_text(insert_history, 7, "expired", -1, SQLITE_STATIC);
            sqlite3_bind_text(insert_history, 8, "expire", -1, SQLITE_STATIC);
            sqlite3_bind_text(insert_history, 9, trigger, -1, SQLITE_STATIC);
            sqlite3_bind_text(insert_history, 10, "system", -1, SQLITE_STATIC);
            sqlite3_bind_null(insert_history, 11);
            sqlite3_bind_null(insert_history, 12);
            sqlite3_bind_text(insert_history, 13, "", -1, SQLITE_STATIC);
            sqlite3_bind_text(insert_history, 14, "{}", -1, SQLITE_STATIC);
            bind(insert_history, 15, row[6]);
            step_done(insert_history);
        }
        if (claimed > 0) {
            snprintf(last_due, sizeof last_due, "%s", rows[(claimed - 1) * 8 + 5].text);
            snprintf(last_id, sizeof last_id, "%s", rows[(claimed - 1) * 8 + 1].text);
        }
        for (int i = 0; i < claimed * 8; i++) free(rows[i].text);
        exec("COMMIT");
        examined += claimed;
        if (claimed == 0) break;
    }
    printf("%.3f %.3f\n", now() - start, cpu() - start_cpu);
    fprintf(stderr, "reference sweep: %ld records examined and changed\n", examined);
    sqlite3_close(db);
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 4 && strcmp(argv[1], "import") == 0) return import(argv[2], argv[3]);
    if (argc == 5 && strcmp(argv[1], "sweep") == 0) return sweep(argv[2], argv[3], argv[4]);
    fprintf(stderr, "usage: reference import STORE SOURCE | reference sweep STORE POLICY TODAY\n");
    return 2;
}
