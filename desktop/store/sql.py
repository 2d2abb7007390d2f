"""Every SQL statement of the shift history, in one place.

`MIGRATIONS[n]` takes a database from schema version n to n + 1 (`PRAGMA user_version`). A
migration is never edited once released: a change is a new step at the end. Statements take
their values as bound parameters (`?`), never by formatting.

Version 1: shifts (ids never reused, so an id a person saw keeps meaning that shift), calls,
cues, per-10-s metrics, transcript words (only written when the supervisor allows it).
Version 2: the agent's baseline per shift, and per-10-s counts of what the coach judged
(words recognised, key points and those said without a pause, customer turns and the replies
that did not acknowledge them). Rows from version 1 keep NULL in those counts: "not
measured", which is not the same as zero.
"""

APPLICATION_ID = 0x53436F61
"""`PRAGMA application_id` of a Speech Coach history ("SCoa"): tells our file from others."""

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 0 -> 1
    (
        """
        CREATE TABLE shifts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_utc TEXT NOT NULL,
            ended_utc TEXT,
            recorded_s REAL NOT NULL DEFAULT 0,
            source TEXT NOT NULL,
            language TEXT NOT NULL,
            haste_floor_syl_s REAL NOT NULL,
            haste_baseline_factor REAL NOT NULL,
            haste_ceiling_syl_s REAL NOT NULL,
            transcripts_stored INTEGER NOT NULL
        )
        """,
        "CREATE INDEX shifts_by_start ON shifts (started_utc)",
        """
        CREATE TABLE calls (
            shift_id INTEGER NOT NULL REFERENCES shifts (id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            start_s REAL NOT NULL,
            end_s REAL,
            reason TEXT NOT NULL,
            PRIMARY KEY (shift_id, number)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE cues (
            id INTEGER PRIMARY KEY,
            shift_id INTEGER NOT NULL,
            call_number INTEGER NOT NULL,
            name TEXT NOT NULL,
            t_s REAL NOT NULL,
            evidence_t_s REAL NOT NULL,
            message TEXT NOT NULL,
            evidence_json TEXT NOT NULL,
            FOREIGN KEY (shift_id, call_number) REFERENCES calls (shift_id, number)
                ON DELETE CASCADE
        )
        """,
        "CREATE INDEX cues_by_shift ON cues (shift_id, t_s)",
        """
        CREATE TABLE metrics (
            shift_id INTEGER NOT NULL,
            call_number INTEGER NOT NULL,
            number INTEGER NOT NULL,
            start_s REAL NOT NULL,
            end_s REAL NOT NULL,
            talk_s REAL NOT NULL,
            syllables INTEGER NOT NULL,
            loudness_sum_db REAL NOT NULL,
            loudness_ticks INTEGER NOT NULL,
            pauses INTEGER NOT NULL,
            pause_s REAL NOT NULL,
            articulation_rate_syl_s REAL GENERATED ALWAYS AS
                (CASE WHEN talk_s > 0 THEN syllables / talk_s END) VIRTUAL,
            mean_loudness_db REAL GENERATED ALWAYS AS
                (CASE WHEN loudness_ticks > 0 THEN loudness_sum_db / loudness_ticks END) VIRTUAL,
            PRIMARY KEY (shift_id, call_number, number),
            FOREIGN KEY (shift_id, call_number) REFERENCES calls (shift_id, number)
                ON DELETE CASCADE
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE transcript_words (
            id INTEGER PRIMARY KEY,
            shift_id INTEGER NOT NULL,
            call_number INTEGER NOT NULL,
            start_s REAL NOT NULL,
            end_s REAL NOT NULL,
            text TEXT NOT NULL,
            FOREIGN KEY (shift_id, call_number) REFERENCES calls (shift_id, number)
                ON DELETE CASCADE
        )
        """,
        "CREATE INDEX transcript_words_by_shift ON transcript_words (shift_id, start_s)",
    ),
    # 1 -> 2
    (
        """
        CREATE TABLE baselines (
            shift_id INTEGER PRIMARY KEY REFERENCES shifts (id) ON DELETE CASCADE,
            articulation_rate_syl_s REAL,
            loudness_db REAL
        )
        """,
        "ALTER TABLE metrics ADD COLUMN words INTEGER",
        "ALTER TABLE metrics ADD COLUMN key_points INTEGER",
        "ALTER TABLE metrics ADD COLUMN key_points_rushed INTEGER",
        "ALTER TABLE metrics ADD COLUMN customer_turns INTEGER",
        "ALTER TABLE metrics ADD COLUMN replies_unacknowledged INTEGER",
    ),
    # 2 -> 3: the customer channel. Only counts and durations of the customer's speech,
    # NULL where the customer was not heard.
    (
        "ALTER TABLE metrics ADD COLUMN customer_talk_s REAL",
        "ALTER TABLE metrics ADD COLUMN customer_syllables INTEGER",
        "ALTER TABLE metrics ADD COLUMN overtalk_s REAL",
        "ALTER TABLE metrics ADD COLUMN interruptions INTEGER",
        "ALTER TABLE metrics ADD COLUMN dead_air_s REAL",
    ),
)
LATEST_VERSION = len(MIGRATIONS)

# Opening
GET_APPLICATION_ID = "PRAGMA application_id"
SET_APPLICATION_ID = f"PRAGMA application_id = {APPLICATION_ID:d}"  # PRAGMA takes no parameters
GET_USER_VERSION = "PRAGMA user_version"
COUNT_SCHEMA_OBJECTS = "SELECT count(*) FROM sqlite_master"
QUICK_CHECK = "PRAGMA quick_check"
CONNECTION_PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA secure_delete = ON",
    "PRAGMA synchronous = NORMAL",
)
USE_WAL = "PRAGMA journal_mode = WAL"
CHECKPOINT_TRUNCATE = "PRAGMA wal_checkpoint(TRUNCATE)"
VACUUM = "VACUUM"


def set_user_version(version: int) -> str:
    """PRAGMA statements cannot take bound parameters; `version` is our own integer."""
    return f"PRAGMA user_version = {int(version):d}"


# Retention and deletion (the rest of a shift goes with it: ON DELETE CASCADE)
DELETE_SHIFTS_STARTED_BEFORE = "DELETE FROM shifts WHERE started_utc < ?"
DELETE_ALL_SHIFTS = "DELETE FROM shifts"

# Writing
INSERT_SHIFT = """
    INSERT INTO shifts (started_utc, recorded_s, source, language, haste_floor_syl_s,
                        haste_baseline_factor, haste_ceiling_syl_s, transcripts_stored)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
"""
UPDATE_SHIFT_PROGRESS = """
    UPDATE shifts SET recorded_s = max(recorded_s, ?), ended_utc = coalesce(?, ended_utc)
    WHERE id = ?
"""
UPSERT_CALL = """
    INSERT INTO calls (shift_id, number, start_s, end_s, reason) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (shift_id, number) DO UPDATE SET end_s = excluded.end_s
"""
UPSERT_METRICS = """
    INSERT INTO metrics (shift_id, call_number, number, start_s, end_s, talk_s, syllables,
                         loudness_sum_db, loudness_ticks, pauses, pause_s, words, key_points,
                         key_points_rushed, customer_turns, replies_unacknowledged,
                         customer_talk_s, customer_syllables, overtalk_s, interruptions,
                         dead_air_s)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (shift_id, call_number, number) DO UPDATE SET
        end_s = max(end_s, excluded.end_s),
        talk_s = talk_s + excluded.talk_s,
        syllables = syllables + excluded.syllables,
        loudness_sum_db = loudness_sum_db + excluded.loudness_sum_db,
        loudness_ticks = loudness_ticks + excluded.loudness_ticks,
        pauses = pauses + excluded.pauses,
        pause_s = pause_s + excluded.pause_s,
        words = words + excluded.words,
        key_points = key_points + excluded.key_points,
        key_points_rushed = key_points_rushed + excluded.key_points_rushed,
        customer_turns = customer_turns + excluded.customer_turns,
        replies_unacknowledged = replies_unacknowledged + excluded.replies_unacknowledged,
        customer_talk_s = customer_talk_s + excluded.customer_talk_s,
        customer_syllables = customer_syllables + excluded.customer_syllables,
        overtalk_s = overtalk_s + excluded.overtalk_s,
        interruptions = interruptions + excluded.interruptions,
        dead_air_s = dead_air_s + excluded.dead_air_s
"""
INSERT_CUE = """
    INSERT INTO cues (shift_id, call_number, name, t_s, evidence_t_s, message, evidence_json)
    VALUES (?, ?, ?, ?, ?, ?, ?)
"""
INSERT_TRANSCRIPT_WORD = """
    INSERT INTO transcript_words (shift_id, call_number, start_s, end_s, text)
    VALUES (?, ?, ?, ?, ?)
"""
UPSERT_BASELINE = """
    INSERT INTO baselines (shift_id, articulation_rate_syl_s, loudness_db) VALUES (?, ?, ?)
    ON CONFLICT (shift_id) DO UPDATE SET
        articulation_rate_syl_s = coalesce(excluded.articulation_rate_syl_s,
                                           articulation_rate_syl_s),
        loudness_db = coalesce(excluded.loudness_db, loudness_db)
"""

# Reading
SHIFT_COLUMNS = """
    s.id, s.started_utc, s.ended_utc, s.recorded_s, s.source, s.language,
    s.haste_floor_syl_s, s.haste_baseline_factor, s.haste_ceiling_syl_s, s.transcripts_stored
"""
SELECT_SHIFT = f"SELECT {SHIFT_COLUMNS} FROM shifts AS s WHERE s.id = ?"
SELECT_SHIFT_OVERVIEWS = f"""
    SELECT {SHIFT_COLUMNS},
        (SELECT count(*) FROM (
            SELECT 1 FROM metrics AS m WHERE m.shift_id = s.id
            GROUP BY m.call_number HAVING sum(m.talk_s) >= ?)),
        (SELECT coalesce(sum(m.talk_s), 0) FROM metrics AS m WHERE m.shift_id = s.id),
        (SELECT count(*) FROM cues AS c WHERE c.shift_id = s.id)
    FROM shifts AS s
    ORDER BY s.started_utc DESC, s.id DESC
    LIMIT ?
"""
SELECT_CALL_BOUNDS = "SELECT number, start_s, end_s FROM calls WHERE shift_id = ?"
SELECT_CALLS = """
    SELECT number, start_s, end_s, reason FROM calls WHERE shift_id = ? ORDER BY number
"""
SELECT_CUES = """
    SELECT call_number, name, t_s, evidence_t_s, message, evidence_json
    FROM cues WHERE shift_id = ? ORDER BY t_s, id
"""
SELECT_METRICS = """
    SELECT call_number, number, start_s, end_s, talk_s, syllables, articulation_rate_syl_s,
           mean_loudness_db, pauses, pause_s, words, key_points, key_points_rushed,
           customer_turns, replies_unacknowledged, customer_talk_s, customer_syllables,
           overtalk_s, interruptions, dead_air_s
    FROM metrics WHERE shift_id = ? ORDER BY start_s, call_number, number
"""
SELECT_BASELINE = """
    SELECT articulation_rate_syl_s, loudness_db FROM baselines WHERE shift_id = ?
"""
SELECT_TRANSCRIPT = """
    SELECT call_number, start_s, end_s, text FROM transcript_words
    WHERE shift_id = ? ORDER BY start_s, id
"""
