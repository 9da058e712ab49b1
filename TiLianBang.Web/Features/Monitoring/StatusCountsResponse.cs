using TiLianBang.Core.Monitoring;

namespace TiLianBang.Web.Features.Monitoring;

/// <summary>The counts of 区域监控's categories (total is 全部); an elevator may count in several.</summary>
public sealed record StatusCountsResponse(int Total, int Online, int Offline, int Running, int Fault, int Inspection, int Trapped)
{
    public static StatusCountsResponse From(IReadOnlyDictionary<StatusCategory, int> counts) => new(
        counts[StatusCategory.All], counts[StatusCategory.Online], counts[StatusCategory.Offline], counts[StatusCategory.Running],
        counts[StatusCategory.Fault], counts[StatusCategory.Inspection], counts[StatusCategory.Trapped]);
}
