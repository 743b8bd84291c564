using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using KerasClassifier.Build;
using TorchSharp;

namespace KerasClassifier.Keras.Backend;

/// <summary>
/// Loads libtorch and a patched copy of TorchSharp's libLibTorchSharp.so before TorchSharp's first
/// P/Invoke, where TorchSharp would otherwise load an unpatched copy that this system's libstdc++
/// rejects (it lacks GLIBCXX_3.4.32, as on Debian 12 and Ubuntu 22.04).
/// </summary>
/// <remarks>
/// <para>
/// The build patches the copies in this repository's output folders. The preload matters for
/// processes that take TorchSharp from elsewhere: a notebook kernel loads it from the NuGet package
/// folder, and an application built outside this repository has the unpatched copy in its output.
/// </para>
/// <para>
/// The patched copy is written to a per-user cache folder,
/// <c>$XDG_CACHE_HOME/kerasclassifier/native/HASH/</c> (<c>~/.cache</c> when XDG_CACHE_HOME is unset),
/// where HASH identifies the unpatched file's content. Package folders are only read. Once a library
/// with the soname libLibTorchSharp.so is loaded, the dynamic loader returns it when TorchSharp loads
/// that name, so TorchSharp's DllImports bind to the patched copy.
/// </para>
/// </remarks>
internal static class LibTorchSharpPreloader
{
    /// <summary>The assembly metadata key whose value is the libtorch package the library was built with.</summary>
    internal const string PackageIdKey = "KerasClassifier.LibTorchPackageId";

    /// <summary>The assembly metadata key whose value is that package's version.</summary>
    internal const string PackageVersionKey = "KerasClassifier.LibTorchPackageVersion";

    private const string MarkerLibrary = "libtorch_cpu.so";

    // libLibTorchSharp.so links against these three; each is listed after its own dependencies.
    private static readonly string[] LibTorchLibraries = ["libc10.so", "libtorch_cpu.so", "libtorch.so"];

    /// <summary>Preloads the native libraries when this process needs it; never throws for I/O or load failures.</summary>
    /// <returns>What was done, with a description for error messages.</returns>
    public static NativePreloadResult Run()
    {
        if (!ElfSymbolVersionPatch.SystemNeedsPatch())
        {
            return new NativePreloadResult(
                NativePreloadStatus.NotNeeded,
                $"The system libstdc++ defines {ElfSymbolVersionPatch.RequiredVersion} or this is not Linux, so TorchSharp loads its own {ElfSymbolVersionPatch.LibraryFileName}.");
        }

        string torchSharpDirectory = TorchSharpDirectory();
        string runtimeIdentifier = NativeRuntimeIdentifier();
        IReadOnlyList<string> wrapperDirectories = LibTorchSharpDirectories(
            torchSharpDirectory, AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") as string, runtimeIdentifier);
        IReadOnlyList<string> libTorchDirectories = LibTorchDirectories(
            wrapperDirectories, PackageRoots(torchSharpDirectory), BuiltWithPackage(), runtimeIdentifier);

        try
        {
            return Preload(wrapperDirectories, libTorchDirectories, DefaultCacheRoot());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or DllNotFoundException or BadImageFormatException)
        {
            return new NativePreloadResult(
                NativePreloadStatus.Failed,
                $"Failed to load a patched copy of {ElfSymbolVersionPatch.LibraryFileName} for this system's libstdc++, which lacks {ElfSymbolVersionPatch.RequiredVersion}: {ex.Message}");
        }
    }

    /// <summary>Finds the library TorchSharp would load and, when it is unpatched, loads libtorch and a patched copy.</summary>
    /// <param name="wrapperDirectories">Folders searched for libLibTorchSharp.so, in TorchSharp's probing order.</param>
    /// <param name="libTorchDirectories">Folders searched for libtorch's libraries, first match wins.</param>
    /// <param name="cacheRoot">The folder of patched copies, one subfolder per source content hash.</param>
    /// <returns>What was done.</returns>
    /// <exception cref="IOException">The cache folder could not be written.</exception>
    /// <exception cref="InvalidDataException">The library is not the ELF file the patch expects.</exception>
    /// <exception cref="DllNotFoundException">A library failed to load; the message contains the loader's error.</exception>
    internal static NativePreloadResult Preload(IReadOnlyList<string> wrapperDirectories, IReadOnlyList<string> libTorchDirectories, string cacheRoot)
    {
        string? wrapper = FindFile(wrapperDirectories, ElfSymbolVersionPatch.LibraryFileName);
        if (wrapper is null)
        {
            return new NativePreloadResult(
                NativePreloadStatus.Failed,
                $"{ElfSymbolVersionPatch.LibraryFileName} was not found in {string.Join(", ", wrapperDirectories)}; reference the TorchSharp package.");
        }

        if (ElfSymbolVersionPatch.Inspect(wrapper) != ElfPatchOutcome.Patched)
        {
            return new NativePreloadResult(NativePreloadStatus.NotNeeded, $"{wrapper} is already patched, so TorchSharp loads it as it is.");
        }

        string? libTorchDirectory = libTorchDirectories.FirstOrDefault(d => File.Exists(Path.Combine(d, MarkerLibrary)));
        if (libTorchDirectory is null)
        {
            return new NativePreloadResult(
                NativePreloadStatus.Failed,
                $"{MarkerLibrary} was not found in {string.Join(", ", libTorchDirectories)}; reference the libtorch package for this platform (for example libtorch-cpu-linux-x64).");
        }

        string copy = PreparePatchedCopy(wrapper, cacheRoot);
        foreach (string library in LibTorchLibraries)
        {
            NativeLibrary.Load(Path.Combine(libTorchDirectory, library));
        }

        NativeLibrary.Load(copy);
        return new NativePreloadResult(
            NativePreloadStatus.Loaded, $"Loaded {copy}, a patched copy of {wrapper}, with libtorch from {libTorchDirectory}.");
    }

    /// <summary>Returns a patched copy of <paramref name="source"/> in the cache, reusing a valid earlier copy.</summary>
    /// <param name="source">The unpatched library; only read.</param>
    /// <param name="cacheRoot">The cache folder.</param>
    /// <returns>The copy's path, <c>cacheRoot/HASH/libLibTorchSharp.so</c>.</returns>
    internal static string PreparePatchedCopy(string source, string cacheRoot)
    {
        byte[] content = File.ReadAllBytes(source);
        string hash = Convert.ToHexStringLower(SHA256.HashData(content))[..16];
        string directory = Path.Combine(cacheRoot, hash);
        string copy = Path.Combine(directory, ElfSymbolVersionPatch.LibraryFileName);
        if (IsPatchedCopy(copy, content.Length))
        {
            return copy;
        }

        // PatchCopy replaces an invalid earlier copy by renaming a complete file over it, so a
        // concurrent process sees either the old file or the new one.
        return ElfSymbolVersionPatch.PatchCopy(source, directory, out _);
    }

    /// <summary>Lists the folders TorchSharp's load of libLibTorchSharp.so searches, in order.</summary>
    /// <param name="torchSharpDirectory">The folder of TorchSharp.dll.</param>
    /// <param name="nativeSearchDirectories">The host's NATIVE_DLL_SEARCH_DIRECTORIES, separated by <see cref="Path.PathSeparator"/>; null when unset.</param>
    /// <param name="runtimeIdentifier">The native runtime identifier, e.g. <c>linux-x64</c>.</param>
    /// <returns>The folders, without duplicates.</returns>
    internal static IReadOnlyList<string> LibTorchSharpDirectories(string torchSharpDirectory, string? nativeSearchDirectories, string runtimeIdentifier)
    {
        var directories = new List<string>();

        // An application's deps.json lists its native folders here; the .NET host searches them first.
        directories.AddRange((nativeSearchDirectories ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));

        directories.Add(torchSharpDirectory);
        directories.Add(Path.Combine(torchSharpDirectory, "runtimes", runtimeIdentifier, "native"));

        // In a NuGet package folder TorchSharp.dll sits in lib/<framework>/, beside runtimes/.
        directories.Add(Path.Combine(torchSharpDirectory, "..", "..", "runtimes", runtimeIdentifier, "native"));

        return directories.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Lists the folders searched for libtorch's libraries: the wrapper's folders, then the libtorch package in each package root.</summary>
    /// <param name="wrapperDirectories">The folders searched for libLibTorchSharp.so; an application output contains libtorch beside it.</param>
    /// <param name="packageRoots">NuGet package folders.</param>
    /// <param name="package">The libtorch package id and version the library was built with; null when unknown.</param>
    /// <param name="runtimeIdentifier">The native runtime identifier, e.g. <c>linux-x64</c>.</param>
    /// <returns>The folders, without duplicates.</returns>
    internal static IReadOnlyList<string> LibTorchDirectories(
        IReadOnlyList<string> wrapperDirectories, IReadOnlyList<string> packageRoots, (string Id, string Version)? package, string runtimeIdentifier)
    {
        var directories = new List<string>(wrapperDirectories);

        // NOTE: the CUDA packages spread libtorch over several part packages, which this search does
        // not cover, so a notebook that loads a CUDA build from a package folder is untested.
        if (package is { } built)
        {
            // NuGet package folders name packages by lower-case id.
            directories.AddRange(packageRoots.Select(root =>
                Path.Combine(root, built.Id.ToLowerInvariant(), built.Version, "runtimes", runtimeIdentifier, "native")));
        }

        return directories.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Lists the NuGet package folders: the one TorchSharp.dll was loaded from, NUGET_PACKAGES, then ~/.nuget/packages.</summary>
    /// <param name="torchSharpDirectory">The folder of TorchSharp.dll.</param>
    /// <returns>The folders, without duplicates; some may not exist.</returns>
    internal static IReadOnlyList<string> PackageRoots(string torchSharpDirectory)
    {
        var roots = new List<string>();

        // In a package folder TorchSharp.dll is ROOT/torchsharp/VERSION/lib/FRAMEWORK/TorchSharp.dll.
        var versionDirectory = Directory.GetParent(torchSharpDirectory)?.Parent;
        if (versionDirectory?.Parent is { Name: "torchsharp" } packageDirectory && packageDirectory.Parent is { } root)
        {
            roots.Add(root.FullName);
        }

        string? configured = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (!string.IsNullOrEmpty(configured))
        {
            roots.Add(configured);
        }

        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (!string.IsNullOrEmpty(home))
        {
            roots.Add(Path.Combine(home, ".nuget", "packages"));
        }

        return roots.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Returns the cache folder for patched copies: XDG_CACHE_HOME, else ~/.cache, else the temp folder, then <c>kerasclassifier/native</c>.</summary>
    /// <returns>The folder; it may not exist yet.</returns>
    internal static string DefaultCacheRoot()
    {
        string? configured = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string cache = !string.IsNullOrEmpty(configured) && Path.IsPathRooted(configured) ? configured
            : !string.IsNullOrEmpty(home) ? Path.Combine(home, ".cache")
            : Path.GetTempPath();
        return Path.Combine(cache, "kerasclassifier", "native");
    }

    private static bool IsPatchedCopy(string path, long expectedLength)
    {
        if (!File.Exists(path) || new FileInfo(path).Length != expectedLength)
        {
            return false;
        }

        try
        {
            return ElfSymbolVersionPatch.Inspect(path) == ElfPatchOutcome.AlreadyPatched;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static string? FindFile(IEnumerable<string> directories, string fileName) =>
        directories.Select(d => Path.Combine(d, fileName)).FirstOrDefault(File.Exists);

    // typeof does not run TorchSharp's static constructor, which is what loads the native libraries.
    private static string TorchSharpDirectory()
    {
        string location = typeof(torch).Assembly.Location;
        return string.IsNullOrEmpty(location) ? AppContext.BaseDirectory : Path.GetDirectoryName(location)!;
    }

    private static string NativeRuntimeIdentifier() =>
        "linux-" + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();

    private static (string Id, string Version)? BuiltWithPackage()
    {
        var metadata = typeof(LibTorchSharpPreloader).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToArray();
        string? id = metadata.FirstOrDefault(m => m.Key == PackageIdKey)?.Value;
        string? version = metadata.FirstOrDefault(m => m.Key == PackageVersionKey)?.Value;
        return string.IsNullOrEmpty(id) || string.IsNullOrEmpty(version) ? null : (id, version);
    }
}
