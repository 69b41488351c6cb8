using Yarp.ReverseProxy.Forwarder;

namespace Samples.Scaffolding.Admin.RequestView;

/// <summary>
/// What is known of one request while it is in flight, kept as a feature on its
/// HttpContext: the recorder fills in the client's side, the forwarder the
/// backend's. Only the request's own flow touches it, so it needs no lock.
/// </summary>
public sealed class RequestRecord(DateTimeOffset time, long started, List<HeaderField> clientHeaders)
{
    public DateTimeOffset Time { get; } = time;

    /// <summary>Stopwatch timestamp at the start, for the duration.</summary>
    public long Started { get; } = started;

    /// <summary>The request headers as the client sent them, copied before any stage could change them.</summary>
    public List<HeaderField> ClientHeaders { get; } = clientHeaders;

    /// <summary>The request headers as the backend received them; null while nothing was forwarded.</summary>
    public List<HeaderField>? BackendHeaders { get; set; }

    /// <summary>The backend's address for this request (scheme, host, port, path and query).</summary>
    public Uri? BackendUri { get; set; }

    /// <summary>The backend's status code, when it answered.</summary>
    public int? BackendStatus { get; set; }

    /// <summary>How the forwarding ended (None when it went through).</summary>
    public ForwarderError? ForwarderError { get; set; }

    /// <summary>How many times the request was sent to a backend (more than one after a failover).</summary>
    public int Attempts { get; set; }

    /// <summary>Verdicts a sample states itself, where its answer alone does not tell (01: which filter rule matched).</summary>
    public List<RequestStep>? Notes { get; private set; }

    /// <summary>
    /// A sample's own verdict for one stage; it takes the place of what the view would read from the
    /// answer. Called as <c>context.Features.Get&lt;RequestRecord&gt;()?.Note(...)</c>: no cost when nothing records.
    /// </summary>
    public void Note(string stage, string verdict) => (Notes ??= []).Add(new RequestStep(stage, verdict));

    /// <summary>The verdict a sample noted for <paramref name="stage"/>, if any.</summary>
    public string? NoteFor(string stage) => Notes?.FindLast(n => n.Stage == stage)?.Verdict;
}
