using System.Globalization;
using System.Text.Json;

namespace TiLianBang.Core.Devices.Protocol;

/// <summary>
/// Reads typed, range-checked fields from one JSON object. The first problem is kept and later reads return
/// defaults, so a parser reads every field and then asks <see cref="Error"/> once.
/// </summary>
internal ref struct JsonFieldReader(JsonElement root)
{
    private readonly JsonElement _root = root;

    public string? Error { get; private set; }

    public long? Integer(string name, bool required, long min, long max)
    {
        if (!TryGet(name, required, JsonValueKind.Number, "an integer", out var value))
        {
            return null;
        }
        if (!value.TryGetInt64(out var number))
        {
            return Fail<long?>($"'{name}' must be an integer, got {Show(value)}");
        }
        return number < min || number > max
            ? Fail<long?>($"'{name}' must be between {min} and {max}, got {number}")
            : number;
    }

    public double? Number(string name, bool required, double min, double max)
    {
        if (!TryGet(name, required, JsonValueKind.Number, "a number", out var value))
        {
            return null;
        }
        var number = value.GetDouble();
        return double.IsFinite(number) && number >= min && number <= max
            ? number
            : Fail<double?>($"'{name}' must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, got {Show(value)}");
    }

    public string? String(string name, bool required, int minLength, int maxLength)
    {
        if (!TryGet(name, required, JsonValueKind.String, "a string", out var value))
        {
            return null;
        }
        var text = value.GetString()!;
        return text.Length < minLength || text.Length > maxLength
            ? Fail<string>($"'{name}' must be {minLength}–{maxLength} characters long, got {text.Length}")
            : text;
    }

    public bool? Boolean(string name, bool required)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? Fail<bool?>($"'{name}' is required") : null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => Fail<bool?>($"'{name}' must be true or false, got {Show(value)}"),
        };
    }

    /// <summary>A 0/1 flag as the protocol writes them.</summary>
    public bool? Flag(string name, bool required) => Integer(name, required, 0, 1) is { } flag ? flag == 1 : null;

    /// <summary>The raw JSON text of an object field (kept as-is, e.g. an event's detail).</summary>
    public string? ObjectText(string name)
    {
        if (!TryGet(name, required: false, JsonValueKind.Object, "an object", out var value))
        {
            return null;
        }
        return value.GetRawText();
    }

    public IReadOnlyList<int>? IntegerArray(string name, JsonElement owner, int min, int max, int maxCount)
    {
        if (!owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            return Fail<IReadOnlyList<int>>($"'{name}' must be an array, got {Show(value)}");
        }
        var length = value.GetArrayLength();
        if (length > maxCount)
        {
            return Fail<IReadOnlyList<int>>($"'{name}' may hold at most {maxCount} entries, got {length}");
        }
        var result = new int[length];
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var number) || number < min || number > max)
            {
                return Fail<IReadOnlyList<int>>($"'{name}' entries must be integers between {min} and {max}, got {Show(item)}");
            }
            result[i++] = number;
        }
        return result;
    }

    public bool TryGetObject(string name, out JsonElement value)
    {
        if (!_root.TryGetProperty(name, out value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail<object>($"'{name}' must be an object, got {Show(value)}");
            return false;
        }
        return true;
    }

    public void Require(bool condition, string error)
    {
        if (!condition)
        {
            Fail<object>(error);
        }
    }

    private bool TryGet(string name, bool required, JsonValueKind kind, string expected, out JsonElement value)
    {
        if (Error is not null)
        {
            value = default;
            return false;
        }
        if (!_root.TryGetProperty(name, out value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Fail<object>($"'{name}' is required");
            }
            return false;
        }
        if (value.ValueKind != kind)
        {
            Fail<object>($"'{name}' must be {expected}, got {Show(value)}");
            return false;
        }
        return true;
    }

    /// <summary>A value as the device wrote it, cut short: errors go into logs and MQTT reason strings.</summary>
    private static string Show(JsonElement value)
    {
        const int Max = 64;
        var text = value.GetRawText();
        return text.Length <= Max ? text : string.Concat(text.AsSpan(0, Max), "…");
    }

    private T? Fail<T>(string error)
    {
        Error ??= error;
        return default;
    }
}
