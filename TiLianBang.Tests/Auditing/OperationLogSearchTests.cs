using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Auditing;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Auditing;

public sealed class OperationLogSearchTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    [Fact]
    public async Task FiltersByUserAndActionNewestFirst()
    {
        await SignInForm.PostAsync(app.CreateBrowserlikeClient(), DemoAccounts.Supervisor, "wrong-password-1");
        await SignInForm.PostAsync(app.CreateBrowserlikeClient(), DemoAccounts.Supervisor, "wrong-password-2");
        await app.CreateSignedInClientAsync(DemoAccounts.Supervisor, DemoAccounts.Password);

        var failed = await app.AsSystemAsync((services, _) => services.GetRequiredService<OperationLogSearch>()
            .SearchAsync(new OperationLogQuery { UserName = DemoAccounts.Supervisor, Action = OperationAction.SignInFailed }, default));

        Assert.Equal(2, failed.Total);
        Assert.True(failed.Items[0].Id > failed.Items[1].Id);
    }

    [Fact]
    public async Task FindsAPersonByTheirRealNameToo()
    {
        await app.CreateSignedInClientAsync(DemoAccounts.ManufacturerManager, DemoAccounts.Password);

        var found = await app.AsSystemAsync((services, _) => services.GetRequiredService<OperationLogSearch>()
            .SearchAsync(new OperationLogQuery { UserName = "赵工", Action = OperationAction.SignIn }, default));

        Assert.NotEmpty(found.Items);
        Assert.All(found.Items, l => Assert.Equal(DemoAccounts.ManufacturerManager, l.UserName));
    }

    [Fact]
    public async Task AnInvertedDateRangeIsRefusedWithAClearError()
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;

        var error = await Assert.ThrowsAsync<ValidationException>(() => app.AsSystemAsync((services, _) =>
            services.GetRequiredService<OperationLogSearch>()
                .SearchAsync(new OperationLogQuery { FromUtc = now, ToUtc = now.AddDays(-1) }, default)));

        Assert.Contains("ToUtc", error.Errors.Keys);
    }
}
