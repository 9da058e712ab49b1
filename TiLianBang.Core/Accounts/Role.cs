using TiLianBang.Core.Organizations;

namespace TiLianBang.Core.Accounts;

/// <summary>角色: belongs to one company; carries the permissions (see <see cref="Permissions"/>).</summary>
public class Role
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int CompanyId { get; set; }
    public Company? Company { get; set; }
    public string? Description { get; set; }
    public List<string> Permissions { get; set; } = [];
}
