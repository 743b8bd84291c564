using System.Security.Cryptography;
using KerasClassifier.Build;
using KerasClassifier.Keras.Backend;
using KerasClassifier.Keras.Tests.Testing;

namespace KerasClassifier.Keras.Tests.Backend;

/// <summary>
/// Tests of the search and cache steps of the native preload. Loading itself needs a process that
/// has not loaded TorchSharp yet, so the CLI tests cover it in a child process.
/// </summary>
public sealed class LibTorchSharpPreloaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void PatchedCopy_IsPatchedInHashFolder()
    {
        string source = PackageLibraryPath();
        string before = Sha256(source);
        string cache = Path.Combine(_temp.Path, "cache");

        string copy = LibTorchSharpPreloader.PreparePatchedCopy(source, cache);

        Assert.Equal(cache, Path.GetDirectoryName(Path.GetDirectoryName(copy)));
        Assert.Equal(before[..16].ToLowerInvariant(), Path.GetFileName(Path.GetDirectoryName(copy)));
        Assert.Equal(ElfSymbolVersionPatch.LibraryFileName, Path.GetFileName(copy));
        Assert.Equal(ElfPatchOutcome.AlreadyPatched, ElfSymbolVersionPatch.Inspect(copy));
        Assert.Equal(before, Sha256(source));
    }

    [Fact]
    public void PatchedCopy_ReusesValidCopy()
    {
        string source = PackageLibraryPath();
        string cache = Path.Combine(_temp.Path, "cache");
        string first = LibTorchSharpPreloader.PreparePatchedCopy(source, cache);
        var marker = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(first, marker);

        string second = LibTorchSharpPreloader.PreparePatchedCopy(source, cache);

        Assert.Equal(first, second);
        Assert.Equal(marker, File.GetLastWriteTimeUtc(second));
    }

    [Fact]
    public void PatchedCopy_ReplacesTruncatedCopy()
    {
        string source = PackageLibraryPath();
        string cache = Path.Combine(_temp.Path, "cache");
        string copy = LibTorchSharpPreloader.PreparePatchedCopy(source, cache);
        File.WriteAllBytes(copy, File.ReadAllBytes(copy)[..4096]);

        string again = LibTorchSharpPreloader.PreparePatchedCopy(source, cache);

        Assert.Equal(copy, again);
        Assert.Equal(new FileInfo(source).Length, new FileInfo(again).Length);
        Assert.Equal(ElfPatchOutcome.AlreadyPatched, ElfSymbolVersionPatch.Inspect(again));
    }

    [Fact]
    public void PatchedCopy_ReplacesUnpatchedCopy()
    {
        string source = PackageLibraryPath();
        string cache = Path.Combine(_temp.Path, "cache");
        string copy = LibTorchSharpPreloader.PreparePatchedCopy(source, cache);
        File.Copy(source, copy, overwrite: true);

        LibTorchSharpPreloader.PreparePatchedCopy(source, cache);

        Assert.Equal(ElfPatchOutcome.AlreadyPatched, ElfSymbolVersionPatch.Inspect(copy));
    }

    [Fact]
    public void Preload_PatchedLibraryNotNeeded()
    {
        string cache = Path.Combine(_temp.Path, "cache");
        string output = Path.Combine(_temp.Path, "output");
        ElfSymbolVersionPatch.PatchCopy(PackageLibraryPath(), output, out _);

        var result = LibTorchSharpPreloader.Preload([output], [output], cache);

        Assert.Equal(NativePreloadStatus.NotNeeded, result.Status);
        Assert.Contains(output, result.Description);
        Assert.False(Directory.Exists(cache));
    }

    [Fact]
    public void Preload_MissingLibraryFails()
    {
        string empty = Directory.CreateDirectory(Path.Combine(_temp.Path, "empty")).FullName;

        var result = LibTorchSharpPreloader.Preload([empty], [empty], Path.Combine(_temp.Path, "cache"));

        Assert.Equal(NativePreloadStatus.Failed, result.Status);
        Assert.Contains(ElfSymbolVersionPatch.LibraryFileName, result.Description);
        Assert.Contains(empty, result.Description);
    }

    [Fact]
    public void Preload_MissingLibTorchFails()
    {
        string cache = Path.Combine(_temp.Path, "cache");
        string wrapperFolder = Directory.CreateDirectory(Path.Combine(_temp.Path, "wrapper")).FullName;
        File.Copy(PackageLibraryPath(), Path.Combine(wrapperFolder, ElfSymbolVersionPatch.LibraryFileName));

        var result = LibTorchSharpPreloader.Preload([wrapperFolder], [wrapperFolder], cache);

        Assert.Equal(NativePreloadStatus.Failed, result.Status);
        Assert.Contains("libtorch_cpu.so", result.Description);
        Assert.Contains(wrapperFolder, result.Description);
    }

    [Fact]
    public void WrapperFolders_CoverPackageLayout()
    {
        string torchSharp = Path.Combine(_temp.Path, "packages", "torchsharp", "0.107.0", "lib", "net8.0");
        string host = Path.Combine(_temp.Path, "app");

        var folders = LibTorchSharpPreloader.LibTorchSharpDirectories(torchSharp, host + Path.PathSeparator, "linux-x64");

        Assert.Equal(
            [
                host,
                torchSharp,
                Path.Combine(torchSharp, "runtimes", "linux-x64", "native"),
                Path.Combine(_temp.Path, "packages", "torchsharp", "0.107.0", "runtimes", "linux-x64", "native"),
            ],
            folders);
    }

    [Fact]
    public void PackageRoots_StartWithTorchSharpRoot()
    {
        string torchSharp = Path.Combine(_temp.Path, "packages", "torchsharp", "0.107.0", "lib", "net8.0");

        var roots = LibTorchSharpPreloader.PackageRoots(torchSharp);

        Assert.Equal(Path.Combine(_temp.Path, "packages"), roots[0]);
    }

    [Fact]
    public void PackageRoots_SkipOtherLayouts()
    {
        string output = Path.Combine(_temp.Path, "bin", "Release", "net10.0");

        var roots = LibTorchSharpPreloader.PackageRoots(output);

        Assert.DoesNotContain(roots, root => root.StartsWith(_temp.Path, StringComparison.Ordinal));
    }

    [Fact]
    public void LibTorchFolders_UseLowerCasePackageId()
    {
        string output = Path.Combine(_temp.Path, "output");
        string root = Path.Combine(_temp.Path, "packages");

        var folders = LibTorchSharpPreloader.LibTorchDirectories([output], [root], ("libtorch-CPU-linux-x64", "2.10.0"), "linux-x64");

        Assert.Equal([output, Path.Combine(root, "libtorch-cpu-linux-x64", "2.10.0", "runtimes", "linux-x64", "native")], folders);
    }

    [Fact]
    public void LibTorchFolders_WithoutPackageUseWrapperFolders()
    {
        string output = Path.Combine(_temp.Path, "output");

        var folders = LibTorchSharpPreloader.LibTorchDirectories([output], [Path.Combine(_temp.Path, "packages")], null, "linux-x64");

        Assert.Equal([output], folders);
    }

    [Fact]
    public void Assembly_NamesLibTorchPackage()
    {
        var metadata = typeof(KerasBackend).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .ToDictionary(m => m.Key, m => m.Value);

        Assert.StartsWith("libtorch-", metadata[LibTorchSharpPreloader.PackageIdKey]);
        Assert.Matches(@"^\d+\.\d+\.\d+", metadata[LibTorchSharpPreloader.PackageVersionKey]);
    }

    [Fact]
    public void CacheRoot_EndsWithLibraryFolder()
    {
        string root = LibTorchSharpPreloader.DefaultCacheRoot();

        Assert.True(Path.IsPathRooted(root), root);
        Assert.EndsWith(Path.Combine("kerasclassifier", "native"), root);
    }

    private static string PackageLibraryPath()
    {
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string path = Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", ElfSymbolVersionPatch.LibraryFileName);
        Assert.True(File.Exists(path), $"{path} not found; run dotnet restore so that the TorchSharp 0.107.0 package is in the NuGet package folder.");
        return path;
    }

    private static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
