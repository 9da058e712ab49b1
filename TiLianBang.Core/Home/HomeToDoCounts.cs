namespace TiLianBang.Core.Home;

/// <summary>
/// The mini-program home page's 待办: repairs waiting for the person, their maintenance visits due today and
/// overdue, and their unread messages.
/// </summary>
public sealed record HomeToDoCounts(int Repairs, int MaintenanceDueToday, int MaintenanceOverdue, int UnreadMessages);
