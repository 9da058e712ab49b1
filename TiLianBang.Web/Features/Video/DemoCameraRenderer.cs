using System.Globalization;
using SkiaSharp;
using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Devices.Protocol;
using TiLianBang.Core.Elevators;

namespace TiLianBang.Web.Features.Video;

/// <summary>
/// Draws one frame of a demo camera: the simulated car as its live state says (floor, direction, doors, passengers),
/// marked 模拟画面 so nobody takes it for a real picture. Fonts are files read once: the Linux SkiaSharp build has no
/// fontconfig, so a family name alone would find nothing. Without a CJK font the texts are drawn in English.
/// </summary>
public sealed class DemoCameraRenderer : IDisposable
{
    public const int Width = 640;
    public const int Height = 360;

    private static readonly string[] CjkFontFiles =
    [
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
        @"C:\Windows\Fonts\msyh.ttc",
        @"C:\Windows\Fonts\simhei.ttf",
    ];

    private readonly SKTypeface _typeface;
    private readonly bool _chinese;

    public DemoCameraRenderer()
    {
        (_typeface, _chinese) = LoadTypeface();
    }

    /// <summary>Whether a CJK font was found (otherwise labels are English).</summary>
    public bool DrawsChinese => _chinese;

    private static (SKTypeface, bool) LoadTypeface()
    {
        foreach (var file in CjkFontFiles.Where(File.Exists))
        {
            if (SKTypeface.FromFile(file) is { } face && HasCjk(face))
            {
                return (face, true);
            }
        }
        var named = SKTypeface.FromFamilyName("Microsoft YaHei");
        if (named is not null && HasCjk(named))
        {
            return (named, true);
        }
        return (named ?? SKTypeface.Default, false);
    }

    private static bool HasCjk(SKTypeface face)
    {
        using var font = new SKFont(face);
        return font.ContainsGlyphs("模拟画面轿厢");
    }

    /// <summary>A JPEG of the scene; <paramref name="surface"/> is the stream's own, reused for every frame.</summary>
    public byte[] Render(SKSurface surface, DemoScene scene)
    {
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor(0x1b, 0x22, 0x2c));
        using var font = new SKFont(_typeface, 18);
        using var small = new SKFont(_typeface, 14);
        using var big = new SKFont(_typeface, 44);
        using var paint = new SKPaint { IsAntialias = true };

        DrawCar(canvas, scene, paint, big);
        DrawShaft(canvas, scene, paint, small);

        // Header: where the camera looks, which elevator; the mark that the picture is simulated.
        paint.Color = new SKColor(0, 0, 0, 150);
        canvas.DrawRect(0, 0, Width, 34, paint);
        paint.Color = SKColors.White;
        canvas.DrawText($"{Text(PositionName(scene.Position))} · {scene.ElevatorNumber}", 12, 24, SKTextAlign.Left, font, paint);
        var mark = Text("模拟画面");
        var markWidth = font.MeasureText(mark) + 20;
        paint.Color = new SKColor(0xd9, 0x3a, 0x3a);
        canvas.DrawRoundRect(Width - markWidth - 10, 5, markWidth, 24, 4, 4, paint);
        paint.Color = SKColors.White;
        canvas.DrawText(mark, Width - 20, 23, SKTextAlign.Right, font, paint);

        // Footer: the time of the frame, so a frozen picture shows.
        paint.Color = new SKColor(0, 0, 0, 150);
        canvas.DrawRect(0, Height - 28, Width, 28, paint);
        paint.Color = new SKColor(0xe0, 0xe6, 0xee);
        canvas.DrawText(scene.Time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), 12, Height - 9, SKTextAlign.Left, small, paint);
        canvas.DrawText(StateLine(scene.State), Width - 12, Height - 9, SKTextAlign.Right, small, paint);

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 70);
        return data.ToArray();
    }

    private static void DrawCar(SKCanvas canvas, DemoScene scene, SKPaint paint, SKFont big)
    {
        const float left = 150, top = 60, width = 340, height = 250;
        paint.Style = SKPaintStyle.Fill;
        paint.Color = new SKColor(0x3a, 0x44, 0x52);
        canvas.DrawRect(left, top, width, height, paint);

        // The floor indicator above the doors.
        paint.Color = new SKColor(0x0d, 0x11, 0x16);
        canvas.DrawRoundRect(left + width / 2 - 70, top + 8, 140, 56, 6, 6, paint);
        paint.Color = new SKColor(0xff, 0x9f, 0x1c);
        var state = scene.State;
        var arrow = state?.Direction switch { CarDirection.Up => "▲", CarDirection.Down => "▼", _ => "" };
        var floor = state is { HasState: true } ? scene.FloorLabel : "—";
        canvas.DrawText($"{arrow}{floor}", left + width / 2, top + 52, SKTextAlign.Center, big, paint);

        // Doors: two leaves that part as far as the door state says.
        var doorTop = top + 76;
        var doorHeight = height - 86;
        var doorWidth = 220f;
        var doorLeft = left + (width - doorWidth) / 2;
        var opening = state?.Door switch
        {
            DoorState.Open => 0.9f,
            DoorState.Opening or DoorState.Closing or DoorState.NotFullyClosed => 0.45f,
            _ => 0f,
        };
        paint.Color = new SKColor(0x10, 0x14, 0x1a);
        canvas.DrawRect(doorLeft, doorTop, doorWidth, doorHeight, paint);
        DrawPassengers(canvas, state, paint, doorLeft, doorTop, doorWidth, doorHeight);
        var leaf = doorWidth / 2 * (1 - opening);
        paint.Color = new SKColor(0x9a, 0xa6, 0xb4);
        canvas.DrawRect(doorLeft, doorTop, leaf, doorHeight, paint);
        canvas.DrawRect(doorLeft + doorWidth - leaf, doorTop, leaf, doorHeight, paint);
        paint.Color = new SKColor(0x6b, 0x76, 0x84);
        paint.Style = SKPaintStyle.Stroke;
        paint.StrokeWidth = 2;
        canvas.DrawRect(doorLeft, doorTop, doorWidth, doorHeight, paint);
        paint.Style = SKPaintStyle.Fill;
    }

    private static void DrawPassengers(SKCanvas canvas, ElevatorLiveState? state, SKPaint paint, float left, float top, float width, float height)
    {
        if (state?.PassengerInCar != true)
        {
            return;
        }
        // The load says roughly how many people; one at least when the sensor says someone is in.
        var count = Math.Clamp((int)Math.Round((state.LoadPercent ?? 10) / 10), 1, 4);
        paint.Color = new SKColor(0x4f, 0x9d, 0xf0);
        for (var i = 0; i < count; i++)
        {
            var x = left + width * (i + 1) / (count + 1);
            canvas.DrawCircle(x, top + height - 105, 14, paint);
            canvas.DrawRoundRect(x - 18, top + height - 86, 36, 86, 10, 10, paint);
        }
    }

    private static void DrawShaft(SKCanvas canvas, DemoScene scene, SKPaint paint, SKFont small)
    {
        const float left = 560, top = 50, width = 40, height = 270;
        var landings = Math.Max(scene.Landings, 1);
        paint.Color = new SKColor(0x2a, 0x33, 0x3f);
        canvas.DrawRect(left, top, width, height, paint);
        var step = height / landings;
        var floor = Math.Clamp(scene.State?.Floor ?? 1, 1, landings);
        paint.Color = scene.State is { Online: true } ? new SKColor(0x1e, 0x7b, 0xe0) : new SKColor(0x85, 0x90, 0xa2);
        canvas.DrawRect(left + 4, top + height - floor * step + 1, width - 8, Math.Max(step - 2, 3), paint);
        paint.Color = new SKColor(0xb0, 0xba, 0xc6);
        canvas.DrawText(scene.TopLabel, left + width / 2, top - 6, SKTextAlign.Center, small, paint);
        canvas.DrawText(scene.BottomLabel, left + width / 2, top + height + 16, SKTextAlign.Center, small, paint);
    }

    private string StateLine(ElevatorLiveState? state) => state switch
    {
        null or { HasState: false } => Text("无运行数据"),
        { Online: false } => Text("离线"),
        { PassengersTrapped: true } => Text("困人"),
        { HasFault: true } => Text("故障"),
        { Running: true } => Text("运行中"),
        _ => Text(state.Door is DoorState.Open or DoorState.Opening ? "门开" : "门关"),
    };

    private static string PositionName(CameraPosition position) => position switch
    {
        CameraPosition.Car => "轿厢",
        CameraPosition.CarTop => "轿顶",
        CameraPosition.MachineRoom => "机房",
        _ => "轿底",
    };

    private string Text(string chinese) => _chinese ? chinese : English.GetValueOrDefault(chinese, chinese);

    private static readonly Dictionary<string, string> English = new(StringComparer.Ordinal)
    {
        ["模拟画面"] = "SIMULATED",
        ["轿厢"] = "Car",
        ["轿顶"] = "Car top",
        ["机房"] = "Machine room",
        ["轿底"] = "Pit",
        ["无运行数据"] = "No data",
        ["离线"] = "Offline",
        ["困人"] = "Trapped",
        ["故障"] = "Fault",
        ["运行中"] = "Running",
        ["门开"] = "Door open",
        ["门关"] = "Door closed",
    };

    public void Dispose()
    {
        // The default typeface belongs to Skia.
        if (!ReferenceEquals(_typeface, SKTypeface.Default))
        {
            _typeface.Dispose();
        }
    }
}

/// <summary>What one demo frame shows.</summary>
public sealed record DemoScene(
    CameraPosition Position, string ElevatorNumber, int Landings, string FloorLabel, string TopLabel, string BottomLabel,
    ElevatorLiveState? State, DateTimeOffset Time);
