using System.Collections.Immutable;
using TiLianBang.Core.Devices.Protocol;

namespace TiLianBang.Core.Devices.Cluster;

/// <summary>
/// This node's view of the other platform nodes that share one external broker (Mqtt:Mode = External). Each device
/// has one deciding node among the live ones (rendezvous hashing of node and device ids, the same answer on every
/// node without a lease): only it records the device's online/offline transitions and runs its heartbeat rule, so
/// an offline is never recorded twice however the broker spreads the device's messages. With no peers attached
/// (a single node, the embedded broker) every device is this node's and nothing is sent anywhere.
/// </summary>
public sealed class DeviceCluster
{
    private IDevicePeers? _peers;
    private ImmutableSortedSet<string> _nodes = [];

    /// <summary>This node's id on the cluster bus; empty while there is no cluster.</summary>
    public string NodeId { get; private set; } = "";

    public bool Enabled => _peers is not null;

    /// <summary>The nodes known alive (this one included).</summary>
    public IReadOnlyCollection<string> Nodes => _nodes;

    /// <summary>Called once by the cluster bus when it starts; from then on the pipeline tells the peers.</summary>
    public void Attach(string nodeId, IDevicePeers peers)
    {
        NodeId = nodeId;
        _nodes = [nodeId];
        _peers = peers;
    }

    public void NodeJoined(string nodeId) => ImmutableInterlocked.Update(ref _nodes, static (set, id) => set.Add(id), nodeId);

    public void NodeLeft(string nodeId)
    {
        if (nodeId != NodeId)
        {
            ImmutableInterlocked.Update(ref _nodes, static (set, id) => set.Remove(id), nodeId);
        }
    }

    /// <summary>Whether this node records the device's connection changes and decides when it has gone silent.</summary>
    public bool Decides(string deviceId) => _peers is null || DecidingNode(deviceId) == NodeId;

    public string DecidingNode(string deviceId)
    {
        var nodes = _nodes;
        string? best = null;
        ulong bestScore = 0;
        foreach (var node in nodes)
        {
            var score = Score(node, deviceId);
            if (best is null || score > bestScore)
            {
                best = node;
                bestScore = score;
            }
        }
        return best ?? NodeId;
    }

    /// <summary>FNV-1a over both ids: stable across processes and machines, unlike string.GetHashCode.</summary>
    private static ulong Score(string node, string deviceId)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in node + "\n" + deviceId)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        // FNV's last steps mix poorly; a final avalanche spreads devices evenly over the nodes.
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        return hash;
    }

    internal void Seen(DeviceSeen seen) => _peers?.Seen(seen);

    /// <summary>A reply no command of this node waits for: the node that sent the command may.</summary>
    internal void ReplyElsewhere(string deviceId, CommandReply reply) => _peers?.Reply(deviceId, reply);
}

/// <summary>What the pipeline tells the other nodes; implemented by the cluster bus. Must not block.</summary>
public interface IDevicePeers
{
    void Seen(DeviceSeen seen);

    void Reply(string deviceId, CommandReply reply);
}
