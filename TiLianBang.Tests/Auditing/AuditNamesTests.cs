using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Auditing;
using TiLianBang.Core.Data;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Repairs;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Auditing;

/// <summary>Actors and subjects of logs and timelines are named as people know them, in bulk.</summary>
public sealed class AuditNamesTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    [Fact]
    public async Task PeopleJobsAndSubjectsAreNamedReadably()
    {
        var elevator = await app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == "CQ0003").Select(e => e.Id).SingleAsync());
        var (order, _) = await app.AsSystemAsync((sp, _) => sp.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevator, 11, true, "困人", default));
        var manager = await app.AsSystemAsync((_, db) => db.Users.SingleAsync(u => u.UserName == DemoAccounts.MaintenanceManager));
        var worker = await app.AsSystemAsync((_, db) => db.Users.SingleAsync(u => u.UserName == DemoAccounts.MaintenanceWorker));
        OperationLog[] logs =
        [
            new() { AccountId = manager.Id, UserName = manager.UserName, Target = $"RepairOrder#{order.Id}" },
            new() { UserName = "system:device-records", Target = $"Elevator#{elevator}" },
            new() { UserName = "system:escalation", Target = $"Account#{worker.Id}" },
            new() { UserName = DemoAccounts.MaintenanceWorker, Target = $"Company#{manager.CompanyId}" },
            new() { UserName = "nobody-here", Target = "Elevator#999999" },
        ];

        var book = await app.AsSystemAsync((sp, _) => sp.GetRequiredService<AuditNames>().ResolveAsync(logs, default));

        Assert.Equal(new ActorName("张建国", false, DemoAccounts.MaintenanceManager), book.Actor(manager.Id, manager.UserName));
        Assert.Equal(new ActorName("设备上报", true, "system:device-records"), book.Actor(null, "system:device-records"));
        Assert.Equal("系统：5级上报", book.Actor(null, "system:escalation").Text);
        Assert.Equal("李师傅", book.Actor(null, DemoAccounts.MaintenanceWorker).Text);
        Assert.Equal(new ActorName("nobody-here", false, null), book.Actor(null, "nobody-here"));
        Assert.Equal(new SubjectName("工单", order.Number), book.Subject(logs[0].Target));
        Assert.StartsWith("JX", order.Number, StringComparison.Ordinal);
        Assert.Equal(new SubjectName("电梯", "CQ0003"), book.Subject(logs[1].Target));
        Assert.Equal(new SubjectName("账号", "李师傅"), book.Subject(logs[2].Target));
        Assert.Equal("公司", book.Subject(logs[3].Target)!.KindKey);
        Assert.NotNull(book.Subject(logs[3].Target)!.Label);
        Assert.Equal(new SubjectName("电梯", null), book.Subject(logs[4].Target));
    }

    [Fact]
    public async Task EveryKindOfSubjectCanBeLookedUp()
    {
        var targets = AuditSubjects.Entities.Select(e => $"{e}#1").ToList();

        var book = await app.AsSystemAsync((sp, _) => sp.GetRequiredService<AuditNames>().ResolveAsync([], targets, default));

        Assert.Equal("CQ0001", book.Subject("Elevator#1")!.Label);
        Assert.All(targets, t => Assert.DoesNotContain("#", book.Subject(t)!.KindKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task APageOfRowsCostsOneQueryPerKindNotPerRow()
    {
        var logs = await app.AsSystemAsync((_, db) => db.Elevators.Select(e => e.Id).ToListAsync());
        var accounts = await app.AsSystemAsync((_, db) => db.Users.Select(u => new { u.Id, u.UserName }).ToListAsync());
        var rows = logs.Select((id, i) => new OperationLog
        {
            AccountId = accounts[i % accounts.Count].Id,
            UserName = accounts[i % accounts.Count].UserName,
            Target = i % 2 == 0 ? $"Elevator#{id}" : $"Account#{accounts[i % accounts.Count].Id}",
        }).ToList();
        Assert.True(rows.Count >= 10);

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Core.Accounts.CurrentActor>().SetSystem("test");
        var db = scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>();
        var queries = 0;
        using var listening = DiagnosticListener.AllListeners.Subscribe(new Listener(l =>
        {
            if (l.Name == DbLoggerCategory.Name)
            {
                l.Subscribe(new Observer(e =>
                {
                    if (e.Key == RelationalEventId.CommandExecuting.Name && e.Value is CommandEventData data && data.Context == db)
                    {
                        Interlocked.Increment(ref queries);
                    }
                }));
            }
        }));

        var book = await scope.ServiceProvider.GetRequiredService<AuditNames>().ResolveAsync(rows, default);

        Assert.All(rows, r => Assert.NotNull(book.Subject(r.Target)!.Label));
        Assert.Equal(3, queries);
    }

    private sealed class Listener(Action<DiagnosticListener> onNext) : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener value) => onNext(value);
        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }

    private sealed class Observer(Action<KeyValuePair<string, object?>> onNext) : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value) => onNext(value);
        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }
}
