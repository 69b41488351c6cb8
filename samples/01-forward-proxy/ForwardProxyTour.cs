using Samples.Scaffolding;

namespace Samples.ForwardProxy;

/// <summary>The scripted tour behind "dotnet run -- demo".</summary>
public sealed class ForwardProxyTour(WebApplication proxy, DemoOrigins origins, Func<string[], WebApplication> buildProxy)
{
    public Task<int> RunAsync()
    {
        var tour = new Tour("01 forward proxy");
        _ = (proxy, origins, buildProxy);
        return Task.FromResult(tour.Finish());
    }
}
