using Samples.Bench;

// Two jobs in one program: "serve-yarp" runs the bare YARP proxy that every
// sample is compared with; anything else runs the benchmark itself.
if (args.Length > 0 && args[0] == "serve-yarp")
{
    await BareYarp.RunAsync(args[1..]);
    return 0;
}

var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: bench/run [--smoke] [--aot] [--rounds N] [--seconds S] [--connections C] [--only NAME[,NAME]] [--sample-arg ARG]... [--sample-env NAME=VALUE]...");
    return 2;
}

return await BenchRunner.RunAsync(options);
