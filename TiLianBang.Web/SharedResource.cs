namespace TiLianBang.Web;

/// <summary>
/// Marker for the UI strings. Keys are the Simplified Chinese text (the default language); Resources/
/// SharedResource.en.resx holds the English.
/// </summary>
public sealed class SharedResource;
