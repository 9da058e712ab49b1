using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Auditing;
using TiLianBang.Core.Cluster;
using TiLianBang.Core.Devices;
using TiLianBang.Core.Devices.Recording;
using TiLianBang.Core.Devices.Retention;
using TiLianBang.Core.Elevators;
using TiLianBang.Core.FaultCodes;
using TiLianBang.Core.Health;
using TiLianBang.Core.Home;
using TiLianBang.Core.Idempotency;
using TiLianBang.Core.IoPoints;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Notifications;
using TiLianBang.Core.Parameters;
using TiLianBang.Core.Repairs;
using TiLianBang.Core.Organizations;
using TiLianBang.Core.Settings;
using TiLianBang.Core.Specifications;

namespace TiLianBang.Core.Data;

/// <summary>
/// The one database of the platform. Each provider has a derived context (<see cref="SqliteTiLianBangDbContext"/>,
/// <see cref="SqlServerTiLianBangDbContext"/>) only so that each keeps its own migrations; everything else is here.
/// Company scoping (SYS-6) is enforced by the query filters below, fed by the <see cref="CurrentActor"/> of the
/// DI scope, so no page or endpoint can forget it.
/// </summary>
public abstract class TiLianBangDbContext : IdentityUserContext<Account, int>, IDataProtectionKeyContext
{
    private readonly CurrentActor _actor;
    private readonly TimeProvider _clock;

    protected TiLianBangDbContext(DbContextOptions options, CurrentActor actor, TimeProvider clock) : base(options)
    {
        _actor = actor;
        _clock = clock;
    }

    public DbSet<Company> Companies => Set<Company>();
    public DbSet<Community> Communities => Set<Community>();
    public DbSet<Elevator> Elevators => Set<Elevator>();
    public DbSet<Device> Devices => Set<Device>();
    public DbSet<Role> Roles => Set<Role>();
    public DbSet<OperationLog> OperationLogs => Set<OperationLog>();
    public DbSet<ElevatorEvent> ElevatorEvents => Set<ElevatorEvent>();
    public DbSet<CounterReading> CounterReadings => Set<CounterReading>();
    public DbSet<ConnectionChange> ConnectionChanges => Set<ConnectionChange>();
    public DbSet<StateChange> StateChanges => Set<StateChange>();
    public DbSet<ElevatorDay> ElevatorDays => Set<ElevatorDay>();
    public DbSet<IoPointName> IoPointNames => Set<IoPointName>();
    public DbSet<ParameterCategory> ParameterCategories => Set<ParameterCategory>();
    public DbSet<ParameterSpec> ParameterSpecs => Set<ParameterSpec>();
    public DbSet<RepairOrder> RepairOrders => Set<RepairOrder>();
    public DbSet<FaultCode> FaultCodes => Set<FaultCode>();
    public DbSet<FaultAttributeOption> FaultAttributes => Set<FaultAttributeOption>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<EscalationLevel> EscalationLevels => Set<EscalationLevel>();
    public DbSet<RepairPhoto> RepairPhotos => Set<RepairPhoto>();
    public DbSet<MaintenanceItem> MaintenanceItems => Set<MaintenanceItem>();
    public DbSet<MaintenanceGroup> MaintenanceGroups => Set<MaintenanceGroup>();
    public DbSet<MaintenancePlan> MaintenancePlans => Set<MaintenancePlan>();
    public DbSet<MaintenanceOrder> MaintenanceOrders => Set<MaintenanceOrder>();
    public DbSet<MaintenanceOrderItem> MaintenanceOrderItems => Set<MaintenanceOrderItem>();
    public DbSet<MaintenancePhoto> MaintenancePhotos => Set<MaintenancePhoto>();
    public DbSet<ExpiryWarning> ExpiryWarnings => Set<ExpiryWarning>();
    public DbSet<SystemSettings> SystemSettings => Set<SystemSettings>();
    public DbSet<VerificationCode> VerificationCodes => Set<VerificationCode>();
    public DbSet<CertificateWarning> CertificateWarnings => Set<CertificateWarning>();
    public DbSet<Banner> Banners => Set<Banner>();
    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();
    public DbSet<WorkSpecification> WorkSpecifications => Set<WorkSpecification>();
    public DbSet<NodeLease> NodeLeases => Set<NodeLease>();
    public DbSet<SharedKey> SharedKeys => Set<SharedKey>();
    public DbSet<ElevatorHealthHour> ElevatorHealthHours => Set<ElevatorHealthHour>();
    public DbSet<ElevatorLandingDay> ElevatorLandingDays => Set<ElevatorLandingDay>();
    public DbSet<HealthWarning> HealthWarnings => Set<HealthWarning>();
    public DbSet<SuspectedEntrapment> SuspectedEntrapments => Set<SuspectedEntrapment>();
    /// <summary>Cookie and antiforgery keys when several nodes share the database (Cluster:Enabled); empty otherwise.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    // The query filters read these per query (EF Core parameterises context members), so one model serves all
    // actors and each query sees the scope of the actor of its own DI scope.
    private bool ScopeSeesAll => _actor.Scope.SeesAll;
    private int ScopeCompanyId => _actor.Scope.CompanyId;
    private int? ScopeAccountId => _actor.AccountId;
    private string? ScopeProvince => _actor.Scope.SupervisedRegion?.Province;
    private string? ScopeCity => _actor.Scope.SupervisedRegion?.City;
    private string? ScopeDistrict => _actor.Scope.SupervisedRegion?.District;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(TiLianBangDbContext).Assembly);

        builder.Entity<Elevator>().HasQueryFilter(e =>
            ScopeSeesAll
            || e.UserUnitId == ScopeCompanyId
            || e.MaintenanceCompanyId == ScopeCompanyId
            || e.ManufacturerId == ScopeCompanyId
            || e.InspectionAgencyId == ScopeCompanyId
            || (ScopeProvince != null
                && e.Community!.Region.Province == ScopeProvince
                && (ScopeCity == null || e.Community.Region.City == ScopeCity)
                && (ScopeDistrict == null || e.Community.Region.District == ScopeDistrict)));

        builder.Entity<Device>().HasQueryFilter(d => ScopeSeesAll || d.CompanyId == ScopeCompanyId);
        builder.Entity<OperationLog>().HasQueryFilter(l => ScopeSeesAll || l.CompanyId == ScopeCompanyId);

        // Device records are visible with the elevator they were recorded for.
        builder.Entity<ElevatorEvent>().HasQueryFilter(r => ScopeSeesAll || Elevators.Any(e => e.Id == r.ElevatorId));
        builder.Entity<CounterReading>().HasQueryFilter(r => ScopeSeesAll || Elevators.Any(e => e.Id == r.ElevatorId));
        builder.Entity<ConnectionChange>().HasQueryFilter(r => ScopeSeesAll || Elevators.Any(e => e.Id == r.ElevatorId));
        builder.Entity<StateChange>().HasQueryFilter(r => ScopeSeesAll || Elevators.Any(e => e.Id == r.ElevatorId));
        builder.Entity<ElevatorDay>().HasQueryFilter(r => ScopeSeesAll || Elevators.Any(e => e.Id == r.ElevatorId));
        // 我的消息: a person sees their own messages; the platform sees all (including failures).
        builder.Entity<Notification>().HasQueryFilter(n => ScopeSeesAll || n.AccountId == ScopeAccountId);
        builder.Entity<RepairOrder>().HasQueryFilter(o => ScopeSeesAll || Elevators.Any(e => e.Id == o.ElevatorId));
        builder.Entity<MaintenanceOrder>().HasQueryFilter(o => ScopeSeesAll || Elevators.Any(e => e.Id == o.ElevatorId));
        builder.Entity<MaintenancePlan>().HasQueryFilter(p => ScopeSeesAll || Elevators.Any(e => e.Id == p.ElevatorId));
        builder.Entity<MaintenanceGroup>().HasQueryFilter(g => ScopeSeesAll || g.CompanyId == ScopeCompanyId);
        builder.Entity<ExpiryWarning>().HasQueryFilter(w => ScopeSeesAll || Elevators.Any(e => e.Id == w.ElevatorId));
        builder.Entity<WorkSpecification>().HasQueryFilter(s => ScopeSeesAll || s.CompanyId == ScopeCompanyId);
        builder.Entity<ElevatorHealthHour>().HasQueryFilter(h => ScopeSeesAll || Elevators.Any(e => e.Id == h.ElevatorId));
        builder.Entity<ElevatorLandingDay>().HasQueryFilter(d => ScopeSeesAll || Elevators.Any(e => e.Id == d.ElevatorId));
        builder.Entity<HealthWarning>().HasQueryFilter(w => ScopeSeesAll || Elevators.Any(e => e.Id == w.ElevatorId));
        builder.Entity<SuspectedEntrapment>().HasQueryFilter(s => ScopeSeesAll || Elevators.Any(e => e.Id == s.ElevatorId));
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var logs = OperationLogEntries.Capture(ChangeTracker);
        if (logs.IsEmpty)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        using var transaction = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var written = base.SaveChanges(acceptAllChangesOnSuccess);
        OperationLogs.AddRange(logs.ToLogs(_actor, _clock.GetUtcNow().UtcDateTime));
        base.SaveChanges(acceptAllChangesOnSuccess);
        transaction?.Commit();
        return written;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var logs = OperationLogEntries.Capture(ChangeTracker);
        if (logs.IsEmpty)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        // The write and its log rows commit together or not at all.
        await using var transaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        OperationLogs.AddRange(logs.ToLogs(_actor, _clock.GetUtcNow().UtcDateTime));
        await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return written;
    }
}
