namespace Bot.Store;

/// <summary>
/// The schema, one numbered step at a time. <c>PRAGMA user_version</c> records the last step applied;
/// a step never changes once released, a new need gets a new step.
/// </summary>
internal static class Migrations
{
    public static readonly IReadOnlyList<(int Version, string Sql)> Steps =
    [
        (1, """
            CREATE TABLE papers(
                rowid INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                title_key TEXT NOT NULL UNIQUE,
                title TEXT NOT NULL,
                abstract TEXT NOT NULL,
                first_seen TEXT NOT NULL,
                last_seen TEXT NOT NULL,
                added_at TEXT NOT NULL);

            CREATE TABLE digests(
                id TEXT PRIMARY KEY,
                content_hash TEXT NOT NULL UNIQUE,
                source TEXT NOT NULL,
                format TEXT NOT NULL,
                digest_date TEXT NOT NULL,
                date_from_header INTEGER NOT NULL,
                arrived_at TEXT NOT NULL,
                ingested_at TEXT NOT NULL,
                paper_count INTEGER NOT NULL);
            CREATE INDEX digests_by_date ON digests(digest_date);

            CREATE TABLE appearances(
                digest_id TEXT NOT NULL REFERENCES digests(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                paper_rowid INTEGER NOT NULL REFERENCES papers(rowid) ON DELETE CASCADE,
                PRIMARY KEY(digest_id, position)) WITHOUT ROWID;
            CREATE INDEX appearances_by_paper ON appearances(paper_rowid, digest_id);

            CREATE TABLE links(
                paper_rowid INTEGER NOT NULL REFERENCES papers(rowid) ON DELETE CASCADE,
                url TEXT NOT NULL,
                kind TEXT NOT NULL,
                PRIMARY KEY(paper_rowid, url));

            CREATE VIRTUAL TABLE papers_fts USING fts5(
                title, abstract,
                content='papers', content_rowid='rowid',
                tokenize='porter unicode61 remove_diacritics 2');
            CREATE TRIGGER papers_fts_insert AFTER INSERT ON papers BEGIN
                INSERT INTO papers_fts(rowid, title, abstract) VALUES (new.rowid, new.title, new.abstract);
            END;
            CREATE TRIGGER papers_fts_delete AFTER DELETE ON papers BEGIN
                INSERT INTO papers_fts(papers_fts, rowid, title, abstract) VALUES ('delete', old.rowid, old.title, old.abstract);
            END;
            CREATE TRIGGER papers_fts_update AFTER UPDATE OF title, abstract ON papers BEGIN
                INSERT INTO papers_fts(papers_fts, rowid, title, abstract) VALUES ('delete', old.rowid, old.title, old.abstract);
                INSERT INTO papers_fts(rowid, title, abstract) VALUES (new.rowid, new.title, new.abstract);
            END;

            CREATE TABLE embeddings(
                model_id TEXT NOT NULL,
                paper_rowid INTEGER NOT NULL REFERENCES papers(rowid) ON DELETE CASCADE,
                dimensions INTEGER NOT NULL,
                vector BLOB NOT NULL,
                PRIMARY KEY(model_id, paper_rowid)) WITHOUT ROWID;

            -- A counter every write bumps, so in-memory caches (the vector index) know when to reload.
            CREATE TABLE store_meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
            INSERT INTO store_meta(key, value) VALUES ('generation', 0);
            """),
        (2, """
            -- The store generation that wrote each vector, so a cache reloads exactly what changed,
            -- replaced vectors included.
            ALTER TABLE embeddings ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
            CREATE INDEX embeddings_by_generation ON embeddings(model_id, generation);
            """),
        (3, """
            -- Chat front-end state that every instance must agree on: per-user cooldowns, the events
            -- (interactions, messages) already handled, and small named values.
            CREATE TABLE cooldowns(
                user_id TEXT NOT NULL,
                command TEXT NOT NULL,
                until TEXT NOT NULL,
                PRIMARY KEY(user_id, command)) WITHOUT ROWID;
            CREATE TABLE handled_events(
                id TEXT PRIMARY KEY,
                handled_at TEXT NOT NULL) WITHOUT ROWID;
            CREATE INDEX handled_events_by_time ON handled_events(handled_at);
            CREATE TABLE bot_state(
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL) WITHOUT ROWID;
            """),
        (4, """
            -- The language-model path: tokens spent per user or server per budget day, summaries
            -- cached by subject, prompt version and model, and each conversation's last exchange
            -- (a follow-up resolves against it).
            CREATE TABLE llm_usage(
                scope TEXT NOT NULL,
                day TEXT NOT NULL,
                tokens INTEGER NOT NULL,
                PRIMARY KEY(scope, day)) WITHOUT ROWID;
            CREATE TABLE summaries(
                kind TEXT NOT NULL,
                subject TEXT NOT NULL,
                prompt_version TEXT NOT NULL,
                model TEXT NOT NULL,
                text TEXT NOT NULL,
                sources TEXT NOT NULL,
                created_at TEXT NOT NULL,
                PRIMARY KEY(kind, subject, prompt_version, model)) WITHOUT ROWID;
            CREATE TABLE conversations(
                id TEXT PRIMARY KEY,
                question TEXT NOT NULL,
                answer TEXT NOT NULL,
                sources TEXT NOT NULL,
                updated_at TEXT NOT NULL) WITHOUT ROWID;
            CREATE INDEX conversations_by_time ON conversations(updated_at);
            """),
        (5, """
            -- What each user told the bot or did with a recommendation (issue 6). Every table about a
            -- person has a user_id column, so forgetting a user can find them all.
            CREATE TABLE user_interests(
                id INTEGER PRIMARY KEY,
                user_id TEXT NOT NULL,
                text TEXT NOT NULL,
                text_key TEXT NOT NULL,
                added_at TEXT NOT NULL,
                model_id TEXT,
                vector BLOB,
                UNIQUE(user_id, text_key));
            -- kind: like, dislike, dismiss (not interested), save. guild_id is '' outside a server.
            CREATE TABLE user_feedback(
                user_id TEXT NOT NULL,
                paper_rowid INTEGER NOT NULL REFERENCES papers(rowid) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                guild_id TEXT NOT NULL,
                at TEXT NOT NULL,
                PRIMARY KEY(user_id, paper_rowid, kind)) WITHOUT ROWID;
            CREATE INDEX user_feedback_by_guild ON user_feedback(guild_id, kind);
            CREATE TABLE user_seen(
                user_id TEXT NOT NULL,
                paper_rowid INTEGER NOT NULL REFERENCES papers(rowid) ON DELETE CASCADE,
                shown_at TEXT NOT NULL,
                PRIMARY KEY(user_id, paper_rowid)) WITHOUT ROWID;
            CREATE TABLE user_questions(
                id INTEGER PRIMARY KEY,
                user_id TEXT NOT NULL,
                guild_id TEXT NOT NULL,
                text TEXT NOT NULL,
                asked_at TEXT NOT NULL);
            CREATE INDEX user_questions_by_user ON user_questions(user_id, asked_at);
            """),
        (6, """
            -- Daily posts: who wants their picks when and where, the guilds' community digest channels,
            -- and a ledger with one row per target (user or guild) and local day. The ledger's key is
            -- what makes a day post once across restarts and instances: a row is claimed before
            -- sending and finished after (see DailyPostLedger for the rule on unfinished claims).
            CREATE TABLE daily_subscriptions(
                user_id TEXT PRIMARY KEY,
                guild_id TEXT,
                delivery TEXT NOT NULL CHECK(delivery IN ('dm', 'channel')),
                channel_id TEXT,
                local_time TEXT NOT NULL,
                time_zone TEXT NOT NULL,
                pick_count INTEGER NOT NULL CHECK(pick_count BETWEEN 1 AND 10),
                notify_empty INTEGER NOT NULL,
                created_at TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE community_digests(
                guild_id TEXT PRIMARY KEY,
                channel_id TEXT NOT NULL,
                local_time TEXT NOT NULL,
                time_zone TEXT NOT NULL,
                set_by TEXT NOT NULL,
                created_at TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE daily_posts(
                target TEXT NOT NULL,
                local_date TEXT NOT NULL,
                state TEXT NOT NULL CHECK(state IN ('claimed', 'sent', 'empty', 'failed', 'superseded')),
                claimed_by TEXT NOT NULL,
                claimed_at TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                payload TEXT,
                digest_id TEXT,
                message_id TEXT,
                detail TEXT,
                finished_at TEXT,
                PRIMARY KEY(target, local_date)) WITHOUT ROWID;
            CREATE INDEX daily_posts_by_state ON daily_posts(state, claimed_at);
            """),
        (7, """
            -- Forgetting a user finds every row about them by its user_id column: their language-model
            -- usage, the last exchange of a conversation they asked (a DM's id does not name them), and
            -- named values they own (search sessions). NULL where a row belongs to nobody in particular.
            ALTER TABLE llm_usage ADD COLUMN user_id TEXT;
            UPDATE llm_usage SET user_id = substr(scope, 6) WHERE substr(scope, 1, 5) = 'user:';
            ALTER TABLE conversations ADD COLUMN user_id TEXT;
            -- Who asked the exchanges kept so far is not known; they are an hour's memory, so they go.
            DELETE FROM conversations;
            ALTER TABLE bot_state ADD COLUMN user_id TEXT;
            UPDATE bot_state SET user_id = json_extract(value, '$.user_id')
            WHERE substr(key, 1, 7) = 'search:' AND json_valid(value);
            """),
        (8, """
            -- A subscription whose posts the destination refuses for good (DMs closed) is paused, with
            -- the reason, so the scheduler stops trying every day; /subscribe resumes it.
            ALTER TABLE daily_subscriptions ADD COLUMN paused TEXT;
            """),
        (9, """
            -- A community digest whose channel is gone, or that the bot may not post in day after day, is
            -- paused the same way, with the reason; /digest-channel resumes it.
            ALTER TABLE community_digests ADD COLUMN paused TEXT;
            """),
        (10, """
            -- A paper only shown (no reaction) may be shown once more, when a newer interest or feedback
            -- makes it a strong match; returned_at marks that second showing, after which it stays out.
            ALTER TABLE user_seen ADD COLUMN returned_at TEXT;
            """),
        (11, """
            -- A digest's identity is its date and the full hash of its papers; six hex characters of the
            -- hash let two digests of one day collide (issue 14). short_id is what people see and type:
            -- the old id for the digests stored so far, so a name someone noted down still finds its
            -- digest. Everything naming a digest moves to the new id in this one transaction; the
            -- appearances briefly point at ids that do not exist yet, hence the deferred check.
            PRAGMA defer_foreign_keys = ON;
            ALTER TABLE digests ADD COLUMN short_id TEXT;
            UPDATE digests SET short_id = id;
            CREATE UNIQUE INDEX digests_by_short_id ON digests(short_id);
            CREATE TEMP TABLE digest_renames AS SELECT id AS old_id, digest_date || '-' || content_hash AS new_id FROM digests;
            UPDATE appearances SET digest_id = (SELECT new_id FROM temp.digest_renames WHERE old_id = appearances.digest_id);
            UPDATE daily_posts SET digest_id = (SELECT new_id FROM temp.digest_renames WHERE old_id = daily_posts.digest_id)
            WHERE digest_id IN (SELECT old_id FROM temp.digest_renames);
            UPDATE daily_posts SET payload = json_set(payload, '$.digest_id',
                (SELECT new_id FROM temp.digest_renames WHERE old_id = json_extract(daily_posts.payload, '$.digest_id')))
            WHERE json_valid(payload) AND json_extract(payload, '$.digest_id') IN (SELECT old_id FROM temp.digest_renames);
            UPDATE summaries SET subject = (SELECT new_id FROM temp.digest_renames WHERE old_id = summaries.subject)
            WHERE kind = 'digest' AND subject IN (SELECT old_id FROM temp.digest_renames);
            UPDATE digests SET id = (SELECT new_id FROM temp.digest_renames WHERE old_id = digests.id);
            DROP TABLE temp.digest_renames;
            """),
    ];

    public static int Latest => Steps[^1].Version;
}
