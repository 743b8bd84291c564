using KerasClassifier.Benchmarks;
using KerasClassifier.Keras.Backend;

// Benchmarks of the library's training loop, prediction, memory and input pipeline; see
// docs/benchmarks.md. Each result is one JSON line on stdout (and appended to --out).
BenchmarkSettings settings;
try
{
    settings = BenchmarkSettings.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    Console.Error.WriteLine(BenchmarkSettings.Usage);
    return 2;
}

KerasBackend.KeepFreedHostMemory = settings.KeepFreedHostMemory;
KerasBackend.SetDevice(DeviceKind.Cpu);
KerasBackend.Threads = settings.Threads;
var writer = new ResultWriter(settings.Output);
switch (settings.Mode)
{
    case "throughput":
        ThroughputBenchmark.Run(settings, writer);
        break;
    case "tuning":
        TuningBenchmark.Run(settings, writer);
        break;
    case "profile":
        ProfileTarget.Run(settings, writer);
        break;
    case "memory":
        MemoryBenchmark.Run(settings, writer);
        break;
    default:
        return PipelineThroughput.Run(settings, writer);
}

return 0;
