namespace TiLianBang.Core.Auditing;

/// <summary>
/// A row that is only ever created together with its parent (the items of a generated maintenance order): its
/// creation is logged as the parent's, so one order is one log row, not fifty. Changes and deletions are logged.
/// </summary>
public interface ICreatedWithParent;
