using System.Net;
using System.Text.Json;
using Samples.Scaffolding;

namespace Samples.ReverseProxy.Demo;

/// <summary>The scripted tour behind "dotnet run -- demo": each claim of the sample, shown and checked.</summary>
public static class DemoTour
{
    private static readonly string[] ForwardingHeaders = ["X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-Prefix", "Forwarded"];
    private static readonly string[] StackHeaders = ["Server", "X-Powered-By", "X-AspNet-Version"];

    public static async Task<int> RunAsync(string proxyUrl, DemoBackend catalog, DemoBackend orders)
    {
        var proxy = new Uri(proxyUrl.EndsWith('/') ? proxyUrl : proxyUrl + "/");
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = proxy, Timeout = TimeSpan.FromSeconds(30) };
        var tour = new Tour("02 reverse proxy: one address in front of two services");

        tour.Step("Routing by path: /catalog/... goes to the catalog service", $"The client never learns the catalog's own address (port {catalog.Port}).");
        using (var response = await client.GetAsync(new Uri("catalog/items", UriKind.Relative)))
        {
            tour.Client(response, "Content-Type");
            tour.Backend(catalog.LastSeen, "Host", "X-Forwarded-Host");
            tour.Check(response.StatusCode == HttpStatusCode.OK && catalog.LastSeen?.PathAndQuery == "/catalog/items", "the catalog answered, and saw the path unchanged");
        }

        tour.Step("A path transform: /orders/42 reaches the orders service as /42", "The proxy removes the prefix and tells the backend which one in X-Forwarded-Prefix.");
        using (var response = await client.GetAsync(new Uri("orders/42", UriKind.Relative)))
        {
            tour.Client(response, "Content-Type");
            tour.Backend(orders.LastSeen, "X-Forwarded-Prefix");
            tour.Check(orders.LastSeen?.PathAndQuery == "/42" && orders.LastSeen.Header("X-Forwarded-Prefix") == "/orders", "orders saw /42 with X-Forwarded-Prefix: /orders");
        }

        tour.Step("Routing by host: any path on orders.localhost goes to the orders service");
        using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri("", UriKind.Relative)))
        {
            request.Headers.Host = "orders.localhost";
            using var response = await client.SendAsync(request);
            tour.Client(response, "Content-Type");
            tour.Backend(orders.LastSeen, "Host", "X-Forwarded-Host");
            tour.Check(response.StatusCode == HttpStatusCode.OK && orders.LastSeen?.PathAndQuery == "/", "orders answered GET / for Host: orders.localhost");
        }

        tour.Step(
            "Forwarded headers: the proxy sets them; the client cannot forge them",
            "The client claims to be 6.6.6.6 via https on attacker.test. The backend learns the truth instead.");
        {
            var seen = await SendForgedAsync(
                client, tour, catalog, "catalog/items", ("X-Forwarded-For", "6.6.6.6"), ("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "attacker.test"), ("X-Forwarded-Prefix", "/admin"), ("Forwarded", "for=6.6.6.6"));
            tour.Check(
                seen?.Header("X-Forwarded-For") == "127.0.0.1" && seen.Header("X-Forwarded-Host") == proxy.Authority
                    && seen.Header("X-Forwarded-Proto") == "http" && seen.Header("X-Forwarded-Prefix") is null && seen.Header("Forwarded") is null,
                "the backend saw the real client, scheme and host, and none of the forged values");
        }

        tour.Step("RFC 7239: a route that sends Forwarded instead of X-Forwarded-*", "/rfc7239/catalog/items reaches the catalog as /catalog/items.");
        {
            var seen = await SendForgedAsync(client, tour, catalog, "rfc7239/catalog/items", ("X-Forwarded-For", "6.6.6.6"), ("Forwarded", "for=6.6.6.6"));
            tour.Check(
                seen?.Header("Forwarded")?.Contains("for=127.0.0.1", StringComparison.Ordinal) == true && seen.Header("X-Forwarded-For") is null,
                "the backend saw a Forwarded header written by the proxy, and no X-Forwarded-For at all");
        }

        tour.Step("Response hardening: the backend's make and version stay behind the proxy", "Left: asking the catalog directly. Right: the same request through the proxy.");
        using (var direct = await client.GetAsync(new Uri(catalog.Url, "catalog/items")))
        using (var through = await client.GetAsync(new Uri("catalog/items", UriKind.Relative)))
        {
            SideBySide(tour, "catalog sends", "client receives", StackHeaders.Select(h => (h, Tour.HeaderValue(direct, h), Tour.HeaderValue(through, h))));
            tour.Check(StackHeaders.All(h => Tour.HeaderValue(through, h) is null), "none of Server, X-Powered-By, X-AspNet-Version reached the client");
        }

        tour.Step("Caching at the proxy: /catalog/featured, twice", "The operator gave this route a 30-second output-cache policy; the backend's headers have no say.");
        catalog.ClearSeen();
        string firstBody;
        using (var first = await client.GetAsync(new Uri("catalog/featured", UriKind.Relative)))
        {
            firstBody = await first.Content.ReadAsStringAsync();
            tour.Client(first, "Cache-Status", "Age");
        }

        using (var second = await client.GetAsync(new Uri("catalog/featured", UriKind.Relative)))
        {
            var secondBody = await second.Content.ReadAsStringAsync();
            tour.Client(second, "Cache-Status", "Age");
            tour.Note($"catalog rendered /catalog/featured {catalog.Seen.Count(s => s.PathAndQuery == "/catalog/featured")} time(s)");
            tour.Check(
                Tour.HeaderValue(second, "Cache-Status") == "ReverseProxy; hit" && secondBody == firstBody
                    && catalog.Seen.Count(s => s.PathAndQuery == "/catalog/featured") == 1,
                "the second answer came from the proxy's cache, the backend heard only the first");
        }

        tour.Step("No route: a path the proxy does not know");
        using (var response = await client.GetAsync(new Uri("nowhere", UriKind.Relative)))
        {
            await ShowProblemAsync(tour, response);
            tour.Check(response.StatusCode == HttpStatusCode.NotFound && IsProblem(response), "404 as application/problem+json");
        }

        tour.Step("Body limit: 2 MB to /orders, which accepts at most 1 MB");
        orders.ClearSeen();
        using (var response = await client.PostAsync(new Uri("orders/", UriKind.Relative), new ByteArrayContent(new byte[2 * 1024 * 1024])))
        {
            await ShowProblemAsync(tour, response);
            tour.Check(response.StatusCode == HttpStatusCode.RequestEntityTooLarge && IsProblem(response), "413 as application/problem+json");
        }

        tour.Step("Header limit: one 40 KB header, more than the proxy accepts in total");
        using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri("catalog/items", UriKind.Relative)))
        {
            catalog.ClearSeen();
            request.Headers.Add("X-Padding", new string('a', 40 * 1024));
            using var response = await client.SendAsync(request);
            tour.Client(response);
            tour.Backend(catalog.LastSeen);
            tour.Check(response.StatusCode == HttpStatusCode.RequestHeaderFieldsTooLarge && catalog.LastSeen is null, "431, and the catalog never heard of it");
        }

        tour.Step("A slow backend: /orders/slow takes 10 s, the orders route allows 2 s");
        using (var response = await client.GetAsync(new Uri("orders/slow", UriKind.Relative)))
        {
            await ShowProblemAsync(tour, response);
            tour.Check(response.StatusCode == HttpStatusCode.GatewayTimeout && IsProblem(response), "504 as application/problem+json");
        }

        await tour.EventStreamAsync(client, new Uri(proxy, "catalog/events"));
        await tour.WebSocketEchoAsync(new Uri(proxy, "catalog/echo"));

        tour.Step("A backend that is down: the catalog is stopped");
        await catalog.StopAsync();
        using (var response = await client.GetAsync(new Uri("catalog/items", UriKind.Relative)))
        {
            await ShowProblemAsync(tour, response);
            tour.Check(response.StatusCode == HttpStatusCode.BadGateway && IsProblem(response), "502 as application/problem+json");
        }

        using (var response = await client.GetAsync(new Uri("healthz", UriKind.Relative)))
        {
            tour.Client(response);
            tour.Check(response.StatusCode == HttpStatusCode.OK, "the proxy itself is still up (GET /healthz)");
        }

        return tour.Finish();
    }

    private static void SideBySide(Tour tour, string left, string right, IEnumerable<(string Name, string? Left, string? Right)> rows)
    {
        tour.Note($"{"header",-20} {left,-28} {right}");
        foreach (var (name, l, r) in rows)
        {
            tour.Note($"{name,-20} {l ?? "(absent)",-28} {r ?? "(absent)"}");
        }
    }

    private static string? HeaderOf(HttpRequestMessage request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    private static bool IsProblem(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType == "application/problem+json";

    private static async Task ShowProblemAsync(Tour tour, HttpResponseMessage response)
    {
        tour.Client(response, "Content-Type");
        var body = await response.Content.ReadAsStringAsync();
        if (IsProblem(response))
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            tour.Note($"  title: {Text(root, "title")}; detail: {Text(root, "detail")}");
        }
    }

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.ToString() : "(none)";

    /// <summary>Sends a request carrying forged forwarding headers and prints them beside what the catalog received.</summary>
    private static async Task<SeenRequest?> SendForgedAsync(HttpClient client, Tour tour, DemoBackend catalog, string path, params (string Name, string Value)[] forged)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        foreach (var (name, value) in forged)
        {
            request.Headers.Add(name, value);
        }

        using var response = await client.SendAsync(request);
        var seen = catalog.LastSeen;
        SideBySide(tour, "client sent", "catalog received", ForwardingHeaders.Select(h => (h, HeaderOf(request, h), seen?.Header(h))));
        return seen;
    }
}
