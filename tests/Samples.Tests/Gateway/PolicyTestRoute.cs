using Samples.OcelotGateway.Policies;

namespace Samples.Tests.Gateway;

/// <summary>A route of the <see cref="PolicyTestGateway"/>: a path prefix, a backend and its policies.</summary>
public sealed record PolicyTestRoute(string Id, string Prefix, Uri Backend, RoutePolicies Policies);
