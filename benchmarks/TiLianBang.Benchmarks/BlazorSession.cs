using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TiLianBang.Benchmarks;

/// <summary>
/// A staff member's browser tab without the browser: it GETs a page with the account's cookie, reads the prerendered
/// component markers, opens the <c>/_blazor</c> hub with the blazorpack protocol and starts the circuit the way
/// blazor.web.js does in .NET 10 (StartCircuit with no components, then UpdateRootComponents adding the markers).
/// Every render batch is acknowledged (the server stops sending after a few unacknowledged ones) and its string
/// table handed to <see cref="BatchArrived"/>; JS interop calls get a plausible answer so the page carries on.
/// </summary>
internal sealed partial class BlazorSession(Uri baseUri, string path, CookieContainer cookies, HttpClient http) : IAsyncDisposable
{
    private HubConnection? _connection;
    private long _nextJsObjectId = 1000;

    /// <summary>Called for each render batch with its arrival time (<see cref="Stopwatch"/> ticks) and strings.</summary>
    public Action<BlazorSession, long, List<string>>? BatchArrived { get; set; }

    public string Path { get; } = path;
    public long Batches;
    public long BatchBytes;
    public long InteropCalls;
    public bool Closed { get; private set; }
    public string? Error { get; private set; }

    /// <summary>When the first render batch arrived: the page became interactive.</summary>
    public long FirstBatchAt { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var html = await http.GetStringAsync(new Uri(baseUri, Path), cancellationToken);
        var markers = Markers().Matches(html)
            .Select(m => JsonNode.Parse(m.Groups[1].Value)!.AsObject())
            .Where(m => (string?)m["type"] == "server")
            .OrderBy(m => (int)m["sequence"]!)
            .ToList();
        if (markers.Count == 0)
        {
            throw new InvalidOperationException($"{Path}: no interactive component markers (signed out?)");
        }
        var state = ServerState().Match(html) is { Success: true } s ? s.Groups[1].Value : "";

        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUri, "_blazor"), o =>
            {
                o.Cookies = cookies;
                o.Transports = HttpTransportType.WebSockets;
            })
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Critical));
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol());
        var connection = builder.Build();
        // blazor.web.js gives up after 15 s without a handshake and 30 s without a message; on a machine shared with
        // other work the benchmark waits longer, so that it measures what the server holds, not the scheduler.
        connection.HandshakeTimeout = TimeSpan.FromSeconds(90);
        connection.ServerTimeout = TimeSpan.FromSeconds(120);
        connection.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        connection.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], OnBeginInvokeJSAsync);
        connection.On<string>("JS.Error", error => Error ??= error);
        connection.On<long>("JS.EndUpdateRootComponents", _ => { });
        connection.Closed += e =>
        {
            Closed = true;
            Error ??= e?.Message;
            return Task.CompletedTask;
        };
        _connection = connection;
        await connection.StartAsync(cancellationToken);

        var circuitId = await connection.InvokeAsync<string?>("StartCircuit", baseUri.ToString(), new Uri(baseUri, Path).ToString(), "[]", state, cancellationToken);
        if (string.IsNullOrEmpty(circuitId))
        {
            throw new InvalidOperationException($"{Path}: the server refused the circuit ({Error})");
        }
        var operations = new JsonArray();
        for (var i = 0; i < markers.Count; i++)
        {
            var marker = markers[i];
            marker["uniqueId"] = i;
            operations.Add(new JsonObject { ["type"] = "add", ["ssrComponentId"] = i + 1, ["marker"] = marker });
        }
        var batch = new JsonObject { ["batchId"] = 1, ["operations"] = operations };
        await connection.SendAsync("UpdateRootComponents", batch.ToJsonString(), state, cancellationToken);
    }

    private async Task OnRenderBatchAsync(long batchId, byte[] data)
    {
        var arrived = Stopwatch.GetTimestamp();
        if (FirstBatchAt == 0)
        {
            FirstBatchAt = arrived;
        }
        Interlocked.Increment(ref Batches);
        Interlocked.Add(ref BatchBytes, data.Length);
        BatchArrived?.Invoke(this, arrived, Strings(data));
        await _connection!.SendAsync("OnRenderCompleted", batchId, (string?)null);
    }

    /// <summary>
    /// Answers as a browser with MudBlazor loaded would, closely enough: modules and object references get a fresh
    /// id, everything else null (void, or "nothing measured"), which the pages treat as the absence of a value.
    /// </summary>
    private async Task OnBeginInvokeJSAsync(object?[] args)
    {
        Interlocked.Increment(ref InteropCalls);
        var asyncHandle = (long)args[0]!;
        var resultType = (int)args[3]!;
        if (asyncHandle == 0)
        {
            return;
        }
        // JSCallResultType: 0 default, 1 JS object reference, 2 stream reference, 3 void.
        object? result = resultType == 1 ? new Dictionary<string, long> { ["__jsObjectId"] = Interlocked.Increment(ref _nextJsObjectId) } : null;
        var reply = JsonSerializer.Serialize(new object?[] { asyncHandle, true, result });
        await _connection!.SendAsync("EndInvokeJSFromDotNet", asyncHandle, true, reply);
    }

    /// <summary>The render batch's string table (OutOfProcessRenderBatch): LEB128-prefixed UTF-8 strings.</summary>
    internal static List<string> Strings(byte[] batch)
    {
        var tableStart = BitConverter.ToInt32(batch, batch.Length - 4);
        var count = (batch.Length - 20 - tableStart) / 4;
        var strings = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var position = BitConverter.ToInt32(batch, tableStart + i * 4);
            if (position < 0)
            {
                continue;
            }
            var length = 0;
            var shift = 0;
            byte b;
            do
            {
                b = batch[position++];
                length |= (b & 0x7F) << shift;
                shift += 7;
            }
            while (b >= 0x80);
            strings.Add(Encoding.UTF8.GetString(batch, position, length));
        }
        return strings;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    [GeneratedRegex(@"<!--Blazor:(\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex Markers();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:([A-Za-z0-9+/=]+)-->")]
    private static partial Regex ServerState();

    /// <summary>SignalR's MessagePack hub protocol under the name the Blazor hub accepts.</summary>
    private sealed class BlazorPackProtocol : IHubProtocol
    {
        private readonly MessagePackHubProtocol _inner = new();

        public string Name => "blazorpack";
        public int Version => _inner.Version;
        public TransferFormat TransferFormat => TransferFormat.Binary;
        public bool IsVersionSupported(int version) => _inner.IsVersionSupported(version);
        public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HubMessage? message) => _inner.TryParseMessage(ref input, binder, out message);
        public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(message, output);
        public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);
    }
}
