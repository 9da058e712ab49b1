using TiLianBang.Core.Organizations;

namespace TiLianBang.Core.Elevators;

/// <summary>What an archive check looks up: existing communities, company kinds, and which elevator holds each number.</summary>
internal sealed record ArchiveReferences(
    HashSet<int> Communities, Dictionary<int, CompanyKind> CompanyKinds, Dictionary<string, int> ElevatorIdsByNumber);
