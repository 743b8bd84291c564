using System.Globalization;

namespace KerasClassifier.Benchmarks;

/// <summary>The command line of one benchmark process: a mode and its options.</summary>
internal sealed class BenchmarkSettings
{
    /// <summary>The modes, as the first argument names them.</summary>
    public static readonly string[] Modes = ["throughput", "tuning", "memory", "pipeline", "profile"];

    /// <summary>Gets the mode: <c>throughput</c>, <c>tuning</c>, <c>memory</c>, <c>pipeline</c> or <c>profile</c>.</summary>
    public string Mode { get; private init; } = "throughput";

    /// <summary>Gets the workload name, <c>w1</c> or <c>w2</c>.</summary>
    public string Workload { get; private init; } = "w1";

    /// <summary>Gets the libtorch intra-op thread count.</summary>
    public int Threads { get; private init; } = 1;

    /// <summary>Gets the number of measured rounds per contender.</summary>
    public int Rounds { get; private init; } = 3;

    /// <summary>Gets the training steps per round (one epoch of that many batches).</summary>
    public int Steps { get; private init; } = 12;

    /// <summary>Gets the untimed warm-up steps per contender.</summary>
    public int WarmupSteps { get; private init; } = 3;

    /// <summary>Gets the epochs of the memory run.</summary>
    public int Epochs { get; private init; } = 30;

    /// <summary>Gets the seed of the synthetic data and the weights.</summary>
    public int Seed { get; private init; } = 1234;

    /// <summary>Gets a value indicating whether the C heap keeps freed memory (the library's default) or returns it to the operating system.</summary>
    public bool KeepFreedHostMemory { get; private init; } = true;

    /// <summary>Gets the phase that the profile mode runs, <c>fit</c> or <c>predict</c>.</summary>
    public string Phase { get; private init; } = "fit";

    /// <summary>Gets the contender that the profile mode runs alone.</summary>
    public string Contender { get; private init; } = "keras";

    /// <summary>Gets the JSON-lines file that results are appended to; null writes them to stdout only.</summary>
    public string? Output { get; private init; }

    /// <summary>Gets the image folder (one subfolder per class) that the pipeline mode decodes.</summary>
    public string? DataFolder { get; private init; }

    /// <summary>Gets the usage text.</summary>
    public static string Usage =>
        """
        usage: TrainingBenchmark <mode> [options]
          modes:
            throughput  Fit and Predict against a hand-written TorchSharp loop, interleaved
            tuning      the effect of single settings, measured on the hand-written loop
            memory      working set and tensor counts across --epochs epochs of Fit
            pipeline    decode + resize + augment as fit runs it, 128 and 224 px, 1 and 2 workers, beside
                        SmallCnn training; Fit fed from files; a cached second epoch (ignores --workload)
            profile     one contender's training alone, --rounds epochs, for a sampling profiler
          options:
            --workload w1|w2   w1: SmallCnn 64x64 batch 32; w2: ResNet18 128x128 batch 16 (default w1)
            --threads N        libtorch intra-op threads (default 1)
            --rounds N         measured rounds per contender (default 3)
            --steps N          batches per round (default 12)
            --warmup N         untimed warm-up batches per contender (default 3)
            --epochs N         epochs of the memory run (default 30)
            --seed N           seed of the synthetic data and initial weights (default 1234)
            --data DIR         image folder for the pipeline mode (default: the Grocery training split)
            --contender NAME   profile mode: keras, torchsharp or torchsharp_channels_last
            --phase fit|predict  profile mode: the phase to run (default fit)
            --host-memory keep|release  keep freed C-heap memory for reuse (the library's default) or leave glibc's malloc settings alone
            --out FILE         append JSON lines to FILE as well as printing them
        """;

    /// <summary>Parses the command line.</summary>
    /// <param name="args">The arguments after the program name.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="ArgumentException">An argument is unknown, missing its value or out of range.</exception>
    public static BenchmarkSettings Parse(string[] args)
    {
        if (args.Length == 0 || !Modes.Contains(args[0]))
        {
            throw new ArgumentException($"Invalid mode '{(args.Length == 0 ? string.Empty : args[0])}'; expected one of {string.Join(", ", Modes)}.", nameof(args));
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Invalid argument '{args[i]}'; expected --name value pairs after the mode.", nameof(args));
            }

            values[args[i][2..]] = args[i + 1];
        }

        var known = new[] { "workload", "threads", "rounds", "steps", "warmup", "epochs", "seed", "data", "out", "contender", "phase", "host-memory" };
        var unknown = values.Keys.FirstOrDefault(k => !known.Contains(k));
        if (unknown is not null)
        {
            throw new ArgumentException($"Unknown option '--{unknown}'; expected one of {string.Join(", ", known.Select(k => "--" + k))}.", nameof(args));
        }

        var workload = values.GetValueOrDefault("workload", "w1");
        if (workload is not ("w1" or "w2"))
        {
            throw new ArgumentException($"Invalid --workload '{workload}'; expected w1 or w2.", nameof(args));
        }

        var contender = values.GetValueOrDefault("contender", "keras");
        if (!ProfileTarget.Contenders.Contains(contender))
        {
            throw new ArgumentException($"Invalid --contender '{contender}'; expected one of {string.Join(", ", ProfileTarget.Contenders)}.", nameof(args));
        }

        var phase = values.GetValueOrDefault("phase", "fit");
        if (phase is not ("fit" or "predict"))
        {
            throw new ArgumentException($"Invalid --phase '{phase}'; expected fit or predict.", nameof(args));
        }

        var hostMemory = values.GetValueOrDefault("host-memory", "keep");
        if (hostMemory is not ("keep" or "release"))
        {
            throw new ArgumentException($"Invalid --host-memory '{hostMemory}'; expected keep or release.", nameof(args));
        }

        return new BenchmarkSettings
        {
            Mode = args[0],
            Workload = workload,
            Threads = PositiveInt(values, "threads", 1),
            Rounds = PositiveInt(values, "rounds", 3),
            Steps = PositiveInt(values, "steps", 12),
            WarmupSteps = PositiveInt(values, "warmup", 3),
            Epochs = PositiveInt(values, "epochs", 30),
            Seed = PositiveInt(values, "seed", 1234),
            Output = values.GetValueOrDefault("out"),
            DataFolder = values.GetValueOrDefault("data"),
            Contender = contender,
            Phase = phase,
            KeepFreedHostMemory = hostMemory == "keep",
        };
    }

    private static int PositiveInt(Dictionary<string, string> values, string name, int fallback)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw new ArgumentException($"Invalid --{name} '{text}'; expected a positive integer.", nameof(values));
        }

        return value;
    }
}
