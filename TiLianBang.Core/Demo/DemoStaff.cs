namespace TiLianBang.Core.Demo;

/// <summary>
/// The people and company records of the demo installation: what a small Chongqing installation's 单位管理 and
/// 人员管理 hold, so that every page (and every 5级上报 level) has someone real-looking to show. Credit codes carry
/// a valid GB 32100 check character; phone numbers are mainland mobiles or Chongqing (023) land lines.
/// </summary>
public static class DemoStaff
{
    /// <summary>单位档案 completed as a real installation's would be (credit code, contact, phone, address).</summary>
    public sealed record CompanyRecord(string CreditCode, string ContactPerson, string ContactPhone, string Address, string? UnitCategory = null);

    /// <summary>One staff account besides the documented demo sign-ins; same password (<see cref="DemoAccounts.Password"/>).</summary>
    public sealed record Person(string UserName, string DisplayName, string Phone);

    public const string MaintenanceA = "重庆渝安电梯工程有限公司";
    public const string MaintenanceB = "重庆两江电梯维保有限公司";

    public static readonly IReadOnlyDictionary<string, CompanyRecord> Records = new Dictionary<string, CompanyRecord>
    {
        ["梯连帮运营中心"] = new("91500000MA5U1TLB0D", "何敏", "400-023-6688", "重庆市渝中区民族路 188 号环球金融中心 21 楼"),
        // The maintenance companies' phones are their 24-hour duty lines (5级上报's 维保公司值班电话).
        [MaintenanceA] = new("91500112MA5U3YA21C", "张建国", "023-67886001", "重庆市渝北区金开大道 99 号 3 楼"),
        [MaintenanceB] = new("91500105MA60JL8K2X", "刘志强", "023-67552200", "重庆市江北区建新东路 12 号 5 楼"),
        ["重庆山城物业服务有限公司"] = new("91500112MA5YRC7D3W", "王丽", "023-67123456", "重庆市渝北区新南路 66 号", "物业服务企业"),
        ["重庆嘉陵物业管理有限公司"] = new("91500105MA61JL9W4M", "陈静", "023-67789900", "重庆市江北区北滨一路 219 号", "物业服务企业"),
        ["重庆西南电梯制造有限公司"] = new("91500106MA5XN2DT5T", "赵永胜", "023-65301888", "重庆市沙坪坝区西永大道 28 号"),
        ["重庆市渝北区市场监督管理局"] = new("11500112MB1Y5JDQ6M", "周卫东", "023-67821234", "重庆市渝北区双龙大道 168 号"),
        ["重庆市市场监督管理局"] = new("11500000MB1P0HJG7B", "何建华", "023-63721234", "重庆市渝北区青枫北路 6 号"),
        ["重庆市特种设备检测研究院"] = new("12500000450408231P", "罗志刚", "023-63890000", "重庆市渝中区长江二路 174 号"),
    };

    /// <summary>Mobiles of the documented demo sign-ins.</summary>
    public static readonly IReadOnlyDictionary<string, string> DemoAccountPhones = new Dictionary<string, string>
    {
        [DemoAccounts.PlatformAdmin] = "13883016688",
        [DemoAccounts.MaintenanceManager] = "13908316201",
        [DemoAccounts.OtherMaintenanceManager] = "13983752418",
        [DemoAccounts.MaintenanceWorker] = "15823067735",
        [DemoAccounts.UserUnitManager] = "13594028816",
        [DemoAccounts.OtherUserUnitManager] = "18623150942",
        [DemoAccounts.ManufacturerManager] = "13637791205",
        [DemoAccounts.Supervisor] = "13883120467",
    };

    /// <summary>渝安's 班组长 (team leader): leads 渝北一组 and is the 5级上报 level after the workers.</summary>
    public static readonly Person LeaderA = new("wanghaitao", "王海涛", "13896042731");

    public static readonly IReadOnlyList<Person> WorkersA =
    [
        new("chenzhiming", "陈志明", "15102318864"),
        new("yangyong", "杨勇", "18375902216"),
        new("huanglei", "黄磊", "13752406689"),
    ];

    public static readonly Person LeaderB = new("sunguodong", "孙国栋", "13908374520");

    public static readonly IReadOnlyList<Person> WorkersB =
    [
        new("wubin", "吴斌", "15923461178"),
        new("zhengkai", "郑凯", "18716630295"),
        new("majun", "马俊", "13220357741"),
    ];

    /// <summary>渝安's 调度 (dispatcher): takes alarms, dispatches repairs and plans visits; does no site work.</summary>
    public static readonly Person DispatcherA = new("liuyan", "刘燕", "13637905512");

    /// <summary>岗位 of each demo sign-in (人员管理's 岗位 column); the team people's follow from their list.</summary>
    public static readonly IReadOnlyDictionary<string, string> Jobs = new Dictionary<string, string>
    {
        [DemoAccounts.PlatformAdmin] = "管理员",
        [DemoAccounts.MaintenanceManager] = "经理",
        [DemoAccounts.OtherMaintenanceManager] = "经理",
        [DemoAccounts.MaintenanceWorker] = "维保工",
        [DemoAccounts.UserUnitManager] = "物业经理",
        [DemoAccounts.OtherUserUnitManager] = "物业经理",
        [DemoAccounts.ManufacturerManager] = "技术主管",
        [DemoAccounts.Supervisor] = "科长",
        ["shijianguan"] = "副处长",
        ["wanghaitao"] = "组长",
        ["sunguodong"] = "组长",
        ["liuyan"] = "调度",
    };

    /// <summary>
    /// 特种设备作业人员证 (作业项目 T, 电梯修理) of the workers, valid for days from the seeding day: 黄磊's runs out
    /// within the 30-day warning and 马俊's has run out, so the expiry flag and warnings have something to show.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (string Number, int ValidDays)> Certificates = new Dictionary<string, (string, int)>
    {
        [DemoAccounts.MaintenanceWorker] = ("T500112198703150217", 820),
        ["wanghaitao"] = ("T500112198201064535", 1210),
        ["chenzhiming"] = ("T500105199005213318", 640),
        ["yangyong"] = ("T500113198811092776", 410),
        ["huanglei"] = ("T500112199302287013", 21),
        ["sunguodong"] = ("T500105198106127454", 990),
        ["wubin"] = ("T500105199107183031", 530),
        ["zhengkai"] = ("T500108199409250619", 300),
        ["majun"] = ("T500106198912041852", -12),
    };

    public const string CertificateCategory = "T 电梯修理";

    /// <summary>The city's supervisor: 5级上报's last level for elevators outside 渝北区, which jianguan does not cover.</summary>
    public static readonly Person CitySupervisor = new("shijianguan", "何建华", "13512380096");
}
