using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TiLianBang.Web.Hosting;

/// <summary>
/// Every <see cref="DateTime"/> the platform keeps is UTC (the <c>…Utc</c> properties), but the database gives
/// them back without a kind; written as is they would carry no offset and a phone would read them as its own
/// local time. The API writes them as ISO 8601 with <c>Z</c> and reads any offset into UTC.
/// </summary>
public sealed class UtcDateTimeConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().UtcDateTime;

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
        writer.WriteStringValue(utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
    }
}
