using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Organizations;

namespace TiLianBang.Core.Elevators;

/// <summary>
/// ARC-3 / STA-6: archives out to Excel or CSV and back in. An import checks every row first and reports each
/// problem by row and column; it saves nothing unless every row is valid, then saves all in one transaction.
/// The export has the import's columns, so a file exported, edited and imported round-trips; importing the same
/// file twice changes nothing the second time.
/// </summary>
public sealed class ElevatorSpreadsheet(TiLianBangDbContext db, ElevatorArchives archives, TimeProvider clock)
{
    public const string SheetName = "电梯档案";

    private const string Number = "电梯编号*", Name = "电梯名称*", Variety = "电梯品种*", Type = "电梯类型", Community = "小区*", UsagePlace = "使用场所",
        UserUnit = "使用单位*", Manufacturer = "制造单位", RenovationUnit = "改造单位", RegisterCode = "注册代码", FactoryNumber = "出厂编号",
        Brand = "品牌", Model = "型号", Floors = "层*", Stops = "站*", Doors = "门", RatedSpeed = "额定速度(m/s)*", RatedLoad = "额定载重量(kg)*",
        InstallDate = "安装日期", Maintainer = "维保单位", RegistrationAuthority = "登记机关", Inspector = "检验机构", LastInspection = "上次检验日期",
        NextInspection = "下次检验日期", ContractStart = "维保合同开始日期", ContractEnd = "维保合同到期日期";

    public static readonly IReadOnlyList<string> Columns =
    [
        Number, Name, Variety, Type, Community, UsagePlace, UserUnit, Manufacturer, RenovationUnit, RegisterCode, FactoryNumber, Brand, Model,
        Floors, Stops, Doors, RatedSpeed, RatedLoad, InstallDate, Maintainer, RegistrationAuthority, Inspector, LastInspection, NextInspection,
        ContractStart, ContractEnd,
    ];

    // Which column an archive field's error belongs to.
    private static readonly Dictionary<string, string> ColumnOf = new()
    {
        [nameof(ElevatorArchive.Number)] = Number, [nameof(ElevatorArchive.Name)] = Name, [nameof(ElevatorArchive.Variety)] = Variety,
        [nameof(ElevatorArchive.Type)] = Type, [nameof(ElevatorArchive.CommunityId)] = Community, [nameof(ElevatorArchive.UsagePlace)] = UsagePlace,
        [nameof(ElevatorArchive.UserUnitId)] = UserUnit, [nameof(ElevatorArchive.ManufacturerId)] = Manufacturer,
        [nameof(ElevatorArchive.RenovationUnit)] = RenovationUnit, [nameof(ElevatorArchive.RegisterCode)] = RegisterCode,
        [nameof(ElevatorArchive.FactoryNumber)] = FactoryNumber, [nameof(ElevatorArchive.Brand)] = Brand, [nameof(ElevatorArchive.Model)] = Model,
        [nameof(ElevatorArchive.Floors)] = Floors, [nameof(ElevatorArchive.Stops)] = Stops, [nameof(ElevatorArchive.Doors)] = Doors,
        [nameof(ElevatorArchive.RatedSpeed)] = RatedSpeed, [nameof(ElevatorArchive.RatedLoad)] = RatedLoad, [nameof(ElevatorArchive.InstallDate)] = InstallDate,
        [nameof(ElevatorArchive.MaintenanceCompanyId)] = Maintainer, [nameof(ElevatorArchive.RegistrationAuthority)] = RegistrationAuthority,
        [nameof(ElevatorArchive.InspectionAgencyId)] = Inspector, [nameof(ElevatorArchive.LastInspectionDate)] = LastInspection,
        [nameof(ElevatorArchive.NextInspectionDate)] = NextInspection, [nameof(ElevatorArchive.MaintenanceContractStartDate)] = ContractStart,
        [nameof(ElevatorArchive.MaintenanceContractEndDate)] = ContractEnd, ["Companies"] = UserUnit,
    };

    /// <summary>The archives the actor sees (optionally only those matching <paramref name="search"/>), in the import's columns.</summary>
    public async Task ExportAsync(Stream target, ElevatorArchiveFilter? filter, SpreadsheetFormat format, CancellationToken cancellationToken)
    {
        var elevators = (filter ?? new ElevatorArchiveFilter()).Apply(db.Elevators.AsNoTracking(), clock.Today());
        var rows = await elevators.OrderBy(e => e.Number)
            .Select(e => new
            {
                e.Number, e.Name, e.Variety, e.Type, Community = e.Community!.Name, e.UsagePlace, UserUnit = e.UserUnit!.Name,
                Manufacturer = e.Manufacturer!.Name, e.RenovationUnit, e.RegisterCode, e.FactoryNumber, e.Brand, e.Model, e.Floors, e.Stops, e.Doors,
                e.RatedSpeed, e.RatedLoad, e.InstallDate, Maintainer = e.MaintenanceCompany!.Name, e.RegistrationAuthority,
                Inspector = e.InspectionAgency!.Name, e.LastInspectionDate, e.NextInspectionDate, e.MaintenanceContractStartDate, e.MaintenanceContractEndDate,
            })
            .ToListAsync(cancellationToken);
        await Spreadsheet.WriteAsync(target, rows.Select(e => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            [Number] = e.Number, [Name] = e.Name, [Variety] = ElevatorVarieties.NameOf(e.Variety), [Type] = e.Type, [Community] = e.Community,
            [UsagePlace] = e.UsagePlace, [UserUnit] = e.UserUnit, [Manufacturer] = e.Manufacturer, [RenovationUnit] = e.RenovationUnit,
            [RegisterCode] = e.RegisterCode, [FactoryNumber] = e.FactoryNumber, [Brand] = e.Brand, [Model] = e.Model, [Floors] = e.Floors,
            [Stops] = e.Stops, [Doors] = e.Doors, [RatedSpeed] = e.RatedSpeed, [RatedLoad] = e.RatedLoad, [InstallDate] = Date(e.InstallDate),
            [Maintainer] = e.Maintainer, [RegistrationAuthority] = e.RegistrationAuthority, [Inspector] = e.Inspector,
            [LastInspection] = Date(e.LastInspectionDate), [NextInspection] = Date(e.NextInspectionDate),
            [ContractStart] = Date(e.MaintenanceContractStartDate), [ContractEnd] = Date(e.MaintenanceContractEndDate),
        }), format, cancellationToken);
    }

    /// <summary>导入模板: the columns (required ones marked *) and a sheet that explains each.</summary>
    public static async Task WriteTemplateAsync(Stream target, CancellationToken cancellationToken)
    {
        var empty = new Dictionary<string, object?>();
        foreach (var column in Columns)
        {
            empty[column] = null;
        }
        var notes = new List<Dictionary<string, object?>>
        {
            Note(Number, "必填，全系统唯一；已存在的编号将更新该电梯档案。"),
            Note(Variety, "必填：" + string.Join("、", ElevatorVarieties.Names.Values) + "（或 4 位品种代码，如 3110）。"),
            Note(Community, "必填，填写小区管理中的小区名称。"),
            Note(UsagePlace, string.Join("、", ElevatorArchiveRules.UsagePlaces)),
            Note(UserUnit, "必填，填写使用单位管理中的单位名称；制造单位、维保单位、检验机构同理。"),
            Note(RegisterCode, "20 位数字：设备分类码(4) + 行政区划代码(6) + 注册年月(6) + 顺序码(4)。"),
            Note(Floors, "层、站必填（2–200，站数不多于层数）；门为 0 到站数的 2 倍。"),
            Note(InstallDate, "日期格式 yyyy-MM-dd，如 2024-08-01。"),
        };
        var sheets = new Dictionary<string, object> { [SheetName] = new[] { empty }, ["填写说明"] = notes };
        await target.SaveAsAsync(sheets, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Imports within <see cref="SpreadsheetLimits"/>: a file too large, too wide, too long or too slow to go through
    /// is refused with a <see cref="DomainException"/> (as is one that is not a spreadsheet), and nothing is saved.
    /// </summary>
    public async Task<ElevatorImportResult> ImportAsync(Stream source, SpreadsheetFormat format, CancellationToken cancellationToken)
    {
        archives.RequireEdit();
        using var deadline = new ImportDeadline(clock, SpreadsheetLimits.TimeBudget, cancellationToken);
        try
        {
            return await ImportWithinAsync(source, format, deadline);
        }
        catch (OperationCanceledException) when (deadline.IsSpent)
        {
            throw SpreadsheetLimits.TooSlow();
        }
    }

    private async Task<ElevatorImportResult> ImportWithinAsync(Stream source, SpreadsheetFormat format, ImportDeadline deadline)
    {
        var cancellationToken = deadline.Token;
        var table = await SpreadsheetReader.ReadAsync(source, format, deadline);
        if (table.Rows.Count == 0)
        {
            return new ElevatorImportResult(0, 0, 0, [new ElevatorImportError(1, Number, "文件中没有数据。")]);
        }
        var headings = table.Headings.ToHashSet();
        var errors = Columns.Where(c => c.EndsWith('*') && !headings.Contains(c))
            .Select(missing => new ElevatorImportError(1, missing, "缺少必填列（请使用导入模板）。"))
            .ToList();
        if (errors.Count > 0)
        {
            return new ElevatorImportResult(0, 0, 0, errors);
        }

        var communities = (await db.Communities.AsNoTracking().Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken))
            .GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.Select(c => c.Id).ToList());
        var companyRows = await db.Companies.AsNoTracking().Select(c => new { c.Id, c.Kind, c.Name }).ToListAsync(cancellationToken);
        var companies = companyRows.ToDictionary(c => (c.Kind, c.Name), c => c.Id);
        var numbers = await db.Elevators.IgnoreQueryFilters().AsNoTracking().ToDictionaryAsync(e => e.Number, e => e.Id, cancellationToken);
        var references = new ArchiveReferences(
            communities.Values.SelectMany(ids => ids).ToHashSet(), companyRows.ToDictionary(c => c.Id, c => c.Kind), numbers);
        var visible = await db.Elevators.ToDictionaryAsync(e => e.Number, cancellationToken);

        var planned = new List<(ElevatorArchive Archive, Elevator? Existing)>();
        var seen = new Dictionary<string, int>();
        foreach (var (excelRow, row) in table.Rows)
        {
            deadline.ThrowIfSpent();
            var rowErrors = new Dictionary<string, string>();
            var number = Text(row, Number) ?? "";
            if (number.Length > 0 && seen.TryGetValue(number, out var firstRow))
            {
                rowErrors[Number] = $"与第 {firstRow} 行的电梯编号重复。";
            }
            seen.TryAdd(number, excelRow);
            visible.TryGetValue(number, out var existing);
            var start = existing is null ? new ElevatorArchive() : ElevatorArchive.Of(existing);

            int? CompanyId(string column, CompanyKind kind)
            {
                var name = Text(row, column);
                if (name is null)
                {
                    return null;
                }
                if (companies.TryGetValue((kind, name), out var id))
                {
                    return id;
                }
                rowErrors.TryAdd(column, $"找不到名为“{name}”的单位，请先在基础数据中添加。");
                return -1;
            }
            var communityId = 0;
            if (Text(row, Community) is { } communityName)
            {
                if (!communities.TryGetValue(communityName, out var ids))
                {
                    rowErrors[Community] = $"找不到小区“{communityName}”，请先在小区管理中添加。";
                }
                else if (ids.Count > 1)
                {
                    rowErrors[Community] = $"有多个名为“{communityName}”的小区，请先在小区管理中改名区分。";
                }
                else
                {
                    communityId = ids[0];
                }
            }
            var variety = ElevatorVarieties.Parse(Text(row, Variety));
            if (variety is null)
            {
                rowErrors[Variety] = "请填写《特种设备目录》中的电梯品种名称或 4 位代码。";
            }
            var archive = start with
            {
                Number = number,
                Name = Text(row, Name) ?? "",
                Variety = variety ?? start.Variety,
                Type = Text(row, Type),
                CommunityId = communityId,
                UsagePlace = Text(row, UsagePlace),
                UserUnitId = CompanyId(UserUnit, CompanyKind.UserUnit),
                ManufacturerId = CompanyId(Manufacturer, CompanyKind.Manufacturer),
                RenovationUnit = Text(row, RenovationUnit),
                RegisterCode = Text(row, RegisterCode),
                FactoryNumber = Text(row, FactoryNumber),
                Brand = Text(row, Brand),
                Model = Text(row, Model),
                Floors = Integer(row, Floors, rowErrors),
                Stops = Integer(row, Stops, rowErrors),
                Doors = Integer(row, Doors, rowErrors),
                RatedSpeed = Decimal(row, RatedSpeed, rowErrors),
                RatedLoad = Integer(row, RatedLoad, rowErrors),
                InstallDate = DateOf(row, InstallDate, rowErrors),
                MaintenanceCompanyId = CompanyId(Maintainer, CompanyKind.MaintenanceCompany),
                RegistrationAuthority = Text(row, RegistrationAuthority),
                InspectionAgencyId = CompanyId(Inspector, CompanyKind.InspectionAgency),
                LastInspectionDate = DateOf(row, LastInspection, rowErrors),
                NextInspectionDate = DateOf(row, NextInspection, rowErrors),
                MaintenanceContractStartDate = DateOf(row, ContractStart, rowErrors),
                MaintenanceContractEndDate = DateOf(row, ContractEnd, rowErrors),
            };
            foreach (var (field, message) in archives.Validate(archive, existing?.Id, references))
            {
                rowErrors.TryAdd(ColumnOf.GetValueOrDefault(field, field), message);
            }
            errors.AddRange(rowErrors.Select(e => new ElevatorImportError(excelRow, e.Key, e.Value)));
            planned.Add((archive, existing));
        }
        if (errors.Count > 0)
        {
            return new ElevatorImportResult(0, 0, 0, errors.OrderBy(e => e.Row).ToList());
        }

        var created = 0;
        foreach (var (archive, existing) in planned)
        {
            if (existing is null)
            {
                var elevator = new Elevator { Number = "", Name = "" };
                archive.ApplyTo(elevator);
                db.Elevators.Add(elevator);
                created++;
            }
            else
            {
                archive.ApplyTo(existing);
            }
        }
        db.ChangeTracker.DetectChanges();
        var updated = db.ChangeTracker.Entries<Elevator>().Count(e => e.State == EntityState.Modified);
        await db.SaveChangesAsync(cancellationToken);
        return new ElevatorImportResult(created, updated, planned.Count - created - updated, []);
    }

    private static Dictionary<string, object?> Note(string column, string text) => new() { ["列"] = column, ["说明"] = text };

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Text(IReadOnlyDictionary<string, object?> row, string column) =>
        row.TryGetValue(column, out var value) && Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() is { Length: > 0 } text ? text : null;

    private static int Integer(IReadOnlyDictionary<string, object?> row, string column, Dictionary<string, string> errors)
    {
        var text = Text(row, column);
        if (text is null)
        {
            return 0;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value == Math.Floor(value) && Math.Abs(value) < int.MaxValue)
        {
            return (int)value;
        }
        errors[column] = $"“{text}”不是整数。";
        return 0;
    }

    private static decimal Decimal(IReadOnlyDictionary<string, object?> row, string column, Dictionary<string, string> errors)
    {
        var text = Text(row, column);
        if (text is null)
        {
            return 0;
        }
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return Math.Round(value, 2);
        }
        errors[column] = $"“{text}”不是数字。";
        return 0;
    }

    private static DateOnly? DateOf(IReadOnlyDictionary<string, object?> row, string column, Dictionary<string, string> errors)
    {
        if (!row.TryGetValue(column, out var value) || value is null || (value is string s && string.IsNullOrWhiteSpace(s)))
        {
            return null;
        }
        if (value is DateTime dateTime)
        {
            return DateOnly.FromDateTime(dateTime);
        }
        var text = Convert.ToString(value, CultureInfo.InvariantCulture)!.Trim();
        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        // Excel may hand over a date cell as its serial number.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000)
        {
            return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        }
        errors[column] = $"“{text}”不是日期（格式 yyyy-MM-dd）。";
        return null;
    }
}
