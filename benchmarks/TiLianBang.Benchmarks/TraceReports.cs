using System.Globalization;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;

namespace TiLianBang.Benchmarks;

/// <summary>
/// Reads dotnet-trace files (issue 20 goal 6: profile before optimising). `dotnet-trace report topN` counts every
/// thread's stack, waiting ones too; these count what the profile needs:
///   cpu-report: samples of threads running managed code only (sampled-thread-time profile), inclusive and
///               exclusive per method, optionally only stacks that pass through a method containing a filter text;
///   gc-report:  every GC (gc-verbose or gc-collect profile) with its generation, pause and what it promoted, and
///               the allocation samples by type.
/// </summary>
internal static class TraceReports
{
    // Microsoft-DotNETCore-SampleProfiler: 1 = external code (waiting, native), 2 = managed code running.
    private const int ManagedCode = 2;

    public static int Cpu(string path, string? filter, int top)
    {
        using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(path));
        var inclusive = new Dictionary<string, int>(StringComparer.Ordinal);
        var exclusive = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        foreach (var sample in log.Events)
        {
            if (sample.ProviderName != "Microsoft-DotNETCore-SampleProfiler" || sample.EventName != "Thread/Sample"
                || Convert.ToInt32(sample.PayloadByName("Type"), CultureInfo.InvariantCulture) != ManagedCode
                || sample.CallStack() is not { } stack)
            {
                continue;
            }
            var frames = new List<string>();
            for (var frame = stack; frame is not null; frame = frame.Caller)
            {
                var name = frame.CodeAddress.FullMethodName;
                frames.Add(string.IsNullOrEmpty(name) ? $"{frame.CodeAddress.ModuleName}!?" : name);
            }
            if (filter is not null && !frames.Any(f => f.Contains(filter, StringComparison.Ordinal)))
            {
                continue;
            }
            total++;
            exclusive[frames[0]] = exclusive.GetValueOrDefault(frames[0]) + 1;
            foreach (var name in frames.Distinct(StringComparer.Ordinal))
            {
                inclusive[name] = inclusive.GetValueOrDefault(name) + 1;
            }
        }
        Console.WriteLine($"managed-code samples: {total}{(filter is null ? "" : $" (through '{filter}')")}");
        Print("inclusive", inclusive, total, top);
        Print("exclusive", exclusive, total, Math.Min(top, 30));
        return 0;
    }

    public static int Gc(string path)
    {
        using var source = new EventPipeEventSource(path);
        double suspended = 0, started = 0;
        var generation = 0;
        var reason = "";
        var line = "";
        var pauses = new List<double>();
        var allocated = new Dictionary<string, long>(StringComparer.Ordinal);
        source.Clr.GCSuspendEEStart += e => suspended = e.TimeStampRelativeMSec;
        // Mark phases per heap (GCMarkWithType, gc-verbose only): each event ends the phase that marked from one kind
        // of root; what is left of the GC after the last one is planning, relocating and compacting.
        string[] roots = ["stack", "finalizer", "handles", "older", "sizedref", "overflow", "dependent", "newfinalizer", "steal", "bgcweak"];
        var marks = new SortedDictionary<int, (double At, string Text)>();
        source.Clr.GCStart += e =>
        {
            (generation, reason, started) = (e.Depth, $"{e.Type} {e.Reason}", e.TimeStampRelativeMSec);
            marks.Clear();
        };
        source.Clr.GCMarkWithType += e =>
        {
            var (at, text) = marks.GetValueOrDefault(e.HeapNum, (started, ""));
            var root = e.Type < roots.Length ? roots[e.Type] : e.Type.ToString(CultureInfo.InvariantCulture);
            marks[e.HeapNum] = (e.TimeStampRelativeMSec, text + string.Create(CultureInfo.InvariantCulture,
                $" {root}={e.TimeStampRelativeMSec - at:F1}ms/{e.Promoted >> 20}MiB"));
        };
        source.Clr.GCStop += e => line = string.Create(CultureInfo.InvariantCulture,
            $"t={e.TimeStampRelativeMSec:F0}ms gen{generation} {reason} gc={e.TimeStampRelativeMSec - started:F1}ms") +
            string.Concat(marks.Select(m => string.Create(CultureInfo.InvariantCulture,
                $"\n    heap {m.Key}:{m.Value.Text} rest={e.TimeStampRelativeMSec - m.Value.At:F1}ms")));
        source.Clr.GCHeapStats += e => line += string.Create(CultureInfo.InvariantCulture,
            $" promoted gen0={e.TotalPromotedSize0 >> 20}MiB gen1={e.TotalPromotedSize1 >> 20}MiB gen2={e.TotalPromotedSize2 >> 20}MiB heap gen1={e.GenerationSize1 >> 20}MiB gen2={e.GenerationSize2 >> 20}MiB");
        source.Clr.GCRestartEEStop += e =>
        {
            var pause = e.TimeStampRelativeMSec - suspended;
            pauses.Add(pause);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{line} pause={pause:F1}ms"));
            line = "";
        };
        source.Clr.GCAllocationTick += e => allocated[e.TypeName ?? "?"] = allocated.GetValueOrDefault(e.TypeName ?? "?") + e.AllocationAmount64;
        source.Process();
        var seconds = source.SessionDuration.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"GCs={pauses.Count} in {seconds:F1}s, paused {pauses.Sum():F0}ms ({pauses.Sum() / seconds / 10:F1}% of the time), longest {(pauses.Count == 0 ? 0 : pauses.Max()):F0}ms"));
        Console.WriteLine("allocation samples by type (MiB, ~100 KiB per sample):");
        foreach (var (type, bytes) in allocated.OrderByDescending(a => a.Value).Take(25))
        {
            Console.WriteLine($"{bytes >> 20,8} {type}");
        }
        return 0;
    }

    private static void Print(string title, Dictionary<string, int> counts, int total, int top)
    {
        Console.WriteLine($"--- {title}");
        foreach (var (name, count) in counts.OrderByDescending(c => c.Value).Take(top))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{100.0 * count / Math.Max(1, total),6:F1}% {name}"));
        }
    }
}
