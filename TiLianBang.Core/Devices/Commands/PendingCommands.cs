using System.Collections.Concurrent;
using TiLianBang.Core.Devices.Protocol;

namespace TiLianBang.Core.Devices.Commands;

/// <summary>Commands sent and awaiting their reply. A reply to an unknown, expired or other device's id is ignored.</summary>
public sealed class PendingCommands
{
    private readonly ConcurrentDictionary<string, (string DeviceId, TaskCompletionSource<CommandReply> Reply)> _pending = new(StringComparer.Ordinal);

    public int Count => _pending.Count;

    internal Task<CommandReply> Register(string commandId, string deviceId)
    {
        var reply = new TaskCompletionSource<CommandReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[commandId] = (deviceId, reply);
        return reply.Task;
    }

    internal void Forget(string commandId) => _pending.TryRemove(commandId, out _);

    /// <summary>True when the reply answered a command this node is waiting for.</summary>
    public bool Complete(string deviceId, CommandReply reply)
    {
        if (!_pending.TryGetValue(reply.CommandId, out var pending) || pending.DeviceId != deviceId)
        {
            return false;
        }
        _pending.TryRemove(reply.CommandId, out _);
        return pending.Reply.TrySetResult(reply);
    }
}
