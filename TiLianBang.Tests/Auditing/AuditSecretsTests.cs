using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Auditing;
using TiLianBang.Core.Demo;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Features.Auditing;

namespace TiLianBang.Tests.Auditing;

/// <summary>Secret-bearing fields never reach an operation log row, and rows written before are filtered when shown.</summary>
public sealed class AuditSecretsTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private static readonly string[] SecretWords = ["Hash", "Stamp", "Token", "Secret", "Password", "Key"];

    [Theory]
    [InlineData("Account", "PasswordHash")]
    [InlineData("Account", "SecurityStamp")]
    [InlineData("Account", "ConcurrencyStamp")]
    [InlineData("Device", "SecretHash")]
    [InlineData("Elevator", "PublicToken")]
    [InlineData("IdentityUserToken", "Value")]
    [InlineData("IdentityUserLogin", "ProviderKey")]
    [InlineData("Anything", "RefreshToken")]
    public void TheModelsSecretColumnsAreSecret(string entity, string property) =>
        Assert.True(AuditSecrets.IsSecret(entity, property));

    [Theory]
    [InlineData("Account", "DisplayName")]
    [InlineData("Account", "MustChangePassword")]
    [InlineData("Elevator", "Number")]
    [InlineData("MaintenanceOrder", "ScheduleKey")]
    public void OrdinaryColumnsAreNot(string entity, string property) =>
        Assert.False(AuditSecrets.IsSecret(entity, property));

    [Fact]
    public void EveryStringColumnOfTheModelNamedLikeASecretIsTreatedAsOne()
    {
        using var scope = app.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<Core.Data.TiLianBangDbContext>().Model;
        var suspicious = model.GetEntityTypes()
            .SelectMany(t => t.GetProperties().Select(p => (Entity: AuditTarget.EntityName(t.ClrType), p.Name)))
            .Where(p => SecretWords.Any(w => p.Name.Contains(w, StringComparison.Ordinal)))
            // VerificationCode.ClientKey is the throttling key of a client address, not a secret.
            .Where(p => p.Name is not ("MustChangePassword" or "ScheduleKey" or "LoginProvider" or "ClientKey"))
            // IdempotentRequest.Key is the id a phone gives its own request (and the row is never audited).
            .Where(p => p is not ("IdempotentRequest", "Key"))
            .ToList();

        Assert.NotEmpty(suspicious);
        Assert.All(suspicious, p => Assert.True(AuditSecrets.IsSecret(p.Entity, p.Name), $"{p.Entity}.{p.Name}"));
    }

    [Fact]
    public async Task ChangingAPasswordLeavesNoSecretFieldNameInTheLog()
    {
        var account = await app.CreateAccountLikeAsync(DemoAccounts.MaintenanceManager, "audit-password", "Initial-pass-1", mustChangePassword: true);
        await using (var scope = await app.ScopeAsAsync("audit-password"))
        {
            await scope.ServiceProvider.GetRequiredService<AccountService>().ChangeOwnPasswordAsync("Initial-pass-1", "Chosen-pass-2", CancellationToken.None);
        }

        var logs = await app.AsSystemAsync((_, db) => db.OperationLogs.Where(l => l.Target == $"Account#{account.Id}").ToListAsync());

        Assert.Contains(logs, l => l.Action == OperationAction.PasswordChanged);
        Assert.Contains(logs, l => l.Action == OperationAction.Update && l.Summary!.Contains(AuditSecrets.Credentials, StringComparison.Ordinal));
        Assert.All(logs, l => Assert.DoesNotContain("Password", (l.Summary ?? "").Replace("MustChangePassword", "", StringComparison.Ordinal), StringComparison.Ordinal));
        Assert.All(logs, l => Assert.DoesNotContain("Stamp", l.Summary ?? "", StringComparison.Ordinal));
        Assert.All(logs, l => Assert.DoesNotContain("Hash", l.Summary ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASignInLogsTheSignInNotEveryColumnOfTheAccount()
    {
        var account = await app.CreateAccountLikeAsync(DemoAccounts.MaintenanceManager, "audit-signin", "Initial-pass-1", mustChangePassword: false);

        await app.CreateSignedInClientAsync("audit-signin", "Initial-pass-1");

        var logs = await app.AsSystemAsync((_, db) => db.OperationLogs.Where(l => l.Target == $"Account#{account.Id}").OrderBy(l => l.Id).ToListAsync());
        Assert.Equal([OperationAction.Create, OperationAction.SignIn], logs.Select(l => l.Action));
    }

    [Fact]
    public void AnOlderRowNamingSecretsShowsOnlyThatCredentialsChanged()
    {
        var log = new OperationLog { Action = OperationAction.Update, Target = "Account#5", Summary = "DisplayName, PasswordHash, SecurityStamp" };

        var chinese = OperationLogTexts.Summary(log, Localizer("zh-CN"));
        var english = OperationLogTexts.Summary(log, Localizer("en"));

        Assert.Equal("姓名、凭据（已隐藏）", chinese);
        Assert.Equal("Name, credentials (hidden)", english);
    }

    [Fact]
    public void FieldsAreNamedInTheReadersLanguageAndUnknownOnesAreSpelledOut()
    {
        Assert.Equal("故障恢复时间、工单状态", OperationLogTexts.Fields("RepairOrder", "FaultClearedAtUtc, State", Localizer("zh-CN")));
        Assert.Equal("Fault cleared at", OperationLogTexts.Fields("RepairOrder", "FaultClearedAtUtc", Localizer("en")));
        Assert.Equal("Some new field at", OperationLogTexts.Fields("RepairOrder", "SomeNewFieldAtUtc", Localizer("zh-CN")));
        Assert.Equal("IP address", AuditFieldNames.Humanize("IPAddress"));
    }

    /// <summary>The application's localizer, answering in the given UI culture.</summary>
    private InCulture Localizer(string culture) =>
        new InCulture(app.Services.GetRequiredService<IStringLocalizer<Web.SharedResource>>(), CultureInfo.GetCultureInfo(culture));

    private sealed class InCulture(IStringLocalizer inner, CultureInfo culture) : IStringLocalizer
    {
        public LocalizedString this[string name] => With(() => inner[name]);

        public LocalizedString this[string name, params object[] arguments] => With(() => inner[name, arguments]);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => With(() => inner.GetAllStrings(includeParentCultures).ToList());

        private T With<T>(Func<T> work)
        {
            var saved = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = culture;
            try
            {
                return work();
            }
            finally
            {
                CultureInfo.CurrentUICulture = saved;
            }
        }
    }
}
