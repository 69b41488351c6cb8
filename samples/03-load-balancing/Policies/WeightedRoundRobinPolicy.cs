using System.Globalization;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace Samples.LoadBalancing.Policies;

/// <summary>
/// Smooth weighted round robin, the way nginx spreads requests over
/// "server ... weight=N" lines. YARP has no weighted policy, so this one is
/// written by hand; it plugs in beside the built-in ones and a cluster picks
/// it by name ("LoadBalancingPolicy": "WeightedRoundRobin").
/// </summary>
/// <remarks>
/// Each destination keeps a running score. On every pick, each available
/// destination's score grows by its weight, the highest score wins, and the
/// winner pays back the total of all weights. With weights 3:1:1 that gives
/// a, b, a, c, a: the heavy server gets its share without receiving it in
/// one burst.
/// </remarks>
public sealed class WeightedRoundRobinPolicy : ILoadBalancingPolicy
{
    public const string PolicyName = "WeightedRoundRobin";

    /// <summary>The destination metadata key that holds the weight (a whole number, 1 when absent).</summary>
    public const string WeightKey = "Weight";

    public const int MaxWeight = 1000;

    // One score table per cluster; the cluster object lives as long as its configuration does.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<ClusterState, Dictionary<string, long>> _scores = new();

    public string Name => PolicyName;

    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations)
    {
        if (availableDestinations.Count == 0)
        {
            return null;
        }

        var scores = _scores.GetValue(cluster, _ => new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase));

        // Picks are short and must see each other's score changes, so a lock is the honest tool here.
        lock (scores)
        {
            DestinationState? best = null;
            long bestScore = 0;
            long total = 0;
            foreach (var destination in availableDestinations)
            {
                var weight = WeightOf(destination);
                total += weight;
                var score = scores.GetValueOrDefault(destination.DestinationId) + weight;
                scores[destination.DestinationId] = score;
                if (best is null || score > bestScore)
                {
                    best = destination;
                    bestScore = score;
                }
            }

            scores[best!.DestinationId] = bestScore - total;
            return best;
        }
    }

    public static bool TryParseWeight(string? raw, out int weight) =>
        int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out weight) && weight is >= 1 and <= MaxWeight;

    // Start-up has refused bad weights (ClusterPoliciesValidator); a bad value from a later configuration reload counts as 1.
    private static int WeightOf(DestinationState destination) =>
        destination.Model.Config.Metadata?.TryGetValue(WeightKey, out var raw) == true && TryParseWeight(raw, out var weight) ? weight : 1;
}
