namespace Samples.Tests.ReverseProxy;

/// <summary>A request body whose length is not known up front, so HttpClient has to send it chunked.</summary>
internal sealed class UnsizedContent(byte[] data) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(data).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
