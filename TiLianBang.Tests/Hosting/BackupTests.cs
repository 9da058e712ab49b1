using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using TiLianBang.Core.Auditing;
using TiLianBang.Core.Demo;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Hosting;
using TiLianBang.Web.Hosting.Backups;

namespace TiLianBang.Tests.Hosting;

/// <summary>
/// OPS-3 on SQLite: <c>backup --to</c> copies a running installation while collectors write, <c>restore --from</c>
/// puts it into a stopped one, and the restored installation is whole (SQLite's integrity check, every event
/// acknowledged before the backup, the keys: a cookie and a token issued before still work). The daily job keeps
/// <c>Backup:Keep</c> backups; restore refuses a running installation and a damaged backup.
/// </summary>
public sealed class BackupTests(BackupTests.Fixture app) : IClassFixture<BackupTests.Fixture>
{
    /// <summary>An app whose daily backups go to a folder of the test's, three kept, at 04:00.</summary>
    public sealed class Fixture : TiLianBangAppFactory
    {
        public Fixture()
        {
            Settings["Backup:Directory"] = BackupDirectory;
            Settings["Backup:Keep"] = "3";
            Settings["Backup:Hour"] = "4";
        }

        public string BackupDirectory { get; } = Directory.CreateTempSubdirectory("tlb-backups-").FullName;

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing && Directory.Exists(BackupDirectory))
            {
                Directory.Delete(BackupDirectory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task BackupWhileCollectorsWriteRestoresAWholeInstallation()
    {
        var source = Directory.CreateTempSubdirectory("tlb-backup-source-").FullName;
        var backups = Directory.CreateTempSubdirectory("tlb-backup-to-").FullName;
        var restored = Directory.CreateTempSubdirectory("tlb-backup-restored-").FullName;
        try
        {
            var cookies = new CookieContainer();
            string token;
            string backupFolder;
            (string DeviceId, string EventId)[] acknowledgedBefore;
            int acknowledgedDuring;
            await using (var running = new TiLianBangAppFactory(source))
            {
                // Sign-ins before the backup: a staff cookie and a mini-program token.
                var browser = running.CreateDefaultClient(new CookieHandler(cookies));
                Assert.Equal(HttpStatusCode.Redirect, (await SignInForm.PostAsync(browser, DemoAccounts.MaintenanceManager, DemoAccounts.Password)).StatusCode);
                var api = await running.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
                token = api.DefaultRequestHeaders.Authorization!.Parameter!;
                Directory.CreateDirectory(Path.Combine(source, "photos"));
                await File.WriteAllBytesAsync(Path.Combine(source, "photos", "backup-test.jpg"), [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]);

                var acknowledged = new ConcurrentQueue<(string, string)>();
                using var stop = new CancellationTokenSource();
                var collectors = await Task.WhenAll(Enumerable.Range(1, 3).Select(n => DemoCollector.OfElevatorAsync(running, n)));
                var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var publishers = collectors.Select(c => PublishUntilStoppedAsync(running.MqttPort, c, acknowledged, enough, stop.Token)).ToList();
                // A failing publisher ends the wait too, and shows its exception below.
                await Task.WhenAny(publishers.Append(enough.Task)).WaitAsync(TimeSpan.FromSeconds(30));
                Assert.DoesNotContain(publishers, p => p.IsFaulted);

                acknowledgedBefore = [.. acknowledged];
                var backup = await WebCommand.RunAsync(new Dictionary<string, string> { ["App:DataDirectory"] = source }, "backup", "--to", backups);
                acknowledgedDuring = acknowledged.Count - acknowledgedBefore.Length;
                await stop.CancelAsync();
                await Task.WhenAll(publishers);

                Assert.True(backup.ExitCode == 0, backup.ToString());
                backupFolder = Assert.Single(Directory.GetDirectories(backups));
                Assert.Contains(backupFolder, backup.Output, StringComparison.Ordinal);
            }
            // The collectors went on writing while the backup ran: it was an online copy.
            Assert.True(acknowledgedDuring > 0, "no event was acknowledged while the backup ran");
            var manifest = JsonSerializer.Deserialize<JsonElement>(await File.ReadAllTextAsync(Path.Combine(backupFolder, "manifest.json")));
            var files = manifest.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()).ToList();
            Assert.Contains("tilianbang.db", files);
            Assert.Contains("token-signing.key", files);
            Assert.Contains("photos/backup-test.jpg", files);
            Assert.Contains(files, f => f!.StartsWith("keys/", StringComparison.Ordinal));

            var restore = await WebCommand.RunAsync(new Dictionary<string, string> { ["App:DataDirectory"] = restored }, "restore", "--from", backupFolder);
            Assert.True(restore.ExitCode == 0, restore.ToString());
            Assert.Equal("ok", await ScalarAsync(Path.Combine(restored, "tilianbang.db"), "PRAGMA integrity_check;"));
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(source, "photos", "backup-test.jpg")), await File.ReadAllBytesAsync(Path.Combine(restored, "photos", "backup-test.jpg")));

            await using var again = new TiLianBangAppFactory(restored);
            var stored = await again.AsSystemAsync(async (_, db) =>
                (await db.ElevatorEvents.IgnoreQueryFilters().Select(e => new { e.DeviceId, e.EventId }).ToListAsync())
                    .Select(e => (e.DeviceId, e.EventId)).ToHashSet());
            Assert.All(acknowledgedBefore, a => Assert.Contains(a, stored));

            var tokenClient = again.CreateClient();
            tokenClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.OK, (await tokenClient.GetAsync("/api/v1/me/repairs")).StatusCode);
            var cookieClient = again.CreateDefaultClient(new CookieHandler(cookies));
            Assert.Equal(HttpStatusCode.OK, (await cookieClient.GetAsync("/")).StatusCode);
            // Against a control without the cookie, so the 200 above is the cookie's doing.
            Assert.Equal(HttpStatusCode.Redirect, (await again.CreateDefaultClient(new CookieHandler(new CookieContainer())).GetAsync("/")).StatusCode);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var folder in new[] { source, backups, restored })
            {
                TryDelete(folder);
            }
        }
    }

    [Fact]
    public async Task RestoreRefusesARunningInstallationAndReplacesAStoppedOneKeepingItsDataAside()
    {
        var data = Directory.CreateTempSubdirectory("tlb-restore-").FullName;
        var backups = Directory.CreateTempSubdirectory("tlb-restore-backups-").FullName;
        var settings = new Dictionary<string, string> { ["App:DataDirectory"] = data };
        try
        {
            string folder;
            await using (var running = new TiLianBangAppFactory(data))
            {
                // A token issued makes the signing key file, which the restore must bring back.
                await running.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
                folder = (await running.Services.GetRequiredService<BackupWriter>().CreateAsync(backups, CancellationToken.None)).Folder;

                var refused = await WebCommand.RunAsync(settings, "restore", "--from", folder);

                Assert.Equal(1, refused.ExitCode);
                Assert.Contains("is running", refused.Error, StringComparison.Ordinal);
                Assert.Contains("Stop the service", refused.Error, StringComparison.Ordinal);
                Assert.Empty(Directory.GetDirectories(data, BackupRestorer.AsidePrefix + "*"));
                Assert.Equal(HttpStatusCode.OK, (await running.CreateClient().GetAsync("/health")).StatusCode);
            }
            SqliteConnection.ClearAllPools();
            var before = await File.ReadAllBytesAsync(Path.Combine(data, "tilianbang.db"));

            var done = await WebCommand.RunAsync(settings, "restore", "--from", folder);

            Assert.True(done.ExitCode == 0, done.ToString());
            var aside = Assert.Single(Directory.GetDirectories(data, BackupRestorer.AsidePrefix + "*"));
            Assert.Equal(before, await File.ReadAllBytesAsync(Path.Combine(aside, "tilianbang.db")));
            Assert.True(File.Exists(Path.Combine(aside, "token-signing.key")));
            Assert.False(File.Exists(Path.Combine(data, "tilianbang.db-wal")));
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(folder, "tilianbang.db")), await File.ReadAllBytesAsync(Path.Combine(data, "tilianbang.db")));
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(folder, "token-signing.key")), await File.ReadAllBytesAsync(Path.Combine(data, "token-signing.key")));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "token-signing.key")));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TryDelete(data);
            TryDelete(backups);
        }
    }

    public static TheoryData<string> Damages => ["a flipped byte in the database", "a missing photo", "a truncated manifest", "a path out of the backup", "no manifest"];

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task RestoreRefusesADamagedBackupBeforeTouchingTheInstallation(string damage)
    {
        var copy = Directory.CreateTempSubdirectory("tlb-damaged-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(app.DataDirectory, "photos"));
            await File.WriteAllTextAsync(Path.Combine(app.DataDirectory, "photos", "damage.jpg"), "photo");
            var backup = await app.Services.GetRequiredService<BackupWriter>().CreateAsync(copy, CancellationToken.None);
            var manifest = Path.Combine(backup.Folder, "manifest.json");
            var expected = damage switch
            {
                "a flipped byte in the database" => Flip(Path.Combine(backup.Folder, "tilianbang.db")),
                "a missing photo" => Remove(Path.Combine(backup.Folder, "photos", "damage.jpg"), "photos/damage.jpg is missing"),
                "a truncated manifest" => Truncate(manifest),
                "a path out of the backup" => Rewrite(manifest, "\"photos/damage.jpg\"", "\"../../escape.jpg\"", "outside a backup's entries: ../../escape.jpg"),
                _ => Remove(manifest, "has no manifest.json"),
            };
            // What only the installation holds, not the backup: a restore that touched anything would lose it. The
            // database's bytes are no witness, as the running host's own writes checkpoint into the file meanwhile.
            var marker = "after-backup-" + Guid.NewGuid().ToString("N");
            await app.AsSystemAsync((_, db) =>
            {
                db.OperationLogs.Add(new OperationLog { AtUtc = app.Clock.GetUtcNow().UtcDateTime, UserName = "test", Action = OperationAction.Create, Target = marker });
                return db.SaveChangesAsync();
            });
            var photo = Path.Combine(app.DataDirectory, "photos", marker + ".jpg");
            await File.WriteAllTextAsync(photo, marker);

            var refused = await Assert.ThrowsAsync<BackupException>(() =>
                app.Services.GetRequiredService<BackupRestorer>().RestoreAsync(backup.Folder, CancellationToken.None));

            Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
            Assert.Equal(1, await app.AsSystemAsync((_, db) => db.OperationLogs.CountAsync(l => l.Target == marker)));
            Assert.Equal(marker, await File.ReadAllTextAsync(photo));
            Assert.True(File.Exists(Path.Combine(app.DataDirectory, "photos", "damage.jpg")));
            Assert.Empty(Directory.GetDirectories(app.DataDirectory, BackupRestorer.AsidePrefix + "*"));
        }
        finally
        {
            TryDelete(copy);
        }
    }

    [Fact]
    public async Task TheDailyJobKeepsTheNewestBackupsOfBackupKeep()
    {
        var job = app.Services.GetRequiredService<DailyBackupJob>();
        var names = new List<string>();
        for (var run = 0; run < 5; run++)
        {
            // A minute apart, not a day: the fake clock fires every periodic timer of the host once per period it
            // skips, and a day of the per-second ones costs minutes. The backups' names differ all the same.
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            names.Add("tilianbang-" + app.Clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
            await job.RunAsync(CancellationToken.None);
        }

        // Keep = 3: the last three of the five runs, each with its manifest.
        Assert.Equal(names[2..], Directory.GetDirectories(app.BackupDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(Directory.GetDirectories(app.BackupDirectory), d => Assert.True(File.Exists(Path.Combine(d, "manifest.json"))));
        Assert.Empty(Directory.GetDirectories(app.BackupDirectory, "*.partial"));

        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var recurring = Assert.Single(connection.GetRecurringJobs(), j => j.Id == "backup-daily");
        Assert.Equal(Cron.Daily(4), recurring.Cron);
        Assert.Equal(nameof(DailyBackupJob.RunAsync), recurring.Job.Method.Name);
    }

    [Fact]
    public async Task ABackupThatCannotBeWrittenFailsClearlyAndTheServiceGoesOn()
    {
        // A file where the backup folder should be: the folder cannot be created, as on a read-only or full volume.
        var blocker = Path.Combine(app.DataDirectory, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "x");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Backup:Directory"] = blocker }).Build();
        var layout = new BackupLayout(configuration, app.Services.GetRequiredService<AppPaths>());
        var job = new DailyBackupJob(layout, new BackupWriter(layout, app.Clock, NullLogger<BackupWriter>.Instance), NullLogger<DailyBackupJob>.Instance);

        var failed = await Assert.ThrowsAsync<BackupException>(() => job.RunAsync(CancellationToken.None));

        Assert.Contains($"Backup to {blocker} failed", failed.Message, StringComparison.Ordinal);
        Assert.Contains("may write to it and that the disk has room", failed.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task OnSqlServerBothVerbsPointToTheServersBackups()
    {
        var settings = new Dictionary<string, string>
        {
            ["App:DataDirectory"] = app.DataDirectory,
            ["Database:Provider"] = "SqlServer",
            ["ConnectionStrings:TiLianBang"] = "Server=sql01;Database=TiLianBang;Integrated Security=True",
        };

        var backup = await WebCommand.RunAsync(settings, "backup", "--to", Path.Combine(app.DataDirectory, "never"));
        var restore = await WebCommand.RunAsync(settings, "restore", "--from", Path.Combine(app.DataDirectory, "never"));

        Assert.All(new[] { backup, restore }, r =>
        {
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("SQL Server's own backups", r.Error, StringComparison.Ordinal);
        });
        Assert.False(Directory.Exists(Path.Combine(app.DataDirectory, "never")));
    }

    [Fact]
    public async Task AVerbWithoutItsFolderShowsHowToUseIt()
    {
        var outcome = await WebCommand.RunAsync(new Dictionary<string, string>(), "backup");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("Usage: TiLianBang.Web backup --to DIR", outcome.Error, StringComparison.Ordinal);
    }

    /// <summary>Publishes QoS 1 events back to back until stopped; notes each acknowledged one.</summary>
    private static async Task PublishUntilStoppedAsync(int port, DemoCollector collector, ConcurrentQueue<(string, string)> acknowledged,
        TaskCompletionSource enough, CancellationToken stop)
    {
        using var client = await MqttTestClient.ConnectAsync(port, collector);
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var eventId = $"backup-{i}";
            var ack = await client.PublishAsync(collector.Topic("event"), $$"""{"id":"{{eventId}}","code":40,"state":{{i % 2}}}""");
            Assert.True(ack.IsSuccess, ack.ReasonString);
            acknowledged.Enqueue((collector.DeviceId, eventId));
            if (acknowledged.Count >= 30)
            {
                enough.TrySetResult();
            }
        }
    }

    private static async Task<string?> ScalarAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync() as string;
    }

    private static string Flip(string file)
    {
        var bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(file, bytes);
        return "tilianbang.db does not match its manifest";
    }

    private static string Remove(string file, string expected)
    {
        File.Delete(file);
        return expected;
    }

    private static string Truncate(string manifest)
    {
        var text = File.ReadAllText(manifest);
        File.WriteAllText(manifest, text[..(text.Length / 2)]);
        return "manifest.json is damaged";
    }

    private static string Rewrite(string file, string from, string to, string expected)
    {
        var text = File.ReadAllText(file);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(file, text.Replace(from, to, StringComparison.Ordinal));
        return expected;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A log file may still be held open for a moment; the OS cleans temp folders.
        }
    }

    /// <summary>Keeps cookies in a container the test holds, so they can be carried to another app.</summary>
    private sealed class CookieHandler(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            var header = cookies.GetCookieHeader(uri);
            if (header.Length > 0)
            {
                request.Headers.Add("Cookie", header);
            }
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                foreach (var value in values)
                {
                    cookies.SetCookies(uri, value);
                }
            }
            return response;
        }
    }
}
