namespace TiLianBang.Core.Statistics;

/// <summary>
/// 使用场景: the fixed categories the wall screen and 投屏数据 count by. <c>Elevator.UsagePlace</c> is free text typed
/// into archives ("住宅", "小区住宅楼", "写字楼" …), so each text is mapped by the first rule whose key words it
/// contains, in this order (a "医院住院楼" is a hospital, a "商住楼" a residence):
/// <list type="bullet">
/// <item>医院 — 医院, 卫生, 诊所, 医疗, 门诊, 疗养</item>
/// <item>学校 — 学校, 学院, 大学, 中学, 小学, 幼儿园, 教学, 校</item>
/// <item>车站/交通 — 车站, 火车, 高铁, 地铁, 轨道, 机场, 航站, 码头, 交通, 客运, 站</item>
/// <item>商场 — 商场, 商业, 购物, 超市, 百货, 市场, 商铺, 商城</item>
/// <item>酒店 — 酒店, 宾馆, 饭店, 旅馆, 招待所</item>
/// <item>办公 — 办公, 写字楼, 商务, 政府, 机关, 银行</item>
/// <item>住宅 — 住宅, 住房, 居民, 小区, 公寓, 宿舍, 商住, 住</item>
/// <item>其他 — anything else, and no text at all</item>
/// </list>
/// </summary>
public static class UsagePlaces
{
    public const string Residential = "住宅";
    public const string Office = "办公";
    public const string Hospital = "医院";
    public const string School = "学校";
    public const string Mall = "商场";
    public const string Transport = "车站/交通";
    public const string Hotel = "酒店";
    public const string Other = "其他";

    /// <summary>The categories in the order charts and tables show them.</summary>
    public static IReadOnlyList<string> InOrder { get; } = [Residential, Office, Hospital, School, Mall, Transport, Hotel, Other];

    private static readonly (string Category, string[] Words)[] Rules =
    [
        (Hospital, ["医院", "卫生", "诊所", "医疗", "门诊", "疗养"]),
        (School, ["学校", "学院", "大学", "中学", "小学", "幼儿园", "教学", "校"]),
        (Transport, ["车站", "火车", "高铁", "地铁", "轨道", "机场", "航站", "码头", "交通", "客运", "站"]),
        (Mall, ["商场", "商业", "购物", "超市", "百货", "市场", "商铺", "商城"]),
        (Hotel, ["酒店", "宾馆", "饭店", "旅馆", "招待所"]),
        (Office, ["办公", "写字楼", "商务", "政府", "机关", "银行"]),
        (Residential, ["住宅", "住房", "居民", "小区", "公寓", "宿舍", "商住", "住"]),
    ];

    public static string CategoryOf(string? usagePlace)
    {
        if (string.IsNullOrWhiteSpace(usagePlace))
        {
            return Other;
        }
        foreach (var (category, words) in Rules)
        {
            if (words.Any(w => usagePlace.Contains(w, StringComparison.Ordinal)))
            {
                return category;
            }
        }
        return Other;
    }
}
