namespace Gatho.Drivers.Postgres.Schema;

/// <summary>
/// The schema's versions, as the DDL that takes a schema from the previous version to each one. Migrations are
/// forward only and append-only: a released step is never edited, a change is a new step. <c>{s}</c> stands for the
/// quoted schema name.
/// </summary>
internal static class SchemaMigrations
{
    /// <summary>The version this driver creates and reads.</summary>
    public static int Current => Steps.Length;

    /// <summary><c>Steps[n - 1]</c> takes the schema from version n − 1 to n.</summary>
    public static readonly string[] Steps =
    [
        // Version 1. Data is kept as the validated compact text (json would keep it too, jsonb would reorder keys);
        // tags are jsonb so filters use containment (@>) with a GIN index. Times are database time (now()).
        """
        CREATE TABLE {s}.servers (
            server_id      text PRIMARY KEY,
            endpoint       text NOT NULL,
            tags           jsonb NOT NULL DEFAULT '{}',
            room_types     text[] NOT NULL DEFAULT '{}',
            last_heartbeat timestamptz NOT NULL
        );
        CREATE INDEX servers_endpoint ON {s}.servers (endpoint);
        CREATE INDEX servers_last_heartbeat ON {s}.servers (last_heartbeat);
        CREATE INDEX servers_tags ON {s}.servers USING gin (tags jsonb_path_ops);

        CREATE TABLE {s}.rooms (
            room_id     text PRIMARY KEY,
            seq         bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
            room_type   text NOT NULL,
            server_id   text NOT NULL REFERENCES {s}.servers ON DELETE CASCADE,
            status      smallint NOT NULL DEFAULT 0,
            endpoint    text,
            room_secret text,
            data        text NOT NULL,
            tags        jsonb NOT NULL DEFAULT '{}',
            created_at  timestamptz NOT NULL,
            expires_at  timestamptz
        );
        CREATE INDEX rooms_server ON {s}.rooms (server_id, seq);
        CREATE INDEX rooms_type_status ON {s}.rooms (room_type, status, seq);
        CREATE INDEX rooms_status ON {s}.rooms (status, seq);
        CREATE INDEX rooms_tags ON {s}.rooms USING gin (tags jsonb_path_ops);
        CREATE INDEX rooms_expires ON {s}.rooms (expires_at) WHERE expires_at IS NOT NULL;

        CREATE TABLE {s}.clients (
            client_id    text PRIMARY KEY,
            room_id      text NOT NULL REFERENCES {s}.rooms ON DELETE CASCADE,
            status       smallint NOT NULL,
            tags         jsonb NOT NULL DEFAULT '{}',
            connected_at timestamptz,
            expires_at   timestamptz
        );
        CREATE INDEX clients_room ON {s}.clients (room_id);
        CREATE INDEX clients_expires ON {s}.clients (expires_at) WHERE expires_at IS NOT NULL;

        CREATE TABLE {s}.leader (
            id         int PRIMARY KEY CHECK (id = 1),
            server_id  text NOT NULL,
            expires_at timestamptz NOT NULL
        );

        -- Pushed server events: NOTIFY carries "<server id> <seq>", the listener reads the row, and a listener that
        -- reconnects replays what it missed. Kept for EventRetention.
        CREATE TABLE {s}.server_events (
            seq        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            server_id  text NOT NULL,
            kind       smallint NOT NULL,
            room_id    text NOT NULL,
            room_type  text,
            data       text,
            created_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX server_events_server ON {s}.server_events (server_id, seq);
        CREATE INDEX server_events_created ON {s}.server_events (created_at);

        -- Why a room failed, for waiters: NOTIFY carries only the room id. Kept for EventRetention.
        CREATE TABLE {s}.room_failures (
            room_id   text PRIMARY KEY,
            reason    text NOT NULL,
            failed_at timestamptz NOT NULL
        );
        CREATE INDEX room_failures_failed ON {s}.room_failures (failed_at);

        CREATE FUNCTION {s}.notify_server_event() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify(TG_ARGV[0], NEW.server_id || ' ' || NEW.seq);
            RETURN NULL;
        END $$;
        CREATE TRIGGER server_events_notify AFTER INSERT ON {s}.server_events
            FOR EACH ROW EXECUTE FUNCTION {s}.notify_server_event('{events}');
        """,

        // Version 2 (issue 12, matchmaking): a room's capacity (null: no limit) and its lock.
        """
        ALTER TABLE {s}.rooms ADD COLUMN max_clients int, ADD COLUMN locked boolean NOT NULL DEFAULT false;
        """,
    ];
}
