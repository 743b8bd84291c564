using System.Diagnostics;
using KerasClassifier.Build;

namespace KerasClassifier.Cli.Tests;

/// <summary>
/// Runs the trainer in a child process from a copy of the build output that holds TorchSharp's
/// unpatched libLibTorchSharp.so, as an application built outside this repository would.
/// </summary>
public class NativePreloadTests
{
    // Larger files (libtorch) are linked rather than copied; the loader resolves their $ORIGIN either way.
    private const long LinkThreshold = 8 << 20;

    [Fact]
    public void Fit_RunsWithUnpatchedLibrary()
    {
        using var folder = new TestFolder();
        for (var i = 0; i < 4; i++)
        {
            folder.WriteImage($"train/alpha/{i}.png", 0, i);
            folder.WriteImage($"train/beta/{i}.png", 1, i);
        }

        string app = folder.Combine("app");
        CopyOutput(AppContext.BaseDirectory, app);
        string wrapper = Path.Combine(app, "runtimes", "linux-x64", "native", ElfSymbolVersionPatch.LibraryFileName);
        File.Copy(PackageLibraryPath(), wrapper, overwrite: true);
        string cache = folder.Combine("cache");

        var (exitCode, output) = RunChild(
            app,
            cache,
            "fit", "--data", folder.Combine("train"), "--image-size", "16", "--epochs", "1", "--batch-size", "4", "--output", folder.Combine("out"));

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{output}");
        Assert.Contains("Training Epoch: 1", output);
        Assert.NotEqual(ElfPatchOutcome.AlreadyPatched, ElfSymbolVersionPatch.Inspect(wrapper));
        Assert.False(Directory.Exists(Path.Combine(app, "cpu")), "TorchSharp fell back to copying libtorch into cpu/.");
        string[] copies = Directory.Exists(cache) ? Directory.GetFiles(cache, ElfSymbolVersionPatch.LibraryFileName, SearchOption.AllDirectories) : [];
        if (ElfSymbolVersionPatch.SystemNeedsPatch())
        {
            string copy = Assert.Single(copies);
            Assert.Equal(ElfPatchOutcome.AlreadyPatched, ElfSymbolVersionPatch.Inspect(copy));
        }
        else
        {
            Assert.Empty(copies);
        }
    }

    private static void CopyOutput(string source, string destination)
    {
        foreach (string directory in Directory.GetDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(destination, Path.GetRelativePath(source, directory)));
        }

        Directory.CreateDirectory(destination);
        foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(destination, Path.GetRelativePath(source, file));
            if (new FileInfo(file).Length > LinkThreshold)
            {
                File.CreateSymbolicLink(target, file);
            }
            else
            {
                File.Copy(file, target);
            }
        }
    }

    private static (int ExitCode, string Output) RunChild(string app, string cache, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(app, "kerasclassifier.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["XDG_CACHE_HOME"] = cache;

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out after 3 minutes\n" + stdout + stderr.Result);
        }

        return (process.ExitCode, stdout + stderr.Result);
    }

    private static string PackageLibraryPath()
    {
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string path = Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", ElfSymbolVersionPatch.LibraryFileName);
        Assert.True(File.Exists(path), $"{path} not found; run dotnet restore so that the TorchSharp 0.107.0 package is in the NuGet package folder.");
        return path;
    }
}
