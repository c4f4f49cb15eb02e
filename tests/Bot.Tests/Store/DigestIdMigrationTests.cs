using System.Security.Cryptography;
using System.Text;
using Bot.Digests;
using Bot.Store;
using Bot.Tests.Support;

namespace Bot.Tests.Store;

/// <summary>
/// A store written before digest ids were full hashes (schema 10: ids of a date and six hex
/// characters) upgrades in place: every digest keeps its papers and everything that names it, and the
/// old id still finds it.
/// </summary>
public sealed class DigestIdMigrationTests
{
    private const string Title = "Many Files Paper Number 1679";
    private static readonly string Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(TitleKey.From(Title))));
    private static readonly string OldId = "2024-05-06-" + Hash[..6];
    private static readonly string NewId = "2024-05-06-" + Hash;

    [Fact]
    public void Open_StoreAtVersion10_MovesDigestsAndWhatNamesThemToFullIdsAndKeepsTheOldIdAsShortId()
    {
        using var store = TestStore.Create();
        PlantVersion10Store(store.DatabasePath);

        var papers = store.Get<PaperStore>();
        var digest = Assert.Single(papers.ListDigests());

        Assert.Equal((NewId, OldId), (digest.Id, digest.ShortId));
        Assert.Equal(NewId, papers.FindDigest(OldId).Id);
        Assert.Single(papers.DigestPaperRowIds(OldId));
        var paper = papers.FindPaper(Title)!;
        Assert.Equal((NewId, OldId), (paper.Appearances.Single().DigestId, paper.Appearances.Single().DigestShortId));
        using var connection = store.OpenRaw();
        Assert.Equal(Migrations.Latest, StoreProbe.Scalar<int>(connection, "PRAGMA user_version"));
        Assert.Equal(NewId, StoreProbe.Scalar<string>(connection, "SELECT digest_id FROM daily_posts WHERE target = 'user:42'"));
        Assert.Equal(NewId, StoreProbe.Scalar<string>(connection, "SELECT json_extract(payload, '$.digest_id') FROM daily_posts WHERE target = 'user:42'"));
        Assert.Equal("not a digest", StoreProbe.Scalar<string>(connection, "SELECT digest_id FROM daily_posts WHERE target = 'user:43'"));
        Assert.Equal(NewId, StoreProbe.Scalar<string>(connection, "SELECT subject FROM summaries WHERE kind = 'digest'"));
        Assert.Equal("p1", StoreProbe.Scalar<string>(connection, "SELECT subject FROM summaries WHERE kind = 'paper'"));
        Assert.Equal(1, StoreProbe.Count(connection, "user_feedback"));
        Assert.Equal(1, StoreProbe.Count(connection, "daily_subscriptions"));
        Assert.Equal(0, StoreProbe.Count(connection, "pragma_foreign_key_check"));
        Assert.Equal(0, StoreProbe.Scalar<long>(connection, "SELECT count(*) FROM digests WHERE short_id IS NULL"));
    }

    [Fact]
    public void Ingest_AfterUpgrade_SameDigestIsKnownAndTheColliderIsStored()
    {
        using var store = TestStore.Create();
        PlantVersion10Store(store.DatabasePath);
        var ingestor = store.Get<DigestIngestor>();
        var arrived = new DateTimeOffset(2024, 5, 6, 12, 0, 0, TimeSpan.Zero);

        var again = ingestor.IngestContent(Encoding.UTF8.GetBytes(DigestText.Build("May 6", (Title, DigestText.Abstract("many files")))), "again.txt", arrived);
        // Same day, hash d0503e9f…: the id the old scheme would have given it was taken.
        var collider = ingestor.IngestContent(Encoding.UTF8.GetBytes(DigestText.Build("May 6", ("Many Files Paper Number 4447", DigestText.Abstract("more files")))), "collider.txt", arrived);

        Assert.Equal((0, 1), (again.Digests, again.DigestsExisting));
        Assert.Contains(again.Warnings, w => w.Contains($"already ingested as digest {OldId}", StringComparison.Ordinal));
        Assert.Empty(collider.Errors);
        Assert.Equal(1, collider.Digests);
        Assert.Equal([OldId, OldId + "9"], store.Get<PaperStore>().ListDigests().Select(d => d.ShortId).Order(StringComparer.Ordinal));
    }

    /// <summary>A store as a schema-10 build left it: one digest, its paper, and rows that name the digest or the paper.</summary>
    private static void PlantVersion10Store(string path)
    {
        using var connection = StoreProbe.OpenCreate(path);
        foreach (var (_, sql) in Migrations.Steps.Where(s => s.Version <= 10))
        {
            StoreProbe.Execute(connection, sql);
        }
        StoreProbe.Execute(connection, $$"""
            PRAGMA user_version = 10;
            INSERT INTO papers(rowid, id, title_key, title, abstract, first_seen, last_seen, added_at)
            VALUES (1, '{{TitleKey.PaperId(TitleKey.From(Title))}}', '{{TitleKey.From(Title)}}', '{{Title}}', 'We study many files. It works.', '2024-05-06', '2024-05-06', '2024-05-06T12:00:00Z');
            INSERT INTO digests(id, content_hash, source, format, digest_date, date_from_header, arrived_at, ingested_at, paper_count)
            VALUES ('{{OldId}}', '{{Hash}}', 'old.txt', 'text', '2024-05-06', 1, '2024-05-06T12:00:00Z', '2024-05-06T12:00:00Z', 1);
            INSERT INTO appearances(digest_id, position, paper_rowid) VALUES ('{{OldId}}', 1, 1);
            INSERT INTO daily_posts(target, local_date, state, claimed_by, claimed_at, attempts, payload, digest_id)
            VALUES ('user:42', '2024-05-06', 'sent', 'a', '2024-05-06T12:00:00Z', 1, '{"kind":"user","digest_id":"{{OldId}}"}', '{{OldId}}'),
                   ('user:43', '2024-05-06', 'sent', 'a', '2024-05-06T12:00:00Z', 1, NULL, 'not a digest');
            INSERT INTO summaries VALUES ('digest', '{{OldId}}', 'v1', 'm', 'text', '[]', '2024-05-06T12:00:00Z'),
                                         ('paper', 'p1', 'v1', 'm', 'text', '[]', '2024-05-06T12:00:00Z');
            INSERT INTO user_feedback VALUES ('42', 1, 'like', '', '2024-05-06T12:00:00Z');
            INSERT INTO daily_subscriptions(user_id, guild_id, delivery, channel_id, local_time, time_zone, pick_count, notify_empty, created_at)
            VALUES ('42', NULL, 'dm', NULL, '08:00', 'UTC', 3, 0, '2024-05-06T12:00:00Z');
            """);
    }
}
