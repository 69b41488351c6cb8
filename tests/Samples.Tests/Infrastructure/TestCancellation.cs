namespace Samples.Tests.Infrastructure;

/// <summary>
/// The running test's cancellation token, as <c>Ct</c> in every test file (a
/// global static using in the project file): xunit.v3 cancels it when a test
/// times out or the run is stopped, and its analyzer asks for it on every call.
/// </summary>
public static class TestCancellation
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;
}
