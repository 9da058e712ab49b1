using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Data;
using TiLianBang.Core.Devices;

namespace TiLianBang.Core.FaultCodes;

/// <summary>
/// The fault code table in memory for the message pipeline and the pages; reloaded whenever it is edited.
/// Until loaded (and for codes nobody configured) it falls back to the protocol's default table.
/// </summary>
public sealed class FaultCodeCatalog(IServiceScopeFactory scopes)
{
    private FrozenDictionary<int, FaultCode> _codes = FrozenDictionary<int, FaultCode>.Empty;

    public FaultCode Find(int code) => _codes.TryGetValue(code, out var known) ? known : Fallback(code);

    public string NameOf(int code) => Find(code).Name;

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("system:fault-codes");
        var all = await scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>().FaultCodes.AsNoTracking().ToListAsync(cancellationToken);
        _codes = all.ToFrozenDictionary(c => c.Code);
    }

    private static FaultCode Fallback(int code) => FaultCodeDefaults.All.FirstOrDefault(d => d.Code == code) ?? new FaultCode
    {
        Code = code,
        Name = DefaultFaultCodes.NameOf(code),
        Kind = DefaultFaultCodes.KindOf(code),
        CreatesOrder = DefaultFaultCodes.KindOf(code) != FaultKind.Event,
    };
}
