using System.Globalization;
using System.Text.Json.Nodes;

namespace TiLianBang.Web.Simulation;

/// <summary>
/// One elevator's behaviour, without any networking: a car that travels between landings at its rated speed,
/// opens and closes its doors at stops, answers random hall and car calls, counts runs and door cycles, and now
/// and then faults (sometimes trapping passengers) until the fault clears. Given a <see cref="SimulatedWear"/> it is
/// a worn elevator: slower doors that sometimes re-open, stops short of the landing, and stuck episodes with a
/// passenger but no event. <see cref="Advance"/> moves it on and returns the messages a collector would publish.
/// </summary>
public sealed class SimulatedElevator
{
    private const double FloorHeight = 3.0;
    private static readonly TimeSpan DoorMoving = TimeSpan.FromSeconds(2.5);
    /// <summary>How long the doors stay open at a stop (the controller's FB-02 开门保持时间).</summary>
    public static readonly TimeSpan DoorDwell = TimeSpan.FromSeconds(4);
    private static readonly int[] FaultCodes = [2, 3, 4, 7, 11, 11, 90];
    /// <summary>How far short of the landing a worn car stops: well outside the ±0.15 floor door zone.</summary>
    private const double ShortOfLanding = 0.3;
    /// <summary>Metres per second of the creep from a stop short of the landing into the door zone.</summary>
    private const double LevellingSpeed = 0.3;

    private readonly Random _random;
    private readonly double _speed;
    private readonly double _faultsPerSecond;
    private readonly SortedSet<int> _carCalls = [];
    private readonly SortedSet<int> _upCalls = [];
    private readonly SortedSet<int> _downCalls = [];
    private readonly SimulatedWear? _wear;
    // Wear draws from its own generator so that the calls and faults of a seed stay the same with or without wear.
    private readonly Random? _wearRandom;
    private readonly DateTimeOffset _since;

    private double _position;
    private int _direction;
    private int _door = 2;
    private DateTimeOffset _doorSince;
    private int? _fault;
    private DateTimeOffset _faultClearsAt;
    private DateTimeOffset _lastStateSent;
    private DateTimeOffset _lastStatsSent;
    private string? _lastStateKey;
    private long _seq;
    private long _eventSeq;
    private DateTimeOffset? _reopenAt;
    private int? _relevelTo;
    private DateTimeOffset _relevelAt;
    /// <summary>The landing a relevel has just reached; its door opens on the next tick.</summary>
    private int? _levelledAt;
    private bool _stuckDue;
    private DateTimeOffset? _stuckUntil;
    private readonly int? _wornLandingDoor;
    private readonly TimeSpan _landingDoorTime;

    /// <param name="wear">How this car wears; null for one that behaves as new.</param>
    /// <param name="wornLandingDoor">A landing whose door moves slower by <see cref="SimulatedWear.LandingDoorSlowdown"/> of <paramref name="landingWear"/>.</param>
    public SimulatedElevator(int landings, double ratedSpeed, int seed, double faultsPerHour, DateTimeOffset now, SimulatedWear? wear = null,
        int? wornLandingDoor = null, SimulatedWear? landingWear = null)
    {
        _wornLandingDoor = wornLandingDoor;
        _landingDoorTime = DoorMoving * (1 + Math.Max(0, landingWear?.LandingDoorSlowdown ?? 0));
        Landings = Math.Max(2, landings);
        _speed = ratedSpeed;
        _random = new Random(seed);
        _faultsPerSecond = faultsPerHour / 3600.0;
        _position = 1 + _random.Next(Landings);
        _doorSince = now;
        _lastStatsSent = now;
        Runs = 10_000 + _random.Next(200_000);
        RunHours = Runs / 60.0;
        DoorCycles = Runs * 2;
        _since = now;
        _wear = wear;
        _wearRandom = wear is null ? null : new Random(unchecked(seed * 7919 + 17));
    }

    public int Landings { get; }
    /// <summary>Metres per second, as the controller is set up (F0-03).</summary>
    public double RatedSpeed => _speed;
    public int HeartbeatSeconds { get; set; } = 30;
    public int Floor => (int)Math.Round(_position);
    public bool Running => _direction != 0 && _door == 2;
    public long Runs { get; private set; }
    public double RunHours { get; private set; }
    public long DoorCycles { get; private set; }
    public double Distance { get; private set; }
    public IReadOnlyList<bool> Inputs => [Running, _door == 4, _door == 2, _fault is not null, _direction == 1, _direction == 2, true, false];
    public IReadOnlyList<bool> Outputs => [Running && _direction == 1, Running && _direction == 2, _door == 3, _door == 1];

    /// <summary>A remote call (呼梯) or a passenger's press.</summary>
    public bool Call(int landing, string kind)
    {
        if (landing < 1 || landing > Landings || _fault is not null)
        {
            return false;
        }
        (kind switch { "up" => _upCalls, "down" => _downCalls, _ => _carCalls }).Add(landing);
        return true;
    }

    public IReadOnlyList<(string Kind, string Payload)> Advance(DateTimeOffset now, TimeSpan elapsed)
    {
        var messages = new List<(string, string)>();
        UpdateFault(now, messages);
        if (_fault is null)
        {
            MaybeRandomCall();
            Move(now, elapsed);
        }
        var key = StateKey();
        if (key != _lastStateKey || now - _lastStateSent >= TimeSpan.FromSeconds(HeartbeatSeconds))
        {
            messages.Add(("state", StateJson(now)));
            _lastStateKey = key;
            _lastStateSent = now;
        }
        if (now - _lastStatsSent >= TimeSpan.FromMinutes(5))
        {
            messages.Add(("stats", StatsJson(now)));
            _lastStatsSent = now;
        }
        return messages;
    }

    public string StatsJson(DateTimeOffset now) => new JsonObject
    {
        ["ts"] = now.ToUnixTimeMilliseconds(),
        ["runs"] = Runs,
        ["runHours"] = Math.Round(RunHours, 2),
        ["doorCycles"] = DoorCycles,
        ["distance"] = Math.Round(Distance),
    }.ToJsonString();

    public string IoJson(DateTimeOffset now) => new JsonObject
    {
        ["ts"] = now.ToUnixTimeMilliseconds(),
        ["in"] = new JsonArray([.. Inputs.Select(b => (JsonNode)(b ? 1 : 0))]),
        ["out"] = new JsonArray([.. Outputs.Select(b => (JsonNode)(b ? 1 : 0))]),
    }.ToJsonString();

    public string StateJson(DateTimeOffset now) => new JsonObject
    {
        ["ts"] = now.ToUnixTimeMilliseconds(),
        ["seq"] = ++_seq,
        ["mode"] = 1,
        ["run"] = Running ? 1 : 0,
        ["dir"] = Running ? _direction : 0,
        ["floor"] = Floor,
        ["door"] = _door,
        ["zone"] = Math.Abs(_position - Floor) < 0.15 ? 1 : 0,
        ["people"] = _carCalls.Count > 0 || _fault == 11 ? 1 : 0,
        ["load"] = _carCalls.Count * 12,
        ["speed"] = Running ? (_relevelTo is null ? _speed : LevellingSpeed) : 0,
        ["calls"] = new JsonObject
        {
            ["car"] = new JsonArray([.. _carCalls.Select(c => (JsonNode)c)]),
            ["up"] = new JsonArray([.. _upCalls.Select(c => (JsonNode)c)]),
            ["down"] = new JsonArray([.. _downCalls.Select(c => (JsonNode)c)]),
        },
    }.ToJsonString();

    private void UpdateFault(DateTimeOffset now, List<(string, string)> messages)
    {
        if (_fault is { } active && now >= _faultClearsAt)
        {
            messages.Add(("event", EventJson(active, raised: false, now)));
            _fault = null;
        }
        // A stuck episode is the fault nobody reported; a fault raised during it would announce it after all.
        else if (_fault is null && _stuckUntil is null && _faultsPerSecond > 0 && _random.NextDouble() < _faultsPerSecond)
        {
            var code = FaultCodes[_random.Next(FaultCodes.Length)];
            _fault = code;
            // Trapped passengers wait for rescue; door faults clear when the controller retries.
            _faultClearsAt = now + (code == 11 ? TimeSpan.FromMinutes(2 + _random.Next(4)) : TimeSpan.FromSeconds(30 + _random.Next(90)));
            _direction = 0;
            _door = code == 11 ? 2 : _door;
            _carCalls.Clear();
            _upCalls.Clear();
            _downCalls.Clear();
            messages.Add(("event", EventJson(code, raised: true, now)));
        }
    }

    public string EventJson(int code, bool raised, DateTimeOffset now) => new JsonObject
    {
        ["id"] = $"e-{now.ToUnixTimeMilliseconds():x}-{++_eventSeq}",
        ["ts"] = now.ToUnixTimeMilliseconds(),
        ["code"] = code,
        ["state"] = raised ? 1 : 0,
        ["floor"] = Floor,
        ["detail"] = new JsonObject { ["simulated"] = true },
    }.ToJsonString();

    private void MaybeRandomCall()
    {
        if (_random.NextDouble() < 0.02)
        {
            var landing = 1 + _random.Next(Landings);
            var kind = landing == 1 ? "up" : landing == Landings ? "down" : _random.Next(2) == 0 ? "up" : "down";
            Call(landing, kind);
        }
    }

    private void Move(DateTimeOffset now, TimeSpan elapsed)
    {
        MaybeDueToGetStuck(elapsed);
        var doorTime = DoorTime(now);
        switch (_door)
        {
            case 3 when now - _doorSince >= doorTime:
                SetDoor(4, now);
                DoorCycles++;
                return;
            case 4 when now - _doorSince >= DoorDwell:
                StartClosing(now, doorTime);
                return;
            case 1 when _reopenAt is { } reopen && now >= reopen:
                _reopenAt = null;
                SetDoor(3, now);
                return;
            case 1 when now - _doorSince >= doorTime:
                SetDoor(2, now);
                return;
            case 3 or 4 or 1:
                return;
        }
        if (_stuckUntil is { } stuckUntil)
        {
            if (now < stuckUntil)
            {
                return;
            }
            _stuckUntil = null;
        }
        if (Relevel(now, elapsed))
        {
            return;
        }
        var target = NextTarget();
        if (target is null)
        {
            _direction = 0;
            return;
        }
        if (_direction == 0)
        {
            _direction = target > _position ? 1 : target < _position ? -1 : 0;
            if (_direction != 0)
            {
                Runs++;
            }
            _direction = _direction == -1 ? 2 : _direction;
        }
        var step = _speed * elapsed.TotalSeconds / FloorHeight;
        var sign = _direction == 1 ? 1 : _direction == 2 ? -1 : 0;
        var next = _position + sign * step;
        RunHours += elapsed.TotalHours;
        Distance += step * FloorHeight;
        if (sign == 0 || (sign > 0 && next >= target.Value) || (sign < 0 && next <= target.Value))
        {
            _direction = 0;
            if (_wear is not null && _wearRandom!.NextDouble() < _wear.OutsideZoneStopChance)
            {
                _position = target.Value - sign * ShortOfLanding;
                _relevelTo = target.Value;
                _relevelAt = now + TimeSpan.FromSeconds(1 + _wearRandom.NextDouble());
                return;
            }
            _position = target.Value;
            Arrive(target.Value, now);
            return;
        }
        _position = Math.Clamp(next, 1, Landings);
        // Only with a passenger aboard, well between floors: the case 疑似困人 has to infer from the state alone.
        if (_stuckDue && _carCalls.Count > 0 && Math.Abs(_position - Math.Round(_position)) >= 0.2)
        {
            _stuckDue = false;
            _direction = 0;
            _stuckUntil = now + _wear!.StuckTime(_wearRandom!.NextDouble());
        }
    }

    private void Arrive(int landing, DateTimeOffset now)
    {
        _carCalls.Remove(landing);
        _upCalls.Remove(landing);
        _downCalls.Remove(landing);
        SetDoor(3, now);
        if (_random.NextDouble() < 0.5)
        {
            _carCalls.Add(1 + _random.Next(Landings));
            _carCalls.Remove(landing);
        }
    }

    /// <summary>
    /// A car that stopped short of its landing waits a moment, creeps into the door zone and stops there; the door
    /// opens only on the next tick, so the levelled stop (zone 1, door closed) is a state of its own.
    /// Returns whether the car is busy with that.
    /// </summary>
    private bool Relevel(DateTimeOffset now, TimeSpan elapsed)
    {
        if (_levelledAt is { } levelled)
        {
            _levelledAt = null;
            Arrive(levelled, now);
            return true;
        }
        if (_relevelTo is not { } landing)
        {
            return false;
        }
        if (now < _relevelAt)
        {
            _direction = 0;
            return true;
        }
        var sign = Math.Sign(landing - _position);
        var step = LevellingSpeed * elapsed.TotalSeconds / FloorHeight;
        RunHours += elapsed.TotalHours;
        Distance += Math.Min(step, Math.Abs(landing - _position)) * FloorHeight;
        if (sign == 0 || Math.Abs(landing - _position) <= step)
        {
            _position = landing;
            _direction = 0;
            _relevelTo = null;
            _levelledAt = landing;
            return true;
        }
        _direction = sign > 0 ? 1 : 2;
        _position += sign * step;
        return true;
    }

    private void StartClosing(DateTimeOffset now, TimeSpan doorTime)
    {
        SetDoor(1, now);
        _reopenAt = _wear is not null && _wearRandom!.NextDouble() < _wear.ReopenChance
            ? now + doorTime * (0.3 + 0.5 * _wearRandom.NextDouble())
            : null;
    }

    /// <summary>Stuck episodes come at the configured rate; each waits for the next trip with a passenger.</summary>
    private void MaybeDueToGetStuck(TimeSpan elapsed)
    {
        if (_wear is not null && !_stuckDue && _stuckUntil is null && _wear.StuckPerHour > 0)
        {
            _stuckDue = _wearRandom!.NextDouble() < _wear.StuckPerHour * elapsed.TotalHours;
        }
    }

    private TimeSpan DoorTime(DateTimeOffset now) =>
        Floor == _wornLandingDoor ? _landingDoorTime : _wear?.DoorTime(DoorMoving, now - _since) ?? DoorMoving;

    private int? NextTarget()
    {
        var all = _carCalls.Concat(_upCalls).Concat(_downCalls).Distinct().ToList();
        if (all.Count == 0)
        {
            return null;
        }
        var here = _position;
        var ahead = _direction switch
        {
            1 => all.Where(c => c >= here).OrderBy(c => c).ToList(),
            2 => all.Where(c => c <= here).OrderByDescending(c => c).ToList(),
            _ => [],
        };
        return ahead.Count > 0 ? ahead[0] : all.OrderBy(c => Math.Abs(c - here)).First();
    }

    private void SetDoor(int door, DateTimeOffset now)
    {
        _door = door;
        _doorSince = now;
    }

    private string StateKey() => string.Create(CultureInfo.InvariantCulture,
        $"{Running}|{_direction}|{Floor}|{_door}|{_fault}|{_carCalls.Count}|{_upCalls.Count}|{_downCalls.Count}");
}
