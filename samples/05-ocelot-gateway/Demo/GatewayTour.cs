using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Samples.Scaffolding;

namespace Samples.OcelotGateway.Demo;

/// <summary>The tour's routing, load-balancing, auth and header steps, against the sample's own ocelot.json.</summary>
public static class GatewayTour
{
    public static async Task RunCoreStepsAsync(Tour tour, HttpClient client, DemoServices services)
    {
        tour.Step("Placeholders: the last one catches the rest of the path", "Routes[0] maps /catalog/{everything} to /api/catalog/{everything}.");
        services.ClearSeen();
        var response = await client.GetAsync(new Uri("/catalog/books/42?lang=en", UriKind.Relative));
        tour.Client(response);
        var seen = services.All.Select(b => b.LastSeen).FirstOrDefault(s => s is not null);
        tour.Backend(seen, "X-Request-Id");
        tour.Check(response.StatusCode == HttpStatusCode.OK && seen?.PathAndQuery == "/api/catalog/books/42?lang=en", "the downstream received /api/catalog/books/42?lang=en");

        tour.Step("Priority between overlapping templates", "/catalog/special matches Routes[0] and Routes[1]; Routes[1] has Priority 2.");
        services.ClearSeen();
        response = await client.GetAsync(new Uri("/catalog/special", UriKind.Relative));
        tour.Client(response);
        tour.Backend(services.Accounts.LastSeen);
        tour.Check(services.Accounts.LastSeen?.PathAndQuery == "/api/special", "the higher priority route answered");

        tour.Step("RoundRobin across two downstreams", $"Four requests to Routes[0], which lists two downstreams (here ports {services.Orders1.Port} and {services.Orders2.Port}).");
        services.ClearSeen();
        for (var i = 0; i < 4; i++)
        {
            (await client.GetAsync(new Uri($"/catalog/item/{i}", UriKind.Relative))).Dispose();
        }

        tour.Note($"orders-1 saw {services.Orders1.Seen.Count}, orders-2 saw {services.Orders2.Seen.Count}");
        tour.Check(services.Orders1.Seen.Count == 2 && services.Orders2.Seen.Count == 2, "each downstream answered two");

        tour.Step("Method and path that match nothing: 404", "Routes[2] takes GET /users/{id} only.");
        response = await client.PostAsync(new Uri("/users/7", UriKind.Relative), null);
        tour.Client(response);
        var nowhere = await client.GetAsync(new Uri("/nowhere", UriKind.Relative));
        tour.Client(nowhere);
        tour.Check(response.StatusCode == HttpStatusCode.NotFound && nowhere.StatusCode == HttpStatusCode.NotFound, "POST /users/7 and GET /nowhere are 404");

        tour.Step("Authentication: no token, 401", "Routes[3] lists the Bearer provider.");
        services.ClearSeen();
        response = await client.GetAsync(new Uri("/account/profile", UriKind.Relative));
        tour.Client(response, "WWW-Authenticate");
        tour.Backend(services.Accounts.LastSeen);
        tour.Check(response.StatusCode == HttpStatusCode.Unauthorized && services.Accounts.LastSeen is null, "401, and the downstream was never called");

        tour.Step("A token from the demo endpoint, claims as headers", "POST /demo/token, then the same request with Authorization: Bearer ...; X-User is the token's sub, whatever the client sent.");
        var alice = await TokenAsync(client, "alice", "user");
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/account/profile"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", alice);
            request.Headers.Add("X-User", "mallory");
            response = await client.SendAsync(request);
        }

        tour.Client(response);
        tour.Backend(services.Accounts.LastSeen, "X-User", "X-Role");
        tour.Check(response.StatusCode == HttpStatusCode.OK && services.Accounts.LastSeen?.Header("X-User") == "alice", "the downstream saw X-User: alice");

        tour.Step("Claims requirement: role admin, 403 without it", "Routes[4] needs role=admin.");
        services.ClearSeen();
        var asAlice = await SendWithToken(client, "/reports/sales", alice);
        tour.Client(asAlice);
        var asBob = await SendWithToken(client, "/reports/sales", await TokenAsync(client, "bob", "admin"));
        tour.Client(asBob);
        tour.Check(asAlice.StatusCode == HttpStatusCode.Forbidden && asBob.StatusCode == HttpStatusCode.OK, "alice (user) 403, bob (admin) 200");

        tour.Step("CookieStickySessions: the application's cookie pins a downstream", "Routes[5]; three requests with cart-session=abc, one without.");
        services.ClearSeen();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/cart/items/{i}");
            request.Headers.Add("Cookie", "cart-session=abc");
            (await client.SendAsync(request)).Dispose();
        }

        var pinned = services.All.Where(b => b.Seen.Count > 0).Select(b => b.Name).ToList();
        tour.Note($"answered by: {string.Join(", ", pinned)}");
        tour.Check(pinned.Count == 1 && services.All.Sum(b => b.Seen.Count) == 3, "all three went to the same downstream");

        tour.Step("Header transforms, both ways", "Routes[6]: X-Forwarded-For set to the client's address, X-Env 'staging' replaced by 'production'; the downstream's Location rewritten to the gateway's BaseUrl.");
        services.ClearSeen();
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/headers/redirect"))
        {
            request.Headers.Add("X-Env", "staging");
            response = await client.SendAsync(request);
        }

        tour.Client(response, "Location", "X-Gateway");
        tour.Backend(services.Accounts.LastSeen, "X-Forwarded-For", "X-Env");
        tour.Check(
            services.Accounts.LastSeen?.Header("X-Env") == "production"
                && response.Headers.Location is { } location && !location.ToString().Contains($":{services.Accounts.Port}", StringComparison.Ordinal),
            "the downstream saw X-Env: production, the client saw Location on the gateway");

        tour.Step("Request id: propagated, or created", "GlobalConfiguration.RequestIdKey is X-Request-Id.");
        services.ClearSeen();
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/users/1"))
        {
            request.Headers.Add("X-Request-Id", "tour-42");
            (await client.SendAsync(request)).Dispose();
        }

        var propagated = services.All.Select(b => b.LastSeen?.Header("X-Request-Id")).FirstOrDefault(v => v is not null);
        services.ClearSeen();
        (await client.GetAsync(new Uri("/users/2", UriKind.Relative))).Dispose();
        var created = services.All.Select(b => b.LastSeen?.Header("X-Request-Id")).FirstOrDefault(v => v is not null);
        tour.Note($"sent tour-42, downstream saw {propagated}; sent none, downstream saw {created}");
        tour.Check(propagated == "tour-42" && !string.IsNullOrEmpty(created), "the id flows through, and one is made when missing");

        await tour.EventStreamAsync(client, new Uri(client.BaseAddress!, "/catalog/events"));
        await tour.WebSocketEchoAsync(new Uri(client.BaseAddress!, "/catalog/echo"));

        tour.Step("Downstream unreachable: 502", "Routes[7] points at a port where nothing listens.");
        response = await client.GetAsync(new Uri("/offline/anything", UriKind.Relative));
        tour.Client(response);
        tour.Check(response.StatusCode == HttpStatusCode.BadGateway, "502 Bad Gateway");
    }

    private static async Task<string> TokenAsync(HttpClient client, string user, string role)
    {
        using var response = await client.PostAsJsonAsync(new Uri("/demo/token", UriKind.Relative), new DemoTokenRequest(user, role), DemoJson.Default.DemoTokenRequest);
        var body = await response.Content.ReadFromJsonAsync(DemoJson.Default.TokenAnswer);
        return body?.AccessToken ?? string.Empty;
    }

    private static async Task<HttpResponseMessage> SendWithToken(HttpClient client, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }
}
