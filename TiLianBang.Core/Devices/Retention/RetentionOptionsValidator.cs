using Microsoft.Extensions.Options;

namespace TiLianBang.Core.Devices.Retention;

/// <summary>Refuses settings that would delete everything or nothing at start-up, naming the key to fix.</summary>
public sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        var errors = new List<string>();
        void Days(string key, int value)
        {
            if (value < 1)
            {
                errors.Add($"{RetentionOptions.Section}:{key} is {value}: it must be at least 1 day (how many days of raw rows to keep).");
            }
        }
        Days(nameof(RetentionOptions.StateHistoryDays), options.StateHistoryDays);
        Days(nameof(RetentionOptions.CounterReadingDays), options.CounterReadingDays);
        Days(nameof(RetentionOptions.ConnectionChangeDays), options.ConnectionChangeDays);
        if (options.HealthHourDays < 60)
        {
            errors.Add($"{RetentionOptions.Section}:HealthHourDays is {options.HealthHourDays}: it must be at least 60 days (the health baseline needs a month before the judged day).");
        }
        if (options.BatchSize is < 1 or > 100_000)
        {
            errors.Add($"{RetentionOptions.Section}:BatchSize is {options.BatchSize}: it must be between 1 and 100000 rows.");
        }
        if (options.BatchPause < TimeSpan.Zero || options.BatchPause > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{RetentionOptions.Section}:BatchPause is {options.BatchPause}: it must be between 00:00:00 and 00:01:00.");
        }
        if (options.Hour is < 0 or > 23)
        {
            errors.Add($"{RetentionOptions.Section}:Hour is {options.Hour}: it must be a local hour from 0 to 23.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
