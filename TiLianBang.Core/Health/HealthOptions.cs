using System.ComponentModel.DataAnnotations;

namespace TiLianBang.Core.Health;

/// <summary>Configuration section <c>Health</c>: elevator health analytics (door and trip metrics, drift, 困人研判).</summary>
public sealed class HealthOptions
{
    /// <summary>Off: states are not analysed (no metrics, no drift, no suspected entrapment). For measuring the pipeline without it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a car must stand outside the door zone, door closed, passenger inside, before 疑似困人 is raised.</summary>
    [Range(5, 3600)]
    public int EntrapmentSeconds { get; set; } = 30;

    /// <summary>The days before the judged period whose daily values make an elevator's own baseline.</summary>
    [Range(7, 365)]
    public int BaselineDays { get; set; } = 30;

    /// <summary>Days of baseline with enough data needed before drift is judged at all.</summary>
    [Range(3, 365)]
    public int MinBaselineDays { get; set; } = 7;

    /// <summary>The judged period: a drift must hold over this many complete hours (a day by default).</summary>
    [Range(1, 24 * 14)]
    public int SustainedHours { get; set; } = 24;

    /// <summary>Door opening or closing time this many percent above the baseline is a drift.</summary>
    [Range(5, 500)]
    public double DoorTimeIncreasePercent { get; set; } = 30;

    /// <summary>Re-openings per 100 door cycles this many times the baseline (at least 1 per 100) is a drift.</summary>
    [Range(1.1, 100)]
    public double ReopeningFactor { get; set; } = 2;

    /// <summary>Stops outside the door zone per 100 stops this many times the baseline (at least 1 per 100) is a drift.</summary>
    [Range(1.1, 100)]
    public double OutsideZoneFactor { get; set; } = 2;

    /// <summary>Door cycles (or stops) the judged period needs before it is judged, and a baseline day needs to count.</summary>
    [Range(1, 100_000)]
    public int MinSamples { get; set; } = 20;

    /// <summary>Re-openings or stops outside the door zone the judged period needs before a rate drift is raised.</summary>
    [Range(1, 10_000)]
    public int MinEvents { get; set; } = 3;
}
